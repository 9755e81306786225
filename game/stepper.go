package game

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// stepper is a control that steps a value: "Label   ◀ value ▶". Left and right, or a
// click on an arrow, call step with -1 or +1; Enter or A, or a click between the
// arrows, call press. value gives the text shown and whether it is drawn dimmed.
func stepper(id, label string, r image.Rectangle, value func() (string, bool), step func(dir int), press func()) *control {
	return &control{id: id, kind: kindStepper, label: label, rect: r, value: value, step: step, press: press}
}

// arrows are where the stepper's arrows are: the value sits between them.
func (c *control) arrows() (down, up image.Rectangle) {
	r := c.rect
	return image.Rect(r.Max.X-150, r.Min.Y, r.Max.X-110, r.Max.Y), image.Rect(r.Max.X-40, r.Min.Y, r.Max.X, r.Max.Y)
}

func (c *control) stepperClick(p image.Point) {
	switch down, up := c.arrows(); {
	case p.In(down):
		c.step(-1)
	case p.In(up):
		c.step(+1)
	default:
		c.press()
	}
}

// stepperKeys applies this tick's keys to the focused stepper, saying whether they
// did anything.
func (c *control) stepperKeys(in *intents) bool {
	switch {
	case in.left:
		c.step(-1)
	case in.right:
		c.step(+1)
	case in.activate:
		c.press()
	default:
		return false
	}
	return true
}

func (c *control) drawStepper(screen *ebiten.Image) {
	r := c.rect
	x, y, w, h := float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy())
	vector.FillRect(screen, x, y, w, h, colFloor, false)
	drawText(screen, c.label, faceBold, float64(x+12), float64(y+h/2-10), colText, text.AlignStart)
	down, up := c.arrows()
	drawArrow(screen, down, -1, colText)
	drawArrow(screen, up, +1, colText)
	s, dim := c.value()
	clr := color.Color(colText)
	if dim {
		clr = colDim
	}
	drawText(screen, s, faceBody, float64(down.Max.X+up.Min.X)/2, float64(y+h/2-10), clr, text.AlignCenter)
}

// drawArrow draws a small triangle centred in r, pointing left (dir -1) or right (+1).
func drawArrow(screen *ebiten.Image, r image.Rectangle, dir float32, clr color.Color) {
	cx, cy := float32(r.Min.X+r.Max.X)/2, float32(r.Min.Y+r.Max.Y)/2
	const half = 7
	var p vector.Path
	p.MoveTo(cx+dir*half, cy)
	p.LineTo(cx-dir*half, cy-half)
	p.LineTo(cx-dir*half, cy+half)
	p.Close()
	op := &vector.DrawPathOptions{AntiAlias: true}
	op.ColorScale.ScaleWithColor(clr)
	vector.FillPath(screen, &p, nil, op)
}
