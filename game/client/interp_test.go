package client

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// runner is a player 2 moving right 72 units a tick: where the host has them at tick.
func runner(tick uint32) *wire.Snapshot {
	return &wire.Snapshot{Tick: tick, Players: []wire.PlayerState{{ID: 2, X: uint16(1000 + 72*tick), Y: 3000}}}
}

// feed gives the timeline a snapshot every interval ticks from tick from to to,
// each arriving 40 ms plus up to jitter after the host made it.
func feed(tl *timeline, from, to, interval uint32, jitter time.Duration, rng *rand.Rand) {
	for tick := from; tick <= to; tick += interval {
		late := time.Duration(0)
		if jitter > 0 {
			late = time.Duration(rng.Int64N(int64(jitter)))
		}
		s := runner(tick)
		s.Interval = uint8(interval)
		tl.add(s, frameAt(int(tick)).Add(40*time.Millisecond+late))
	}
}

func TestBufferFollowsTheLink(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	var tl timeline
	feed(&tl, 1, 120, 1, 0, rng)
	if b := tl.Buffer(); b != 2*tickDuration {
		t.Errorf("on a steady link at 60 a second the buffer is %v, want two intervals (%v)", b, 2*tickDuration)
	}
	feed(&tl, 121, 240, 1, 30*time.Millisecond, rng)
	if b := tl.Buffer(); b < 2*tickDuration+25*time.Millisecond || b > 2*tickDuration+30*time.Millisecond {
		t.Errorf("with 30 ms of jitter the buffer is %v, want two intervals and about 30 ms", b)
	}
	feed(&tl, 243, 600, 3, 0, rng)
	if b := tl.Buffer(); b != 6*tickDuration {
		t.Errorf("at 20 snapshots a second the buffer is %v, want two intervals (%v)", b, 6*tickDuration)
	}
}

func TestASilentHostIsExtrapolatedBrieflyThenHeld(t *testing.T) {
	var tl timeline
	feed(&tl, 1, 120, 1, 0, nil)
	newest := float64(1000 + 72*120)
	var last float64
	for i := 120; i < 240; i++ { // two seconds of drawing with nothing arriving
		x, _, ok := tl.position(2, tl.seek(frameAt(i).Add(40*time.Millisecond)))
		if !ok {
			t.Fatal("the runner is not drawn")
		}
		if x > newest+maxExtrapolate*72+0.5 {
			t.Fatalf("frame %d: drawn at %.1f, past the newest %.0f by more than %d ticks", i, x, newest, maxExtrapolate)
		}
		if x < last {
			t.Fatalf("frame %d: drawn back from %.1f to %.1f", i, last, x)
		}
		last = x
	}
	if last != newest+maxExtrapolate*72 {
		t.Fatalf("held at %.1f, want %.0f", last, newest+maxExtrapolate*72)
	}
}

func TestOthersAreDrawnTheBufferBehind(t *testing.T) {
	// Steady snapshots, and a screen that samples twice a frame (update and draw): the
	// render clock settles exactly the buffer behind, neither ahead nor lagging.
	var tl timeline
	for i := 1; i <= 300; i++ {
		at := frameAt(i).Add(40 * time.Millisecond)
		tl.add(runner(uint32(i)), at)
		tl.seek(at.Add(2 * time.Millisecond))
		tl.seek(at.Add(9 * time.Millisecond))
	}
	now := frameAt(300).Add(49 * time.Millisecond)
	if d := tl.behind(now) - tl.Buffer(); d > time.Millisecond || d < -time.Millisecond {
		t.Fatalf("drawn %v behind with a buffer of %v", tl.behind(now), tl.Buffer())
	}
}

func TestBufferBridgesTheRunsOfLossItMeets(t *testing.T) {
	// At 20 snapshots a second with one in three lost, two in a row go missing often
	// enough that two intervals would not do: the buffer bridges four.
	var tl timeline
	for tick := uint32(3); tick <= 600; tick += 3 {
		if tick%9 == 0 {
			continue
		}
		s := runner(tick)
		s.Interval = 3
		tl.add(s, frameAt(int(tick)).Add(40*time.Millisecond))
	}
	if got := tl.bridged(); got != 4 {
		t.Errorf("bridges %d lost in a row, want 4", got)
	}
	if b := tl.Buffer(); b != 15*tickDuration {
		t.Errorf("buffer %v, want five intervals (%v)", b, 15*tickDuration)
	}
}

func TestANewPlayerOnAnOldIDIsNotDrawnWhereTheOldOneWas(t *testing.T) {
	var tl timeline
	feed(&tl, 1, 60, 1, 0, nil) // player 2 runs from x=1072 on
	tl.forget(2)                // left; someone new gets id 2, far away
	for tick := uint32(61); tick <= 70; tick++ {
		tl.add(&wire.Snapshot{Tick: tick, Interval: 1, Players: []wire.PlayerState{{ID: 2, X: 100, Y: 100}}},
			frameAt(int(tick)).Add(40*time.Millisecond))
	}
	x, y, ok := tl.position(2, 62)
	if !ok || x != 100 || y != 100 {
		t.Fatalf("the newcomer drawn at (%.0f, %.0f), want where they are, (100, 100)", x, y)
	}
}

func TestTheBufferDoesNotSwayWithLossNearABoundary(t *testing.T) {
	// About 9 % loss at 20 a second sits near where one interval more is needed: the
	// buffer settles and stays instead of going to and fro.
	rng := rand.New(rand.NewPCG(5, 6))
	var tl timeline
	changes, last := 0, 0
	for tick := uint32(3); tick <= 20*60*2*3; tick += 3 {
		if rng.Float64() < 0.09 {
			continue
		}
		s := runner(tick)
		s.Interval = 3
		tl.add(s, frameAt(int(tick)).Add(40*time.Millisecond))
		if b := tl.bridged(); b != last {
			changes, last = changes+1, b
		}
	}
	if changes > 6 {
		t.Errorf("the buffer changed %d times in two minutes", changes)
	}
}
