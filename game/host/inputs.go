package host

import (
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// inputWindow is how many input seqs ahead of the next one the host keeps. A datagram
// further ahead comes from a player whose inputs the host has not heard for a while
// (the host or the player stalled): the queue starts again at its newest input.
const inputWindow = 64

// maxInputLag is the most inputs that may wait: beyond it the queue starts again at
// the newest, dropping the rest. Only a burst after a stall (a window that froze, a
// host that stalled) or a flood gets here; jitter up to this many ticks (133 ms) is
// absorbed without losing an input.
const maxInputLag = 8

// shrinkEvery is how many ticks the queue must stay deeper than it needs before the
// host takes the excess out of it, by applying two inputs in one tick every drainEvery
// ticks, at most maxDrain of them a window. Two seconds see the arrival jitter of over
// a hundred datagrams, so a queue is seldom shrunk just before the late one it was
// holding for (each shrink is a double step that others see); four inputs in two
// seconds is a speed-up of 3 % at most, nothing a flood could gain from, and a
// backlog of five is gone within four seconds.
const (
	shrinkEvery = 2 * sim.TickRate
	drainEvery  = sim.TickRate / 6
	maxDrain    = 4
)

// growAfter is how many ticks of a shrink window may find a player's next input not
// yet arrived before the queue grows one deeper: now and then a late datagram is
// guessed (rightly, mostly); again and again, the link's jitter needs a deeper queue.
const growAfter = 3

// inputQueue is one player's inputs waiting to be applied, in seq order, one a tick.
// It starts at the newest input of the first datagram, so a player's first input is
// applied on the next tick. Its depth follows the jitter of their arrival by itself:
// when a tick finds the next input not yet arrived, and it is among those the next
// datagram would bring (one late datagram: the input after the newest received, or as
// many as the player sends in one when they send less often than every tick), the host
// guesses it is the last one again (a player mostly holds a direction) and drops the
// real one when it comes; when more are missing (the player's game stalled), or that
// happens growAfter times a datagram in a shrink window, the player stands still that
// tick instead, and every later input waits one tick more. When the queue has held more than it needed at every tick for
// shrinkEvery ticks, the excess is applied two in a tick until it is gone. Standing still and doubling up keep what the host
// applies exactly the player's inputs in order, so their own prediction of their disc
// stays right; only a wrong guess moves it.
//
// Each Input datagram repeats the inputs before it, so a lost datagram leaves no hole
// unless several in a row are lost; a hole is filled by repeating the last input.
// It belongs to the host loop.
type inputQueue struct {
	next    uint32 // seq of the next input to apply; 0 until the first arrives
	newest  uint32 // highest seq received
	applied uint32 // seq of the input applied last (acknowledged in snapshots)
	last    sim.Input
	slots   [inputWindow]struct {
		seq uint32
		in  sim.Input
	}

	depth   int // inputs waiting when this tick took its own: 1 is no delay at all
	shallow int // the fewest waiting at any tick of this shrink window
	late    int // ticks of this shrink window whose input had not arrived
	drain   int // inputs the queue still holds beyond what it needs
	batch   int // inputs a datagram of theirs brings: 1, or more when they send less often
	sum     int // inputs waiting, summed over the ticks of this shrink window
	usual   int // the mean of the last whole window, rounded: what the player is told
	ticks   int // ticks into this shrink window
	counts  inputCounts
	moveBuf [2]sim.Input
}

// inputCounts are what one player's queue did, for the host's statistics.
type inputCounts struct {
	starved uint64 // ticks whose input had not arrived yet
	guessed uint64 // of those, ticks that applied the last input again in its place
	merged  uint64 // ticks that applied two: the queue shrank one
	skipped uint64 // inputs dropped to catch up after a burst
	holes   uint64 // inputs lost in every copy, replaced by the one before
}

// add stores the inputs of one datagram and reports whether any of them was new.
func (q *inputQueue) add(m *wire.Input) (fresh bool) {
	if q.next == 0 { // start at the newest: the player is waiting for it
		q.next = max(m.Seq, 1)
		q.shallow, q.usual = maxInputLag, 1
	}
	if m.Seq >= q.next+inputWindow { // far ahead: what lies between is long past
		q.counts.skipped += uint64(m.Seq - q.next)
		q.next, q.newest = m.Seq, m.Seq-1
	}
	for i, mv := range m.Moves {
		seq := m.Seq - uint32(i)
		if seq < q.next || seq >= q.next+inputWindow || seq > m.Seq {
			continue // already applied, implausibly far ahead, or wrapped below zero
		}
		slot := &q.slots[seq%inputWindow]
		if slot.seq != seq {
			slot.seq, slot.in = seq, sim.Input{X: mv.X, Y: mv.Y}
			fresh = true
		}
		q.newest = max(q.newest, seq)
	}
	return fresh
}

// pop returns the inputs to apply this tick, oldest first: none while the player's
// next input has not arrived, usually one, two when the queue shrinks. The slice is
// reused by the next call.
func (q *inputQueue) pop() []sim.Input {
	if q.next == 0 {
		return nil // not a word from them yet
	}
	if q.newest < q.next { // their input for this tick is late
		q.counts.starved++
		q.depth = 0
		q.late++
		q.window(0)
		batch := max(q.batch, 1)
		if q.next > q.newest+uint32(batch) || q.late >= growAfter*batch {
			return nil // stand still: the queue is one deeper from now on
		}
		q.counts.guessed++
		q.applied = q.next
		q.next++ // the real one is dropped when it comes
		return append(q.moveBuf[:0], q.last)
	}
	if waiting := int(q.newest - q.next + 1); waiting > maxInputLag {
		q.counts.skipped += uint64(waiting - 1)
		q.next = q.newest // start again at the newest, as for a first datagram
		q.drain = 0
	}
	q.depth = int(q.newest - q.next + 1)
	moves := append(q.moveBuf[:0], q.take())
	if q.window(q.depth) && q.drain > 0 && q.ticks%drainEvery == 0 && q.newest >= q.next {
		q.counts.merged++
		q.drain--
		moves = append(moves, q.take())
	}
	return moves
}

// window records how many inputs waited this tick and, at the end of a shrink window
// in which the queue always held more than one, how many it can spare. It reports
// whether there is excess to drain.
func (q *inputQueue) window(waiting int) bool {
	q.shallow = min(q.shallow, waiting)
	q.sum += waiting
	q.ticks++
	if q.ticks >= shrinkEvery {
		q.drain = min(max(q.shallow-1, 0), maxDrain)
		q.usual = (q.sum + q.ticks/2) / q.ticks
		q.ticks, q.shallow, q.late, q.sum = 0, maxInputLag, 0, 0
	}
	return q.drain > 0
}

// take applies the next input: the one received, or the last one again for a hole.
func (q *inputQueue) take() sim.Input {
	if slot := q.slots[q.next%inputWindow]; slot.seq == q.next {
		q.last = slot.in
	} else {
		q.counts.holes++ // every copy of this input was lost: repeat the last one
	}
	q.applied = q.next
	q.next++
	return q.last
}
