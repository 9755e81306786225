package client

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net"
	"strconv"
	"time"
)

// Network is how a player's machine reaches games: it dials hosts, and starts one in
// this process for a player who hosts. game/quicnet is the real one; main hands it
// to the window and the bots.
type Network interface {
	// Dial joins the game at cfg.Addr. It returns once the host has welcomed the
	// player, turned them away or not answered (an *Error says which), or ctx ends.
	Dial(ctx context.Context, cfg Config) (Transport, error)
	// Host binds the port and gets a game ready; Run plays it.
	Host(cfg HostConfig) (Host, error)
}

// HostConfig is how a player hosts.
type HostConfig struct {
	Port       int  // 0 picks a free one
	NearbyPort bool // a taken Port moves to a free one near it; Host.Port says which
	Name       string
	MaxPlayers int
	// TargetScore is the gems that win a round; 0 is the rules' own.
	TargetScore int
	Password    string
	PortMap     bool // ask the home router to forward the port
}

// Host is a game hosted in this process.
type Host interface {
	Run(ctx context.Context) error // plays until ctx ends, then tells everyone
	Port() int
	JoinAddrs() []string // where others on the network can join
	Internet() string    // how the internet reaches the game, in a few words; "" when the router was not asked
	Invite() string      // an invite code, or "" when there is nowhere to invite to
	Fingerprint() string
	Vars() map[string]any // the host's state for /debug/vars
	// Kick removes player id, who is told the host removed them; false when there is
	// no such player or the game is not running by the time ctx ends.
	Kick(ctx context.Context, id uint8) bool
}

// How long a closing Match waits. Closing never holds up its caller: Close returns at
// once and these bound the goroutine that says the goodbyes.
const (
	// dialGiveUpWait is how long closing a match given up while dialling waits for a
	// dial that is just finishing. A dial that finishes later (it was cancelled, but
	// may have got in just then) is left as soon as it returns.
	dialGiveUpWait = 200 * time.Millisecond
	// goodbyeWait is what a player's own goodbye is given: a round trip on loopback,
	// or a send into a dead network.
	goodbyeWait = time.Second
	// HostStopWait bounds the wait for a hosted game to stop. The host's own wait for
	// its players' goodbyes (host.ShutdownTimeout) is shorter, so this is only reached
	// by a stuck host.
	HostStopWait = 3 * time.Second
	// CloseWait bounds a whole close: the dial, the player's goodbye and the host. A
	// player who gives up reconnecting says goodbye on a try of its own (farewellWait),
	// and hosts no game then.
	CloseWait = dialGiveUpWait + goodbyeWait + max(HostStopWait, farewellWait+goodbyeWait)
)

// Match is one game this player takes part in, from dialling to the goodbye: the
// connection and its State, and the host too when this player hosts. It starts
// dialling at once.
type Match struct {
	log  *slog.Logger
	addr string // what the player asked to join, as typed

	host     Host // nil unless hosting
	stopHost context.CancelFunc
	hostDone chan error
	joinAt   []string // where others can join, when hosting

	net        Network
	cfg        Config // how the player joined, for coming back after a drop
	cancelDial context.CancelFunc
	dialed     chan dialResult
	state      *State
	err        error
	done       bool

	reconnecting *Reconnecting // while getting back in after a drop
}

type dialResult struct {
	t   Transport
	err error
}

// Join starts joining the game at cfg.Addr over n.
func Join(n Network, cfg Config, log *slog.Logger) *Match {
	m := &Match{log: log, addr: cfg.Addr}
	m.dial(n, cfg)
	return m
}

// HostAndJoin starts a game in this process on hc.Port and joins it through the
// same code as everyone else. It fails when the port cannot be bound.
func HostAndJoin(n Network, hc HostConfig, player Config, log *slog.Logger) (*Match, error) {
	h, err := n.Host(hc)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Match{log: log, host: h, stopHost: cancel, hostDone: make(chan error, 1), joinAt: h.JoinAddrs()}
	go func() { m.hostDone <- h.Run(ctx) }()
	log.Info("hosting", "port", h.Port(), "join", m.joinAt, "invite", h.Invite(), "fingerprint", h.Fingerprint())
	player.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(h.Port()))
	m.addr = player.Addr
	m.dial(n, player)
	return m, nil
}

func (m *Match) dial(n Network, cfg Config) {
	m.net, m.cfg = n, cfg
	ctx, cancel := context.WithCancel(context.Background())
	m.cancelDial, m.dialed = cancel, make(chan dialResult, 1)
	go func() {
		t, err := dialPatiently(ctx, n, cfg)
		m.dialed <- dialResult{t, err}
	}()
}

// How a join waits for a host that is busy: one taking no new connections just then
// because many arrive at once (a room full of players, a load test's bots, a storm
// of strangers). The wait doubles from firstBusyWait to mostBusyWait, for busyFor in
// all; then the player is told.
const (
	firstBusyWait = 50 * time.Millisecond
	mostBusyWait  = time.Second
	busyFor       = 10 * time.Second
)

// dialPatiently dials, and dials again while the host says it is busy.
func dialPatiently(ctx context.Context, n Network, cfg Config) (Transport, error) {
	giveUp := time.Now().Add(busyFor)
	for wait := firstBusyWait; ; wait = min(2*wait, mostBusyWait) {
		t, err := n.Dial(ctx, cfg)
		if ReasonOf(err) != ReasonBusy || time.Now().Add(wait).After(giveUp) {
			return t, err
		}
		// A little spread, so a crowd refused together does not come back together.
		wait += time.Duration(rand.Int64N(int64(wait)))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, err
		}
	}
}

// Ready reports, without waiting, whether dialling has finished: with a nil error
// the player is in and State is ready. It belongs to the goroutine that owns the
// match, as Wait does.
func (m *Match) Ready() (done bool, err error) {
	if m.done {
		return true, m.err
	}
	select {
	case r := <-m.dialed:
		m.take(r)
		return true, m.err
	default:
		return false, nil
	}
}

// Wait waits until dialling has finished or ctx ends.
func (m *Match) Wait(ctx context.Context) error {
	if m.done {
		return m.err
	}
	select {
	case r := <-m.dialed:
		m.take(r)
		return m.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (m *Match) take(r dialResult) {
	m.done, m.err = true, r.err
	if r.err == nil {
		m.state = NewState(r.t)
	}
}

// State is the game as this player knows it; nil until connected.
func (m *Match) State() *State { return m.state }

// Addr is the address being played at.
func (m *Match) Addr() string { return m.addr }

// Name is the player's name as they asked to join.
func (m *Match) Name() string { return m.cfg.Name }

// Hosting reports whether this player hosts the game.
func (m *Match) Hosting() bool { return m.host != nil }

// Host is the game hosted here, or nil.
func (m *Match) Host() Host { return m.host }

// HostPort is the port this player hosts on, or 0.
func (m *Match) HostPort() int {
	if m.host == nil {
		return 0
	}
	return m.host.Port()
}

// JoinAddrs is where others can join the game this player hosts, as it was when
// hosting began; nil when not hosting.
func (m *Match) JoinAddrs() []string { return m.joinAt }

// Invite is the invite code of the game this player hosts, or "": asked of the host
// each time, since it gains the internet address once the router forwards the port.
func (m *Match) Invite() string {
	if m.host == nil {
		return ""
	}
	return m.host.Invite()
}

// Close leaves the game and stops the host, off the caller's goroutine; the returned
// channel closes when both are done, within CloseWait.
func (m *Match) Close() <-chan struct{} {
	done := make(chan struct{})
	var t Transport
	if m.state != nil {
		t = m.state.Transport()
	}
	dialling := !m.done
	var farewell <-chan struct{}
	if m.reconnecting != nil {
		farewell = m.reconnecting.stop(m.stopHost == nil) // a hosted game ends anyway
		m.reconnecting = nil
	}
	go func() {
		defer close(done)
		if farewell != nil {
			defer func() { <-farewell }() // bounded by farewellWait and the goodbye
		}
		m.cancelDial()
		if dialling {
			select { // a dial finishing as we give up still leaves properly
			case r := <-m.dialed:
				t = r.t
			case <-time.After(dialGiveUpWait):
				go func() { // nobody else will take the result: leave when it comes
					if r := <-m.dialed; r.t != nil {
						r.t.Leave()
					}
				}()
			}
		}
		if t != nil {
			left := make(chan struct{})
			go func() { t.Leave(); close(left) }()
			select {
			case <-left:
			case <-time.After(goodbyeWait):
				m.log.Warn("leaving the game took too long")
			}
		}
		if m.stopHost != nil {
			m.stopHost()
			select {
			case <-m.hostDone:
			case <-time.After(HostStopWait):
				m.log.Warn("the host did not stop in time")
			}
		}
	}()
	return done
}
