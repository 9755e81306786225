// Package host runs a Gem Rush game: it owns the World, takes players' inputs,
// steps the simulation at a fixed rate and sends every player a snapshot each tick.
// It is the only truth; players never send positions or scores.
//
// The Loop is the game itself, owned by one goroutine and driven through its
// methods; it reaches each player through a Link. The Server puts it on QUIC: each
// connection has its own goroutines, a control reader, a chat reader, a datagram
// receiver, and writers that never block the loop (see net/session), and they talk
// to the loop's goroutine through channels. Ticks come from a ticker, or from a
// channel a test drives.
package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/portmap"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Config is how a host is set up.
type Config struct {
	Addr string // UDP address to listen on, ":47777"; port 0 picks a free one
	// NearbyPort: when Addr's port is taken, host on a free port near it (or any free
	// one) instead of failing. Addr tells the port the host got.
	NearbyPort bool
	Name       string // the game's name, shown to players
	MaxPlayers int    // 0 means the rules' default
	// TargetScore is the score that wins a round; 0 means the rules' default. Tests
	// that compare scores across a drop set it out of reach, so no round ends meanwhile.
	TargetScore int
	Password    string // players must give it to join; empty for an open game
	Seed        uint64 // for the World's random choices; 0 picks one from the clock
	CertDir     string // where the host's TLS identity is kept
	Session     session.Options
	WrapConn    func(net.PacketConn) net.PacketConn // link conditioner, or nil
	LAN         discovery.Service                   // advertises the game on the LAN; nil for a private game
	Ticks       <-chan time.Time                    // one tick each; nil ticks TickRate times a second
	Grace       time.Duration                       // how long a dropped player's place is kept; 0 is ResumeGrace
	// SilentLimit is how long a connected player may send no moves before they are
	// removed; 0 is silentLimit, below 0 never (tests whose players only listen).
	SilentLimit time.Duration
	PortMap     bool // ask the home router to forward the port (UPnP IGD, NAT-PMP) while the game runs
	// StartPortMap is how PortMap asks the router: nil is portmap.Start; tests give a fake.
	StartPortMap func(port int, lan string, log *slog.Logger, changed func(portmap.Status)) PortMapping
	Logger       *slog.Logger
}

// withDefaults fills in what was left zero.
func (c Config) withDefaults() Config {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxPlayers <= 0 {
		c.MaxPlayers = sim.DefaultConfig().MaxPlayers
	}
	if c.Seed == 0 {
		c.Seed = uint64(time.Now().UnixNano())
	}
	if c.Grace <= 0 {
		c.Grace = ResumeGrace
	}
	if c.SilentLimit == 0 {
		c.SilentLimit = silentLimit
	}
	return c
}

// Server is a running host.
type Server struct {
	cfg         Config
	log         *slog.Logger
	ep          *session.Endpoint
	ln          *quic.Listener
	fingerprint string
	loop        *Loop

	joins  chan joinRequest
	leaves chan leave
	chats  chan chatIn
	kicks  chan kickIn
	inputs inputBox

	datagrams *session.Sender // every player's snapshots, sent after each tick

	mapMu        sync.Mutex
	mapping      PortMapping // the router's port forwarding, while the game runs with PortMap
	mapLAN       string      // this machine's address on its network when the forwarding began, for the internet line
	fromInternet atomic.Bool // a player has joined from the internet through the forwarded port: the way in works
	inviteMu     sync.Mutex
	lastInvite   struct { // the last invite code made, and from what
		code     string
		external netip.AddrPort
		made     time.Time
	}

	guard      passwordGuard  // slows password guessing, by address
	strangers  *strangers     // connections not yet welcomed, and the limits on them
	handshakes sync.WaitGroup // connections saying hello, or being refused
	live       sync.WaitGroup // players' connections not yet closed
}

// MostPlayers is the most players a game can take: as many as a whole snapshot, with
// every gem the arena ever holds, fits in one datagram.
func MostPlayers() int {
	n := 1
	for wire.SnapshotSize(n+1, sim.MaxGems) <= wire.MaxDatagramSize {
		n++
	}
	return n
}

// New binds the host's port and loads (or makes) its TLS identity. Run starts the game.
func New(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if most := MostPlayers(); cfg.MaxPlayers > most {
		return nil, fmt.Errorf("at most %d players, not %d: a snapshot of more does not fit a datagram", most, cfg.MaxPlayers)
	}
	cert, err := session.LoadOrCreateCert(cfg.CertDir)
	if err != nil {
		return nil, err
	}
	opts := cfg.Session
	opts.StreamWindow, opts.ConnectionWindow = streamWindow, connectionWindow
	ep, err := bind(cfg, opts)
	if err != nil {
		return nil, err
	}
	loop := NewLoop(cfg)
	gate := newStrangers(&loop.stats)
	ln, err := ep.Listen(cert, gate)
	if err != nil {
		ep.Close()
		return nil, err
	}
	s := &Server{
		cfg: cfg, log: cfg.Logger, ep: ep, ln: ln, strangers: gate,
		fingerprint: session.Fingerprint(cert.Certificate[0]),
		loop:        loop,
		joins:       make(chan joinRequest),
		leaves:      make(chan leave, 64),
		chats:       make(chan chatIn, 256),
		kicks:       make(chan kickIn),
	}
	return s, nil
}

// Addr is the address the host listens on, with the real port.
func (s *Server) Addr() *net.UDPAddr { return s.ep.Addr() }

// Fingerprint is the SHA-256 fingerprint of the host's certificate.
func (s *Server) Fingerprint() string { return s.fingerprint }

// NeedsPassword reports whether players need a password to join.
func (s *Server) NeedsPassword() bool { return s.cfg.Password != "" }

// Stats returns the host's counters.
func (s *Server) Stats() *Stats { return s.loop.Stats() }

// ShutdownTimeout bounds how long a stopping host waits for its goodbyes to go out;
// a window that hosts waits a little longer for its host (client.HostStopWait).
const ShutdownTimeout = 2 * time.Second

// Run plays the game until ctx ends, then closes every player's connection with
// CodeHostEnded and the reason "host ended the game", and releases the port.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.datagrams = session.NewSender()
	defer s.datagrams.Close()
	if s.cfg.PortMap { // in the background: the game never waits for the router
		unmapped := s.startPortMap(ctx)
		defer func() { <-unmapped }() // removed beside the goodbyes, and waited for last
	}
	accepting := make(chan struct{})
	go func() { defer close(accepting); s.acceptLoop(ctx) }()
	if s.cfg.LAN != nil {
		adv, err := s.cfg.LAN.Advertise(ctx, s.lanGame(0))
		if err != nil {
			s.log.Warn("the game is not advertised on the local network; players can still join by address", "err", err)
		} else {
			s.loop.onPlayers = func(n int) { adv.Update(s.lanGame(n)) }
			defer func() { <-adv.Done() }() // the goodbye is sent as the game ends
		}
	}
	ticks, pacer := s.cfg.Ticks, (*Pacer)(nil)
	if ticks == nil {
		ticker := time.NewTicker(tick)
		defer ticker.Stop()
		ticks, pacer = ticker.C, NewPacer(time.Now())
	}
	s.serve(ctx, ticks, pacer)
	cancel()
	<-accepting // no handshake starts after this, so waiting for them is waiting for all
	s.handshakes.Wait()
	return s.ep.Close()
}

// serve is the loop's goroutine: it hands the loop what the connections deliver and
// the ticks as they come, until ctx ends, then ends the game. With a pacer, a tick
// that comes late runs the ticks missed too; without, each is one tick.
func (s *Server) serve(ctx context.Context, ticks <-chan time.Time, pacer *Pacer) {
	l := s.loop
	var inputs []inputIn
	for {
		select {
		case <-ctx.Done():
			s.end()
			return
		case req := <-s.joins:
			if p := l.Admit(newQUICLink(&req, s.datagrams.Lane(req.conn, &l.stats.Out), &s.handshakes), req.hello); p != nil {
				welcome(req.conn) // a player now, no longer a stranger
				s.watch(ctx, p, req.conn, req.ctrlIn, req.chatIn)
				go s.noteJoinFrom(req.conn.RemoteAddr()) // it reads this machine's addresses: not on the loop
				s.datagrams.Flush()                      // their first snapshot
			}
		case lv := <-s.leaves:
			inputs = s.takeInputs(inputs) // what they sent before going counts: a player heard from keeps their place
			if dropped(lv.err) {
				l.Drop(lv.p, lv.err)
			} else {
				l.Remove(lv.p, wireLeaveReason(lv.err), lv.err)
			}
		case k := <-s.kicks:
			k.done <- l.Kick(k.id)
		case c := <-s.chats:
			if c.throttled {
				l.ChatThrottled(c.p)
			} else {
				l.Chat(c.p, c.text)
			}
		case <-ticks:
			n := 1
			if pacer != nil {
				n = pacer.Due(time.Now()) // not the tick's own time: a late tick carries the time it was due
			}
			inputs = s.takeInputs(inputs)
			l.Ticks(n)
			s.datagrams.Flush()
		}
	}
}

// takeInputs hands the loop the inputs that arrived since the last take, and gives
// back the emptied slice for the next.
func (s *Server) takeInputs(spare []inputIn) []inputIn {
	inputs := s.inputs.take(spare)
	for i, in := range inputs {
		s.loop.Input(in.p, in.msg)
		inputs[i] = inputIn{}
	}
	return inputs
}

// kickIn is the host's wish to remove a player, and where to say whether they were there.
type kickIn struct {
	id   uint8
	done chan bool
}

// Kick removes player id from the game, as the host's own player chose in the window:
// they are told they were removed by the host. It reports whether there was such a
// player, and gives up with false if the game is not running.
func (s *Server) Kick(ctx context.Context, id uint8) bool {
	k := kickIn{id: id, done: make(chan bool, 1)}
	select {
	case s.kicks <- k:
		return <-k.done
	case <-ctx.Done():
		return false
	}
}

// end tells every player the game is over and waits, boundedly, for the goodbyes.
func (s *Server) end() {
	s.loop.End()
	done := make(chan struct{})
	go func() { s.live.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(ShutdownTimeout):
		s.log.Warn("some players did not acknowledge the end of the game in time")
	}
}

// lanGame is what the LAN is told about this game.
func (s *Server) lanGame(players int) discovery.Game {
	return discovery.Game{
		Name: s.cfg.Name, Port: s.Addr().Port, Version: wire.Version, Players: players,
		MaxPlayers: s.cfg.MaxPlayers, Password: s.cfg.Password != "", Fingerprint: s.fingerprint,
	}
}

func (s *Server) acceptLoop(ctx context.Context) {
	for {
		conn, err := s.ln.Accept(ctx)
		if err != nil {
			if !errors.Is(err, context.Canceled) && !errors.Is(err, quic.ErrServerClosed) {
				s.log.Error("accepting players stopped", "err", err)
			}
			return
		}
		s.strangers.handshaken(conn, func() { s.closeConn(conn, session.CodeNoHello, "did not say hello in time") })
		s.handshakes.Add(1)
		go func() {
			defer s.handshakes.Done()
			s.handshake(ctx, conn)
		}()
	}
}

// closeConn closes conn with code and a reason the player will see, and logs it.
func (s *Server) closeConn(conn *quic.Conn, code session.Code, reason string) {
	s.log.Debug("closing connection", "remote", conn.RemoteAddr(), "code", code, "reason", reason)
	conn.CloseWithError(code, reason)
}

// dropped reports whether a player's connection ended without anyone meaning it to:
// an idle timeout, a reset, a network gone, their game giving up on a try to join or
// come back that took too long, or their game giving up on a host it heard nothing
// from (a host frozen, reading the close as it wakes). Their place is kept. Any other
// close with an application code is meant: the player's goodbye, or the host's own
// close.
func dropped(err error) bool {
	var app *quic.ApplicationError
	if !errors.As(err, &app) {
		return true
	}
	if app.Remote {
		return app.ErrorCode == session.CodeGaveUp || app.ErrorCode == session.CodeTimedOut
	}
	return app.ErrorCode == session.CodeSilent
}

// wireLeaveReason maps why a connection was closed on purpose to what other players
// are told: the player said goodbye, or the host closed it.
func wireLeaveReason(err error) wire.LeaveReason {
	var app *quic.ApplicationError
	if errors.As(err, &app) && !app.Remote {
		return wire.LeftKicked
	}
	return wire.LeftQuit
}
