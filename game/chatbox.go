package game

import (
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// chatMaxRunes matches what the host keeps of a line.
const chatMaxRunes = 160

// chatBox is the line being typed: Enter opens it, Enter sends, Esc cancels.
type chatBox struct {
	open  bool
	text  []rune
	runes []rune // scratch for AppendInputChars
}

// update handles this tick's keys and returns a line when one is sent.
func (c *chatBox) update() (string, bool) {
	enter := inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyKPEnter)
	if !c.open {
		if enter {
			c.open, c.text = true, c.text[:0]
		}
		return "", false
	}
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeyEscape):
		c.open = false
		return "", false
	case enter:
		c.open = false
		line := string(c.text)
		return line, utf8.RuneCountInString(line) > 0
	case repeating(ebiten.KeyBackspace) && len(c.text) > 0:
		c.text = c.text[:len(c.text)-1]
	}
	c.runes = ebiten.AppendInputChars(c.runes[:0])
	for _, r := range c.runes {
		if len(c.text) < chatMaxRunes {
			c.text = append(c.text, r)
		}
	}
	return "", false
}
