package nettest

import (
	"errors"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Streams of a link: the QUIC handshake's packets, then the two a player opens.
const (
	handshakeStream = iota
	controlStream
	chatStream
)

// headerBytes is what each packet costs on the wire beyond its payload, as the
// statistics count it: IPv4 (20) and UDP (8) headers, a QUIC short header (about 7),
// the AEAD tag (16) and a frame header (about 3). An estimate; QUIC's own counts are
// what the real game reports.
const headerBytes = 54

// eventQueueLen is how many messages wait for a player's State before flow control
// holds the rest back, as game/quicnet's Conn does.
const eventQueueLen = 1024

// tooSlow is how many control and chat messages may be on their way to a player who
// does not take them in before the host gives up on them: the host's frame queue and
// the player's event queue, both full.
const tooSlow = session.FrameQueueLen + eventQueueLen

// idleCheck is how often each end asks itself whether the idle timeout has passed.
const idleCheck = 100 * time.Millisecond

// closeTries is how often a connection close is sent: QUIC's closing end answers what
// the peer still sends with the close again, for about three probe timeouts.
const closeTries = 3

// hostAddr is what a simulated player has dialled, as sentences name it.
const hostAddr = "simulated-host:47777"

// link is one player's connection in simulated time. Its methods are the player's
// end, the client.Transport the State steps through; hostEnd is the host.Link the
// Loop sends on. Each direction is a netsim.Path on the game's clock. Like a QUIC
// connection, each end keeps it alive with what it sends (and a keep-alive when
// quiet), ends it with a close that may be lost, and gives up on a peer it has not
// heard from for the idle timeout.
type link struct {
	name     string
	clock    *netsim.VirtualClock
	up, down *netsim.Path
	host     *host.Loop
	peer     *host.Peer // nil until admitted

	// The player's end.
	handshaken, welcomed bool
	welcome              wire.Welcome
	events               chan wire.Message
	held                 []wire.Message // arrived, but the event queue is full: flow control holds them
	snaps                *client.SnapshotQueue
	arrived              client.Signal
	done                 chan struct{}
	err                  error
	heardFromHost        time.Time
	machine              *machine
	onSettle             func() // called once the welcome came or the connection ended, while dialling

	// The host's end.
	hostClosed        bool
	heardFromPlayer   time.Time
	packetsFromPlayer uint64
	inFlight          int // control and chat messages on their way to the player
	snapshotsSent     uint64
	dropDown          func(n uint64) bool
	stalledUntil      func() time.Time // the host is frozen until then

	lastUp, lastDown, latestRTT, rtt time.Duration
	minRTT, rttDev                   time.Duration
	stats                            client.NetStats
}

// machine is a player's computer as the network sees it: it may vanish for good (a
// crash, a pulled cable) or drop off for a while (a Wi-Fi hiccup, a closed lid, a
// router rebooting). Every link the player ever makes runs through it.
type machine struct {
	vanished bool
	cutUntil time.Time
}

// offline reports whether nothing gets to or from the machine at now.
func (m *machine) offline(now time.Time) bool { return m.vanished || now.Before(m.cutUntil) }

// backOnline is how long after now a frame QUIC keeps sending again gets through
// from or to the machine: its probe timeouts double, from pto, until the cut is over.
func (m *machine) backOnline(now time.Time, pto time.Duration) time.Duration {
	var wait time.Duration
	for now.Add(wait).Before(m.cutUntil) {
		wait += pto
		pto *= 2
	}
	return wait
}

func (g *Game) newLink(name string, m *machine) *link {
	path := func() *netsim.Path {
		cfg := g.cfg.Link
		g.links++
		cfg.Clock, cfg.Seed = g.Clock, g.cfg.Seed*1_000_003+g.links
		return netsim.NewPath(cfg)
	}
	now := g.Clock.Now()
	return &link{
		name: name, clock: g.Clock, up: path(), down: path(), host: g.Host,
		events: make(chan wire.Message, eventQueueLen), snaps: client.NewSnapshotQueue(),
		arrived: client.NewSignal(), done: make(chan struct{}), heardFromHost: now, heardFromPlayer: now,
		dropDown: g.cfg.DropSnapshots, stalledUntil: func() time.Time { return g.stalled }, machine: m,
	}
}

// keepAlive starts each end's keep-alives and idle checks, once the handshake is done.
func (l *link) keepAlive() {
	l.clock.Every(session.KeepAlivePeriod, func() {
		l.toHost(l.datagramUp, 1, func() {})
		l.toPlayer(l.datagramDown, 1, func() {})
	})
	l.clock.Every(idleCheck, func() {
		now := l.clock.Now()
		if !l.ended() && now.Sub(l.heardFromHost) > session.IdleTimeout {
			l.fail(&quic.IdleTimeoutError{})
		}
		stalled := now.Before(l.stalledUntil())
		if !l.hostClosed && !stalled && l.peer != nil && now.Sub(l.heardFromPlayer) > session.IdleTimeout {
			l.hostClosed = true
			l.host.Drop(l.peer, &quic.IdleTimeoutError{})
		}
	})
}

// toHost sends n bytes up with send (a path's Datagram or Stream); deliver runs at the
// host if they arrive while its end is open.
func (l *link) toHost(send func(func()) bool, n int, deliver func()) {
	if l.ended() || l.machine.vanished {
		return
	}
	l.stats.BytesSent += uint64(n + headerBytes)
	var arrive func()
	arrive = func() {
		if l.hostClosed {
			return
		}
		if end := l.stalledUntil(); l.clock.Now().Before(end) {
			// A stalled host takes it in when it wakes: a little waits in its socket,
			// and QUIC sends again what did not fit; either way it arrives then.
			l.clock.AfterFunc(end.Sub(l.clock.Now()), arrive)
			return
		}
		l.heardFromPlayer = l.clock.Now()
		l.packetsFromPlayer++
		deliver()
	}
	send(arrive)
}

// toPlayer sends n bytes down with send; deliver runs at the player if they arrive
// while the player's end is open.
func (l *link) toPlayer(send func(func()) bool, n int, deliver func()) bool {
	if l.hostClosed || l.clock.Now().Before(l.stalledUntil()) {
		return false // a stalled host sends nothing
	}
	return send(func() {
		if l.ended() || l.machine.vanished {
			return
		}
		l.heardFromHost = l.clock.Now()
		l.stats.BytesReceived += uint64(n + headerBytes)
		l.stats.PacketsReceived++
		deliver()
	})
}

func (l *link) datagramUp(deliver func()) bool   { return l.datagram(l.up, deliver) }
func (l *link) datagramDown(deliver func()) bool { return l.datagram(l.down, deliver) }
func (l *link) streamUp(id int) func(func()) bool {
	return func(deliver func()) bool { return l.stream(l.up, id, deliver) }
}
func (l *link) streamDown(id int) func(func()) bool {
	return func(deliver func()) bool { return l.stream(l.down, id, deliver) }
}

// datagram sends one datagram on p; it is lost if the player's machine is off the
// network as it leaves or as it arrives.
func (l *link) datagram(p *netsim.Path, deliver func()) bool {
	if l.machine.offline(l.clock.Now()) {
		return false
	}
	return p.Datagram(func() {
		if !l.machine.offline(l.clock.Now()) {
			deliver()
		}
	})
}

// stream sends one stream frame on p. While the player's machine is off the network
// QUIC keeps sending it again, and the first copy sent after the machine is back gets
// through; frames behind it on the stream wait for it. (A frame already on its way
// as the machine drops off still arrives: the model's one simplification.)
func (l *link) stream(p *netsim.Path, id int, deliver func()) bool {
	if l.machine.vanished {
		return false
	}
	return p.StreamAfter(id, l.machine.backOnline(l.clock.Now(), p.ProbeTimeout()), deliver)
}

// sendClose sends a connection close with send, closeTries times a probe timeout
// apart; deliver must do nothing the second time.
func (l *link) sendClose(send func(func()) bool, deliver func()) {
	pto := l.up.ProbeTimeout()
	for i := range closeTries {
		l.clock.AfterFunc(time.Duration(i)*pto, func() { send(deliver) })
	}
}

// The player's end: client.Transport.

func (l *link) Welcome() wire.Welcome             { return l.welcome }
func (l *link) Addr() string                      { return hostAddr }
func (l *link) Fingerprint() string               { return "simulated-host" }
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

// end ends the connection at the player's end with err, once. What flow control held
// back is queued too, as Conn queues every event that arrived before the end.
func (l *link) end(err error) {
	if l.ended() {
		return
	}
	if len(l.held) > 0 {
		all := make(chan wire.Message, len(l.events)+len(l.held))
		for len(l.events) > 0 {
			all <- <-l.events
		}
		for _, m := range l.held {
			all <- m
		}
		l.events, l.held = all, nil
	}
	l.err = err
	close(l.done)
	l.arrived.Notify()
	l.settle()
}

// settle tells a dial under way that it is over, once.
func (l *link) settle() {
	if f := l.onSettle; f != nil {
		l.onSettle = nil
		f()
	}
}

// fail ends the connection with what QUIC would have said, in the game's words.
func (l *link) fail(err error) error {
	l.end(quicnet.AsError(err, hostAddr))
	return l.err
}

func (l *link) SendInput(m *wire.Input) {
	b, err := wire.AppendMessage(nil, m)
	if err != nil || l.ended() || l.machine.vanished {
		return
	}
	l.stats.DatagramsOut++
	l.stats.DatagramBytesOut += uint64(len(b))
	at := l.clock.Now()
	l.toHost(l.datagramUp, len(b), func() {
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
	l.toHost(l.streamUp(chatStream), len(m.Text)+2, func() {
		if l.peer != nil {
			l.host.Chat(l.peer, m.Text)
		}
	})
	return nil
}

func (l *link) Stats() client.NetStats {
	st := l.stats
	st.RTT, st.LatestRTT, st.MinRTT, st.RTTDev = l.rtt, l.latestRTT, l.minRTT, l.rttDev
	st.IdleTimeout = session.IdleTimeout
	st.PacketsSent, st.PacketsLost = l.up.Sent.Load(), l.up.Lost.Load()
	l.snaps.Count(&st)
	return st
}

// Leave closes the connection, telling the host the player left.
func (l *link) Leave() {
	if l.ended() {
		return
	}
	l.hangUp(true)
	l.fail(&quic.ApplicationError{ErrorCode: session.CodeLeft, ErrorMessage: "player left"})
}

// hangUp sends the player's close to the host: a goodbye, or a try at joining given
// up (which, as over QUIC, does not give up a place the try took back).
func (l *link) hangUp(goodbye bool) {
	l.sendClose(l.datagramUp, func() {
		if !l.hostClosed && !l.machine.vanished {
			l.hostClosed = true
			switch {
			case l.peer == nil:
			case goodbye:
				l.host.Remove(l.peer, wire.LeftQuit, errors.New("player left"))
			default:
				l.host.Drop(l.peer, errors.New("player gave up joining"))
			}
		}
	})
}

// take moves what flow control held back into the event queue, as far as it has room:
// the player's State has taken some in.
func (l *link) take() {
	for len(l.held) > 0 {
		select {
		case l.events <- l.held[0]:
			l.held = l.held[1:]
		default:
			return
		}
	}
}

// deliver hands a control or chat message that reached the player to its State.
func (l *link) deliver(m wire.Message) {
	if w, ok := m.(*wire.Welcome); ok {
		l.welcome, l.welcomed = *w, true
		l.arrived.Notify()
		l.settle()
		return
	}
	l.take()
	if len(l.held) > 0 {
		l.held = append(l.held, m)
		return
	}
	select {
	case l.events <- m:
	default:
		l.held = append(l.held, m)
	}
	l.arrived.Notify()
}
