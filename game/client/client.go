// Package client is what a player's machine runs, whatever carries its bytes: the
// State that follows the game, stepped in time by one goroutine; the player's inputs,
// stamped and kept; and the Match, which dials, starts the host for a hosting window,
// and says goodbye. The window, the bots and the tests all use it the same way.
//
// It imports neither ebiten nor quic-go. Bytes move through a Transport: over QUIC
// (game/quicnet), or over an in-memory link in simulated time (game/nettest). Errors
// and statistics come in the game's own terms.
package client

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// Config is how a player joins a game.
type Config struct {
	Addr     string // host:port, [ipv6]:port, a host name (default port) or an invite code
	Name     string
	Colour   uint8  // preferred colour, or wire.NoColour
	Password string // the room's password, if it has one

	// Coming back to a game after a drop: the token the host's welcome gave, the
	// fingerprint of that host's certificate, and the seq of the first chat line not
	// received. The token goes only to the host TokenFor names; a Token without a
	// TokenFor is never sent.
	Token    wire.Token
	TokenFor string
	NextChat uint32
	// Fingerprint is the host expected; with a Pin, another host answering stops the
	// join before anything is sent, the password included. Without one (a relaunched
	// game picking a game from Recent games) the player joins whoever answers anew.
	Fingerprint string
	Pin         Pin
	// HandshakeWithin, if not 0, gives up on QUIC's handshake sooner than usual: a
	// try at reconnecting moves on to the next rather than wait out a backoff.
	HandshakeWithin time.Duration
}

// Transport is a player's connection to a host as the State sees it: the host's
// welcome, what arrived, and ways to send. It moves messages and stamps snapshots;
// what they mean is the State's business. Sending never blocks.
type Transport interface {
	Welcome() wire.Welcome
	Addr() string        // what was dialled
	Fingerprint() string // the host's certificate fingerprint, or "" where there is none

	// Events delivers control and chat messages in the order each stream carried them.
	Events() <-chan wire.Message
	// Snapshots delivers every snapshot newer than the last, stamped with when it
	// arrived; a consumer that falls a SnapshotQueueLen behind loses the oldest.
	Snapshots() <-chan Snapshot
	// Arrived is signalled after anything is queued and when the connection ends, for
	// a consumer that would rather wait than poll.
	Arrived() <-chan struct{}
	// Done is closed once the connection has ended and every event before the end is
	// queued; Err then says why, as an *Error.
	Done() <-chan struct{}
	Err() error

	SendInput(m *wire.Input)
	SendChat(text string) error
	Stats() NetStats
	// Leave tells the host the player left and releases the connection. After the
	// connection has ended by itself it only releases what is left.
	Leave()
}

// Snapshot is the host's word on the game at one tick, and the local time it arrived.
type Snapshot struct {
	*wire.Snapshot
	At time.Time
}

// SnapshotQueueLen is how many snapshots wait for the State at most: half a second
// at 60 a second. A State that falls further behind (a window stalled by a drag)
// loses the oldest, which interpolation no longer wants anyway.
const SnapshotQueueLen = 32

// SnapshotQueue is how a Transport hands snapshots to the State: it takes each
// snapshot datagram as it arrives, keeps every one newer than the last, stamped with
// when it came, in a bounded queue, and counts what it dropped and why. One goroutine
// receives; the State takes; the counts may be read from anywhere.
type SnapshotQueue struct {
	ch     chan Snapshot
	newest uint32                  // the receiving goroutine's own, like kept
	kept   [keptLen]*wire.Snapshot // recent snapshots by tick, for deltas to be applied to

	datagrams, bytes, snapshots, deltas, missed, malformed, stale, noBaseline, dropped atomic.Uint64
}

// keptLen is how many snapshots the queue keeps for deltas: as many ticks as the host
// keeps, and more, since the host sends one every tick at most.
const keptLen = 64

// Receive takes one datagram from the host, which arrived at at, and reports whether
// it queued a snapshot. A delta is applied to the snapshot it was written against,
// which the queue keeps. A datagram that is not a well-formed snapshot, a delta whose
// baseline is no longer kept, or a snapshot no newer than one already queued, is
// dropped and counted.
func (q *SnapshotQueue) Receive(b []byte, at time.Time) bool {
	q.datagrams.Add(1)
	q.bytes.Add(uint64(len(b)))
	m, err := wire.Parse(b) // an oversized snapshot fails to parse
	var snap *wire.Snapshot
	switch m := m.(type) {
	case *wire.Snapshot:
		snap = m
	case *wire.SnapshotDelta:
		base := q.kept[m.Baseline%keptLen]
		if err == nil && (base == nil || base.Tick != m.Baseline) {
			q.noBaseline.Add(1)
			return false
		}
		if err == nil {
			snap, err = m.Apply(base)
			q.deltas.Add(1)
		}
	}
	switch {
	case err != nil || snap == nil:
		q.malformed.Add(1)
		return false
	case snap.Tick <= q.newest:
		q.stale.Add(1)
		return false
	}
	if every := uint32(max(snap.Interval, 1)); q.newest > 0 && snap.Tick-q.newest > every {
		q.missed.Add(uint64((snap.Tick-q.newest)/every - 1)) // sent at this interval, never seen
	}
	q.newest = snap.Tick
	q.kept[snap.Tick%keptLen] = snap
	q.snapshots.Add(1)
	q.Add(Snapshot{Snapshot: snap, At: at})
	return true
}

// Count fills in what the queue counted.
func (q *SnapshotQueue) Count(st *NetStats) {
	st.DatagramsIn, st.DatagramBytesIn, st.Snapshots = q.datagrams.Load(), q.bytes.Load(), q.snapshots.Load()
	st.Deltas, st.SnapshotsMissed = q.deltas.Load(), q.missed.Load()
	st.DroppedMalformed, st.DroppedStale, st.DroppedBehind = q.malformed.Load(), q.stale.Load(), q.dropped.Load()
	st.DroppedNoBaseline = q.noBaseline.Load()
}

// NewSnapshotQueue makes an empty queue of SnapshotQueueLen.
func NewSnapshotQueue() *SnapshotQueue {
	return &SnapshotQueue{ch: make(chan Snapshot, SnapshotQueueLen)}
}

// Add queues s, dropping (and counting) the oldest snapshot when the queue is full.
func (q *SnapshotQueue) Add(s Snapshot) {
	select {
	case q.ch <- s:
		return
	default:
	}
	select {
	case <-q.ch:
		q.dropped.Add(1)
	default:
	}
	q.ch <- s // the one adder has made room
}

// C is where the snapshots come out.
func (q *SnapshotQueue) C() <-chan Snapshot { return q.ch }

// Signal is a wake-up that never blocks the signaller: many signals before the
// waiter looks are one.
type Signal chan struct{}

// NewSignal makes a Signal.
func NewSignal() Signal { return make(Signal, 1) }

// Notify wakes the waiter, if it is not already woken.
func (s Signal) Notify() {
	select {
	case s <- struct{}{}:
	default:
	}
}

// Pin is why a join must reach the host Config.Fingerprint names.
type Pin uint8

const (
	PinNone       Pin = iota // any host will do
	PinComeback              // reconnecting to the game just played
	PinKnown                 // the host this address answered with before: trust on first use, as SSH does
	PinAdvertised            // the host the local network advertises at this address
)

// IdentityError is a join stopped because the host answering is not the one expected:
// Want is the fingerprint expected, Got the one that answered at Addr.
type IdentityError struct {
	Addr      string
	Want, Got string
	Pin       Pin
}

func (e *IdentityError) Error() string {
	return fmt.Sprintf("the host at %s has certificate %s, not %s", e.Addr, e.Got, e.Want)
}

// Sentence is what the player is told, by why the host was expected.
func (e *IdentityError) Sentence() string {
	switch e.Pin {
	case PinKnown:
		return fmt.Sprintf("The game at %s is not the host you played with there before: its identity changed. "+
			"If your friend moved the game to another machine or reinstalled Gem Rush, trust the new one; "+
			"if not, someone else may be answering in its place.", e.Addr)
	case PinAdvertised:
		return fmt.Sprintf("The game at %s answered with another identity than the one it advertises on your network: "+
			"someone else may be answering in its place, so nothing was sent to it.", e.Addr)
	}
	return fmt.Sprintf("The game now at %s is not the one you were playing, so Gem Rush did not try to get your place back.", e.Addr)
}
