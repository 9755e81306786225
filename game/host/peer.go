package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// peer is one connected player as the host sees them. The loop owns its fields; the
// goroutines started by watch only read conn and send to the loop's channels.
type peer struct {
	id      sim.PlayerID
	name    string
	colour  uint8
	conn    *quic.Conn
	control *session.FrameWriter
	chat    *session.FrameWriter
	dgram   *session.DatagramSender
	inputs  inputQueue
	closing bool // the host is closing it; its leave is on the way
}

// leave tells the loop a connection has ended.
type leave struct {
	p   *peer
	err error
}

// chatIn is a line a player typed.
type chatIn struct {
	p    *peer
	text string
}

// inputIn is an Input datagram from a player.
type inputIn struct {
	p   *peer
	msg *wire.Input
}

// watch starts the goroutines that read from p's connection. Each stops when the
// connection ends; the last word is a leave sent to the loop.
func (s *Server) watch(ctx context.Context, p *peer, ctrl, chat *session.FrameReader) {
	go s.readControl(ctx, p, ctrl)
	go s.readChat(ctx, p, chat)
	go s.receiveDatagrams(ctx, p)
	go func() {
		<-p.conn.Context().Done()
		select {
		case s.leaves <- leave{p: p, err: context.Cause(p.conn.Context())}:
		case <-ctx.Done():
		}
	}()
}

// readControl reads the control stream after the Hello. A player has nothing more to
// say there in this version, so any frame is a protocol violation.
func (s *Server) readControl(ctx context.Context, p *peer, r *session.FrameReader) {
	m, err := r.Read()
	if err != nil {
		s.violation(p, err)
		return
	}
	s.violation(p, fmt.Errorf("unexpected message type %#02x on the control stream", byte(m.Type())))
}

// readChat forwards each line a player sends to the loop.
func (s *Server) readChat(ctx context.Context, p *peer, r *session.FrameReader) {
	for {
		m, err := r.Read()
		if err != nil {
			s.violation(p, err)
			return
		}
		send, ok := m.(*wire.ChatSend)
		if !ok {
			s.violation(p, fmt.Errorf("unexpected message type %#02x on the chat stream", byte(m.Type())))
			return
		}
		select {
		case s.chats <- chatIn{p: p, text: send.Text}:
		case <-ctx.Done():
			return
		}
	}
}

// violation closes p's connection when a stream read failed because of what the
// player sent. A read that failed because the connection ended is not a violation.
func (s *Server) violation(p *peer, err error) {
	if errors.Is(err, net.ErrClosed) || p.conn.Context().Err() != nil {
		return // quic-go's connection errors (closed, timed out) all wrap net.ErrClosed
	}
	reason := "protocol violation: " + err.Error()
	var streamErr *quic.StreamError
	switch {
	case errors.Is(err, io.EOF):
		reason = "protocol violation: a stream was closed"
	case errors.As(err, &streamErr):
		reason = "protocol violation: a stream was reset"
	}
	s.kick(p, session.CodeProtocolViolation, reason)
}

// kick closes p's connection with code and reason. Safe from any goroutine; the
// leave reaches the loop through watch.
func (s *Server) kick(p *peer, code session.Code, reason string) {
	s.stats.Kicked.Add(1)
	s.log.Warn("disconnecting player", "player", p.id, "name", p.name, "code", code, "reason", reason)
	go p.conn.CloseWithError(code, reason)
}

// receiveDatagrams hands each well-formed Input to the loop; everything else is
// dropped and counted by reason, never fatal.
func (s *Server) receiveDatagrams(ctx context.Context, p *peer) {
	for {
		b, err := p.conn.ReceiveDatagram(ctx)
		if err != nil {
			return
		}
		s.stats.DatagramsIn.Add(1)
		s.stats.BytesIn.Add(uint64(len(b)))
		in, drop := s.stats.classify(b)
		if drop != nil {
			drop.Add(1)
			continue
		}
		select {
		case s.inputs <- inputIn{p: p, msg: in}:
		default:
			s.stats.DroppedBusy.Add(1)
		}
	}
}

// classify checks a datagram from a player, in this order: size, then parse, then
// type. It returns the Input, or the counter of the reason to drop it.
func (st *Stats) classify(b []byte) (*wire.Input, *atomic.Uint64) {
	if len(b) > wire.MaxDatagramSize {
		return nil, &st.DroppedOversized
	}
	m, err := wire.Parse(b)
	var unknown *wire.UnknownTypeError
	switch {
	case errors.As(err, &unknown):
		return nil, &st.DroppedUnknown
	case err != nil:
		return nil, &st.DroppedMalformed
	}
	in, ok := m.(*wire.Input)
	if !ok {
		return nil, &st.DroppedUnexpected
	}
	return in, nil
}
