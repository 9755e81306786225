package host

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// A connection's goroutines tell the loop what its player sent through these; the
// *Peer says who, and the loop ignores a peer it has already removed.
type (
	leave struct {
		p   *Peer
		err error
	}
	chatIn struct {
		p         *Peer
		text      string
		throttled bool // no line: lines of p's were dropped for coming too fast
	}
	inputIn struct {
		p   *Peer
		msg *wire.Input
	}
)

// inputBoxLen is the most inputs that wait for the next tick, everyone's together:
// over 30 ticks' worth at 128 players.
const inputBoxLen = 4096

// inputBox is where the players' receiving goroutines leave their inputs for the loop,
// which takes them all as a tick begins. Inputs count only at a tick, so waking the
// loop for each (60 a second a player) would cost the scheduler for nothing.
type inputBox struct {
	mu sync.Mutex
	in []inputIn
}

// put leaves in for the next tick; false when the box is full.
func (b *inputBox) put(in inputIn) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.in) >= inputBoxLen {
		return false
	}
	b.in = append(b.in, in)
	return true
}

// take returns what was left since the last take, and keeps spare, emptied, for the
// next ones: two slices go back and forth.
func (b *inputBox) take(spare []inputIn) []inputIn {
	b.mu.Lock()
	defer b.mu.Unlock()
	got := b.in
	b.in = spare[:0]
	return got
}

// watch starts the goroutines that read from p's connection. Each stops when the
// connection ends; the last word is a leave sent to the loop.
func (s *Server) watch(ctx context.Context, p *Peer, conn *quic.Conn, ctrl, chat *session.FrameReader) {
	s.live.Add(1)
	go s.readControl(p, conn, ctrl)
	go s.readChat(ctx, p, conn, chat)
	go s.receiveDatagrams(ctx, p, conn)
	go func() {
		<-conn.Context().Done()
		s.live.Done()
		select {
		case s.leaves <- leave{p: p, err: context.Cause(conn.Context())}:
		case <-ctx.Done():
		}
	}()
}

// readControl reads the control stream after the Hello. A player has nothing more to
// say there in this version, so any frame is a protocol violation.
func (s *Server) readControl(p *Peer, conn *quic.Conn, r *session.FrameReader) {
	m, err := r.Read()
	if err != nil {
		s.violation(p, conn, err)
		return
	}
	s.violation(p, conn, fmt.Errorf("unexpected message type %#02x on the control stream", byte(m.Type())))
}

// readChat forwards each line a player sends to the loop, as fast as ChatPerSecond
// and ChatBurst allow. A line beyond them is dropped here, on the sender's own
// goroutine, so a flood never reaches the loop or anyone else's queue; the loop is
// asked, now and then, to tell the sender.
func (s *Server) readChat(ctx context.Context, p *Peer, conn *quic.Conn, r *session.FrameReader) {
	for {
		m, err := r.Read()
		if err != nil {
			s.violation(p, conn, err)
			return
		}
		send, ok := m.(*wire.ChatSend)
		if !ok {
			s.violation(p, conn, fmt.Errorf("unexpected message type %#02x on the chat stream", byte(m.Type())))
			return
		}
		in := chatIn{p: p, text: send.Text}
		if ok, tell := p.chat.take(time.Now()); !ok {
			s.Stats().ChatDropped.Add(1)
			if !tell {
				continue
			}
			in = chatIn{p: p, throttled: true}
		}
		select {
		case s.chats <- in:
		case <-ctx.Done():
			return
		}
	}
}

// violation closes p's connection when a stream read failed because of what the
// player sent. A read that failed because the connection ended is not a violation.
func (s *Server) violation(p *Peer, conn *quic.Conn, err error) {
	if errors.Is(err, net.ErrClosed) || conn.Context().Err() != nil {
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
	s.loop.kick(p, session.CodeProtocolViolation, reason)
}

// receiveDatagrams hands each well-formed Input to the loop; everything else is
// dropped and counted by reason, never fatal.
func (s *Server) receiveDatagrams(ctx context.Context, p *Peer, conn *quic.Conn) {
	st := s.Stats()
	limit := newTokenBucket(datagramsPerSecond, datagramBurst)
	for {
		b, err := conn.ReceiveDatagram(ctx)
		if err != nil {
			return
		}
		st.DatagramsIn.Add(1)
		st.BytesIn.Add(uint64(len(b)))
		if !limit.take(time.Now()) { // a flood costs its sender's goroutine, never the loop's inbox
			st.DroppedFlood.Add(1)
			continue
		}
		in, drop := st.classify(b)
		if drop != nil {
			drop.Add(1)
			continue
		}
		if !s.inputs.put(inputIn{p: p, msg: in}) {
			st.DroppedBusy.Add(1)
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
