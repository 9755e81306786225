package session

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// TestAWriterOnAConnectionThatEndedIsNotTooSlow: when the peer vanishes and the
// connection times out, the writer reports the connection's end, not ErrTooSlow: the
// host keeps a dropped player's place, and removes only one who stopped reading.
func TestAWriterOnAConnectionThatEndedIsNotTooSlow(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var gone *stall // the player's machine, gone from the network without a word
	conn, hc := connect(ctx, t, Options{IdleTimeout: 500 * time.Millisecond}, nil, func(pc net.PacketConn) net.PacketConn { gone = &stall{PacketConn: pc}; return gone })
	st, _ := conn.OpenStream()
	st.Write([]byte{byte(wire.StreamControl)})
	hs, err := hc.AcceptStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w := NewFrameWriter(hs)
	gone.dead.Store(true)
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
