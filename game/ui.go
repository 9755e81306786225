package game

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"unicode"

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

// drawField draws a text field: its text (the selection highlighted), the caret
// while focused, and the length counter as the text nears its limit.
func (c *control) drawField(screen *ebiten.Image, focused bool, tick int) {
	r, f := c.rect, c.field
	x, y, w, h := float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy())
	vector.FillRect(screen, x, y, w, h, colFloor, false)
	room := float64(w - 20)
	count, countClr := f.counter()
	if focused && count != "" {
		drawText(screen, count, faceSmall, float64(x+w-8), float64(y+h/2-8), countClr, text.AlignEnd)
		room -= advance(count, faceSmall) + 8
	}
	shown, clr := f.display(), color.Color(colText)
	if shown == "" && !focused {
		shown, clr = f.placeholder, colDim
	}
	shown = lastFit(shown, faceBody, room)
	tx := float64(x+10) + f.shake()
	if f.selected && focused {
		vector.FillRect(screen, float32(tx)-1, y+8, float32(advance(shown, faceBody))+2, h-16, colButton, false)
	}
	if focused && !f.selected && (tick/30)%2 == 0 {
		shown += "|"
	}
	drawText(screen, shown, faceBody, tx, float64(y+h/2-10), clr, text.AlignStart)
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

// textField is a one-line text being edited at its end. Ctrl+A selects it all,
// so that typing, pasting, Backspace or Delete replace or remove it.
type textField struct {
	text        []rune
	placeholder string
	max         int
	secret      bool // shown as dots
	selected    bool // the whole text is selected
	refused     int  // ticks left of the shake after a character did not fit
}

// refusedTicks is how long the field shakes when a character is refused.
const refusedTicks = 18

func newField(initial, placeholder string, max int) *textField {
	return &textField{text: []rune(initial), placeholder: placeholder, max: max}
}

func (t *textField) String() string { return string(t.text) }

func (t *textField) set(s string) {
	t.text = t.text[:0]
	t.selected = false
	t.insert(s)
}

// insert appends what fits of s, replacing the selection; control characters are
// dropped. A character that does not fit shakes the field.
func (t *textField) insert(s string) {
	if s == "" {
		return
	}
	t.cutSelection()
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			continue
		}
		if len(t.text) >= t.max {
			t.refused = refusedTicks
			return
		}
		t.text = append(t.text, r)
	}
}

// cutSelection removes the selected text, reporting whether there was any.
func (t *textField) cutSelection() bool {
	if !t.selected {
		return false
	}
	t.text, t.selected = t.text[:0], false
	return true
}

// deleteWord removes the last word and the spaces after it, as Ctrl+Backspace
// does in a desktop's text fields.
func (t *textField) deleteWord() {
	end := len(t.text)
	for end > 0 && unicode.IsSpace(t.text[end-1]) {
		end--
	}
	for end > 0 && !unicode.IsSpace(t.text[end-1]) {
		end--
	}
	t.text = t.text[:end]
}

func (t *textField) update(in *intents) {
	t.refused = max(0, t.refused-1)
	switch {
	case in.clear:
		t.text, t.selected = t.text[:0], false
	case in.selectAll:
		t.selected = len(t.text) > 0
	case in.backspace, in.delete, in.deleteWord:
		if t.cutSelection() || in.delete {
			break
		}
		if in.deleteWord {
			t.deleteWord()
		} else if len(t.text) > 0 {
			t.text = t.text[:len(t.text)-1]
		}
	case in.left, in.right:
		t.selected = false // the caret goes to an end of the text, and it stays at the end
	}
	t.insert(string(in.typed))
	t.insert(in.pasted)
}

func (t *textField) display() string {
	if !t.secret {
		return string(t.text)
	}
	dots := make([]rune, len(t.text))
	for i := range dots {
		dots[i] = '•'
	}
	return string(dots)
}

// counter is the length shown beside the field as it nears its limit ("14/16"),
// and its colour: the notice colour in the last few characters, the error
// colour while a refused character shakes the field. It is "" further from the
// limit, where it would only be noise.
func (t *textField) counter() (string, color.Color) {
	n := len(t.text)
	switch {
	case t.refused > 0:
		return strconv.Itoa(n) + "/" + strconv.Itoa(t.max), colError
	case n >= t.max-3:
		return strconv.Itoa(n) + "/" + strconv.Itoa(t.max), colNotice
	case n >= t.max*3/4:
		return strconv.Itoa(n) + "/" + strconv.Itoa(t.max), colDim
	}
	return "", nil
}

// shake is how far the field's text is pushed sideways this tick after a refused
// character: a few quick, shrinking swings.
func (t *textField) shake() float64 {
	if t.refused == 0 {
		return 0
	}
	return 4 * math.Sin(float64(t.refused)*1.4) * float64(t.refused) / refusedTicks
}
