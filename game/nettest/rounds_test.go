package nettest

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
)

// countdownTicks is the rules' countdown before every round, the first included.
var countdownTicks = sim.DefaultConfig().CountdownTicks

// toward drives a player at target, full speed until close.
func toward(target sim.Vec) func(time.Time, *client.State) sim.Input {
	return func(_ time.Time, st *client.State) sim.Input {
		pos, ok := st.Predicted()
		if !ok {
			return sim.Input{}
		}
		axis := func(d int32) int8 { return int8(max(-sim.MaxAxis, min(sim.MaxAxis, d/2))) }
		return sim.Input{X: axis(target.X - pos.X), Y: axis(target.Y - pos.Y)}
	}
}

// takeUntil plays on until st has a happening of kind, for at most limit, and says
// when it came (zero if it did not).
func takeUntil(g *Game, st *client.State, kind client.HappeningKind, limit time.Duration) time.Time {
	var at time.Time
	g.RunUntil(limit, func() bool {
		for _, h := range st.TakeHappenings() {
			if h.Kind == kind && at.IsZero() {
				at = g.Now()
			}
		}
		return !at.IsZero()
	})
	return at
}

// A player who joins a second into the first round's countdown is told what is left
// of it: their countdown ends when everyone's does, and the "Go!" comes with the first
// snapshot of play, a link's delay after the host began it.
func TestALateJoinerHearsWhatIsLeftOfTheCountdown(t *testing.T) {
	const delay = 40 * time.Millisecond
	g := New(Config{Link: netsim.Config{Delay: delay}, Seed: 3})
	g.Run(time.Second)
	p := g.MustJoin("Ana")
	if !g.RunUntil(time.Second, func() bool { _, ok := p.State.Countdown(g.Now()); return ok }) {
		t.Fatalf("joined during the countdown, phase %v: no countdown heard of", p.State.Phase)
	}
	left, _ := p.State.Countdown(g.Now())
	play := Start.Add(time.Duration(countdownTicks) * tick) // the host's tick that begins play
	if late := p.State.GoAt.Sub(play); late < 0 || late > delay+2*tick {
		t.Errorf("the countdown ends %v after the host's, want within the link's %v and two frames", late, delay)
	}
	if left < time.Second || left > 2*time.Second {
		t.Errorf("at %v, %v of the countdown left", g.Now().Sub(Start), left)
	}
	goAt := takeUntil(g, p.State, client.RoundGo, 3*time.Second)
	if goAt.IsZero() || p.State.Phase != sim.Playing {
		t.Fatalf("no RoundGo; phase %v", p.State.Phase)
	}
	if d := goAt.Sub(p.State.GoAt); d < -tick || d > 2*tick {
		t.Errorf("\"Go!\" came %v after the countdown ran out, want within two frames", d)
	}
	t.Logf("joined with %v left; countdown ends %v after the host's; Go! %v after it", left, p.State.GoAt.Sub(play), goAt.Sub(p.State.GoAt))
}

// Across a round change the player's own prediction follows the new arena: a player
// standing where round 2 has a wall is placed anew, and pushing on into the new walls
// brings no run of corrections; once they stop, their disc is where the host says.
// Gems lie untaken through the countdown and are taken once it ends.
func TestPredictionFollowsTheArenaAcrossARoundChange(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 50 * time.Millisecond, Jitter: 5 * time.Millisecond}, Seed: 4, TargetScore: 1})
	ana := g.MustJoin("Ana")
	arrived := false // Bo plays (and wins round 1) once Ana stands where round 2 has a wall
	g.MustJoin("Bo").Drive = func(now time.Time, st *client.State) sim.Input {
		if !arrived {
			return sim.Input{}
		}
		return chase(now, st)
	}
	next := sim.ArenaFor(2)
	wall := next.Walls[0]
	target := sim.Vec{X: (wall.Min.X + wall.Max.X) / 2, Y: (wall.Min.Y + wall.Max.Y) / 2} // open now, walled in round 2
	if !sim.ArenaFor(1).Open(target, sim.DefaultConfig().PlayerRadius) {
		t.Fatalf("%v is not open floor in round 1", target)
	}
	drive := toward(target)
	brain := bot.NewBrain(bot.Hard, sim.DefaultConfig(), rand.New(rand.NewPCG(1, 2))) // round the walls to it
	moving := true
	ana.Drive = func(now time.Time, st *client.State) sim.Input {
		pos, ok := st.Predicted()
		switch {
		case !moving:
			return sim.Input{}
		case ok && sim.DistSq(pos, target) > int64(sim.Px(40))*int64(sim.Px(40)):
			return brain.Steer(bot.View{Me: pos, Gems: []sim.Vec{target}, Arena: st.Arena()})
		}
		return drive(now, st)
	}
	st := ana.State
	var gems []client.Happening // GemTaken of round 2, with when they came
	var gemAt []time.Time
	var goAt time.Time
	watch := func() {
		for _, h := range st.TakeHappenings() {
			switch {
			case h.Kind == client.GemTaken && h.Round == 2:
				gems, gemAt = append(gems, h), append(gemAt, g.Now())
			case h.Kind == client.RoundGo && h.Round == 2:
				goAt = g.Now()
			}
		}
	}
	if !g.RunUntil(10*time.Second, func() bool {
		watch()
		p, _ := st.Predicted()
		arrived = st.Round == 1 && sim.DistSq(p, target) < int64(sim.Px(1))*int64(sim.Px(1))
		return arrived
	}) {
		p, _ := st.Predicted()
		t.Fatalf("Ana got to %v, not to %v (round %d, phase %v, at %v)", p, target, st.Round, st.Phase, g.Now().Sub(Start))
	}
	if !g.RunUntil(20*time.Second, func() bool { watch(); return st.Round == 2 && st.Me().Pos != target && st.Phase == sim.Countdown }) {
		t.Fatalf("round %d, phase %v: round 2 never began with Ana moved", st.Round, st.Phase)
	}
	began := g.Now()
	if got := st.Arena(); got.Name != next.Name || len(got.Walls) != len(next.Walls) {
		t.Fatalf("round 2 is %q on Ana's machine; the host plays %q", got.Name, next.Name)
	}
	if pos := st.Me().Pos; !next.Open(pos, sim.DefaultConfig().PlayerRadius) || sim.DistSq(pos, target) < int64(sim.Px(16))*int64(sim.Px(16)) {
		t.Fatalf("round 2: the host has Ana at %v, not clear of its walls", pos)
	}
	before := st.Feel(g.Now()).Corrections
	if !g.RunUntil(5*time.Second, func() bool { watch(); return !goAt.IsZero() }) {
		t.Fatalf("round 2's countdown never ended: round %d phase %v, log %+v", st.Round, st.Phase, st.Log)
	}
	g.RunUntil(time.Second, func() bool { watch(); return false })
	corrections := st.Feel(g.Now()).Corrections - before
	moving = false
	g.RunUntil(time.Second, func() bool { watch(); return false })
	me := st.Me()
	if drawn, _ := st.Where(me.ID, g.Now()); drawn != me.Pos {
		t.Errorf("stopped in round %d: drawn at %v, the host says %v", st.Round, drawn, me.Pos)
	}
	if corrections > 2 {
		t.Errorf("%d corrections in the %v of round 2 pushing into its walls, want at most 2", corrections, g.Now().Sub(began)-time.Second)
	}
	if len(gems) == 0 {
		t.Fatal("no gem taken in round 2")
	}
	if gemAt[0].Before(goAt) {
		t.Errorf("a gem was taken %v before round 2's countdown ended", goAt.Sub(gemAt[0]))
	}
	if d := goAt.Sub(began); d < time.Duration(countdownTicks-2)*tick || d > time.Duration(countdownTicks+2)*tick {
		t.Errorf("round 2's countdown took %v, want %v", d, time.Duration(countdownTicks)*tick)
	}
	t.Logf("round 2: %d corrections; countdown %v; first gem %v after Go", corrections, goAt.Sub(began), gemAt[0].Sub(goAt))
}
