package game

import (
	"image/color"
	"math"
	"strconv"
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

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
