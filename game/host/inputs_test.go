package host

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

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

// xs is what a tick applied, as the seqs inputMsg encoded in X.
func xs(moves []sim.Input) []int8 {
	out := []int8{}
	for _, m := range moves {
		out = append(out, m.X)
	}
	return out
}

func TestInputQueueInOrder(t *testing.T) {
	var q inputQueue
	for seq := uint32(1); seq <= 5; seq++ {
		q.add(inputMsg(seq, 4))
		if got := xs(q.pop()); !slices.Equal(got, []int8{int8(seq)}) || q.applied != seq || q.depth != 1 {
			t.Fatalf("seq %d: applied %v (ack %d, depth %d)", seq, got, q.applied, q.depth)
		}
	}
}

func TestInputQueueStartsAtTheNewest(t *testing.T) {
	var q inputQueue
	q.add(inputMsg(9, 8)) // the first datagram repeats eight inputs; only the newest is waited for
	if got := xs(q.pop()); !slices.Equal(got, []int8{9}) || q.applied != 9 {
		t.Fatalf("first tick applied %v (ack %d), want input 9", got, q.applied)
	}
}

func TestInputQueueALostDatagramLosesNothing(t *testing.T) {
	var q inputQueue
	q.add(inputMsg(1, 4))
	q.pop()
	q.add(inputMsg(3, 4)) // datagram 2 is lost; 3 repeats 2
	for want := int8(2); want <= 3; want++ {
		if got := xs(q.pop()); !slices.Equal(got, []int8{want}) {
			t.Fatalf("got %v, want [%d]", got, want)
		}
	}
	if q.counts.holes != 0 || q.counts.starved != 0 {
		t.Fatalf("%d holes, %d starved, want none", q.counts.holes, q.counts.starved)
	}
}

func TestInputQueueGuessesALateInputThenGrows(t *testing.T) {
	var q inputQueue
	q.add(inputMsg(1, 4))
	q.pop()
	// Input 2 is late: the host applies input 1 again in its place.
	if got := xs(q.pop()); !slices.Equal(got, []int8{1}) || q.applied != 2 || q.counts.guessed != 1 {
		t.Fatalf("late: applied %v (ack %d, guessed %d), want input 1 again as input 2", got, q.applied, q.counts.guessed)
	}
	if q.add(inputMsg(2, 1)) {
		t.Fatal("input 2, guessed already, was taken when it came late")
	}
	q.add(inputMsg(3, 4))
	q.pop()
	q.pop() // input 4 late: guessed
	q.add(inputMsg(5, 4))
	q.pop()
	// Late a third time in one shrink window: the player stands still instead, and the
	// queue is one deeper.
	if got := q.pop(); len(got) != 0 || q.counts.starved != 3 || q.counts.guessed != 2 {
		t.Fatalf("third late tick applied %v (starved %d, guessed %d), want nothing", xs(got), q.counts.starved, q.counts.guessed)
	}
	q.add(inputMsg(7, 4))
	if got := xs(q.pop()); !slices.Equal(got, []int8{6}) || q.depth != 2 {
		t.Fatalf("then applied %v at depth %d, want input 6 with 7 waiting", got, q.depth)
	}
}

func TestInputQueueGuessesOnlyOneInputOfAStalledPlayer(t *testing.T) {
	// The player's game stalls for 300 ms: the host guesses the first missing input
	// only, then stands still, and takes every input after it when the game resumes.
	var q inputQueue
	q.add(inputMsg(1, 8))
	q.pop()
	for range 18 {
		q.pop()
	}
	if q.counts.guessed != 1 || q.applied != 2 {
		t.Fatalf("through the stall guessed %d (ack %d), want one guess", q.counts.guessed, q.applied)
	}
	for seq := uint32(2); seq <= 12; seq++ {
		q.add(inputMsg(seq, 8))
		q.pop()
	}
	if q.applied != 12 || q.counts.skipped != 0 {
		t.Fatalf("after the stall applied up to %d, skipped %d; want every input from 3 on", q.applied, q.counts.skipped)
	}
}

func TestInputQueueDuplicatesAndStaleAreIgnored(t *testing.T) {
	var q inputQueue
	q.add(inputMsg(3, 3))
	if q.add(inputMsg(3, 3)) {
		t.Fatal("a duplicate datagram counted as fresh")
	}
	q.pop()
	if q.add(inputMsg(2, 2)) {
		t.Fatal("an old datagram counted as fresh")
	}
	if q.applied != 3 {
		t.Fatalf("applied %d", q.applied)
	}
}

// arrivals plays a player sending one input a tick for ticks ticks, each datagram
// reaching the host delay(seq) after it was sent, against a host ticking at a phase
// of its own. It returns the seqs applied, in order, and how many ticks each that was
// not guessed waited at the host from its arrival to being applied.
func arrivals(q *inputQueue, ticks int, delay func(seq uint32) time.Duration) (applied []uint32, waits []int) {
	const tick = time.Second / sim.TickRate
	type arrival struct {
		at  time.Duration
		seq uint32
	}
	var pending []arrival
	arrivedAt := map[uint32]time.Duration{}
	for k := 1; k <= ticks; k++ {
		sent := time.Duration(k)*tick - tick/3 // the player's frames run a third of a tick ahead of the host's
		pending = append(pending, arrival{sent + delay(uint32(k)), uint32(k)})
		now := time.Duration(k) * tick
		slices.SortFunc(pending, func(a, b arrival) int { return int(a.at - b.at) })
		for len(pending) > 0 && pending[0].at <= now {
			a := pending[0]
			pending = pending[1:]
			q.add(inputMsg(a.seq, 8))
			for s := a.seq; s > 0 && s+8 > a.seq; s-- {
				if _, ok := arrivedAt[s]; !ok {
					arrivedAt[s] = a.at
				}
			}
		}
		guessed := q.counts.guessed
		n := uint32(len(q.pop()))
		for seq := q.applied - n + 1; n > 0 && seq <= q.applied; seq++ {
			applied = append(applied, seq)
			if q.counts.guessed == guessed { // a guessed input never waited
				waits = append(waits, int((now-arrivedAt[seq]+tick-1)/tick))
			}
		}
	}
	return applied, waits
}

func TestInputQueueOnLoopbackWaitsUnderTwoTicks(t *testing.T) {
	// Loopback: no delay to speak of, but the frames of a real window wobble by a few
	// milliseconds. Every input is applied within two ticks of arriving, in order, and
	// none is lost.
	rng := rand.New(rand.NewPCG(1, 2))
	var q inputQueue
	applied, waits := arrivals(&q, 60*sim.TickRate, func(uint32) time.Duration {
		return time.Duration(rng.Int64N(int64(6 * time.Millisecond)))
	})
	checkEveryInputOnce(t, applied)
	if worst := slices.Max(waits[sim.TickRate:]); worst > 2 {
		t.Errorf("an input waited %d ticks at the host on loopback, want at most 2", worst)
	}
	t.Logf("loopback: queue depth %d, starved %d (guessed %d), merged %d, worst wait %d ticks",
		q.depth, q.counts.starved, q.counts.guessed, q.counts.merged, slices.Max(waits))
}

func TestInputQueueFollowsJitter(t *testing.T) {
	// 50 ms each way with 30 ms of jitter: the queue grows to cover the jitter within
	// the first seconds, then stops starving; once the jitter calms to 2 ms, it
	// shrinks back to a single input, without dropping one.
	rng := rand.New(rand.NewPCG(3, 4))
	jitter := 30 * time.Millisecond
	var q inputQueue
	applied, waits := arrivals(&q, 40*sim.TickRate, func(seq uint32) time.Duration {
		if seq > 20*sim.TickRate {
			jitter = 2 * time.Millisecond
		}
		return 50*time.Millisecond + time.Duration(rng.Int64N(int64(jitter)))
	})
	checkEveryInputOnce(t, applied)
	if q.depth != 1 {
		t.Errorf("queue %d deep after 20 s of calm, want 1", q.depth)
	}
	if worst := slices.Max(waits[30*sim.TickRate:]); worst > 2 {
		t.Errorf("after calm an input waited %d ticks, want at most 2", worst)
	}
	if worst := slices.Max(waits[5*sim.TickRate : 20*sim.TickRate]); worst > 4 {
		t.Errorf("with 30 ms of jitter an input waited %d ticks, want at most the jitter (2 ticks) and 2", worst)
	}
	t.Logf("jitter: starved %d (guessed %d), merged %d", q.counts.starved, q.counts.guessed, q.counts.merged)
}

// checkEveryInputOnce fails unless applied is 1, 2, 3, … with nothing skipped or repeated
// after the first.
func checkEveryInputOnce(t *testing.T, applied []uint32) {
	t.Helper()
	for i := 1; i < len(applied); i++ {
		if applied[i] != applied[i-1]+1 {
			t.Fatalf("after input %d the host applied %d", applied[i-1], applied[i])
		}
	}
}

func TestInputQueueShrinksABacklog(t *testing.T) {
	// A stall leaves five inputs waiting; the queue applies them all and is back to
	// one deep within three shrink windows (six seconds), none lost.
	var q inputQueue
	q.add(inputMsg(1, 1))
	q.pop()
	q.add(inputMsg(6, 8))
	seq := uint32(6)
	for range 3 * shrinkEvery {
		seq++
		q.add(inputMsg(seq, 8))
		q.pop()
	}
	if q.depth != 1 || q.counts.merged != 5 || q.counts.skipped != 0 {
		t.Fatalf("depth %d after merging %d and skipping %d, want depth 1 after merging 5", q.depth, q.counts.merged, q.counts.skipped)
	}
}

func TestInputQueueFloodCannotSpeedUp(t *testing.T) {
	// A burst beyond maxInputLag starts the queue again at the newest; a player sending
	// twice as many inputs as ticks for ten seconds gets at most maxDrain extra inputs
	// each shrink window.
	var q inputQueue
	for seq := uint32(1); seq <= 40; seq++ {
		q.add(inputMsg(seq, 1))
	}
	q.pop()
	if q.applied != 40 || q.counts.skipped != 39 {
		t.Fatalf("after a burst of 40 applied %d (skipped %d), want the newest", q.applied, q.counts.skipped)
	}
	moves, seq := 0, uint32(40)
	const ticks = 10 * sim.TickRate
	for range ticks {
		seq += 2
		q.add(inputMsg(seq, 2))
		moves += len(q.pop())
	}
	if got, most := moves, ticks+ticks/shrinkEvery*maxDrain; got > most {
		t.Fatalf("a flood got %d inputs applied in %d ticks, want at most %d", got, ticks, most)
	}
}

func TestInputQueueCatchesUpAfterAStall(t *testing.T) {
	// The host froze for three seconds: the player's inputs since are far beyond the
	// queue's window. It starts again at the newest, which is applied at once.
	var q inputQueue
	for seq := uint32(1); seq <= 10; seq++ {
		q.add(inputMsg(seq, 8))
		q.pop()
	}
	q.add(inputMsg(190, 8))
	if got := q.pop(); len(got) != 1 || q.applied != 190 {
		t.Fatalf("after a stall applied %d inputs (ack %d), want input 190", len(got), q.applied)
	}
	q.add(inputMsg(191, 8))
	if got := q.pop(); len(got) != 1 || q.applied != 191 {
		t.Fatalf("then applied %d inputs (ack %d), want input 191", len(got), q.applied)
	}
}
