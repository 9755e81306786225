package nettest

import (
	"math"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
)

// internet is the link of the netcode's targets: 150 ms round trip, 15 ms of jitter
// each way, 5 % loss each way.
var internet = netsim.Config{Delay: 75 * time.Millisecond, Jitter: 15 * time.Millisecond, Loss: 0.05}

// square drives a player round a square of 180 px, a side every 40 ticks at top
// speed: constant input but for a turn now and then, and no wall in the way where the
// tests' players start.
func square(start time.Time) func(now time.Time) sim.Input {
	return func(now time.Time) sim.Input {
		leg := int(now.Sub(start)/tick) / 40 % 4
		return [4]sim.Input{{X: sim.MaxAxis}, {Y: sim.MaxAxis}, {X: -sim.MaxAxis}, {Y: -sim.MaxAxis}}[leg]
	}
}

func TestPredictionEndsWhereTheHostSays(t *testing.T) {
	// Over the internet a player runs about for ten seconds, into walls too, then
	// stops. Their disc moved on the very frame of each input, and once the host has
	// caught up it is exactly where the host says: no error left, nothing being blended.
	g := New(Config{Link: internet, Seed: 7})
	p := g.MustJoin("Ana")
	g.MustJoin("Bo").Drive = chase
	g.RunUntil(time.Second, func() bool { return p.State.Me() != nil && p.State.Me().Placed })
	begin := g.Now()
	drive := square(begin)
	moving := true
	var last sim.Input
	turns := 0
	p.OnFrame = func(now time.Time) {
		if p.State.Step(now) != nil {
			return
		}
		in := sim.Input{}
		switch {
		case !moving:
		case now.Sub(begin) > 5*time.Second:
			in = sim.Input{X: sim.MaxAxis, Y: sim.MaxAxis / 2} // into the walls and the corner
		default:
			in = drive(now)
		}
		// A new input shows on the frame that samples it, whatever the round trip: the
		// disc drawn a moment ago was heading along the previous input.
		before, _ := p.State.Where(p.State.Welcome.You, now.Add(-time.Millisecond))
		p.State.Input(in, now)
		after, _ := p.State.Where(p.State.Welcome.You, now)
		blocked := sim.Move(sim.DefaultArena(), sim.DefaultConfig(), before, in) == before
		if in != last && !blocked && after == before {
			t.Errorf("at %v the input %v did not move the disc on its own frame", now.Sub(begin), in)
		}
		if in != last && !blocked {
			turns++
		}
		last = in
	}
	g.Run(10 * time.Second)
	moving = false
	g.Run(2 * time.Second)
	me := p.State.Me()
	drawn, _ := p.State.Where(me.ID, g.Now())
	if drawn != me.Pos {
		t.Errorf("stopped: drawn at %v, the host says %v", drawn, me.Pos)
	}
	if turns < 8 {
		t.Errorf("only %d changes of input were checked", turns)
	}
	f := p.State.Feel(g.Now())
	t.Logf("corrections %d (largest %.1f px), host input queue %v", f.Corrections, f.CorrectionMax, g.Host.Stats().PerPlayer())
	if f.Corrections > 2 {
		t.Errorf("%d corrections with nothing but the link to disturb the player, want at most 2", f.Corrections)
	}
}

func TestRemotePlayersMoveSmoothly(t *testing.T) {
	for _, c := range []struct {
		name       string
		oneInThree bool // every third snapshot lost, besides the link's own loss
	}{
		{"internet", false},
		{"internet, one snapshot in three lost", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{Link: internet, Seed: 11}
			if c.oneInThree {
				cfg.DropSnapshots = func(n uint64) bool { return n%3 == 0 }
			}
			g := New(cfg)
			runner, watcher := g.MustJoin("Ana"), g.MustJoin("Bo")
			g.Run(time.Second)
			drive := square(g.Now())
			runner.Drive = func(now time.Time, _ *client.State) sim.Input { return drive(now) }
			g.Run(2 * time.Second) // the buffer settles
			var last sim.Vec
			var still, longest int
			var worst float64
			frames := 0
			watcher.OnFrame = func(now time.Time) {
				watcher.State.Step(now)
				watcher.State.Input(sim.Input{}, now)
				pos, ok := watcher.State.Where(runner.State.Welcome.You, now)
				if !ok {
					t.Fatal("the runner is not drawn")
				}
				if frames > 0 {
					d := math.Hypot(float64(pos.X-last.X), float64(pos.Y-last.Y)) / sim.SubPixels
					worst = max(worst, d)
					if d == 0 {
						still++
						longest = max(longest, still)
					} else {
						still = 0
					}
				}
				last = pos
				frames++
			}
			g.Run(20 * time.Second)
			f := watcher.State.Feel(g.Now())
			t.Logf("%d frames: largest jump %.2f px, longest still %d frames; buffer %v, jitter %v, behind %v",
				frames, worst, longest, f.Buffer, f.Jitter, f.RenderDelay)
			// At most two ticks of top speed in a frame, the render clock's slew on top:
			// the host's double step when it shrinks the runner's input queue.
			speed := float64(sim.DefaultConfig().Speed) / sim.SubPixels
			if worst > 2*1.1*speed {
				t.Errorf("the runner jumped %.2f px in one frame; at top speed it moves %.2f a tick", worst, speed)
			}
			// One frame still at most: the tick the host had no input from them yet.
			if longest > 1 {
				t.Errorf("the runner stood still for %d frames while running", longest)
			}
			// Drawn no further behind the host than half the round trip, two snapshot
			// intervals and the jitter, give or take the render clock's slew: the
			// buffer bridges one lost snapshot, which at 5 % loss is all it needs.
			if !c.oneInThree {
				most := watcher.State.Stats().MinRTT/2 + 2*f.SnapshotInterval + f.Jitter + 5*time.Millisecond
				if f.RenderDelay > most {
					t.Errorf("others drawn %v behind the host, want at most %v", f.RenderDelay, most)
				}
			}
		})
	}
}

func TestAStalledHostIsAConnectionProblemThatClears(t *testing.T) {
	// The host freezes for three seconds. Half a second in, each player's game says
	// so, counting down to the idle timeout; when the host wakes the notice goes by
	// itself, nobody has left, and everyone is drawn moving again, without a jump back
	// to where they were when the host froze.
	g := New(Config{Link: internet, Seed: 5})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	run := square(g.Now())
	ana.Drive, bo.Drive = chase, func(now time.Time, _ *client.State) sim.Input { return run(now) }
	g.Run(2 * time.Second)
	var last sim.Vec
	var worst float64
	ana.OnFrame = func(now time.Time) {
		if ana.State.Step(now) != nil {
			return
		}
		ana.State.Input(chase(now, ana.State), now)
		pos, _ := ana.State.Where(bo.State.Welcome.You, now)
		if last != (sim.Vec{}) {
			worst = max(worst, math.Hypot(float64(pos.X-last.X), float64(pos.Y-last.Y))/sim.SubPixels)
		}
		last = pos
	}
	g.StallHost(3 * time.Second)
	g.Run(400 * time.Millisecond)
	if _, _, problem := ana.State.Problem(g.Now()); problem {
		t.Fatal("a connection problem 0.4 s into the stall: too soon, loss alone does that")
	}
	g.Run(300 * time.Millisecond)
	silent, left, problem := ana.State.Problem(g.Now())
	if !problem || left > session.IdleTimeout-silent || left < session.IdleTimeout-time.Second {
		t.Fatalf("0.7 s into the stall: problem %v, silent %v, gives up in %v", problem, silent, left)
	}
	g.Run(2300*time.Millisecond + internet.Delay + internet.Jitter + 100*time.Millisecond)
	for _, p := range []*Player{ana, bo} {
		if _, _, problem := p.State.Problem(g.Now()); problem {
			t.Errorf("%s: still a connection problem after the host woke", p.Name)
		}
		if p.State.Step(g.Now()) != nil || len(p.State.Players) != 2 {
			t.Errorf("%s: after the stall %d players, err %v", p.Name, len(p.State.Players), p.State.Step(g.Now()))
		}
	}
	before, _ := ana.State.Where(bo.State.Welcome.You, g.Now())
	g.Run(time.Second)
	after, _ := ana.State.Where(bo.State.Welcome.You, g.Now())
	if before == after {
		t.Error("Bo is drawn standing still a second after the host woke")
	}
	t.Logf("largest jump of Bo drawn through the stall: %.2f px", worst)
	if speed := float64(sim.DefaultConfig().Speed) / sim.SubPixels; worst > 2.2*speed {
		t.Errorf("through the stall Bo was drawn jumping %.1f px in a frame; he runs %.1f a tick", worst, speed)
	}
}

func TestSnapshotRateFollowsTheLink(t *testing.T) {
	// A clean link gets 60 snapshots a second; 5 % loss brings it to 20 within a few
	// seconds, and the player's buffer and inputs follow; when the loss stops the rate
	// climbs back. Snapshots are written against acknowledged ones throughout, and
	// none fails to apply.
	g := New(Config{Link: netsim.Config{Delay: 30 * time.Millisecond}, Seed: 3})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	ana.Drive, bo.Drive = chase, chase
	interval := func() time.Duration { return ana.State.Feel(g.Now()).SnapshotInterval }
	g.Run(5 * time.Second)
	if interval() != tick {
		t.Fatalf("on a clean link the host sends a snapshot every %v", interval())
	}
	g.ChangeLinks(netsim.Config{Delay: 30 * time.Millisecond, Loss: 0.05})
	if !g.RunUntil(10*time.Second, func() bool { return interval() == 3*tick }) {
		t.Fatalf("10 s into 5 %% loss the host sends every %v, want every 3 ticks", interval())
	}
	t.Logf("at 20 a second after %v", g.Now().Sub(Start)-5*time.Second)
	g.ChangeLinks(netsim.Config{Delay: 30 * time.Millisecond})
	if !g.RunUntil(30*time.Second, func() bool { return interval() == tick }) {
		t.Fatalf("30 s after the loss stopped the host sends every %v", interval())
	}
	st := ana.State.Stats()
	t.Logf("back to 60 a second; %d snapshots, %d of them deltas; %d dropped for want of a baseline, %d malformed",
		st.Snapshots, st.Deltas, st.DroppedNoBaseline, st.DroppedMalformed)
	if st.Deltas < st.Snapshots*9/10 || st.DroppedMalformed != 0 || st.DroppedNoBaseline != 0 {
		t.Errorf("%d of %d snapshots were deltas, %d malformed, %d without a baseline",
			st.Deltas, st.Snapshots, st.DroppedMalformed, st.DroppedNoBaseline)
	}
	g.Run(time.Second) // the host publishes its figures four times a second
	rate := g.Host.Stats().PerPlayer()[0]
	if rate.SnapshotHz != 60 || rate.RateChanges < 4 {
		t.Errorf("the host says %+v", rate)
	}
	if ana.State.Queue < 1 || ana.State.Queue != rate.Usual {
		t.Errorf("Ana is told her inputs queue %d deep; the host has %d", ana.State.Queue, rate.Usual)
	}
}

func TestAHostHitchCostsNobodyTheirInputs(t *testing.T) {
	// The host misses six ticks (a pause of 100 ms), then runs them at once: the
	// inputs that piled up are applied as they would have been, so nobody's queue stays
	// deep and nobody's own disc is corrected.
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}, Seed: 9})
	ana := g.MustJoin("Ana")
	run := square(g.Now())
	ana.Drive = func(now time.Time, _ *client.State) sim.Input { return run(now) }
	g.Run(3 * time.Second)
	before := ana.State.Feel(g.Now()).Corrections
	g.StallHost(100 * time.Millisecond)
	g.Run(time.Second)
	link := g.Host.Stats().PerPlayer()[0]
	f := ana.State.Feel(g.Now())
	t.Logf("a second after the hitch: queue %d, %d corrections (largest %.1f px), %d inputs skipped", link.Queue, f.Corrections-before, f.CorrectionMax, link.Skipped)
	if link.Queue > 2 || link.Skipped != 0 {
		t.Errorf("a second after a 100 ms hitch Ana's queue is %d deep with %d inputs skipped; want it back to 1 or 2, none lost", link.Queue, link.Skipped)
	}
	if f.Corrections != before {
		t.Errorf("the hitch corrected Ana's own disc %d times", f.Corrections-before)
	}
}
