package game

import (
	"image"
	"strconv"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Title menu geometry: a column of controls on the left, the LAN list on the right.
const (
	menuX      = 140
	menuW      = 440
	lanX       = 700
	lanW       = 440
	recentTop  = 500
	recentRowH = 38
	quitY      = 670
	// recentRows is as many recent games as fit above the Quit button: the rest are
	// remembered, and show when a newer one goes.
	recentRows = (quitY - recentTop) / recentRowH
)

// LAN list geometry, inside its panel.
const (
	lanTop     = 150
	lanBottom  = 630
	lanRowsTop = lanTop + 52
	lanRowH    = 46
	lanMaxRows = (lanBottom - lanRowsTop) / lanRowH
)

// menuScene is the title menu: name and colour, Host game (with an optional room
// password), join by address or invite code, the LAN list and recent games. It is
// the home every other screen returns to, so what was typed stays.
type menuScene struct {
	form                    form
	name, address, password *textField
	hostOpen                bool // Host game was pressed: the room password and Start hosting show
}

func newMenu(g *Game) *menuScene {
	m := &menuScene{
		name:     newField(g.settings.Name, "Your name", sim.MaxNameRunes),
		address:  newField("", "host:port or invite code", 80),
		password: newField(g.opts.Password, "No password", 32),
	}
	m.password.secret = true
	return m
}

// again is the menu coming back into view, the focus on its first control.
func (m *menuScene) again() *menuScene {
	m.form = form{}
	return m
}

func (m *menuScene) screen() string { return "menu" }
func (m *menuScene) title() string  { return "Gem Rush" }

func (m *menuScene) update(g *Game) {
	join := func() {
		if m.address.String() == "" {
			g.warn("Type the host's address (host:port) or an invite code first")
			m.form.focus = "address"
			return
		}
		g.join(target{addr: m.address.String()}, "", m)
	}
	host := func() { g.host(m) }
	controls := []*control{
		field("name", "Your name", m.name, rect(menuX, 170, menuW, 40), nil),
		colours("colour", "Your colour", &g.settings.Colour, rect(menuX, 250, menuW, 40)),
	}
	if m.hostOpen {
		start := button("start", "Start hosting", rect(menuX+300, 330, menuW-300, 40), host)
		start.primary = true
		controls = append(controls, field("room-password", "Room password (optional)", m.password, rect(menuX, 330, 290, 40), host), start)
		if !g.opts.NoPortMap { // with -portmap=false the router is never asked, and the menu does not offer it
			router := "Internet: open the port on my router  (on)"
			if g.settings.LeaveRouterAlone {
				router = "Internet: open the port on my router  (off)"
			}
			controls = append(controls, button("router", router, rect(menuX, 373, menuW, 22), func() {
				g.settings.LeaveRouterAlone = !g.settings.LeaveRouterAlone
				g.saveSettings()
			}))
		}
	} else {
		open := button("host", "Host game", rect(menuX, 330, 200, 40), func() {
			m.hostOpen = true
			m.form.focus = "room-password"
		})
		open.primary = true
		controls = append(controls, open)
	}
	controls = append(controls,
		field("address", "Join: address or invite code", m.address, rect(menuX, 420, 290, 40), join),
		button("join", "Join", rect(menuX+300, 420, menuW-300, 40), join))
	controls = append(controls, m.lanRows(g)...)
	controls = append(controls, m.recentRows(g)...)
	controls = append(controls, soundControl("sound", &g.settings.Volume, &g.settings.Mute, rect(lanX, lanBottom+14, 300, 38), g.soundChanged))
	controls = append(controls, button("quit", "Quit", rect(menuX, quitY, 120, 34), func() { g.quit = true }))
	m.form.set(controls, "")
	if g.in.back && m.hostOpen {
		m.hostOpen = false
		return
	}
	m.form.update(&g.in)
	g.settings.Name = m.name.String()
}

// recentRows are the games joined lately, one row each: the game's name, and the
// address it is joined at.
func (m *menuScene) recentRows(g *Game) []*control {
	var rows []*control
	for i, r := range g.settings.Recent[:min(len(g.settings.Recent), recentRows)] {
		name, detail := r.Name, r.Addr
		if name == "" { // kept by an older release, before the game's name was
			name, detail = r.Addr, ""
		}
		rows = append(rows, &control{
			id: "recent" + strconv.Itoa(i), kind: kindRow, label: name, detail: detail,
			rect:  rect(menuX, recentTop+i*recentRowH, menuW, recentRowH-6),
			press: func() { g.join(target{addr: r.Addr}, "", m) },
		})
	}
	return rows
}

// lanRows are the games found on the network, one pressable row each. A game of
// another protocol version is shown greyed, with the version it needs.
func (m *menuScene) lanRows(g *Game) []*control {
	var rows []*control
	for i, lg := range g.lan.games[:min(len(g.lan.games), lanMaxRows)] {
		r := &control{
			id: "lan" + strconv.Itoa(i), kind: kindRow, label: lg.Name, lock: lg.Password,
			rect:   rect(lanX+16, lanRowsTop+i*lanRowH, lanW-32, lanRowH-8),
			detail: strconv.Itoa(lg.Players) + "/" + strconv.Itoa(lg.MaxPlayers),
		}
		if lg.Version != wire.Version {
			r.greyed, r.detail = true, "needs version "+strconv.Itoa(lg.Version)
		}
		to := target{addr: lg.JoinAddr(), fingerprint: lg.Fingerprint} // the host must be the one advertised
		r.press = func() {
			if lg.Password { // ask first rather than be turned away
				g.goTo(newPassword(to, "This game needs a password.", m))
				return
			}
			g.join(to, "", m)
		}
		rows = append(rows, r)
	}
	return rows
}

func rect(x, y, w, h int) image.Rectangle { return image.Rect(x, y, x+w, y+h) }

// centred is a w×h rectangle at y, centred across the screen.
func centred(y, w, h int) image.Rectangle { return rect((screenW-w)/2, y, w, h) }

func (m *menuScene) draw(g *Game, screen *ebiten.Image) {
	drawText(screen, "GEM RUSH", faceBanner, menuX, 44, colGem, text.AlignStart)
	drawText(screen, "Race your friends for the gems: first to 20 wins the round.", faceBody, menuX+4, 104, colDim, text.AlignStart)
	if len(g.settings.Recent) > 0 {
		drawText(screen, "Recent games", faceSmall, menuX, recentTop-20, colDim, text.AlignStart)
	}
	vector.FillRect(screen, lanX, lanTop, lanW, lanBottom-lanTop, colPanel, false)
	drawText(screen, "Games on your network", faceBold, lanX+20, lanTop+16, colText, text.AlignStart)
	switch {
	case !g.lan.on:
		drawText(screen, "Finding games on the network is off (-lan=false).", faceBody, lanX+lanW/2, 360, colDim, text.AlignCenter)
		drawText(screen, "Join by address or invite code.", faceBody, lanX+lanW/2, 386, colDim, text.AlignCenter)
	case len(g.lan.games) == 0:
		drawSpinner(screen, lanX+lanW/2, 360, g.ticks)
		drawText(screen, "Searching the local network…", faceBody, lanX+lanW/2, 400, colDim, text.AlignCenter)
	}
	drawText(screen, "Tab, arrows and Enter move around; a gamepad works too", faceSmall, screenW-20, screenH-28, colDim, text.AlignEnd)
	drawText(screen, "Gem Rush "+g.opts.Version, faceSmall, screenW-20, screenH-48, colDim, text.AlignEnd)
	m.form.draw(screen, g.ticks)
}
