package game

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// The screens are built from a few controls, rebuilt every tick from the screen's
// state (immediate mode). One control has the focus; mouse, keyboard and gamepad all
// move it and press it through the same intents.

type controlKind int

const (
	kindButton  controlKind = iota
	kindField               // a one-line text field
	kindColours             // the colour picker: left/right or a click chooses
	kindRow                 // a list row: label left, detail right, maybe a lock; pressable unless disabled
	kindStepper             // a value with arrows: left/right or a click on an arrow steps it (stepper.go)
)

// control is one focusable thing on a screen.
type control struct {
	id      string
	kind    controlKind
	rect    image.Rectangle
	label   string
	field   *textField            // kindField
	colour  *int                  // kindColours
	primary bool                  // drawn as the main action
	press   func()                // a button's action; a field's Enter
	detail  string                // kindRow: the right-hand text
	lock    bool                  // kindRow: draw a padlock (a password is needed)
	greyed  bool                  // kindRow: shown but cannot be pressed
	value   func() (string, bool) // kindStepper: the value shown, and whether dimmed
	step    func(dir int)         // kindStepper: -1 or +1
}

// form keeps which control has the focus across ticks.
type form struct {
	focus    string
	controls []*control
}

// set replaces the controls; the focus stays on the same id if it still exists,
// otherwise it moves to the first control (or to want, when given).
func (f *form) set(controls []*control, want string) {
	f.controls = controls
	if want != "" {
		f.focus = want
	}
	for _, c := range controls {
		if c.id == f.focus {
			return
		}
	}
	f.focus = ""
	if len(controls) > 0 {
		f.focus = controls[0].id
	}
}

func (f *form) focused() *control {
	for _, c := range f.controls {
		if c.id == f.focus {
			return c
		}
	}
	return nil
}

// update applies this tick's intents: move the focus, type into a field, press. A
// control that acts on them says so in in.pressed.
func (f *form) update(in *intents) {
	if in.click {
		for _, c := range f.controls {
			if in.clickAt.In(c.rect) {
				f.focus = c.id
				switch {
				case c.kind == kindColours:
					in.pressed = c.pickAt(in.clickAt)
				case c.kind == kindStepper:
					c.stepperClick(in.clickAt)
					in.pressed = true
					return
				case (c.kind == kindButton || c.kind == kindRow && !c.greyed) && c.press != nil:
					in.pressed = true
					c.press()
					return
				}
			}
		}
	}
	// A slow frame brings several keys to one tick, in no order Ebitengine keeps: take
	// them in the order a person makes them, typing into the field that has the focus,
	// then moving it, then pressing what it has moved to (Up then Enter on a
	// confirmation must not be lost, nor the last letters typed before Tab).
	c := f.focused()
	if c != nil && c.kind == kindField {
		c.field.update(in)
	}
	moved := true
	switch {
	case in.next || in.down:
		f.move(+1)
	case in.prev || in.up:
		f.move(-1)
	default:
		moved = false
	}
	if c = f.focused(); c == nil {
		return
	}
	switch c.kind {
	case kindField:
		if in.activate && c.press != nil {
			in.pressed = true
			c.press()
		}
	case kindColours:
		if moved {
			break
		}
		if in.left {
			*c.colour = (*c.colour + len(playerColours) - 1) % len(playerColours)
		}
		if in.right {
			*c.colour = (*c.colour + 1) % len(playerColours)
		}
		in.pressed = in.left || in.right
	case kindStepper:
		if !moved {
			in.pressed = c.stepperKeys(in)
		}
	case kindButton, kindRow:
		if in.activate && c.press != nil && !c.greyed {
			in.pressed = true
			c.press()
		}
	}
}

func (f *form) move(step int) {
	if len(f.controls) == 0 {
		return
	}
	i := 0
	for j, c := range f.controls {
		if c.id == f.focus {
			i = j
		}
	}
	f.focus = f.controls[(i+step+len(f.controls))%len(f.controls)].id
}

// swatch is the rectangle of colour i in a colour picker.
func (c *control) swatch(i int) image.Rectangle {
	const size, gap = 30, 8
	x := c.rect.Min.X + i*(size+gap)
	return image.Rect(x, c.rect.Min.Y+4, x+size, c.rect.Min.Y+4+size)
}

// pickAt chooses the colour at p, if there is one there.
func (c *control) pickAt(p image.Point) bool {
	for i := range playerColours {
		if p.In(c.swatch(i)) {
			*c.colour = i
			return true
		}
	}
	return false
}

// draw paints the controls, the focused one outlined.
func (f *form) draw(screen *ebiten.Image, tick int) {
	for _, c := range f.controls {
		c.draw(screen, c.id == f.focus, tick)
	}
}

func (c *control) draw(screen *ebiten.Image, focused bool, tick int) {
	r := c.rect
	x, y, w, h := float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy())
	switch c.kind {
	case kindButton:
		fill := colPanel
		if c.primary {
			fill = colButton
		}
		vector.FillRect(screen, x, y, w, h, fill, false)
		drawText(screen, c.label, faceBold, float64(x+w/2), float64(y+h/2-10), colText, text.AlignCenter)
	case kindRow:
		vector.FillRect(screen, x, y, w, h, colFloor, false)
		clr := color.Color(colText)
		if c.greyed {
			clr = colDim
		}
		drawText(screen, c.label, faceBold, float64(x+12), float64(y+h/2-10), clr, text.AlignStart)
		drawText(screen, c.detail, faceBody, float64(x+w-12), float64(y+h/2-10), clr, text.AlignEnd)
		if c.lock {
			drawLock(screen, x+w-float32(advance(c.detail, faceBody))-30, y+h/2-8, clr)
		}
	case kindField:
		c.drawField(screen, focused, tick)
	case kindColours:
		for i := range playerColours {
			s := c.swatch(i)
			if i == *c.colour {
				vector.FillRect(screen, float32(s.Min.X-3), float32(s.Min.Y-3), float32(s.Dx()+6), float32(s.Dy()+6), colText, false)
			}
			vector.FillRect(screen, float32(s.Min.X), float32(s.Min.Y), float32(s.Dx()), float32(s.Dy()), playerColours[i], false)
		}
	case kindStepper:
		c.drawStepper(screen)
	}
	if focused {
		vector.StrokeRect(screen, x-3, y-3, w+6, h+6, 2, colFocus, false)
	}
	if (c.kind == kindField || c.kind == kindColours) && c.label != "" {
		drawText(screen, c.label, faceSmall, float64(x), float64(y-20), colDim, text.AlignStart)
	}
}

// drawLock draws a small padlock with its top-left corner at x, y.
func drawLock(screen *ebiten.Image, x, y float32, clr color.Color) {
	vector.StrokeRect(screen, x+3, y, 8, 9, 2, clr, true)
	vector.FillRect(screen, x, y+6, 14, 10, clr, true)
}

// button, field and colours build controls.
func button(id, label string, r image.Rectangle, press func()) *control {
	return &control{id: id, kind: kindButton, label: label, rect: r, press: press}
}

func field(id, label string, f *textField, r image.Rectangle, enter func()) *control {
	return &control{id: id, kind: kindField, label: label, field: f, rect: r, press: enter}
}

func colours(id, label string, colour *int, r image.Rectangle) *control {
	return &control{id: id, kind: kindColours, label: label, colour: colour, rect: r}
}
