package host_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
)

// welcomeLost drops every packet after the handshake that comes in while on: the
// handshake completes, the hello goes out, but the welcome never arrives.
type welcomeLost struct {
	net.PacketConn
	on *atomic.Bool
}

func (d welcomeLost) SetReadBuffer(n int) error { return d.PacketConn.(*net.UDPConn).SetReadBuffer(n) }
func (d welcomeLost) SetWriteBuffer(n int) error {
	return d.PacketConn.(*net.UDPConn).SetWriteBuffer(n)
}

func (d welcomeLost) ReadFrom(p []byte) (int, net.Addr, error) {
	for {
		n, a, err := d.PacketConn.ReadFrom(p)
		if err == nil && n > 0 && p[0]&0x80 == 0 && d.on.Load() { // a short header: 1-RTT data
			continue
		}
		return n, a, err
	}
}

// TestATryWhoseWelcomeIsLostKeepsThePlace: Bo's game takes his connection for dead
// and tries to come back; the host takes his token and gives the place to the try,
// but the welcome never reaches him, and his try gives up waiting for it. That is no
// goodbye: the place is kept, and his next try has it.
func TestATryWhoseWelcomeIsLostKeepsThePlace(t *testing.T) {
	// Longer than the wait for the welcome, so the try's connection is still alive
	// when its game gives up on it, and says so to the host.
	const idle = 3 * session.HandshakeTimeout
	s, _ := startHost(t, host.Config{Session: session.Options{IdleTimeout: idle}, Grace: 30 * time.Second,
		SilentLimit: -1}) // Ana and Bo only listen while Bo's try waits
	ana := join(t, s, "Ana")
	cfg := client.Config{Addr: s.Addr().String(), Name: "Bo", Colour: 3}
	bo := join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) { *c = cfg })
	boID := bo.st.Welcome.You
	bo.st.Input(sim.Input{X: 1}, time.Now())
	ana.until("Bo's input at the host", func(*client.State) bool { return s.Stats().DatagramsIn.Load() > 0 })

	var lost atomic.Bool
	lost.Store(true)
	rc := bo.st.ResumeConfig(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // a try's share of the grace
	defer cancel()
	_, err := quicnet.Dial(ctx, rc, quicnet.Options{Logger: quiet, Session: session.Options{IdleTimeout: idle},
		WrapConn: func(pc net.PacketConn) net.PacketConn { return welcomeLost{PacketConn: pc, on: &lost} }})
	if err == nil || !client.Resumable(err) {
		t.Fatalf("the try whose welcome was lost ended with %v; want a failure another try can follow", err)
	}
	ana.until("the host to give the place to the try, and keep it when the try hangs up", func(*client.State) bool {
		st := s.Stats()
		return st.Resumed.Load() == 1 && (st.Away.Load() == 1 || st.Left.Load() > 0)
	})
	if st := s.Stats(); st.Left.Load() != 0 || st.Players.Load() != 2 {
		t.Fatalf("after the lost welcome the host counts %d players, %d left", st.Players.Load(), st.Left.Load())
	}
	back := join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) { *c = rc })
	if w := back.st.Welcome; !w.Resumed || w.You != boID {
		t.Fatalf("Bo's next try came in as %d, resumed %v; he was %d", w.You, w.Resumed, boID)
	}
}
