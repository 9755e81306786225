package game

import (
	"bytes"
	"encoding/binary"
	"image/color"
	"log"
	"math"
	"unicode"

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

// Faces by use: the embedded Go fonts, and behind them the fallback fonts for the
// characters a player may type that the Go fonts lack (☃, emoji, other scripts,
// Chinese, Japanese and Korean), in the order of assets.Fallbacks: the CJK subset
// is last, so it draws only what no other font holds.
var (
	faceSmall, faceBody, faceBold, faceTitle, faceBanner *text.MultiFace
)

func init() {
	regular := mustSource(assets.RegularTTF)
	bold := mustSource(assets.BoldTTF)
	fallbacks := fallbackSources()
	faceSmall = withFallbacks(regular, 13, fallbacks)
	faceBody = withFallbacks(regular, 16, fallbacks)
	faceBold = withFallbacks(bold, 16, fallbacks)
	faceTitle = withFallbacks(bold, 24, fallbacks)
	faceBanner = withFallbacks(bold, 44, fallbacks)

	dejaVu, rest := fallbacks[0], fallbacks[1:]
	twin := func(primary *text.GoTextFaceSource, size float64) *text.MultiFace {
		return withFallbacks(dejaVu, size, append([]*text.GoTextFaceSource{primary}, rest...))
	}
	rightToLeftTwins = map[text.Face]text.Face{
		faceSmall: twin(regular, 13), faceBody: twin(regular, 16), faceBold: twin(bold, 16),
		faceTitle: twin(bold, 24), faceBanner: twin(bold, 44),
	}
}

// rightToLeftTwins are the faces for text holding Hebrew or Arabic letters: DejaVu
// Sans first, which has those letters and the Latin, digits, spaces and punctuation
// around them. A MultiFace lays out each run of one font by itself, left to right
// after the last, and puts runs from different fonts in the order they were
// written; only within one font's run does the bidirectional algorithm place words.
// With the Go fonts first, the spaces of "שלום עולם" are theirs, so its words
// would come out in written order, left to right, reading backwards; from one
// font, the line reads as it should, the right-to-left words right to left. Such a
// line is drawn in DejaVu's regular weight throughout, the Go font only for what
// DejaVu lacks.
var rightToLeftTwins map[text.Face]text.Face

// laidOut is the face s is drawn and measured in: f, or its right-to-left twin when
// s holds a right-to-left letter.
func laidOut(s string, f text.Face) text.Face {
	for _, r := range s {
		if r >= 0x0590 && unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			if t, ok := rightToLeftTwins[f]; ok {
				return t
			}
			return f
		}
	}
	return f
}

// advance is how wide s is drawn in f.
func advance(s string, f text.Face) float64 { return text.Advance(s, laidOut(s, f)) }

// fallbackSources are the fallback fonts, each with the Go fonts' line box.
func fallbackSources() []*text.GoTextFaceSource {
	var srcs []*text.GoTextFaceSource
	for _, ttf := range assets.Fallbacks {
		srcs = append(srcs, mustSource(withLineBox(ttf, assets.RegularTTF)))
	}
	return srcs
}

// withFallbacks is src at size with each fallback behind it.
func withFallbacks(src *text.GoTextFaceSource, size float64, fallbacks []*text.GoTextFaceSource) *text.MultiFace {
	faces := []text.Face{&text.GoTextFace{Source: src, Size: size}}
	for _, fb := range fallbacks {
		faces = append(faces, &text.GoTextFace{Source: fb, Size: size})
	}
	m, err := text.NewMultiFace(faces...)
	if err != nil {
		log.Panicf("embedded fonts do not combine: %v", err) // a build defect, like a broken font
	}
	return m
}

// withLineBox is a copy of the font ttf claiming the ascent, descent and line gap
// of the font like. A MultiFace's line is as tall as its tallest face's, and text
// is drawn with its top at the y given: Noto Sans Devanagari's line alone is half
// as tall again as Go Regular's, and would push every line of the interface down
// and apart. With the Go fonts' line box the layout stays as it was and a fallback
// glyph keeps its size, its tall marks reaching a little above or below the line.
// The line metrics are read from hhea, or from OS/2 when the font says so; both
// are set. Checksums are not verified by the font reader, so they are left. The
// tables sit alike in TrueType and CFF-outline OpenType fonts, so ttf may be either.
func withLineBox(ttf, like []byte) []byte {
	out := bytes.Clone(ttf)
	em := func(f []byte) float64 { return float64(binary.BigEndian.Uint16(table(f, "head")[18:])) }
	scale := em(out) / em(like)
	lh := table(like, "hhea")
	for _, at := range []struct {
		tag    string
		offset int
	}{{"hhea", 4}, {"OS/2", 68}} { // ascender, descender, line gap, side by side
		t := table(out, at.tag)
		if len(t) < at.offset+6 {
			continue
		}
		for i := 0; i < 6; i += 2 {
			v := float64(int16(binary.BigEndian.Uint16(lh[4+i:])))
			binary.BigEndian.PutUint16(t[at.offset+i:], uint16(int16(math.Round(v*scale))))
		}
	}
	return out
}

// table is the named table of an OpenType font (TrueType or CFF outlines), a
// slice of f, or nil.
func table(f []byte, tag string) []byte {
	if len(f) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(f[4:]))
	for i := range n {
		e := f[12+16*i:]
		if len(e) < 16 {
			return nil
		}
		if string(e[:4]) == tag {
			off, size := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
			if uint64(off)+uint64(size) > uint64(len(f)) {
				return nil
			}
			return f[off : off+size]
		}
	}
	return nil
}

func mustSource(ttf []byte) *text.GoTextFaceSource {
	s, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
	if err != nil {
		log.Panicf("embedded font is broken: %v", err) // a build defect, not a run-time condition
	}
	return s
}
