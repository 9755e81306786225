// Package game is Gem Rush's window: the title menu, the connecting, password and
// error screens, and the game itself — arena, scoreboard, chat and the in-game menu.
// It turns keys, clicks and gamepad buttons into intents and inputs, polls the
// player's connection, and draws. It is the only package that imports ebiten. A
// hosting window runs the host in the same process and joins it through the same
// client code as everyone else.
package game

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/settings"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
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
	ConfigDir   string // settings and the host's TLS identity
	Version     string
	Session     session.Options
	WrapConn    func(net.PacketConn) net.PacketConn
	LAN         discovery.Service // finds and advertises LAN games; nil when -lan=false
	Logger      *slog.Logger
}

type scene int

const (
	sceneMenu scene = iota
	sceneConnecting
	scenePassword
	scenePlaying
	sceneError
)

var sceneNames = [...]string{"menu", "connecting", "password", "playing", "error"}

// Game is the running window. Only Update and Draw touch it, except the atomics.
type Game struct {
	opts     Options
	log      *slog.Logger
	settings settings.Settings
	scene    scene
	ticks    int // Update calls: the window's own clock, 60 a second
	in       intents
	typed    []rune
	form     form
	clip     clipboardPipe
	toast    string
	toastEnd int
	quit     bool
	closing  []<-chan struct{} // matches still saying goodbye

	// The menu.
	name, address, password *textField
	colour                  int
	hostOpen                bool
	lan                     <-chan []discovery.Game // nil when LAN discovery is off
	lanGames                []discovery.Game
	stopLAN                 context.CancelFunc

	// The game being joined or played.
	m          *match
	chat       chatBox
	paused     bool
	confirmEnd bool

	// The error and password screens.
	errHeadline, errText string
	errNext              string // what to do next, or ""
	retryAddr            string
	retryPassword        *textField

	leaving atomic.Bool // SIGINT/SIGTERM: close the window
	status  atomic.Pointer[status]
	drawn   atomic.Int64 // discs on the last frame drawn
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
	if err := onStart(g); err != nil {
		return err
	}
	switch {
	case opts.Host:
		g.startHosting()
	case opts.Addr != "":
		g.startJoining(opts.Addr, opts.Password)
	}
	ebiten.SetWindowTitle(g.title())
	ebiten.SetWindowSize(g.settings.WindowWidth, g.settings.WindowHeight)
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
	name := opts.Name
	if name == "" {
		name = g.settings.Name
	}
	if name == "" {
		name = opts.DefaultName
	}
	g.name = newField(name, "Your name", sim.MaxNameRunes)
	g.address = newField("", "host:port or invite code", 80)
	g.password = newField(opts.Password, "No password", 32)
	g.password.secret = true
	g.colour = g.settings.Colour
	if opts.LAN != nil {
		ctx, cancel := context.WithCancel(context.Background())
		g.lan, g.stopLAN = opts.LAN.Browse(ctx), cancel
	}
	g.publish()
	return g
}

// shutdown leaves any game, waits boundedly for the goodbyes, and saves settings.
func (g *Game) shutdown() {
	if g.stopLAN != nil {
		g.stopLAN()
	}
	if g.m != nil {
		g.closing = append(g.closing, g.m.close())
	}
	timeout := time.After(matchStopWait + time.Second)
	for _, c := range g.closing {
		select {
		case <-c:
		case <-timeout:
		}
	}
	g.saveSettings()
}

func (g *Game) saveSettings() {
	g.settings.Name, g.settings.Colour = g.name.String(), g.colour
	if err := g.settings.Save(g.opts.ConfigDir); err != nil {
		g.log.Warn("settings not saved", "err", err)
	}
}

// playerConfig is how this window's player connects.
func (g *Game) playerConfig(addr, password string) client.Config {
	return client.Config{
		Addr: addr, Name: g.name.String(), Colour: uint8(g.colour), Password: password,
		Session: g.opts.Session, WrapConn: g.opts.WrapConn, Logger: g.log,
	}
}

func (g *Game) startHosting() {
	port := g.settings.Port
	if g.opts.PortSet {
		port = g.opts.Port
	}
	name := g.name.String()
	if name == "" {
		name = "Player"
	}
	m, err := hostMatch(host.Config{
		Addr: ":" + strconv.Itoa(port), Name: name + "'s game", MaxPlayers: g.opts.MaxPlayers,
		Password: g.password.String(), CertDir: g.opts.ConfigDir, LAN: g.opts.LAN,
		Session: g.opts.Session, WrapConn: g.opts.WrapConn, Logger: g.log,
	}, g.playerConfig("", g.password.String()), g.ticks)
	if err != nil {
		g.fail("Could not start the game",
			"UDP port "+strconv.Itoa(port)+" cannot be used ("+err.Error()+"). Another game may be running on this machine; "+
				"start Gem Rush with -port 0 to pick a free port.", "")
		return
	}
	if port != 0 {
		g.settings.Port = port
	}
	g.saveSettings()
	g.begin(m)
}

func (g *Game) startJoining(addr, password string) {
	g.saveSettings()
	g.begin(joinMatch(g.playerConfig(addr, password), g.ticks))
}

func (g *Game) begin(m *match) {
	g.m, g.paused, g.confirmEnd, g.chat = m, false, false, chatBox{}
	g.goTo(sceneConnecting, "cancel")
}

// endMatch leaves the current game (without waiting) and shows the menu.
func (g *Game) endMatch() {
	if g.m != nil {
		g.closing = append(g.closing, g.m.close())
		g.m = nil
	}
	g.goTo(sceneMenu, "")
}

// fail ends the current game, if any, and shows what went wrong and what to do.
func (g *Game) fail(headline, text, next string) {
	if g.m != nil {
		g.closing = append(g.closing, g.m.close())
		g.m = nil
	}
	g.errHeadline, g.errText, g.errNext = headline, text, next
	g.log.Info("shown to the player", "headline", headline, "text", text, "next", next)
	g.goTo(sceneError, "back")
}

func (g *Game) goTo(s scene, focus string) {
	g.scene = s
	g.form = form{focus: focus}
	ebiten.SetWindowTitle(g.title())
}

func (g *Game) title() string {
	switch g.scene {
	case sceneConnecting:
		return "Gem Rush — connecting"
	case scenePassword:
		return "Gem Rush — password needed"
	case scenePlaying:
		return "Gem Rush — " + g.m.describe()
	case sceneError:
		return "Gem Rush — " + g.errHeadline
	}
	return "Gem Rush"
}

// Update advances the window one tick.
func (g *Game) Update() error {
	g.ticks++
	g.in = readIntents(g.typed)
	g.typed = g.in.typed
	if copied, err := g.clip.poll(&g.in); copied {
		if err != nil {
			g.say(clipboardAdvice(err))
		} else {
			g.say("Invite code copied")
		}
	}
	if g.in.paste {
		g.clip.paste()
	}
	select { // the LAN list, when it changed
	case games, ok := <-g.lan:
		if ok {
			g.lanGames = games
		}
	default:
	}
	if g.in.fullscreen {
		ebiten.SetFullscreen(!ebiten.IsFullscreen())
	}
	if !ebiten.IsFullscreen() {
		g.settings.WindowWidth, g.settings.WindowHeight = ebiten.WindowSize()
	}
	switch g.scene {
	case sceneMenu:
		g.updateMenu()
	case sceneConnecting:
		g.updateConnecting()
	case scenePassword:
		g.updatePassword()
	case scenePlaying:
		g.updatePlaying()
	case sceneError:
		g.updateError()
	}
	g.publish()
	if g.quit || g.leaving.Load() {
		return ebiten.Termination
	}
	return nil
}

// say shows a short message at the bottom of the screen for a few seconds.
func (g *Game) say(s string) { g.toast, g.toastEnd = s, g.ticks+4*60 }

func (g *Game) updateConnecting() {
	g.form.set([]*control{button("cancel", "Cancel", centred(600, 120, 40), g.endMatch)}, "")
	if g.in.back {
		g.endMatch()
		return
	}
	g.form.update(&g.in)
	if g.m == nil {
		return
	}
	err, done := g.m.poll()
	switch {
	case !done:
	case err == nil:
		if g.m.server == nil {
			g.settings.AddRecent(g.m.addr)
			g.saveSettings()
		}
		g.goTo(scenePlaying, "")
	case client.NeedsPassword(err) && g.m.server == nil:
		addr := g.m.addr
		g.closing = append(g.closing, g.m.close())
		g.m = nil
		g.askPassword(addr, err.Error())
	default:
		headline := "Could not join the game"
		if g.m.server != nil {
			headline = "Could not start the game"
		}
		g.fail(headline, err.Error(), nextStep(err))
	}
}

// askPassword shows the password prompt for the game at addr, saying why.
func (g *Game) askPassword(addr, why string) {
	g.retryAddr, g.errText = addr, why
	g.retryPassword = newField("", "Password", 32)
	g.retryPassword.secret = true
	g.goTo(scenePassword, "password")
}

func (g *Game) updatePassword() {
	join := func() { g.startJoining(g.retryAddr, g.retryPassword.String()) }
	g.form.set([]*control{
		field("password", "Password", g.retryPassword, centred(330, 400, 40), join),
		button("join", "Join", centred(390, 400, 40), join),
		button("back", "Back to the menu", centred(450, 400, 40), func() { g.goTo(sceneMenu, "") }),
	}, "")
	g.form.controls[1].primary = true
	if g.in.back {
		g.goTo(sceneMenu, "")
		return
	}
	g.form.update(&g.in)
}

func (g *Game) updateError() {
	g.form.set([]*control{button("back", "Back to the menu", centred(440, 300, 44), func() { g.goTo(sceneMenu, "") })}, "")
	g.form.controls[0].primary = true
	if g.in.back {
		g.goTo(sceneMenu, "")
		return
	}
	g.form.update(&g.in)
}

// Layout fixes the logical screen; Ebitengine scales it to the window, keeping its shape.
func (g *Game) Layout(int, int) (int, int) { return screenW, screenH }
