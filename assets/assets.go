// Package assets holds what Gem Rush draws with, embedded in the binary. It does
// not import ebiten, so anything may use it.
//
// The Go fonts (BSD licence, fonts/LICENSE-Go-fonts) draw all the interface's own
// text. Player names and chat can hold any character, so fallback fonts draw what
// the Go fonts lack, tried in the order of Fallbacks:
//
//   - DejaVu Sans (Bitstream Vera licence, fonts/LICENSE-DejaVu): Latin, Greek and
//     Cyrillic beyond the Go fonts, Hebrew, Arabic, Armenian, Georgian, arrows,
//     maths, the common symbols (☃ ★ ✓ ❤) and the emoticons (😀).
//   - Noto Sans Symbols 2 (SIL OFL 1.1, fonts/LICENSE-Noto): the rest of the
//     symbol and pictograph blocks DejaVu misses (🎮 👍, chess, cards).
//   - Noto Sans Devanagari, Bengali and Thai (SIL OFL 1.1): those scripts, shaped.
//
// Together they add 1.9 MB. Text is laid out left to right: Hebrew and Arabic
// letters are drawn, but a right-to-left name reads reversed. Chinese, Japanese and Korean are left out: a Noto CJK
// font is 15 MB or more, and there is no subset of it to embed. Colour emoji are
// left out too: Noto Color Emoji is 11 MB of bitmaps; the emoji DejaVu and Noto
// Sans Symbols 2 lack (🔥) are drawn as boxes.
package assets

import _ "embed"

// RegularTTF and BoldTTF are the Go Regular and Go Bold TrueType fonts.
var (
	//go:embed fonts/Go-Regular.ttf
	RegularTTF []byte
	//go:embed fonts/Go-Bold.ttf
	BoldTTF []byte
)

var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/NotoSansSymbols2-Regular.ttf
	notoSymbols2 []byte
	//go:embed fonts/NotoSansDevanagari-Regular.ttf
	notoDevanagari []byte
	//go:embed fonts/NotoSansBengali-Regular.ttf
	notoBengali []byte
	//go:embed fonts/NotoSansThai-Regular.ttf
	notoThai []byte
)

// Fallbacks are the fonts that draw what the Go fonts lack, in the order to try
// them; each has one weight, so bold text falls back to regular.
var Fallbacks = [][]byte{dejaVuSans, notoSymbols2, notoDevanagari, notoBengali, notoThai}
