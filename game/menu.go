package game

import (
	"image"
	"strconv"

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
)

// LAN list geometry, inside its panel.
const (
	lanTop     = 150
	lanBottom  = 630
	lanRowsTop = lanTop + 52
	lanRowH    = 46
	lanMaxRows = (lanBottom - lanRowsTop) / lanRowH
)

// lanRows are the games found on the network, one pressable row each. A game of
// another protocol version is shown greyed, with the version it needs.
func (g *Game) lanRows() []*control {
	var rows []*control
	for i, lg := range g.lanGames[:min(len(g.lanGames), lanMaxRows)] {
		r := &control{
			id: "lan" + strconv.Itoa(i), kind: kindRow, label: lg.Name, lock: lg.Password,
			rect:   rect(lanX+16, lanRowsTop+i*lanRowH, lanW-32, lanRowH-8),
			detail: strconv.Itoa(lg.Players) + "/" + strconv.Itoa(lg.MaxPlayers),
		}
		if lg.Version != wire.Version {
			r.greyed, r.detail = true, "needs version "+strconv.Itoa(lg.Version)
		}
		addr := lg.JoinAddr()
		r.press = func() {
			if lg.Password { // ask first rather than be turned away
				g.askPassword(addr, "This game needs a password.")
				return
			}
			g.startJoining(addr, "")
		}
		rows = append(rows, r)
	}
	return rows
}

func rect(x, y, w, h int) image.Rectangle { return image.Rect(x, y, x+w, y+h) }

// centred is a w×h rectangle at y, centred across the screen.
func centred(y, w, h int) image.Rectangle { return rect((screenW-w)/2, y, w, h) }

func (g *Game) updateMenu() {
	join := func() {
		if g.address.String() == "" {
			g.say("Type the host's address (host:port) or an invite code first")
			g.form.focus = "address"
			return
		}
		g.startJoining(g.address.String(), "")
	}
	controls := []*control{
		field("name", "Your name", g.name, rect(menuX, 170, menuW, 40), nil),
		colours("colour", "Your colour", &g.colour, rect(menuX, 250, menuW, 40)),
	}
	if g.hostOpen {
		start := button("start", "Start hosting", rect(menuX+300, 330, menuW-300, 40), g.startHosting)
		start.primary = true
		controls = append(controls, field("room-password", "Room password (optional)", g.password, rect(menuX, 330, 290, 40), g.startHosting), start)
	} else {
		host := button("host", "Host game", rect(menuX, 330, 200, 40), func() {
			g.hostOpen = true
			g.form.focus = "room-password"
		})
		host.primary = true
		controls = append(controls, host)
	}
	controls = append(controls,
		field("address", "Join: address or invite code", g.address, rect(menuX, 420, 290, 40), join),
		button("join", "Join", rect(menuX+300, 420, menuW-300, 40), join))
	controls = append(controls, g.lanRows()...)
	for i, addr := range g.settings.Recent {
		controls = append(controls, button("recent"+strconv.Itoa(i), addr,
			rect(menuX, recentTop+i*recentRowH, menuW, recentRowH-6), func() { g.startJoining(addr, "") }))
	}
	controls = append(controls, button("quit", "Quit", rect(menuX, 670, 120, 34), func() { g.quit = true }))
	g.form.set(controls, "")
	if g.in.back && g.hostOpen {
		g.hostOpen = false
		return
	}
	g.form.update(&g.in)
}

func (g *Game) drawMenu(screen *ebiten.Image) {
	drawText(screen, "GEM RUSH", faceBanner, menuX, 44, colGem, text.AlignStart)
	drawText(screen, "Race your friends for the gems: first to 20 wins the round.", faceBody, menuX+4, 104, colDim, text.AlignStart)
	if len(g.settings.Recent) > 0 {
		drawText(screen, "Recent games", faceSmall, menuX, recentTop-20, colDim, text.AlignStart)
	}
	vector.FillRect(screen, lanX, lanTop, lanW, lanBottom-lanTop, colPanel, false)
	drawText(screen, "Games on your network", faceBold, lanX+20, lanTop+16, colText, text.AlignStart)
	switch {
	case g.opts.LAN == nil:
		drawText(screen, "Finding games on the network is off (-lan=false).", faceBody, lanX+lanW/2, 360, colDim, text.AlignCenter)
		drawText(screen, "Join by address or invite code.", faceBody, lanX+lanW/2, 386, colDim, text.AlignCenter)
	case len(g.lanGames) == 0:
		drawSpinner(screen, lanX+lanW/2, 360, g.ticks)
		drawText(screen, "Searching the local network…", faceBody, lanX+lanW/2, 400, colDim, text.AlignCenter)
	}
	drawText(screen, "Tab, arrows and Enter move around; a gamepad works too", faceSmall, screenW-20, screenH-28, colDim, text.AlignEnd)
	drawText(screen, "Gem Rush "+g.opts.Version, faceSmall, screenW-20, screenH-48, colDim, text.AlignEnd)
}
