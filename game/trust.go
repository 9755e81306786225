package game

import (
	"errors"
	"strings"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// trustScene stops a join whose host is not the one this address answered with
// before: it shows both identities and lets the player trust the new one or go back.
// Nothing was sent to the host that answered, the password least of all.
type trustScene struct {
	form form
	to   target
	pw   string // the password given, for the join once trusted
	e    *client.IdentityError
	home *menuScene
}

func newTrust(to target, pw string, e *client.IdentityError, home *menuScene) *trustScene {
	return &trustScene{to: to, pw: pw, e: e, home: home, form: form{focus: "cancel"}}
}

// changedHost is the identity error a join ended with when the host at a known
// address was another one, or nil.
func changedHost(err error) *client.IdentityError {
	var e *client.IdentityError
	if errors.As(err, &e) && e.Pin == client.PinKnown {
		return e
	}
	return nil
}

func (s *trustScene) screen() string { return "trust" }
func (s *trustScene) title() string  { return "Gem Rush — the host's identity changed" }

func (s *trustScene) update(g *Game) {
	trust := func() {
		if err := settings.TrustHost(g.opts.ConfigDir, s.to.addr, s.e.Got); err != nil {
			g.log.Warn("cannot remember the host's identity", "err", err)
		}
		g.join(s.to, s.pw, s.home)
	}
	back := func() { g.goTo(s.home.again()) }
	s.form.set([]*control{
		button("trust", "Trust the new one", centred(520, 300, 44), trust),
		button("cancel", "Cancel", centred(576, 300, 44), back),
	}, "")
	if g.in.back {
		back()
		return
	}
	s.form.update(&g.in)
}

func (s *trustScene) draw(g *Game, screen *ebiten.Image) {
	drawText(screen, "This host's identity changed", faceTitle, screenW/2, 150, colError, text.AlignCenter)
	y := 200.0
	for _, l := range wrap(s.e.Sentence(), faceBody, 900) {
		drawText(screen, l, faceBody, screenW/2, y, colText, text.AlignCenter)
		y += 26
	}
	y += 24
	for _, id := range []struct{ label, fp string }{{"Before", s.e.Want}, {"Now", s.e.Got}} {
		drawText(screen, id.label, faceBold, screenW/2, y, colDim, text.AlignCenter)
		y += 24
		for _, l := range fingerprintLines(id.fp) {
			drawText(screen, l, faceBody, screenW/2, y, colText, text.AlignCenter)
			y += 22
		}
		y += 14
	}
	s.form.draw(screen, g.ticks)
}

// fingerprintLines is a fingerprint as people compare them: groups of four, eight to
// a line.
func fingerprintLines(fp string) []string {
	var groups []string
	for i := 0; i < len(fp); i += 4 {
		groups = append(groups, fp[i:min(i+4, len(fp))])
	}
	var lines []string
	for i := 0; i < len(groups); i += 8 {
		lines = append(lines, strings.Join(groups[i:min(i+8, len(groups))], " "))
	}
	return lines
}

func (s *trustScene) report(st *status) {
	st.headline, st.text = "This host's identity changed", s.e.Sentence()
	st.next = "before " + s.e.Want + ", now " + s.e.Got
}
