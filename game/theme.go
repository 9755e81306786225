package game

import (
	"bytes"
	"image/color"
	"log"

	"github.com/gemrush/gemrush/assets"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The logical screen. Ebitengine scales it to the window, keeping its shape.
const (
	screenW = 1280
	screenH = 720
	arenaX  = 20 // where the arena's top-left corner sits on the screen
	arenaY  = 60
	panelX  = 920 // the scoreboard and chat column
	panelW  = 340
)

// playerColours are the discs' colours, by the index the host assigns; chosen to be
// told apart at a glance, and by the screenshot test.
var playerColours = [sim.Colours]color.RGBA{
	{0xe6, 0x19, 0x4b, 0xff}, // red
	{0x3c, 0xb4, 0x4b, 0xff}, // green
	{0xff, 0xe1, 0x19, 0xff}, // yellow
	{0x43, 0x63, 0xd8, 0xff}, // blue
	{0xf5, 0x82, 0x31, 0xff}, // orange
	{0x91, 0x1e, 0xb4, 0xff}, // purple
	{0x42, 0xd4, 0xf4, 0xff}, // cyan
	{0xf0, 0x32, 0xe6, 0xff}, // magenta
}

// PlayerColour is the colour of the disc with colour index i.
func PlayerColour(i uint8) color.RGBA { return playerColours[int(i)%len(playerColours)] }

var (
	colBackground = color.RGBA{0x12, 0x14, 0x1d, 0xff}
	colFloor      = color.RGBA{0x1f, 0x23, 0x33, 0xff}
	colWall       = color.RGBA{0x4a, 0x50, 0x6e, 0xff}
	colGem        = color.RGBA{0xaa, 0xff, 0xe0, 0xff}
	colGemShine   = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colText       = color.RGBA{0xe8, 0xea, 0xf0, 0xff}
	colDim        = color.RGBA{0x8a, 0x90, 0xa8, 0xff}
	colNotice     = color.RGBA{0xf5, 0xc2, 0x6b, 0xff}
	colPanel      = color.RGBA{0x1a, 0x1d, 0x2a, 0xff}
	colError      = color.RGBA{0xff, 0x8a, 0x80, 0xff}
	colButton     = color.RGBA{0x2e, 0x6b, 0x5e, 0xff}
	colWarn       = color.RGBA{0xf5, 0xc2, 0x6b, 0xff} // a warning toast: the notices' amber, dark text on it
	colFocus      = color.RGBA{0xaa, 0xff, 0xe0, 0xff}
	colOverlay    = color.RGBA{0x0c, 0x0e, 0x16, 0xe8}
)

// Faces of the embedded Go fonts, by use.
var (
	faceSmall, faceBody, faceBold, faceTitle, faceBanner *text.GoTextFace
)

func init() {
	regular := mustSource(assets.RegularTTF)
	bold := mustSource(assets.BoldTTF)
	faceSmall = &text.GoTextFace{Source: regular, Size: 13}
	faceBody = &text.GoTextFace{Source: regular, Size: 16}
	faceBold = &text.GoTextFace{Source: bold, Size: 16}
	faceTitle = &text.GoTextFace{Source: bold, Size: 24}
	faceBanner = &text.GoTextFace{Source: bold, Size: 44}
}

func mustSource(ttf []byte) *text.GoTextFaceSource {
	s, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
	if err != nil {
		log.Panicf("embedded font is broken: %v", err) // a build defect, not a run-time condition
	}
	return s
}
