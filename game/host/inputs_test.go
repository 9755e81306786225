package host

import (
	"testing"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// inputMsg builds an Input datagram for seq carrying the redundant copies before it;
// move i is {X: i}, so a test can tell which input was applied.
func inputMsg(seq uint32, redundant int) *wire.Input {
	m := &wire.Input{Seq: seq}
	for i := uint32(0); i < uint32(redundant) && i < seq; i++ {
		m.Moves = append(m.Moves, wire.Move{X: int8(seq - i)})
	}
	return m
}

func TestInputQueueInOrder(t *testing.T) {
	var q inputQueue
	for seq := uint32(1); seq <= 5; seq++ {
		q.add(inputMsg(seq, 4))
		if got := q.pop(); got != (sim.Input{X: int8(seq)}) || q.applied != seq {
			t.Fatalf("seq %d: applied %v (ack %d)", seq, got, q.applied)
		}
	}
}

func TestInputQueueLostDatagramLosesNothing(t *testing.T) {
	var q inputQueue
	q.add(inputMsg(1, 4))
	q.pop()
	// Datagrams 2 and 3 are lost; 4 repeats 2 and 3.
	if got := q.pop(); got != (sim.Input{X: 1}) {
		t.Fatalf("while waiting: %v, want the last input repeated", got)
	}
	q.add(inputMsg(4, 4))
	for want := int8(2); want <= 4; want++ {
		if got := q.pop(); got.X != want {
			t.Fatalf("got %v, want X=%d", got, want)
		}
	}
}

func TestInputQueueDuplicatesAndStaleAreIgnored(t *testing.T) {
	var q inputQueue
	q.add(inputMsg(3, 3))
	if q.add(inputMsg(3, 3)) {
		t.Fatal("a duplicate datagram counted as fresh")
	}
	for range 3 {
		q.pop()
	}
	if q.add(inputMsg(2, 2)) {
		t.Fatal("an old datagram counted as fresh")
	}
	if q.applied != 3 {
		t.Fatalf("applied %d", q.applied)
	}
}

func TestInputQueueFirstDatagramCarriesMoreThanItsSeq(t *testing.T) {
	var q inputQueue
	q.add(&wire.Input{Seq: 2, Moves: []wire.Move{{X: 2}, {X: 1}, {X: 9}}}) // a third copy below seq 1
	if got := q.pop(); got.X != 1 || q.applied != 1 {
		t.Fatalf("first pop %v (ack %d), want input 1", got, q.applied)
	}
}

func TestInputQueueFloodCannotSpeedUp(t *testing.T) {
	// A player sending far more inputs than ticks still gets one input per tick, and
	// the backlog is cut to maxInputLag.
	var q inputQueue
	for seq := uint32(1); seq <= 40; seq++ {
		q.add(inputMsg(seq, 1))
	}
	q.pop()
	if q.applied != 40-maxInputLag+1 {
		t.Fatalf("after a burst of 40 applied %d, want %d", q.applied, 40-maxInputLag+1)
	}
	if q.add(inputMsg(10_000, 1)) {
		t.Fatal("an input far beyond the window was accepted")
	}
}
