package game

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// passwordScene asks for the password of the game at to, saying why.
type passwordScene struct {
	form     form
	to       target
	why      string
	password *textField
	home     *menuScene
}

func newPassword(to target, why string, home *menuScene) *passwordScene {
	s := &passwordScene{to: to, why: why, password: newField("", "Password", 32), home: home, form: form{focus: "password"}}
	s.password.secret = true
	return s
}

func (s *passwordScene) screen() string { return "password" }
func (s *passwordScene) title() string  { return "Gem Rush — password needed" }

func (s *passwordScene) update(g *Game) {
	join := func() { g.join(s.to, s.password.String(), s.home) }
	back := func() { g.goTo(s.home.again()) }
	s.form.set([]*control{
		field("password", "Password", s.password, centred(330, 400, 40), join),
		button("join", "Join", centred(390, 400, 40), join),
		button("back", "Back to the menu", centred(450, 400, 40), back),
	}, "")
	s.form.controls[1].primary = true
	if g.in.back {
		back()
		return
	}
	s.form.update(&g.in)
}

func (s *passwordScene) draw(g *Game, screen *ebiten.Image) {
	drawText(screen, "Password needed", faceTitle, screenW/2, 200, colText, text.AlignCenter)
	drawText(screen, s.why+" Ask the host for it.", faceBody, screenW/2, 250, colError, text.AlignCenter)
	s.form.draw(screen, g.ticks)
}

func (s *passwordScene) report(st *status) { st.headline, st.text = "", s.why }
