package nettest

import (
	"errors"
	"fmt"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Streams of a link, as a player opens them.
const (
	controlStream = iota
	chatStream
)

// headerBytes is what each packet costs on the wire beyond its payload, as the
// statistics count it: IPv4 (20) and UDP (8) headers, a QUIC short header (about 7),
// the AEAD tag (16) and a frame header (about 3). An estimate; QUIC's own counts are
// what the real game reports.
const headerBytes = 54

// eventQueueLen is how many messages may wait for a player's State. A test that lets
// this many pile up has stopped stepping its player, which is a bug in the test.
const eventQueueLen = 1 << 14

// hostAddr is what a simulated player has dialled, as sentences name it.
const hostAddr = "simulated-host:47777"

// link is one player's connection in simulated time: the player's end is the
// client.Transport its State steps through, and hostEnd is the host.Link the Loop
// sends on. Each direction is a netsim.Path on the game's clock.
type link struct {
	name     string
	clock    *netsim.VirtualClock
	up, down *netsim.Path
	host     *host.Loop
	peer     *host.Peer // nil until admitted

	welcome  wire.Welcome
	welcomed bool
	events   chan wire.Message
	snaps    *client.SnapshotQueue
	arrived  client.Signal
	done     chan struct{}
	err      error
	newest   uint32 // newest snapshot tick queued

	lastUp, lastDown, latestRTT, rtt time.Duration
	stats                            client.NetStats
}

func (g *Game) newLink(name string) *link {
	path := func() *netsim.Path {
		cfg := g.cfg.Link
		g.links++
		cfg.Clock, cfg.Seed = g.Clock, g.cfg.Seed*1_000_003+g.links
		return netsim.NewPath(cfg)
	}
	return &link{
		name: name, clock: g.Clock, up: path(), down: path(), host: g.Host,
		events: make(chan wire.Message, eventQueueLen), snaps: client.NewSnapshotQueue(),
		arrived: client.NewSignal(), done: make(chan struct{}),
	}
}

// The player's end: client.Transport.

func (l *link) Welcome() wire.Welcome             { return l.welcome }
func (l *link) Addr() string                      { return hostAddr }
func (l *link) Fingerprint() string               { return "" }
func (l *link) Events() <-chan wire.Message       { return l.events }
func (l *link) Snapshots() <-chan client.Snapshot { return l.snaps.C() }
func (l *link) Arrived() <-chan struct{}          { return l.arrived }
func (l *link) Done() <-chan struct{}             { return l.done }

func (l *link) Err() error {
	if !l.ended() {
		return nil
	}
	return l.err
}

func (l *link) ended() bool {
	select {
	case <-l.done:
		return true
	default:
		return false
	}
}

// end ends the connection at the player's end with err, once.
func (l *link) end(err error) {
	if l.ended() {
		return
	}
	l.err = err
	close(l.done)
	l.arrived.Notify()
}

// fail ends the connection with what QUIC would have said, in the game's words.
func (l *link) fail(err error) error {
	l.end(quicnet.AsError(err, hostAddr))
	return l.err
}

func (l *link) SendInput(m *wire.Input) {
	b, err := wire.AppendMessage(nil, m)
	if err != nil || l.ended() {
		return
	}
	l.sent(len(b))
	l.stats.DatagramsOut++
	l.stats.DatagramBytesOut += uint64(len(b))
	at := l.clock.Now()
	l.up.Datagram(func() {
		l.lastUp = l.clock.Now().Sub(at)
		msg, err := wire.Parse(b)
		if in, ok := msg.(*wire.Input); ok && err == nil && l.peer != nil {
			l.host.Input(l.peer, in)
		}
	})
}

func (l *link) SendChat(text string) error {
	if l.ended() {
		return l.err
	}
	m := &wire.ChatSend{Text: wire.Clip(text)}
	l.sent(len(m.Text) + 2)
	l.up.Stream(chatStream, func() {
		if l.peer != nil {
			l.host.Chat(l.peer, m.Text)
		}
	})
	return nil
}

func (l *link) Stats() client.NetStats {
	st := l.stats
	st.RTT, st.LatestRTT, st.DroppedBehind = l.rtt, l.latestRTT, l.snaps.Dropped()
	return st
}

// Leave tells the host the player left, as QUIC's close would.
func (l *link) Leave() {
	if l.ended() {
		return
	}
	l.sent(0)
	l.up.Stream(controlStream, func() {
		if l.peer != nil {
			l.host.Remove(l.peer, wire.LeftQuit, errors.New("player left"))
		}
	})
	l.fail(&quic.ApplicationError{ErrorCode: session.CodeLeft, ErrorMessage: "player left"})
}

// sent counts a packet of n payload bytes leaving the player.
func (l *link) sent(n int) { l.stats.BytesSent += uint64(n + headerBytes) }

// received counts a packet of n payload bytes arriving at the player.
func (l *link) received(n int) { l.stats.BytesReceived += uint64(n + headerBytes) }

// deliver hands a control or chat message that reached the player to its State.
func (l *link) deliver(m wire.Message) {
	switch m := m.(type) {
	case *wire.Welcome:
		l.welcome, l.welcomed = *m, true
	default:
		select {
		case l.events <- m:
		default:
			panic(fmt.Sprintf("nettest: %d messages wait for %s: the test stopped stepping its player", eventQueueLen, l.name))
		}
	}
	l.arrived.Notify()
}

// hostEnd is the host's end of a link: host.Link.
type hostEnd struct{ *link }

func (h hostEnd) String() string { return "sim:" + h.name }

func (h hostEnd) Control(m wire.Message) error { return h.frame(controlStream, m) }
func (h hostEnd) Chat(m wire.Message) error    { return h.frame(chatStream, m) }

// frame sends m down one of the player's streams, through the codec as QUIC would.
func (h hostEnd) frame(stream int, m wire.Message) error {
	b, err := wire.AppendMessage(nil, m)
	if err != nil {
		return err
	}
	h.down.Stream(stream, func() {
		if h.ended() {
			return
		}
		h.received(len(b))
		msg, err := wire.Parse(b)
		if err != nil {
			h.fail(&quic.ApplicationError{ErrorCode: session.CodeProtocolViolation, ErrorMessage: err.Error()})
			return
		}
		h.deliver(msg)
	})
	return nil
}

// Datagram sends a snapshot down; the player queues it, stamped, if it is newer.
func (h hostEnd) Datagram(b []byte) {
	at := h.clock.Now()
	h.down.Datagram(func() {
		if h.ended() {
			return
		}
		now := h.clock.Now()
		h.received(len(b))
		h.stats.DatagramsIn++
		h.stats.DatagramBytesIn += uint64(len(b))
		h.lastDown = now.Sub(at)
		h.sampleRTT()
		msg, err := wire.Parse(b)
		snap, ok := msg.(*wire.Snapshot)
		switch {
		case err != nil || !ok:
			h.stats.DroppedMalformed++
		case snap.Tick <= h.newest:
			h.stats.DroppedStale++
		default:
			h.newest = snap.Tick
			h.stats.Snapshots++
			h.snaps.Add(client.Snapshot{Snapshot: snap, At: now})
			h.arrived.Notify()
		}
	})
}

// sampleRTT takes the newest delay each way as a round trip and smooths it as QUIC
// does (RFC 9002: an eighth of each new sample).
func (h hostEnd) sampleRTT() {
	if h.lastUp == 0 {
		return
	}
	h.latestRTT = h.lastUp + h.lastDown
	if h.rtt == 0 {
		h.rtt = h.latestRTT
	} else {
		h.rtt = (7*h.rtt + h.latestRTT) / 8
	}
}

// Refuse turns a player away before admitting them: the reason reaches them as the
// connection closes.
func (h hostEnd) Refuse(code session.Code, reason string) { h.closeDown(code, reason) }

// Close ends the player's connection with the host's reason. As over QUIC, the host
// learns at once that the connection is gone, and the player a trip later.
func (h hostEnd) Close(code session.Code, reason string) {
	h.closeDown(code, reason)
	if code == session.CodeHostEnded || h.peer == nil {
		return
	}
	peer := h.peer
	h.clock.AfterFunc(0, func() { h.host.Remove(peer, wire.LeftKicked, errors.New(reason)) })
}

func (h hostEnd) closeDown(code session.Code, reason string) {
	h.down.Stream(controlStream, func() {
		h.fail(&quic.ApplicationError{Remote: true, ErrorCode: code, ErrorMessage: reason})
	})
}
