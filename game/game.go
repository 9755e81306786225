// Package game is Gem Rush's window: the title menu, the connecting, password and
// error screens, and the game itself — arena, scoreboard, chat and the in-game menu.
// It turns keys, clicks and gamepad buttons into intents and inputs, steps the
// player's client.State, and draws. It is the only package that imports ebiten, and
// it never sees quic-go: games are reached through the client.Network main gives it.
// A hosting window runs the host in the same process and joins it through the same
// client code as everyone else.
//
// Each screen is a scene of its own, in a file of its own, holding its own state;
// Game holds what every screen shares.
package game

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
	"github.com/hajimehoshi/ebiten/v2"
)

// Options say how the window starts.
type Options struct {
	Host        bool   // host a game at once, skipping the menu
	Addr        string // join this address or invite code at once, skipping the menu
	Port        int    // hosting port, when PortSet; otherwise the last one used
	PortSet     bool
	Name        string // the player's name from -name; else the remembered one
	DefaultName string // the name on a first run
	Password    string // the room password for -host, or to give with -join
	MaxPlayers  int
	TargetScore int    // gems that win a round in a hosted game; 0 is the rules' own
	ConfigDir   string // where settings are kept
	Version     string // shown on the menu
	NoPortMap   bool   // -portmap=false: hosted games never ask the router, whatever the menu says
	// TrustNewHost: the -join game is joined even if its host's identity changed since
	// the last game at that address (the window asks otherwise).
	TrustNewHost bool
	Network      client.Network    // how games are joined and hosted
	LAN          discovery.Service // finds LAN games; nil when -lan=false
	Logger       *slog.Logger
}

// scene is one screen: its own state, what it does with each tick's intents, and how
// it looks. update may move to another screen with g.goTo.
type scene interface {
	screen() string // what /debug/vars calls it
	title() string  // the window's title while it shows
	update(g *Game)
	draw(g *Game, screen *ebiten.Image)
}

// Game is the running window: what every screen shares. Only Update and Draw touch
// it, except the atomics.
type Game struct {
	opts     Options
	log      *slog.Logger
	settings settings.Settings
	scene    scene
	ticks    int // Update calls: the window's own clock, 60 a second
	in       intents
	typed    []rune
	clip     clipboardPipe
	bots     *botFiller // the bots a hosting player added to their game, or nil
	sound    sounds
	lan      lanList
	toast    string
	toastEnd int
	toastBad bool // the toast warns rather than confirms
	quit     bool
	closing  []<-chan struct{} // matches still saying goodbye

	leaving atomic.Bool // SIGINT/SIGTERM: close the window
	status  atomic.Pointer[status]
	drawn   atomic.Uint64 // frames drawn: a test that saw a state waits for a frame or two that show it
}

// Run opens the window and plays until it is closed or ctx ends. onStart runs once
// the game exists (main uses it to publish debug vars).
func Run(ctx context.Context, opts Options, onStart func(*Game) error) error {
	if err := checkDisplay(); err != nil {
		return err
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	g := newGame(opts)
	g.sound.start(openDevice, g.settings, g.log)
	if err := onStart(g); err != nil {
		return err
	}
	menu := g.scene.(*menuScene)
	switch {
	case opts.Host:
		g.host(menu)
	case opts.Addr != "":
		g.join(target{addr: opts.Addr, trustNew: opts.TrustNewHost}, opts.Password, menu)
	}
	ebiten.SetWindowTitle(g.scene.title())
	ebiten.SetWindowSizeLimits(minWindowW, minWindowH, -1, -1)
	ebiten.SetWindowSize(max(g.settings.WindowWidth, minWindowW), max(g.settings.WindowHeight, minWindowH))
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetTPS(60)
	go func() { // SIGINT/SIGTERM close the window like its close button
		<-ctx.Done()
		g.leaving.Store(true)
	}()
	err := ebiten.RunGame(g)
	g.shutdown()
	if err != nil && !errors.Is(err, ebiten.Termination) {
		return explainStartError(err)
	}
	return nil
}

func newGame(opts Options) *Game {
	g := &Game{opts: opts, log: opts.Logger, clip: newClipboardPipe()}
	g.settings = settings.Load(opts.ConfigDir, g.log)
	if opts.Name != "" {
		g.settings.Name = opts.Name
	} else if g.settings.Name == "" {
		g.settings.Name = opts.DefaultName
	}
	if opts.LAN != nil {
		g.lan = browseLAN(opts.LAN)
	}
	g.scene = newMenu(g)
	g.publish()
	return g
}

// shutdown leaves any game, waits boundedly for the goodbyes, and saves settings.
func (g *Game) shutdown() {
	g.lan.stop()
	if s, ok := g.scene.(interface{ match() *client.Match }); ok && s.match() != nil {
		g.leave(s.match())
	}
	timeout := time.After(client.CloseWait)
	for _, c := range g.closing {
		select {
		case <-c:
		case <-timeout:
		}
	}
	g.saveSettings()
}

func (g *Game) saveSettings() {
	if err := g.settings.Save(g.opts.ConfigDir); err != nil {
		g.log.Warn("settings not saved", "err", err)
	}
}

// goTo shows scene s from the next tick on.
func (g *Game) goTo(s scene) {
	g.scene = s
	ebiten.SetWindowTitle(s.title())
}

// leave leaves m's game (and stops its host) without waiting.
// Leaving says goodbye, which gives the place up: the token kept for coming back
// after a crash is forgotten with it.
func (g *Game) leave(m *client.Match) {
	if m.Hosting() {
		g.closeBots() // the bots the host added say goodbye with everyone else
	}
	g.forgetComeback(m)
	g.closing = append(g.closing, m.Close())
}

// giveUpJoin closes a match whose join failed in a way that leaves any place it was
// coming back to as it was (nobody answered yet, a password is wanted): the token
// kept for it stays for the next try.
func (g *Game) giveUpJoin(m *client.Match) { g.closing = append(g.closing, m.Close()) }

// keepComeback keeps the token of the game m just joined in the config dir, so that a
// relaunch after a crash, picking the game from Recent games, takes the place back.
func (g *Game) keepComeback(m *client.Match) {
	st := m.State()
	if m.Hosting() || st == nil {
		return
	}
	c := settings.Comeback{Addr: m.Addr(), Name: m.Name(), Fingerprint: st.Transport().Fingerprint(), Token: st.Welcome.Token}
	if err := settings.SaveComeback(g.opts.ConfigDir, c); err != nil {
		g.log.Warn("cannot keep the token for coming back after a crash", "err", err)
	}
}

func (g *Game) forgetComeback(m *client.Match) {
	if m.Hosting() {
		return
	}
	if err := settings.ForgetComeback(g.opts.ConfigDir, m.Addr(), m.Name()); err != nil {
		g.log.Warn("cannot forget the token kept for coming back to the game", "err", err)
	}
}

// fail shows what went wrong and what to do, with the way back to home.
func (g *Game) fail(headline, text, next string, home *menuScene) *errorScene {
	g.log.Info("shown to the player", "headline", headline, "text", text, "next", next)
	e := newError(headline, text, next, home)
	g.goTo(e)
	return e
}

// Update advances the window one tick.
func (g *Game) Update() error {
	g.ticks++
	g.in = readIntents(g.typed)
	g.typed = g.in.typed
	if copied, err := g.clip.poll(&g.in); copied {
		if err != nil {
			g.warn(clipboardAdvice(err))
		} else {
			g.say("Invite code copied")
		}
	}
	if g.in.paste {
		g.clip.paste()
	}
	g.lan.poll()
	if g.in.fullscreen {
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	if g.in.netStats {
		g.settings.NetStats = !g.settings.NetStats
	}
	if !ebiten.IsFullscreen() {
		g.settings.WindowWidth, g.settings.WindowHeight = ebiten.WindowSize()
	}
	g.scene.update(g)
	if g.in.pressed {
		g.sound.click()
	}
	g.publish()
	if g.quit || g.leaving.Load() {
		return ebiten.Termination
	}
	return nil
}

// say confirms something done, in a short message at the bottom of the screen for a
// few seconds; warn does the same for something that needs the player's attention.
func (g *Game) say(s string)  { g.toast, g.toastEnd, g.toastBad = s, g.ticks+4*60, false }
func (g *Game) warn(s string) { g.toast, g.toastEnd, g.toastBad = s, g.ticks+5*60, true }

// The smallest window: the screen drawn at 80 %, where the smallest text (13 px) is
// still over 10 px high. A window made smaller than this would shrink it past reading.
const (
	minWindowW = screenW * 4 / 5
	minWindowH = screenH * 4 / 5
)

// Layout fixes the logical screen; Ebitengine scales it to the window, keeping its shape.
func (g *Game) Layout(int, int) (int, int) { return screenW, screenH }
