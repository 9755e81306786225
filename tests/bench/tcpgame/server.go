package tcpgame

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// Timeouts of the host.
const (
	// helloWait bounds how long a new connection has to say hello; the same as
	// over QUIC.
	helloWait = session.HandshakeTimeout
	// endWait bounds how long a host that ends waits for its last lines to be
	// written; a player reading at all takes them in a round trip.
	endWait = 2 * time.Second
)

// Server is a host on TCP: host.Loop, owned by the goroutine of Serve, fed by one
// reader goroutine per connection.
type Server struct {
	loop   *host.Loop
	log    *slog.Logger
	ln     net.Listener
	Kernel KernelCounts

	joins  chan joinIn
	inputs chan inputIn
	chats  chan chatIn
	leaves chan leaveIn
	conns  sync.WaitGroup
}

type (
	joinIn struct {
		link  *link
		hello *wire.Hello
		peer  chan<- *host.Peer // nil when turned away
	}
	inputIn struct {
		p  *host.Peer
		in *wire.Input
	}
	chatIn struct {
		p    *host.Peer
		text string
	}
	leaveIn struct {
		p      *host.Peer
		kicked bool // the host closed the connection
		err    error
	}
)

// NewServer readies a game on ln with cfg's name, players, seed and logger.
func NewServer(ln net.Listener, cfg host.Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Server{
		loop: host.NewLoop(cfg), log: cfg.Logger, ln: ln,
		joins: make(chan joinIn), inputs: make(chan inputIn, 1024), chats: make(chan chatIn, 64), leaves: make(chan leaveIn, 64),
	}
}

// Run plays until ctx ends, ticking sim.TickRate times a second, then tells every
// player the game ended and closes ln.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.accept(ctx)
	tick := time.NewTicker(time.Second / sim.TickRate)
	defer tick.Stop()
	pacer := host.NewPacer(time.Now())
	for {
		select {
		case <-ctx.Done():
			s.loop.End()
			s.ln.Close()
			s.waitConns()
			return nil
		case j := <-s.joins:
			j.peer <- s.loop.Admit(j.link, j.hello)
		case in := <-s.inputs:
			s.loop.Input(in.p, in.in)
		case c := <-s.chats:
			s.loop.Chat(c.p, c.text)
		case lv := <-s.leaves:
			reason := wire.LeftQuit
			if lv.kicked {
				reason = wire.LeftKicked
			}
			s.loop.Remove(lv.p, reason, lv.err)
		case <-tick.C:
			s.loop.Ticks(pacer.Due(time.Now()))
		}
	}
}

// waitConns waits, boundedly, for the connections' goroutines to finish.
func (s *Server) waitConns() {
	done := make(chan struct{})
	go func() { s.conns.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(endWait):
		s.log.Warn("some players' connections did not close in time")
	}
}

func (s *Server) accept(ctx context.Context) {
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("accepting players stopped", "err", err)
			}
			return
		}
		s.conns.Go(func() { s.serveConn(ctx, conn) })
	}
}

// serveConn reads one player's lines: a hello, then inputs and chat, until the
// connection ends.
func (s *Server) serveConn(ctx context.Context, conn net.Conn) {
	in := newLineReader(conn)
	l := newLink(conn, in, &s.Kernel)
	defer func() { <-l.out.done }()
	conn.SetReadDeadline(time.Now().Add(helloWait))
	m, err := in.read()
	hello, ok := m.(*wire.Hello)
	if err != nil || !ok {
		l.Close(session.CodeNoHello, "did not say hello")
		return
	}
	conn.SetReadDeadline(time.Time{})
	answer := make(chan *host.Peer, 1)
	select {
	case s.joins <- joinIn{link: l, hello: hello, peer: answer}:
	case <-ctx.Done():
		l.Close(session.CodeHostEnded, "host ended the game")
		return
	}
	p := <-answer
	if p == nil {
		return // the loop refused them, which closes the link
	}
	err = s.readPlayer(ctx, p, l)
	l.out.close()
	select {
	case s.leaves <- leaveIn{p: p, kicked: l.closed.Load(), err: err}:
	case <-ctx.Done():
	}
}

// readPlayer hands the loop each line a player sends, until the connection ends or
// a line breaks the protocol (the player is then closed with a reason).
func (s *Server) readPlayer(ctx context.Context, p *host.Peer, l *link) error {
	for {
		m, err := l.in.read()
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || l.closed.Load() {
				return err // the player hung up, or the host did
			}
			l.Close(session.CodeProtocolViolation, "protocol violation: "+err.Error())
			return err
		}
		switch m := m.(type) {
		case *wire.Input:
			select {
			case s.inputs <- inputIn{p: p, in: m}:
			case <-ctx.Done():
				return ctx.Err()
			}
		case *wire.ChatSend:
			select {
			case s.chats <- chatIn{p: p, text: m.Text}:
			case <-ctx.Done():
				return ctx.Err()
			}
		default:
			err := fmt.Errorf("protocol violation: unexpected %T from a player", m)
			l.Close(session.CodeProtocolViolation, err.Error())
			return err
		}
	}
}
