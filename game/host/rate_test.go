package host

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// link plays rate control against a link for secs seconds, a look a second: the host
// sends a packet per snapshot and a few more, each lost with chance loss, and the round
// trip varies by dev. It returns the seconds spent at each interval (1, 2, 3).
func link(r *rateControl, q *LinkQuality, rng *rand.Rand, secs int, loss float64, dev time.Duration) (at [maxInterval + 1]int) {
	for range secs {
		packets := sim.TickRate/max(r.interval, 1) + 10
		for range packets {
			q.PacketsSent++
			if rng.Float64() < loss {
				q.PacketsLost++
			}
		}
		q.RTTDev = dev
		r.rate(*q)
		at[r.interval]++
	}
	return at
}

func TestRateFollowsTheLink(t *testing.T) {
	for _, c := range []struct {
		name          string
		loss          float64
		dev           time.Duration
		atFull, atLow int // seconds of 600 at least at 60 a second, and at 20
	}{
		{"clean", 0, 2 * time.Millisecond, 600, 0},
		{"1 % loss, which is calm", 0.01, 2 * time.Millisecond, 540, 0},
		{"half a per cent and a varying round trip", 0.005, 15 * time.Millisecond, 600, 0},
		{"2 % loss, in between", 0.02, 2 * time.Millisecond, 0, 0},
		{"5 % loss", 0.05, 5 * time.Millisecond, 0, 560},
		{"a round trip varying by 40 ms", 0, 40 * time.Millisecond, 0, 590},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			r, q := &rateControl{interval: 1}, &LinkQuality{}
			at := link(r, q, rng, 600, c.loss, c.dev)
			t.Logf("seconds at 60, 30, 20 a second: %v; %d changes", at[1:], r.changes)
			if at[1] < c.atFull || at[3] < c.atLow {
				t.Errorf("%d s at 60 a second (want ≥ %d), %d s at 20 (want ≥ %d)", at[1], c.atFull, at[3], c.atLow)
			}
			if r.changes > 10 { // in ten minutes: the rate must not flap on chance losses
				t.Errorf("the rate changed %d times in ten minutes", r.changes)
			}
		})
	}
}

func TestRateRecoversWhenTheLossStops(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	r, q := &rateControl{interval: 1}, &LinkQuality{}
	link(r, q, rng, 30, 0.05, 5*time.Millisecond)
	if r.interval != maxInterval {
		t.Fatalf("after 30 s of 5 %% loss the interval is %d", r.interval)
	}
	for secs := 1; ; secs++ {
		link(r, q, rng, 1, 0, 5*time.Millisecond)
		if r.interval == 1 {
			t.Logf("back to 60 a second %d s after the loss stopped", secs)
			if secs > 30 { // two steps up, each after a calm period of 300 packets or more
				t.Errorf("took %d s, want at most 30", secs)
			}
			return
		}
		if secs > 60 {
			t.Fatalf("still every %d ticks a minute after the loss stopped", r.interval)
		}
	}
}
