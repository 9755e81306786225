package game

import (
	"image"
	"image/color"
	"strconv"

	"github.com/gemrush/gemrush/game/settings"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// volumeStep is how far one press of left or right, or one click on an arrow, moves
// the volume.
const volumeStep = 10

// soundControl is the volume control: "Sound   ◀ 70 % ▶". Left and right (or the
// arrows, clicked) step the volume, Enter or A (or a click between the arrows) mutes
// and unmutes; changed runs after each change, to apply and remember it.
func soundControl(id string, volume *int, mute *bool, r image.Rectangle, changed func()) *control {
	return &control{id: id, kind: kindSound, label: "Sound", volume: volume, mute: mute, rect: r, press: changed}
}

// soundArrows are where the control's arrows are: the value sits between them.
func (c *control) soundArrows() (down, up image.Rectangle) {
	r := c.rect
	return image.Rect(r.Max.X-150, r.Min.Y, r.Max.X-110, r.Max.Y), image.Rect(r.Max.X-40, r.Min.Y, r.Max.X, r.Max.Y)
}

// stepVolume moves the volume by `by`, and unmutes: turning the sound up or down is
// asking to hear it.
func (c *control) stepVolume(by int) {
	*c.volume = max(0, min(settings.MaxVolume, *c.volume+by))
	*c.mute = false
	c.press()
}

func (c *control) toggleMute() {
	*c.mute = !*c.mute
	c.press()
}

func (c *control) soundClick(p image.Point) {
	switch down, up := c.soundArrows(); {
	case p.In(down):
		c.stepVolume(-volumeStep)
	case p.In(up):
		c.stepVolume(volumeStep)
	default:
		c.toggleMute()
	}
}

// soundKeys applies this tick's keys to the focused control, saying whether they did
// anything.
func (c *control) soundKeys(in *intents) bool {
	switch {
	case in.left:
		c.stepVolume(-volumeStep)
	case in.right:
		c.stepVolume(volumeStep)
	case in.activate:
		c.toggleMute()
	default:
		return false
	}
	return true
}

// soundValue is what the control shows between its arrows.
func (c *control) soundValue() string {
	if *c.mute {
		return "Off"
	}
	return strconv.Itoa(*c.volume) + " %"
}

func (c *control) drawSound(screen *ebiten.Image) {
	r := c.rect
	x, y, w, h := float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy())
	vector.FillRect(screen, x, y, w, h, colFloor, false)
	drawText(screen, c.label, faceBold, float64(x+12), float64(y+h/2-10), colText, text.AlignStart)
	down, up := c.soundArrows()
	drawArrow(screen, down, -1, colText)
	drawArrow(screen, up, +1, colText)
	clr := color.Color(colText)
	if *c.mute {
		clr = colDim
	}
	drawText(screen, c.soundValue(), faceBody, float64(down.Max.X+up.Min.X)/2, float64(y+h/2-10), clr, text.AlignCenter)
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

// toggleMute is M in game, and the in-game menu's Sound entry: sound off or on,
// remembered, with a word on screen.
func (g *Game) toggleMute() {
	g.settings.Mute = !g.settings.Mute
	g.soundChanged()
	if g.settings.Mute {
		g.say("Sound off (M turns it back on)")
	} else {
		g.say("Sound on")
	}
}

// soundChanged applies and remembers the volume and mute just changed.
func (g *Game) soundChanged() {
	g.sound.setVolume(g.settings)
	g.saveSettings()
}
