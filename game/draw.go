package game

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Draw paints the current scene, and the toast over it.
func (g *Game) Draw(screen *ebiten.Image) {
	screen.Fill(colBackground)
	g.scene.draw(g, screen)
	if g.ticks < g.toastEnd {
		w := advance(g.toast, faceBody) + 40
		fill, ink := colButton, colText
		if g.toastBad {
			fill, ink = colWarn, colBackground
		}
		vector.FillRect(screen, float32(screenW-w)/2, screenH-64, float32(w), 36, fill, false)
		drawText(screen, g.toast, faceBody, screenW/2, screenH-57, ink, text.AlignCenter)
	}
	g.drawn.Add(1)
}

// drawText draws s with its top at y, aligned on x.
// fit is s, cut short with an ellipsis if it is wider than width in face.
func fit(s string, face text.Face, width float64) string {
	if advance(s, face) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && advance(string(r)+"…", face) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func drawText(dst *ebiten.Image, s string, face text.Face, x, y float64, clr color.Color, align text.Align) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(clr)
	op.PrimaryAlign = align
	text.Draw(dst, s, laidOut(s, face), op)
}

// drawCentredLines draws lines centred on the screen, the first in the title face.
func drawCentredLines(screen *ebiten.Image, first string, firstColour color.Color, rest ...string) {
	y := float64(screenH)/2 - 60
	drawText(screen, first, faceTitle, screenW/2, y, firstColour, text.AlignCenter)
	y += 48
	for _, l := range rest {
		if l == "" {
			y += 16
			continue
		}
		for _, w := range wrap(l, faceBody, 900) {
			drawText(screen, w, faceBody, screenW/2, y, colText, text.AlignCenter)
			y += 26
		}
	}
}

// drawSpinner draws a ring of dots with one bright dot going round.
func drawSpinner(screen *ebiten.Image, cx, cy float32, tick int) {
	const dots = 10
	lit := (tick / 5) % dots
	for i := range dots {
		a := 2 * math.Pi * float64(i) / dots
		clr := colDim
		if i == lit {
			clr = colGem
		}
		fillDisc(screen, cx+float32(18*math.Cos(a)), cy+float32(18*math.Sin(a)), 4, clr)
	}
}

func formatSeconds(s int) string {
	if s == 1 {
		return "1 second"
	}
	return strconv.Itoa(s) + " seconds"
}

// wrap breaks s into lines no wider than width pixels, at spaces where it can.
func wrap(s string, face text.Face, width float64) []string {
	var lines []string
	for s != "" {
		if advance(s, face) <= width {
			return append(lines, s)
		}
		cut, lastSpace := 0, -1
		for i, r := range s {
			if advance(s[:i+len(string(r))], face) > width {
				break
			}
			cut = i + len(string(r))
			if r == ' ' {
				lastSpace = i
			}
		}
		if lastSpace > 0 {
			cut = lastSpace
		}
		if cut == 0 {
			cut = len(string([]rune(s)[0]))
		}
		lines = append(lines, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	return lines
}
