package tcpgame

import (
	"net"
	"sync/atomic"

	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// link is a player's TCP connection as the host's Loop sees it: every message, the
// snapshots too, goes down the one connection in the order the loop sent them.
type link struct {
	conn   net.Conn
	in     *lineReader
	out    *lineWriter
	closed atomic.Bool // the host closed it: the leave that follows is the host's doing
	// malformed counts datagrams from the loop that were not whole snapshots.
	malformed atomic.Uint64
}

func newLink(conn net.Conn, in *lineReader, kernel *KernelCounts) *link {
	l := &link{conn: conn, in: in}
	l.out = newLineWriter(conn, func() { kernel.add(conn) })
	return l
}

// Control queues m; session.ErrTooSlow when the player's lines are piling up.
func (l *link) Control(m wire.Message) error {
	ok, err := l.out.send(m)
	if err == nil && !ok {
		return session.ErrTooSlow
	}
	return err
}

func (l *link) Chat(m wire.Message) error { return l.Control(m) }

// Datagram sends the snapshot whole, as JSON. The players' inputs acknowledge no
// snapshot, so the loop never writes a delta; anything else is counted and dropped.
// A snapshot that finds the queue full is dropped, as a datagram would be.
func (l *link) Datagram(b []byte) {
	m, err := wire.Parse(b)
	snap, ok := m.(*wire.Snapshot)
	if err != nil || !ok {
		l.malformed.Add(1)
		return
	}
	l.out.send(snap)
}

// Refuse tells the player why in a reject line and hangs up.
func (l *link) Refuse(code session.Code, reason string) { l.Close(code, reason) }

// Close says why in a last reject line and closes the connection once it is written.
func (l *link) Close(code session.Code, reason string) {
	if l.closed.Swap(true) {
		return
	}
	l.out.send(&wire.Reject{Code: uint8(code), Reason: wire.Clip(reason)})
	l.out.close()
}

// Quality is the kernel's round trip for the scoreboard, and the lines heard from
// the player for the host's watch on silence. Its loss and variation say nothing, so
// the host's rate control keeps every player at a snapshot a tick, as a server that
// writes each tick's state to every socket does.
func (l *link) Quality() host.LinkQuality {
	q := host.LinkQuality{PacketsReceived: l.in.lines.Load()}
	if k, ok := readKernel(l.conn); ok {
		q.RTT = k.rtt
	}
	return q
}

func (l *link) String() string { return l.conn.RemoteAddr().String() }
