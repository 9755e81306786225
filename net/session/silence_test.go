package session

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quic-go/quic-go"
)

// stall is a socket that can hold back what it sends (a machine frozen and waking:
// everything arrives late at once) or drop it all (a machine gone from the network).
type stall struct {
	net.PacketConn
	late atomic.Int64 // nanoseconds each packet is held back
	dead atomic.Bool
}

func (s *stall) SetReadBuffer(n int) error  { return s.PacketConn.(*net.UDPConn).SetReadBuffer(n) }
func (s *stall) SetWriteBuffer(n int) error { return s.PacketConn.(*net.UDPConn).SetWriteBuffer(n) }

func (s *stall) WriteTo(p []byte, addr net.Addr) (int, error) {
	switch d := time.Duration(s.late.Load()); {
	case s.dead.Load():
	case d > 0:
		b := append([]byte(nil), p...)
		time.AfterFunc(d, func() {
			if !s.dead.Load() {
				s.PacketConn.WriteTo(b, addr)
			}
		})
	default:
		return s.PacketConn.WriteTo(p, addr)
	}
	return len(p), nil
}

// TestAHostGoneAfterAStallIsGivenUpOnInTheIdleTime: the host's packets come 700 ms
// late for a while, which swells the player's QUIC probe timeout so that QUIC alone
// would wait several idle timeouts; then the host goes silent for good. The player's
// connection ends within the idle timeout (and a tick) of the last packet, closed
// with CodeTimedOut.
func TestAHostGoneAfterAStallIsGivenUpOnInTheIdleTime(t *testing.T) {
	const idle = time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var host *stall
	conn, hc := connect(ctx, t, Options{IdleTimeout: idle}, func(pc net.PacketConn) net.PacketConn { host = &stall{PacketConn: pc}; return host }, nil)
	stop := make(chan struct{})
	defer close(stop)
	go func() { // the game: both sides send all the time
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				hc.SendDatagram([]byte("snapshot"))
				conn.SendDatagram([]byte("input"))
			}
		}
	}()

	host.late.Store(int64(700 * time.Millisecond))
	time.Sleep(1500 * time.Millisecond) // the fault itself: a host this slow this long
	host.late.Store(0)
	for st := conn.ConnectionStats(); st.SmoothedRTT+4*st.MeanDeviation < idle/2; st = conn.ConnectionStats() {
		select { // the late acknowledgements arrive and are sampled
		case <-ctx.Done():
			t.Fatalf("the stall did not swell the probe timeout: %+v", st)
		case <-time.After(10 * time.Millisecond):
		}
	}
	st := conn.ConnectionStats()
	quicWait := 3 * (st.SmoothedRTT + 4*st.MeanDeviation)
	host.dead.Store(true)
	gone := time.Now()
	select {
	case <-conn.Context().Done():
	case <-ctx.Done():
		t.Fatal("the player never gave up on the host")
	}
	took := time.Since(gone)
	t.Logf("given up on %v after the host went silent; QUIC's own timer was at least %v", took.Round(time.Millisecond), quicWait.Round(time.Millisecond))
	var app *quic.ApplicationError
	if !errors.As(context.Cause(conn.Context()), &app) || app.Remote || app.ErrorCode != CodeTimedOut {
		t.Errorf("the connection ended with %v, want our own CodeTimedOut", context.Cause(conn.Context()))
	}
	if took > idle+idle/2 {
		t.Errorf("given up on after %v; the idle timeout is %v", took, idle)
	}
	if quicWait <= idle+idle/2 {
		t.Errorf("QUIC would have waited only %v: the test no longer tells the two apart", quicWait)
	}
}
