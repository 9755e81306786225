package host

import (
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// inputWindow is how many input seqs ahead of the next one the host keeps. Inputs
// further ahead are not believable from an honest player and are ignored.
const inputWindow = 64

// maxInputLag is how many ticks of inputs may wait before the host skips ahead. A
// player whose inputs bunch up (a burst after a stall) would otherwise stay that many
// ticks behind for good.
const maxInputLag = 6

// inputQueue is one player's inputs waiting to be applied, one per tick, in seq order.
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
}

// add stores the inputs of one datagram and reports whether any of them was new.
func (q *inputQueue) add(m *wire.Input) (fresh bool) {
	if q.next == 0 { // start at the oldest input this datagram carries
		q.next = 1
		if n := uint32(len(m.Moves)); m.Seq >= n {
			q.next = m.Seq - n + 1
		}
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

// pop returns the input for this tick.
func (q *inputQueue) pop() sim.Input {
	if q.next == 0 {
		return sim.Input{}
	}
	if q.newest >= q.next+maxInputLag {
		q.next = q.newest - maxInputLag + 1 // skip ahead: stay close to the player's present
	}
	if q.newest < q.next {
		return q.last // nothing new yet: keep doing what they were doing
	}
	if slot := q.slots[q.next%inputWindow]; slot.seq == q.next {
		q.last = slot.in
	} // else a hole: every copy of this input was lost, repeat the last one
	q.applied = q.next
	q.next++
	return q.last
}
