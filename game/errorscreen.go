package game

import "github.com/hajimehoshi/ebiten/v2"

// errorScene says what went wrong and what to do next, then goes back to the menu.
type errorScene struct {
	form                 form
	headline, text, next string // next is what to do, or ""
	home                 *menuScene
	fix                  string // the menu control to focus on the way back: what needs fixing, or "" for the first
}

func newError(headline, text, next string, home *menuScene) *errorScene {
	return &errorScene{headline: headline, text: text, next: next, home: home, form: form{focus: "back"}}
}

func (s *errorScene) screen() string { return "error" }
func (s *errorScene) title() string  { return "Gem Rush — " + s.headline }

func (s *errorScene) update(g *Game) {
	back := func() {
		home := s.home.again()
		home.form.focus = s.fix
		g.goTo(home)
	}
	s.form.set([]*control{button("back", "Back to the menu", centred(440, 300, 44), back)}, "")
	s.form.controls[0].primary = true
	if g.in.back {
		back()
		return
	}
	s.form.update(&g.in)
}

func (s *errorScene) draw(g *Game, screen *ebiten.Image) {
	drawCentredLines(screen, s.headline, colError, s.text, s.next)
	s.form.draw(screen, g.ticks)
}

func (s *errorScene) report(st *status) { st.headline, st.text, st.next = s.headline, s.text, s.next }
