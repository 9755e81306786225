package game

import "github.com/gemrush/gemrush/game/sim"

// chatBox is the line being typed: Enter opens it, Enter sends, Esc cancels.
type chatBox struct {
	open bool
	line textField
}

// update handles this tick's intents and returns a line when one is sent.
func (c *chatBox) update(in *intents) (string, bool) {
	if !c.open {
		if in.activate {
			c.open, c.line = true, textField{max: sim.MaxChatRunes}
		}
		return "", false
	}
	c.line.update(in) // what was typed this tick belongs to the line, even with Enter
	switch {
	case in.back:
		c.open = false
	case in.activate:
		c.open = false
		return c.line.String(), len(c.line.text) > 0
	}
	return "", false
}
