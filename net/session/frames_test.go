package session

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// mute drops everything it is asked to send once on is set: a machine gone from the
// network without a word.
type mute struct {
	net.PacketConn
	on atomic.Bool
}

func (m *mute) SetReadBuffer(n int) error  { return m.PacketConn.(*net.UDPConn).SetReadBuffer(n) }
func (m *mute) SetWriteBuffer(n int) error { return m.PacketConn.(*net.UDPConn).SetWriteBuffer(n) }

func (m *mute) WriteTo(p []byte, addr net.Addr) (int, error) {
	if m.on.Load() {
		return len(p), nil
	}
	return m.PacketConn.WriteTo(p, addr)
}

// TestAWriterOnAConnectionThatEndedIsNotTooSlow: when the peer vanishes and the
// connection times out, the writer reports the connection's end, not ErrTooSlow: the
// host keeps a dropped player's place, and removes only one who stopped reading.
func TestAWriterOnAConnectionThatEndedIsNotTooSlow(t *testing.T) {
	opts := Options{IdleTimeout: 500 * time.Millisecond}
	cert, err := LoadOrCreateCert(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	host, err := NewEndpoint("127.0.0.1:0", opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { host.Close() })
	ln, err := host.Listen(cert, nil)
	if err != nil {
		t.Fatal(err)
	}
	var gone *mute
	player, err := NewEndpoint("127.0.0.1:0", opts, func(pc net.PacketConn) net.PacketConn { gone = &mute{PacketConn: pc}; return gone })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { player.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := player.Dial(ctx, host.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := conn.OpenStream()
	st.Write([]byte{byte(wire.StreamControl)})
	hc, err := ln.Accept(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hs, err := hc.AcceptStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w := NewFrameWriter(hs)
	gone.on.Store(true)
	select {
	case <-hc.Context().Done():
	case <-ctx.Done():
		t.Fatal("the host's connection never timed out")
	}
	<-w.done
	if err := w.Send(&wire.RoundStart{Round: 2}); err == nil || errors.Is(err, ErrTooSlow) || !IsTimeout(err) {
		t.Fatalf("a send on a connection that timed out: %v; want the idle timeout, not ErrTooSlow", err)
	}
}
