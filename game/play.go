package game

import (
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
)

// updatePlaying takes what the network delivered, then the player's chat and movement.
func (g *Game) updatePlaying() {
	m := g.m
	if m.view.Poll(m.conn) {
		g.fail("Disconnected", m.conn.Err().Error(), nextStep(m.conn.Err()))
		return
	}
	if g.paused {
		m.conn.SendInput(sim.Input{})
		g.updatePause()
		return
	}
	if g.in.click && g.in.clickAt.In(copyButton) && m.invite != "" {
		g.clip.copy(m.invite)
	}
	wasOpen := g.chat.open
	if line, ok := g.chat.update(&g.in); ok {
		if err := m.conn.SendChat(line); err != nil {
			m.view.Log = append(m.view.Log, client.Line{Text: "Chat not sent: " + err.Error(), Notice: true})
		}
	}
	if !wasOpen && !g.chat.open && g.in.menu {
		g.paused, g.confirmEnd = true, false
		g.form = form{}
	}
	move := g.in.move
	if g.chat.open {
		move = sim.Input{}
	}
	m.conn.SendInput(move)
}

// updatePause runs the in-game menu: the game goes on underneath.
func (g *Game) updatePause() {
	resume := func() { g.paused = false }
	var controls []*control
	y := 250
	add := func(id, label string, press func()) {
		controls = append(controls, button(id, label, centred(y, 340, 42), press))
		y += 54
	}
	if g.confirmEnd {
		add("end", "End the game for everyone", g.endMatch)
		add("cancel", "Cancel", func() { g.confirmEnd = false })
		controls[0].primary = true
	} else {
		add("resume", "Resume", resume)
		if g.m.invite != "" {
			add("copy", "Copy invite code", func() { g.clip.copy(g.m.invite) })
		}
		if g.m.server != nil {
			add("leave", "End game for everyone…", func() { g.confirmEnd = true; g.form.focus = "cancel" })
		} else {
			add("leave", "Leave game", g.endMatch)
		}
		full := "Fullscreen"
		if ebiten.IsFullscreen() {
			full = "Leave fullscreen"
		}
		add("fullscreen", full, func() { ebiten.SetFullscreen(!ebiten.IsFullscreen()) })
		add("quit", "Quit Gem Rush", func() { g.quit = true })
	}
	g.form.set(controls, "")
	if g.in.back {
		if g.confirmEnd {
			g.confirmEnd = false
		} else {
			resume()
		}
		return
	}
	g.form.update(&g.in)
}

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
