package quicnet

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/net/wire"
)

// deaf drops everything it is asked to send while on is set: a new network that does
// not carry anything yet.
type deaf struct {
	net.PacketConn
	on *atomic.Bool
}

func (d deaf) SetReadBuffer(n int) error  { return d.PacketConn.(*net.UDPConn).SetReadBuffer(n) }
func (d deaf) SetWriteBuffer(n int) error { return d.PacketConn.(*net.UDPConn).SetWriteBuffer(n) }

func (d deaf) WriteTo(p []byte, addr net.Addr) (int, error) {
	if d.on.Load() {
		return len(p), nil
	}
	return d.PacketConn.WriteTo(p, addr)
}

// TestAMoveThatIsNotAnsweredKeepsTheConnection: moving to a new network whose socket
// gets nothing through fails, and the game plays on where it was (snapshots keep
// coming); once the new network carries packets, the next try moves the connection
// there, on the same socket.
func TestAMoveThatIsNotAnsweredKeepsTheConnection(t *testing.T) {
	s, _ := hosttest.Start(t, host.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Every socket is wrapped alike (quic-go cannot move a connection between sockets
	// that differ in what they can do, ECN and the like); only new ones start deaf.
	var first, down atomic.Bool
	down.Store(true)
	sockets := 0
	wrap := func(pc net.PacketConn) net.PacketConn {
		if sockets++; sockets == 1 {
			return deaf{PacketConn: pc, on: &first}
		}
		return deaf{PacketConn: pc, on: &down}
	}
	c, err := Dial(ctx, client.Config{Addr: s.Addr().String(), Name: "Bo", Colour: wire.NoColour},
		Options{Logger: hosttest.Quiet, WrapConn: wrap})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	snapshots := func() uint64 { return c.Stats().Snapshots }

	if err := c.migrate(300 * time.Millisecond); err == nil {
		t.Fatal("moved to a network that carries nothing")
	}
	before := snapshots()
	for deadline := time.Now().Add(2 * time.Second); snapshots() < before+30; time.Sleep(10 * time.Millisecond) {
		if c.conn.Context().Err() != nil || time.Now().After(deadline) {
			t.Fatalf("after a move that failed: %v; snapshots %d → %d", context.Cause(c.conn.Context()), before, snapshots())
		}
	}
	down.Store(false)
	if err := c.migrate(2 * time.Second); err != nil {
		t.Fatalf("the second try, on a network that works: %v", err)
	}
	before = snapshots()
	for deadline := time.Now().Add(2 * time.Second); snapshots() < before+30; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no snapshots on the new path: %d → %d", before, snapshots())
		}
	}
	if n := c.Stats().Migrations; n != 1 || len(c.paths) != 1 {
		t.Errorf("%d migrations, %d extra sockets; want 1 and 1", n, len(c.paths))
	}
}
