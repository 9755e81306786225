// Package assets holds what Gem Rush draws with, embedded in the binary: the Go
// fonts (BSD licence, in fonts/). It does not import ebiten, so anything may use it.
package assets

import _ "embed"

// RegularTTF and BoldTTF are the Go Regular and Go Bold TrueType fonts.
var (
	//go:embed fonts/Go-Regular.ttf
	RegularTTF []byte
	//go:embed fonts/Go-Bold.ttf
	BoldTTF []byte
)
