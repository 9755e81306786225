// Package host runs a Gem Rush game: it owns the World, takes players' inputs,
// steps the simulation at a fixed rate and sends every player a snapshot each tick.
// It is the only truth; players never send positions or scores.
//
// One goroutine, the loop, owns the World and the set of players. Each connection
// has its own goroutines: a control reader, a chat reader, a datagram receiver, and
// writers that never block the loop (see net/session). They talk to the loop through
// channels.
package host

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Config is how a host is set up.
type Config struct {
	Addr       string // UDP address to listen on, ":47777"; port 0 picks a free one
	Name       string // the game's name, shown to players
	MaxPlayers int    // 0 means the rules' default
	Password   string // players must give it to join; empty for an open game
	Seed       uint64 // for the World's random choices; 0 picks one from the clock
	CertDir    string // where the host's TLS identity is kept
	Session    session.Options
	WrapConn   func(net.PacketConn) net.PacketConn // link conditioner, or nil
	LAN        discovery.Service                   // advertises the game on the LAN; nil for a private game
	Logger     *slog.Logger
}

// Server is a running host.
type Server struct {
	cfg         Config
	log         *slog.Logger
	ep          *session.Endpoint
	ln          *quic.Listener
	fingerprint string
	stats       Stats

	joins  chan joinRequest
	leaves chan leave
	chats  chan chatIn
	inputs chan inputIn

	handshakes sync.WaitGroup
}

// New binds the host's port and loads (or makes) its TLS identity. Run starts the game.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxPlayers <= 0 {
		cfg.MaxPlayers = sim.DefaultConfig().MaxPlayers
	}
	if cfg.MaxPlayers > 250 {
		return nil, fmt.Errorf("at most 250 players, not %d", cfg.MaxPlayers)
	}
	if cfg.Seed == 0 {
		cfg.Seed = uint64(time.Now().UnixNano())
	}
	cert, err := session.LoadOrCreateCert(cfg.CertDir)
	if err != nil {
		return nil, err
	}
	ep, err := session.NewEndpoint(cfg.Addr, cfg.Session, cfg.WrapConn)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on UDP %s: %w", cfg.Addr, err)
	}
	ln, err := ep.Listen(cert)
	if err != nil {
		ep.Close()
		return nil, err
	}
	s := &Server{
		cfg: cfg, log: cfg.Logger, ep: ep, ln: ln,
		fingerprint: session.Fingerprint(cert.Certificate[0]),
		joins:       make(chan joinRequest),
		leaves:      make(chan leave, 64),
		chats:       make(chan chatIn, 256),
		inputs:      make(chan inputIn, 4096),
	}
	return s, nil
}

// Addr is the address the host listens on, with the real port.
func (s *Server) Addr() *net.UDPAddr { return s.ep.Addr() }

// Fingerprint is the SHA-256 fingerprint of the host's certificate.
func (s *Server) Fingerprint() string { return s.fingerprint }

// Invite is an invite code for the first of this machine's addresses that others
// can reach (see session.JoinAddrs), or "" when it has none.
func (s *Server) Invite() string {
	for _, a := range session.JoinAddrs(s.Addr().Port) {
		if ap, err := netip.ParseAddrPort(a); err == nil {
			if inv, err := invite.New(ap, s.fingerprint); err == nil {
				return inv.String()
			}
		}
	}
	return ""
}

// NeedsPassword reports whether players need a password to join.
func (s *Server) NeedsPassword() bool { return s.cfg.Password != "" }

// Run plays the game until ctx ends, then closes every player's connection with
// CodeHostEnded and the reason "host ended the game", and releases the port.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.acceptLoop(ctx)
	l := newLoop(s)
	if s.cfg.LAN != nil {
		adv, err := s.cfg.LAN.Advertise(ctx, s.lanGame(0))
		if err != nil {
			s.log.Warn("the game is not advertised on the local network; players can still join by address", "err", err)
		} else {
			l.lan = adv
			defer func() { <-adv.Done() }() // the goodbye is sent as the game ends
		}
	}
	l.run(ctx)
	s.handshakes.Wait()
	return s.ep.Close()
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

// wireLeaveReason maps why a connection ended to what other players are told.
func wireLeaveReason(err error) wire.LeaveReason {
	var idle *quic.IdleTimeoutError
	var app *quic.ApplicationError
	switch {
	case errors.As(err, &idle):
		return wire.LeftTimedOut
	case errors.As(err, &app) && !app.Remote && app.ErrorCode != session.CodeHostEnded:
		return wire.LeftKicked
	}
	return wire.LeftQuit
}
