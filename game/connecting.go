package game

import (
	"errors"
	"strconv"
	"syscall"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/hajimehoshi/ebiten/v2"
)

// connectingScene waits for a game to start or a host to answer, with a spinner,
// the seconds so far and Cancel.
type connectingScene struct {
	form  form
	m     *client.Match
	to    target // the game being joined; zero when hosting
	pw    string // the password given, for a join that stops to ask who to trust
	since int    // the tick connecting began
	home  *menuScene
}

// target is a game to join: where, and the host the local network advertises there.
type target struct {
	addr        string
	fingerprint string // from the LAN's advert; "" for an address typed, pasted or picked from Recent games
	trustNew    bool   // whatever host answers: the player said so (-trust-new-host)
}

// player is how this window's player joins addr: with the name as typed in home,
// which becomes the remembered one.
func (g *Game) player(addr, password string, home *menuScene) client.Config {
	g.settings.Name = home.name.String()
	return client.Config{Addr: addr, Name: g.settings.Name, Colour: uint8(g.settings.Colour), Password: password}
}

// host starts a game in this window, on the port from -port or the last one used,
// with home's room password, and joins it. The last port used may be taken (another
// game on this machine): the game then moves to a free port near it and says so.
// A port the player asked for with -port is theirs to change.
func (g *Game) host(home *menuScene) {
	port := g.settings.Port
	if g.opts.PortSet {
		port = g.opts.Port
	}
	player := g.player("", home.password.String(), home)
	name := player.Name
	if name == "" {
		name = "Player"
	}
	m, err := client.HostAndJoin(g.opts.Network, client.HostConfig{
		Port: port, NearbyPort: !g.opts.PortSet, Name: name + "'s game", MaxPlayers: g.opts.MaxPlayers, TargetScore: g.opts.TargetScore,
		Password: home.password.String(), PortMap: !g.settings.LeaveRouterAlone,
	}, player, g.log)
	switch {
	case errors.Is(err, syscall.EADDRINUSE): // the host's sentence names the port
		g.fail("Could not start the game", err.Error()+".",
			"Close that program, or start Gem Rush without -port: it then picks a free port by itself.", home)
		return
	case err != nil:
		g.fail("Could not start the game", "UDP port "+strconv.Itoa(port)+" cannot be used: "+err.Error()+".", "", home)
		return
	}
	if got := m.HostPort(); port != 0 && got != port {
		g.say("Port " + strconv.Itoa(port) + " was taken: hosting on " + strconv.Itoa(got))
		g.log.Info("the hosting port was taken; hosting on another", "wanted", port, "port", got)
	}
	if port != 0 { // the port friends were told, for next time
		g.settings.Port = m.HostPort()
	}
	g.saveSettings()
	g.goTo(&connectingScene{m: m, since: g.ticks, home: home, form: form{focus: "cancel"}})
}

// join starts joining the game at t. The host must be the one expected there: the
// one this address answered with before (trust on first use), or else the one the
// LAN advertises; an invite code names its own. Another host answering stops the join
// before the password or anything else is sent.
func (g *Game) join(t target, password string, home *menuScene) {
	cfg := g.player(t.addr, password, home)
	known, isKnown := settings.KnownHostAt(g.opts.ConfigDir, t.addr)
	switch {
	case invite.IsCode(t.addr):
	case t.trustNew:
	case isKnown: // what the address answered with before outweighs an advert anyone on the LAN can make
		cfg.Fingerprint, cfg.Pin = known, client.PinKnown
	case t.fingerprint != "":
		cfg.Fingerprint, cfg.Pin = t.fingerprint, client.PinAdvertised
	}
	if c, ok := settings.FindComeback(g.opts.ConfigDir, t.addr, cfg.Name); ok { // this game closed under them: their place may wait
		cfg.Token, cfg.TokenFor = c.Token, c.Fingerprint // the token goes only to the host that gave it
	}
	m := client.Join(g.opts.Network, cfg, g.log)
	g.saveSettings()
	g.goTo(&connectingScene{m: m, to: t, pw: password, since: g.ticks, home: home, form: form{focus: "cancel"}})
}

// knowHost remembers the host that answered at t, for the next join there.
func (g *Game) knowHost(t target, m *client.Match) {
	if invite.IsCode(t.addr) || m.State() == nil {
		return
	}
	if err := settings.TrustHost(g.opts.ConfigDir, t.addr, m.State().Transport().Fingerprint()); err != nil {
		g.log.Warn("cannot remember the host's identity", "err", err)
	}
}

func (s *connectingScene) screen() string       { return "connecting" }
func (s *connectingScene) title() string        { return "Gem Rush — connecting" }
func (s *connectingScene) match() *client.Match { return s.m }

func (s *connectingScene) update(g *Game) {
	cancel := func() {
		g.leave(s.m)
		g.goTo(s.home.again())
	}
	s.form.set([]*control{button("cancel", "Cancel", centred(600, 120, 40), cancel)}, "")
	if g.in.back {
		cancel()
		return
	}
	s.form.update(&g.in)
	if g.scene != s {
		return
	}
	done, err := s.m.Ready()
	switch {
	case !done:
	case err == nil:
		if !s.m.Hosting() {
			g.settings.AddRecent(settings.RecentGame{Addr: s.m.Addr(), Name: s.m.State().Welcome.HostName,
				Fingerprint: s.m.State().Transport().Fingerprint()})
			g.saveSettings()
			g.keepComeback(s.m)
			g.knowHost(s.to, s.m)
		}
		g.goTo(newPlaying(s.m, s.home))
	case client.NeedsPassword(err) && !s.m.Hosting():
		g.giveUpJoin(s.m) // a token kept for this game is still wanted, with the password
		g.goTo(newPassword(s.to, err.Error(), s.home))
	case changedHost(err) != nil:
		g.giveUpJoin(s.m) // nothing was sent to the host that answered
		g.goTo(newTrust(s.to, s.pw, changedHost(err), s.home))
	default:
		if client.Resumable(err) {
			g.giveUpJoin(s.m) // nobody answered: a place waiting there still waits
		} else {
			g.leave(s.m)
		}
		headline := "Could not join the game"
		if s.m.Hosting() {
			headline = "Could not start the game"
		}
		e := g.fail(headline, err.Error(), nextStep(err, !s.m.Hosting() && g.settings.InRecent(s.m.Addr())), s.home)
		if !s.m.Hosting() {
			e.fix = s.home.fieldToFix(err, s.m.Addr())
		}
	}
}

func (s *connectingScene) draw(g *Game, screen *ebiten.Image) {
	what := "Starting your game…"
	if !s.m.Hosting() {
		what = "Connecting to " + s.m.Addr()
	}
	drawSpinner(screen, screenW/2, screenH/2-110, g.ticks)
	drawCentredLines(screen, what, colText, formatSeconds((g.ticks-s.since)/60))
	s.form.draw(screen, g.ticks)
}

func (s *connectingScene) report(st *status) { reportMatch(st, s.m) }
