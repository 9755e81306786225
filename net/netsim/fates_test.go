package netsim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestLossRateAndBursts draws many packets' fates and measures the loss rate and the
// mean run of losses in a row: the rate is what was asked with or without bursts,
// and the runs are as long as burst says (about 1 without).
func TestLossRateAndBursts(t *testing.T) {
	tests := []struct {
		loss, burst float64
		meanRun     float64 // expected; independent losses run 1/(1-loss) on average
	}{
		{loss: 0.05, meanRun: 1 / 0.95},
		{loss: 0.05, burst: 1, meanRun: 1 / 0.95},
		{loss: 0.05, burst: 4, meanRun: 4},
		{loss: 0.20, burst: 2, meanRun: 2},
		{loss: 0.01, burst: 8, meanRun: 8},
	}
	const n = 500_000
	for _, tt := range tests {
		f := newFates(Config{Loss: tt.loss, Burst: tt.burst, Seed: 1})
		var c Counts
		runs, run := 0, 0
		for range n {
			if f.next(&c) == nil {
				run++
				continue
			}
			if run > 0 {
				runs++
			}
			run = 0
		}
		rate := float64(c.Lost.Load()) / n
		meanRun := float64(c.Lost.Load()-uint64(run)) / float64(runs)
		t.Logf("loss=%g%% burst=%g: lost %.2f%%, mean run %.2f over %d runs", 100*tt.loss, tt.burst, 100*rate, meanRun, runs)
		if rate < 0.9*tt.loss || rate > 1.1*tt.loss {
			t.Errorf("loss=%g%% burst=%g: lost %.2f%%", 100*tt.loss, tt.burst, 100*rate)
		}
		if meanRun < 0.9*tt.meanRun || meanRun > 1.1*tt.meanRun {
			t.Errorf("loss=%g%% burst=%g: losses ran %.2f in a row, want about %.2f", 100*tt.loss, tt.burst, meanRun, tt.meanRun)
		}
	}
}

func TestBurstsAtTheExtremes(t *testing.T) {
	for _, tt := range []struct {
		loss float64
		want uint64
	}{{0, 0}, {1, 1000}} {
		f := newFates(Config{Loss: tt.loss, Burst: 4, Seed: 1})
		var c Counts
		for range 1000 {
			f.next(&c)
		}
		if c.Lost.Load() != tt.want {
			t.Errorf("loss=%g%% in bursts lost %d of 1000", 100*tt.loss, c.Lost.Load())
		}
	}
}

// TestSameSeedSameFates: a seed is a link that can be run again, bursts and
// reordering included; another seed is another link.
func TestSameSeedSameFates(t *testing.T) {
	cfg := Config{Loss: 0.1, Burst: 3, Duplicate: 0.05, Reorder: 0.05, Delay: 30 * time.Millisecond, Jitter: 20 * time.Millisecond, Seed: 42}
	draw := func(cfg Config) [][]time.Duration {
		f, out := newFates(cfg), [][]time.Duration{}
		for range 1000 {
			out = append(out, f.next(&Counts{}))
		}
		return out
	}
	a, b := draw(cfg), draw(cfg)
	if !slices.EqualFunc(a, b, slices.Equal) {
		t.Error("two links with seed 42 did different things")
	}
	cfg.Seed = 43
	if slices.EqualFunc(a, draw(cfg), slices.Equal) {
		t.Error("seeds 42 and 43 did the same things")
	}
}

// TestOldSeedsKeepTheirLinks: without bursts or reordering the fates are drawn as
// before those existed, so a test that found a seed to its liking keeps its link.
func TestOldSeedsKeepTheirLinks(t *testing.T) {
	cfg := Config{Loss: 0.1, Duplicate: 0.05, Delay: 30 * time.Millisecond, Jitter: 20 * time.Millisecond, Seed: 7}
	f, rng := newFates(cfg), rand.New(rand.NewPCG(cfg.Seed, 1))
	for i := range 1000 {
		lost, copies := rng.Float64() < cfg.Loss, 1
		if rng.Float64() < cfg.Duplicate {
			copies = 2
		}
		var want []time.Duration
		for range copies {
			want = append(want, cfg.Delay+time.Duration(rng.Int64N(int64(cfg.Jitter))))
		}
		if lost {
			want = nil
		}
		if got := f.next(&Counts{}); !slices.Equal(got, want) {
			t.Fatalf("packet %d: %v, drawn before bursts and reordering as %v", i, got, want)
		}
	}
}

// TestReorderOnAPath sends a datagram every tick, 1/60 s apart, over paths in
// simulated time. Jitter under a tick never reorders them; reorder does, and only
// the packets it held back arrive after a later one.
func TestReorderOnAPath(t *testing.T) {
	const n, tick = 6000, time.Second / 60
	for _, tt := range []struct {
		reorder float64
		jitter  time.Duration
	}{{0, 0}, {0, 10 * time.Millisecond}, {0.05, 0}, {0.05, 10 * time.Millisecond}} {
		clock := NewVirtualClock(epoch)
		p := NewPath(Config{Delay: 30 * time.Millisecond, Jitter: tt.jitter, Reorder: tt.reorder, Seed: 11, Clock: clock})
		newest, overtaken := -1, 0
		for i := range n {
			p.Datagram(func() {
				if i < newest {
					overtaken++
				}
				newest = max(newest, i)
			})
			clock.Advance(tick)
		}
		clock.Advance(time.Second)
		held := int(p.Reordered.Load())
		t.Logf("reorder=%g%% jitter=%v: %d of %d held back, %d arrived after a later one", 100*tt.reorder, tt.jitter, held, n, overtaken)
		switch {
		case tt.reorder == 0 && (held != 0 || overtaken != 0):
			t.Errorf("jitter=%v without reorder: %d held, %d overtaken", tt.jitter, held, overtaken)
		case tt.reorder > 0 && (held < n*4/100 || held > n*6/100):
			t.Errorf("reorder=5%%: held back %d of %d", held, n)
		case tt.reorder > 0 && (overtaken < held/2 || overtaken > held):
			t.Errorf("reorder=5%% jitter=%v: %d held back, but %d arrived after a later one", tt.jitter, held, overtaken)
		}
	}
}
