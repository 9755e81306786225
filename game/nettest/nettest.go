// Package nettest plays Gem Rush in simulated time, for tests: the host's Loop and
// any number of players' client States, connected by in-memory links that lose,
// delay, jitter and duplicate like real ones (net/netsim), all driven by one virtual
// clock. The host ticks every 1/60 s of that clock and each player steps every 1/60 s
// too, exactly as the window and the bots do; nothing sleeps. A minute of play at a
// 200 ms round trip and 5 % loss takes milliseconds, and the seed fixes every loss,
// every delay and every gem, so a run gives the same figures every time.
//
// Everything runs on the goroutine that calls Join and Run.
package nettest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Start is when every simulated game begins, so runs compare to the nanosecond.
var Start = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// tick is the time between two host ticks, and between two frames of a player.
const tick = time.Second / sim.TickRate

// Config is how a simulated game is set up.
type Config struct {
	Link       netsim.Config // what each direction of every player's link does; Clock and Seed are set per link
	Seed       uint64        // fixes the world and every link; 0 is 1
	MaxPlayers int
	// TargetScore wins a round; 0 is the rules' default. Set it out of reach to keep
	// one round going.
	TargetScore int
	Password    string
	Logger      *slog.Logger  // nil logs nothing
	Grace       time.Duration // how long the host keeps a dropped player's place; 0 is host.ResumeGrace
	// DropSnapshots, if set, says which of the snapshots sent to each player (counted
	// from 1) are lost, on top of what the link loses: a pattern a test can name.
	DropSnapshots func(n uint64) bool
}

// Game is a host and its players in simulated time.
type Game struct {
	Clock   *netsim.VirtualClock
	Host    *host.Loop
	Players []*Player
	cfg     Config
	links   uint64    // links made so far: each gets seeds of its own
	stalled time.Time // the host does nothing until then
}

// StallHost freezes the host for d, as a process stopped by a debugger or starved of
// CPU: it neither ticks nor sends nor hears anything, and afterwards catches up as
// host.Server does, running the ticks it missed (up to host's catch-up limit) at once.
func (g *Game) StallHost(d time.Duration) { g.stalled = g.Now().Add(d) }

func (g *Game) hostStalled() bool { return g.Now().Before(g.stalled) }

// New starts a game with nobody in it; the host ticks from the first Run on.
func New(cfg Config) *Game {
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	g := &Game{Clock: netsim.NewVirtualClock(Start), cfg: cfg}
	g.Host = host.NewLoop(host.Config{Name: "Simulated game", MaxPlayers: cfg.MaxPlayers, TargetScore: cfg.TargetScore, Password: cfg.Password,
		Seed: cfg.Seed, Logger: cfg.Logger, Grace: cfg.Grace})
	pacer := host.NewPacer(Start) // as host.Server keeps its ticks: a stalled host catches up
	g.Clock.Every(tick, func() {
		if !g.hostStalled() {
			g.Host.Ticks(pacer.Due(g.Now()))
		}
	})
	return g
}

// ChangeLinks makes every player's link, both ways, do what cfg says from now on.
func (g *Game) ChangeLinks(cfg netsim.Config) {
	for _, p := range g.Players {
		p.link.up.Change(cfg)
		p.link.down.Change(cfg)
	}
}

// Now is the simulated time.
func (g *Game) Now() time.Time { return g.Clock.Now() }

// Run plays on for d of simulated time.
func (g *Game) Run(d time.Duration) { g.Clock.Advance(d) }

// RunUntil plays on until cond holds, checking every millisecond of simulated time,
// for at most limit; it reports whether cond came to hold.
func (g *Game) RunUntil(limit time.Duration, cond func() bool) bool {
	for end := g.Now().Add(limit); !cond(); {
		if !g.Now().Before(end) {
			return false
		}
		g.Clock.Advance(time.Millisecond)
	}
	return true
}

// Player is one player of a simulated game. Each frame (every 1/60 s) it steps its
// State and sends Move, or what Drive says; OnFrame, when set, replaces all of that
// (a bot's Step, say).
type Player struct {
	Name    string
	State   *client.State
	Move    sim.Input
	Drive   func(now time.Time, st *client.State) sim.Input
	OnFrame func(now time.Time)
	link    *link
	cfg     client.Config
	g       *Game

	// Coming back after a drop, as a player's game does by itself.
	retry  *client.Retry
	trying bool
	Back   []time.Time // when the player got back in, each time they did
	GaveUp error       // why the player stopped trying to come back, if they did
}

// Transport is the player's end of the link.
func (p *Player) Transport() client.Transport { return p.link }

// Join connects a player as the window would, through the conditioned link: QUIC's
// handshake takes a round trip, then the hello travels up, the host admits them, and
// the welcome travels down. It plays on in simulated time until the welcome arrives,
// and fails as a real join would (a *client.Error) when the host turns the player
// away or nothing answers in time; a player who gives up hangs up.
func (g *Game) Join(cfg client.Config) (*Player, error) {
	var l *link
	var err error
	settled := false
	g.dial(cfg, &machine{}, 0, func(got *link, e error) { l, err, settled = got, e, true })
	g.RunUntil(2*session.HandshakeTimeout+time.Second, func() bool { return settled })
	if err != nil {
		return nil, err
	}
	p := &Player{Name: cfg.Name, State: client.NewState(l), link: l, cfg: cfg, g: g}
	g.Players = append(g.Players, p)
	g.Clock.Every(tick, p.frame)
	return p, nil
}

// dial connects a new link from machine m, as Join says, and calls done once: with
// the link when the welcome arrives, or with the error a real join would give. A
// limit other than 0 bounds the handshake, as a reconnecting game bounds each try's.
func (g *Game) dial(cfg client.Config, m *machine, limit time.Duration, done func(*link, error)) {
	l := g.newLink(cfg.Name, m)
	settled := false
	l.onSettle = func() {
		settled = true
		if l.welcomed {
			done(l, nil)
		} else {
			done(nil, l.err)
		}
	}
	giveUp := func(err error) {
		if settled {
			return
		}
		if l.handshaken {
			l.hangUp(false)
		}
		l.fail(err)
	}
	noAnswer := fmt.Errorf("%w: %w", session.ErrNoAnswer, &quic.IdleTimeoutError{})
	if limit > 0 { // bounds the handshake alone: the hello then has HandshakeTimeout, as over QUIC
		g.Clock.AfterFunc(limit, func() {
			if !l.handshaken {
				giveUp(noAnswer)
			}
		})
	}
	g.Clock.AfterFunc(session.HandshakeTimeout, func() {
		if !l.handshaken {
			giveUp(noAnswer)
		}
	})
	hello := &wire.Hello{Version: wire.Version, Colour: cfg.Colour, Name: wire.Clip(cfg.Name), Password: wire.Clip(cfg.Password),
		Token: cfg.Token, NextChat: cfg.NextChat}
	l.toHost(l.streamUp(handshakeStream), 1200, func() { // the client's Initial, padded
		l.toPlayer(l.streamDown(handshakeStream), 1200, func() {
			if settled || l.handshaken {
				return
			}
			l.handshaken = true
			l.keepAlive()
			l.toHost(l.streamUp(controlStream), 64, func() { l.peer = g.Host.Admit(hostEnd{l}, hello) })
			g.Clock.AfterFunc(session.HandshakeTimeout, func() {
				giveUp(fmt.Errorf("the host did not answer the hello: %w", context.DeadlineExceeded))
			})
		})
	})
}

// Vanish takes the player's machine off the network without a word, as a pulled
// cable or a crash would: nothing more leaves it or reaches it, and its game stops.
func (p *Player) Vanish() { p.link.machine.vanished = true }

// Cut takes the player's machine off the network for d, as a Wi-Fi hiccup or a
// closed lid would: nothing gets through either way meanwhile, while the game plays
// on, and whatever QUIC keeps sending again gets through after.
func (p *Player) Cut(d time.Duration) { p.link.machine.cutUntil = p.g.Now().Add(d) }

// MustJoin joins, panicking if the player cannot: for tests where joining is not
// what is tested.
func (g *Game) MustJoin(name string) *Player {
	p, err := g.Join(client.Config{Name: name, Colour: wire.NoColour, Password: g.cfg.Password})
	if err != nil {
		panic(fmt.Sprintf("nettest: %s cannot join: %v", name, err))
	}
	return p
}

// frame is one frame of the player's game.
func (p *Player) frame() {
	if p.link.machine.vanished {
		return
	}
	now := p.link.clock.Now()
	p.link.take()
	if p.OnFrame != nil {
		p.OnFrame(now)
		return
	}
	if p.retry != nil {
		p.reconnect(now)
		return
	}
	if err := p.State.Step(now); err != nil {
		if client.Resumable(err) && p.GaveUp == nil {
			p.retry = client.NewRetry(now, p.State.Grace())
			p.reconnect(now)
		}
		return
	}
	move := p.Move
	if p.Drive != nil {
		move = p.Drive(now, p.State)
	}
	p.State.Input(move, now)
}

// reconnect starts the next try at getting back in when it is due, as client.Match's
// Reconnecting does over QUIC, on the same schedule.
func (p *Player) reconnect(now time.Time) {
	if p.trying {
		return
	}
	at, ok := p.retry.Next()
	if !ok {
		p.retry, p.GaveUp = nil, errors.New("the grace period ended")
		return
	}
	if now.Before(at) {
		return
	}
	p.trying = true
	p.retry.Start(now)
	p.g.dial(p.State.ResumeConfig(p.cfg), p.link.machine, client.TryTimeout, func(l *link, err error) {
		p.trying = false
		switch {
		case err == nil:
			p.link = l
			p.State.Resume(l)
			p.retry = nil
			p.Back = append(p.Back, p.g.Now())
		case !client.Resumable(err):
			p.retry, p.GaveUp = nil, err
		}
	})
}
