package game

import (
	"fmt"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/hajimehoshi/ebiten/v2"
)

// reconnectingScene gets the player back into the game after the connection dropped:
// "Reconnecting…" with the seconds left of the host's grace period, the tries so far,
// and Cancel. It goes back to the game when a try is welcomed, and to the error screen,
// saying the host is gone, when the grace period ends.
type reconnectingScene struct {
	m    *client.Match
	r    *client.Reconnecting
	home *menuScene
	form form
	why  string // why the connection dropped, for the person
	// confirmEnd: the host's own player pressed Cancel, which would end the game for
	// everyone: are they sure?
	confirmEnd bool
}

func newReconnecting(m *client.Match, err error, home *menuScene) *reconnectingScene {
	return &reconnectingScene{m: m, r: m.Reconnect(time.Now(), err), home: home, form: form{focus: "cancel"},
		why: err.Error()}
}

func (s *reconnectingScene) screen() string       { return "reconnecting" }
func (s *reconnectingScene) title() string        { return "Gem Rush — reconnecting" }
func (s *reconnectingScene) match() *client.Match { return s.m }

func (s *reconnectingScene) update(g *Game) {
	cancel := func() {
		g.leave(s.m)
		g.goTo(s.home.again())
	}
	switch {
	case s.confirmEnd:
		end := button("end", "End the game for everyone", centred(560, 340, 42), cancel)
		end.primary = true
		s.form.set([]*control{end, button("wait", "Keep waiting", centred(614, 340, 42), func() { s.confirmEnd = false })}, "")
	case s.m.Hosting():
		s.form.set([]*control{button("cancel", "End game…", centred(600, 160, 40), func() {
			s.confirmEnd = true
			s.form.focus = "wait"
		})}, "")
	default:
		s.form.set([]*control{button("cancel", "Cancel", centred(600, 120, 40), cancel)}, "")
	}
	if g.in.back {
		if s.m.Hosting() {
			s.confirmEnd = !s.confirmEnd
			s.form.focus = "wait"
		} else {
			cancel()
		}
		return
	}
	s.form.update(&g.in)
	if g.scene != s {
		return
	}
	switch done, err := s.r.Poll(time.Now()); {
	case !done:
	case err == nil:
		g.keepComeback(s.m) // a new token, if the place had been given up and this is a new one
		g.goTo(newPlaying(s.m, s.home))
	default:
		g.leave(s.m)
		g.fail("Disconnected", err.Error(), nextStep(err, g.settings.InRecent(s.m.Addr())), s.home)
	}
}

func (s *reconnectingScene) draw(g *Game, screen *ebiten.Image) {
	left := int((s.r.Left(time.Now()) + time.Second - 1) / time.Second)
	tries := ""
	if n := s.r.Tries(); n > 1 {
		tries = fmt.Sprintf("Tried %d times.", n)
	}
	drawSpinner(screen, screenW/2, screenH/2-110, g.ticks)
	switch {
	case s.confirmEnd:
		drawCentredLines(screen, "End the game for everyone?", colText, "Everyone else is still in it.")
	case s.m.Hosting(): // this machine's own game stalled: it runs here, and takes its player back as soon as it answers
		drawCentredLines(screen, "Reconnecting…", colText, s.why,
			fmt.Sprintf("Getting you back into the game you host: %s left.", formatSeconds(left)), tries)
	default:
		drawCentredLines(screen, "Reconnecting…", colText, s.why,
			fmt.Sprintf("The host keeps your place for %s more.", formatSeconds(left)), tries)
	}
	s.form.draw(screen, g.ticks)
}

func (s *reconnectingScene) report(st *status) {
	reportMatch(st, s.m)
	st.reconnect = map[string]any{
		"tries": s.r.Tries(), "seconds_left": s.r.Left(time.Now()).Seconds(), "why": s.why,
	}
}
