package game

import (
	"context"
	"fmt"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
)

// playingScene is the game itself: the arena, the scoreboard and chat, the HUD, and
// the in-game menu over it all (the game goes on underneath).
type playingScene struct {
	m          *client.Match
	st         *client.State
	home       *menuScene
	chat       chatBox
	paused     bool
	confirmEnd bool   // the host asked to end the game for everyone: are they sure?
	removing   bool   // the host is choosing a player to remove
	remove     uint8  // the player the host chose to remove, 0 while choosing: are they sure?
	removeName string // their name: another player given their id after they left is not them
	form       form   // the in-game menu
	drawn      int    // discs on the last frame drawn
	meter      client.Meter
	fx         effects
	goFrom     int // the tick play began ("Go!" shows a moment); -1 before
	bannerFrom int // the tick the winner's banner went up; -1 while it is down
	since      int // the tick the player joined or the round began: their disc pulses a while
	begun      bool
	gemIDs     []uint16
	shown      []string // the big words drawn over the arena on the last frame, for /debug/vars
	keyed      keyToMotion
}

func newPlaying(m *client.Match, home *menuScene) *playingScene {
	return &playingScene{m: m, st: m.State(), home: home, bannerFrom: -1, goFrom: -1}
}

func (s *playingScene) screen() string       { return "playing" }
func (s *playingScene) match() *client.Match { return s.m }

func (s *playingScene) title() string {
	if s.m.Hosting() {
		return fmt.Sprintf("Gem Rush — hosting on port %d", s.m.HostPort())
	}
	return "Gem Rush — playing at " + s.m.Addr()
}

// leaveGame leaves (or, hosting, ends) the game and goes back to the menu.
func (s *playingScene) leaveGame(g *Game) {
	g.leave(s.m)
	g.goTo(s.home.again())
}

// update takes what the network delivered, then the player's chat and movement.
func (s *playingScene) update(g *Game) {
	now := time.Now()
	if err := s.st.Step(now); err != nil {
		if client.Resumable(err) {
			g.goTo(newReconnecting(s.m, err, s.home))
			return
		}
		g.leave(s.m)
		g.fail("Disconnected", err.Error(), nextStep(err, g.settings.InRecent(s.m.Addr())), s.home)
		return
	}
	s.meter.Sample(s.st, now)
	if !s.begun {
		s.begun, s.since = true, g.ticks
	}
	g.botNews()
	for _, h := range s.st.TakeHappenings() {
		g.sound.happened(h, s.st.Welcome.You)
		s.fx.happened(h, s.st, g.ticks)
		switch h.Kind {
		case client.RoundBegins:
			s.since = g.ticks
		case client.RoundGo:
			s.goFrom = g.ticks
		}
	}
	s.gemIDs = s.gemIDs[:0]
	for _, gem := range s.st.Gems {
		s.gemIDs = append(s.gemIDs, gem.ID)
	}
	s.fx.sweep(s.gemIDs, g.ticks)
	if g.in.mute && !s.chat.open { // M is a letter while typing a chat line
		g.toggleMute()
	}
	if s.paused {
		s.st.Input(sim.Input{}, now)
		s.updatePause(g)
		return
	}
	if g.in.click && g.in.clickAt.In(copyButton) && s.m.Invite() != "" {
		g.clip.copy(s.m.Invite())
	}
	if g.in.click && s.m.Hosting() {
		for _, row := range s.scoreRows(s.st.Ranking()) {
			if g.in.clickAt.In(row.at) && row.p.ID != s.st.Welcome.You {
				// A host clicks a player on the scoreboard: remove them? (Cancel first.)
				s.paused, s.removing, s.remove, s.removeName, s.confirmEnd = true, true, row.p.ID, row.p.Name, false
				s.form = form{focus: "cancel"}
				g.in.click = false // the keys of the same (slow) frame go to the confirmation
				s.updatePause(g)
				return
			}
		}
	}
	wasOpen := s.chat.open
	if line, ok := s.chat.update(&g.in); ok {
		if err := s.st.SendChat(line); err != nil {
			s.st.Notice("Chat not sent: " + err.Error())
		}
	}
	if !wasOpen && !s.chat.open && g.in.menu {
		s.paused, s.confirmEnd = true, false
		s.form = form{}
	}
	move := g.in.move
	if s.chat.open {
		move = sim.Input{}
	}
	before, _ := s.st.Predicted()
	s.st.Input(move, now)
	after, _ := s.st.Predicted()
	s.keyed.input(move, after != before)
}

// kickWait bounds how long the window waits for its own host to take a removal: the
// host runs in this process, so it answers at once unless it is ending.
const kickWait = time.Second

// kick removes player id, as the host chose and confirmed, and goes back to the game.
func (s *playingScene) kick(g *Game, id uint8) {
	ctx, cancel := context.WithTimeout(context.Background(), kickWait)
	defer cancel()
	if !s.m.Host().Kick(ctx, id) {
		g.warn("They are no longer in the game")
	}
	s.removing, s.remove, s.paused = false, 0, false
}

// The in-game menu's column: a host's ten rows fit above the toast.
const (
	pauseTop   = 150
	pauseW     = 340
	pauseRowH  = 40
	pauseStep  = 50
	pauseTitle = pauseTop - 64
)

// updatePause runs the in-game menu: the game goes on underneath.
func (s *playingScene) updatePause(g *Game) {
	resume := func() { s.paused = false }
	if p := s.st.Players[s.remove]; s.remove != 0 && (p == nil || p.Name != s.removeName) {
		s.remove = 0 // they left while the host was deciding (and another may have their id)
	}
	var controls []*control
	y := pauseTop
	add := func(id, label string, press func()) {
		controls = append(controls, button(id, label, centred(y, pauseW, pauseRowH), press))
		y += pauseStep
	}
	switch {
	case s.confirmEnd:
		add("end", "End the game for everyone", func() { s.leaveGame(g) })
		add("cancel", "Cancel", func() { s.confirmEnd = false })
		controls[0].primary = true
	case s.removing && s.remove != 0:
		id := s.remove
		add("remove", "Remove "+s.st.Players[id].Name, func() { s.kick(g, id) })
		add("cancel", "Cancel", func() { s.removing, s.remove = false, 0 })
		controls[0].primary = true
	case s.removing:
		for _, p := range s.st.Ranking() {
			if p.ID != s.st.Welcome.You {
				id := p.ID
				add(fmt.Sprintf("player-%d", id), p.Name, func() { s.remove, s.removeName = id, p.Name; s.form.focus = "cancel" })
			}
		}
		add("back", "Back", func() { s.removing = false })
	default:
		add("resume", "Resume", resume)
		if s.m.Invite() != "" {
			add("copy", "Copy invite code", func() { g.clip.copy(s.m.Invite()) })
		}
		if s.m.Hosting() {
			if len(s.st.Players) > 1 {
				add("remove", "Remove a player…", func() { s.removing = true; s.form = form{} })
			}
			add("leave", "End game for everyone…", func() { s.confirmEnd = true; s.form.focus = "cancel" })
			controls, y = append(controls, s.botRows(g, y)...), y+2*pauseStep
		} else {
			add("leave", "Leave game", func() { s.leaveGame(g) })
		}
		full := "Fullscreen"
		if ebiten.IsFullscreen() {
			full = "Leave fullscreen"
		}
		add("fullscreen", full, func() { ebiten.SetFullscreen(!ebiten.IsFullscreen()) })
		stats := "Show net stats (F3)"
		if g.settings.NetStats {
			stats = "Hide net stats (F3)"
		}
		add("netstats", stats, func() { g.settings.NetStats = !g.settings.NetStats })
		sound := "Sound: on (M)"
		if g.settings.Mute {
			sound = "Sound: off (M)"
		}
		add("sound", sound, g.toggleMute)
		add("quit", "Quit Gem Rush", func() { g.quit = true })
	}
	s.form.set(controls, "")
	if g.in.back {
		switch {
		case s.confirmEnd:
			s.confirmEnd = false
		case s.remove != 0:
			s.remove = 0
		case s.removing:
			s.removing = false
		default:
			resume()
		}
		return
	}
	s.form.update(&g.in)
}

func (s *playingScene) draw(g *Game, screen *ebiten.Image) {
	now := time.Now() // positions are for the moment of drawing, however fast the screen
	s.shown = s.shown[:0]
	s.drawArena(g, screen, now)
	s.drawTopBar(screen)
	s.drawScoreboard(screen)
	s.drawChat(g, screen)
	s.drawBanner(screen, g.ticks)
	s.drawCountdown(screen, now, g.ticks)
	s.drawProblem(screen, now)
	if g.settings.NetStats {
		s.drawNetStats(screen, now)
	}
	if g.in.scoreboard && !s.chat.open && !s.paused {
		s.drawFullScoreboard(screen)
	}
	if s.paused {
		s.drawPause(screen)
		s.form.draw(screen, g.ticks)
	}
}

func (s *playingScene) report(st *status) {
	reportMatch(st, s.m)
	st.playersDrawn = s.drawn
	st.keyToMotion = s.keyed.frames
	st.shown = append([]string(nil), s.shown...)
	st.effects = len(s.fx.bursts) + len(s.fx.floats)
	st.net = netVars(s.st, &s.meter, time.Now())
}
