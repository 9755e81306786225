// Package game is Gem Rush's window: it turns keys into inputs, polls the player's
// connection, and draws the arena, the scoreboard and the chat. It is the only
// package that imports ebiten. A hosting window runs the host in the same process
// and joins it through the same client code as everyone else.
package game

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/hajimehoshi/ebiten/v2"
)

// hostStopWait bounds how long closing the window waits for the host to say goodbye
// to everyone; the host's own shutdown is bounded below this.
const hostStopWait = 3 * time.Second

// Options say what the window does when it opens.
type Options struct {
	Host       bool   // host a game here and join it
	Addr       string // otherwise, join this address
	Port       int    // hosting port; 0 picks a free one
	Name       string // the player's name
	MaxPlayers int
	CertDir    string
	Version    string
	Session    session.Options
	WrapConn   func(net.PacketConn) net.PacketConn
	Logger     *slog.Logger
}

type scene int

const (
	sceneConnecting scene = iota
	scenePlaying
	sceneEnded
)

type dialResult struct {
	conn *client.Conn
	err  error
}

// Game is the running window.
type Game struct {
	opts   Options
	log    *slog.Logger
	scene  scene
	ticks  int // Update calls so far: the window's own clock, 60 a second
	joinAt string

	server   *host.Server
	stopHost context.CancelFunc
	hostDone chan error

	cancelDial context.CancelFunc
	dialed     chan dialResult
	conn       *client.Conn
	connShared atomic.Pointer[client.Conn] // for ClientVars, read by the debug server
	view       *client.View
	drawn      atomic.Int64 // discs on the last frame drawn, for ClientVars

	chat    chatBox
	ended   string      // why the game ended, for the person
	leaving atomic.Bool // set by SIGINT/SIGTERM: close the window
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
	g := &Game{opts: opts, log: opts.Logger}
	if err := onStart(g); err != nil {
		return err
	}
	g.start(ctx)
	defer g.close()

	ebiten.SetWindowTitle(g.title())
	ebiten.SetWindowSize(screenW, screenH)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetTPS(60)
	go func() { // SIGINT/SIGTERM close the window like its close button
		<-ctx.Done()
		g.leaving.Store(true)
	}()
	if err := ebiten.RunGame(g); err != nil && !errors.Is(err, ebiten.Termination) {
		return explainStartError(err)
	}
	return nil
}

// start hosts (if asked) and begins joining, without waiting: the window opens on the
// connecting screen and Update picks up the result.
func (g *Game) start(ctx context.Context) {
	addr := g.opts.Addr
	if g.opts.Host {
		name := g.opts.Name
		if name == "" {
			name = "Player"
		}
		s, err := host.New(host.Config{
			Addr: ":" + strconv.Itoa(g.opts.Port), Name: name + "'s game", MaxPlayers: g.opts.MaxPlayers,
			CertDir: g.opts.CertDir, Session: g.opts.Session, WrapConn: g.opts.WrapConn, Logger: g.log,
		})
		if err != nil {
			g.end(fmt.Sprintf("Cannot host on UDP port %d: %v. Another game may be running; try -port 0.", g.opts.Port, err))
			return
		}
		hctx, cancel := context.WithCancel(context.Background())
		g.server, g.stopHost, g.hostDone = s, cancel, make(chan error, 1)
		go func() { g.hostDone <- s.Run(hctx) }()
		g.joinAt = firstOr(session.JoinAddrs(s.Addr().Port), s.Addr().String())
		g.log.Info("hosting", "port", s.Addr().Port, "join", session.JoinAddrs(s.Addr().Port), "fingerprint", s.Fingerprint())
		addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Addr().Port))
	}
	dctx, cancel := context.WithCancel(ctx)
	g.cancelDial, g.dialed = cancel, make(chan dialResult, 1)
	cfg := client.Config{
		Addr: addr, Name: g.opts.Name, Colour: wire.NoColour,
		Session: g.opts.Session, WrapConn: g.opts.WrapConn, Logger: g.log,
	}
	go func() {
		c, err := client.Dial(dctx, cfg)
		g.dialed <- dialResult{c, err}
	}()
}

func firstOr(list []string, fallback string) string {
	if len(list) > 0 {
		return list[0]
	}
	return fallback
}

// close leaves the game and stops the host, each boundedly.
func (g *Game) close() {
	if g.cancelDial != nil {
		g.cancelDial()
	}
	if g.conn != nil {
		g.conn.Leave()
	} else if g.dialed != nil {
		select { // a dial that succeeds as the window closes still leaves properly
		case r := <-g.dialed:
			if r.conn != nil {
				r.conn.Leave()
			}
		case <-time.After(100 * time.Millisecond):
		}
	}
	if g.stopHost != nil {
		g.stopHost()
		select {
		case <-g.hostDone:
		case <-time.After(hostStopWait):
			g.log.Warn("the host did not stop in time")
		}
	}
}

func (g *Game) end(reason string) {
	g.scene, g.ended = sceneEnded, reason
	g.log.Info("game over for this window", "reason", reason)
	ebiten.SetWindowTitle(g.title())
}

func (g *Game) title() string {
	switch {
	case g.scene == sceneEnded:
		return "Gem Rush — disconnected"
	case g.scene == scenePlaying && g.server != nil:
		return fmt.Sprintf("Gem Rush — hosting on port %d", g.server.Addr().Port)
	case g.scene == scenePlaying:
		return "Gem Rush — playing at " + g.conn.Addr()
	}
	return "Gem Rush — connecting"
}

// Update advances the window one tick: take what the network delivered, turn keys
// into an input and chat, send them.
func (g *Game) Update() error {
	g.ticks++
	if g.leaving.Load() {
		return ebiten.Termination
	}
	switch g.scene {
	case sceneConnecting:
		if quitPressed() {
			return ebiten.Termination
		}
		select {
		case r := <-g.dialed:
			if r.err != nil {
				g.end(r.err.Error())
				break
			}
			g.conn, g.view, g.scene = r.conn, client.NewView(r.conn.Welcome()), scenePlaying
			g.connShared.Store(r.conn)
			ebiten.SetWindowTitle(g.title())
		default:
		}
	case scenePlaying:
		if g.view.Poll(g.conn) {
			g.end(g.conn.Err().Error())
			return nil
		}
		if line, ok := g.chat.update(); ok {
			if err := g.conn.SendChat(line); err != nil {
				g.view.Log = append(g.view.Log, client.Line{Text: "Chat not sent: " + err.Error(), Notice: true})
			}
		}
		g.conn.SendInput(movement(g.chat.open))
	case sceneEnded:
		if quitPressed() {
			return ebiten.Termination
		}
	}
	return nil
}

// Layout fixes the logical screen; Ebitengine scales it to the window.
func (g *Game) Layout(int, int) (int, int) { return screenW, screenH }

// ClientVars is the player's connection state for /debug/vars.
func (g *Game) ClientVars() any {
	c := g.connShared.Load()
	if c == nil {
		return map[string]any{"connected": false}
	}
	vars := c.Vars()
	vars["players_drawn"] = g.drawn.Load()
	return vars
}

// HostVars is the host's state for /debug/vars, when this window hosts.
func (g *Game) HostVars() any {
	if g.server == nil {
		return nil
	}
	return g.server.Vars()
}
