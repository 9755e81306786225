package client

import (
	"math"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// predicted starts a State whose player 1 the host has placed at (1600, 1600).
func predicted(t *testing.T) (*State, *fakeTransport) {
	t.Helper()
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 1, Players: []wire.PlayerState{{ID: 1, X: 1600, Y: 1600}}}, epoch})
	if err := s.Step(epoch); err != nil {
		t.Fatal(err)
	}
	return s, f
}

func frameAt(i int) time.Time { return epoch.Add(time.Duration(i) * tickDuration) }

func TestInputMovesTheOwnDiscAtOnce(t *testing.T) {
	s, _ := predicted(t)
	speed := sim.DefaultConfig().Speed
	s.Input(sim.Input{X: sim.MaxAxis}, frameAt(1))
	if got, _ := s.Where(1, frameAt(1)); got != (sim.Vec{X: 1600 + speed, Y: 1600}) {
		t.Fatalf("after one input right the disc is drawn at %v, want one step right of (1600, 1600)", got)
	}
	// Halfway to the next frame (a 120 Hz screen) it is drawn halfway to the next step.
	if got, _ := s.Where(1, frameAt(1).Add(tickDuration/2)); got != (sim.Vec{X: 1600 + speed + speed/2, Y: 1600}) {
		t.Fatalf("half a frame on the disc is drawn at %v", got)
	}
}

func TestReconciliationReplaysExactly(t *testing.T) {
	s, f := predicted(t)
	arena, rules := sim.DefaultArena(), sim.DefaultConfig()
	moves := []sim.Input{{X: 127}, {X: 127, Y: 60}, {Y: -127}, {X: -90, Y: -90}, {}, {X: 127}}
	for i, m := range moves {
		s.Input(m, frameAt(i+1))
	}
	// The host applied the first two inputs, but put the disc 40 units lower than we
	// thought (it saw a wall we did not): replaying the last four from there is exact.
	host := sim.Vec{X: 1600 + 2*rules.Speed - 10, Y: 1640}
	before := s.pred.pos
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 3, Ack: 2, Players: []wire.PlayerState{{ID: 1, X: uint16(host.X), Y: uint16(host.Y)}}}, frameAt(7)})
	s.Step(frameAt(7))
	want := host
	for _, m := range moves[2:] {
		want = sim.Move(arena, rules, want, m)
	}
	if s.pred.pos != want {
		t.Fatalf("after replay predicted %v, want %v", s.pred.pos, want)
	}
	feel := s.Feel(frameAt(7))
	moved := math.Sqrt(float64(sim.DistSq(before, want))) / sim.SubPixels
	if feel.Corrections != 1 || moved == 0 || math.Abs(feel.CorrectionMax-moved) > 1e-9 {
		t.Fatalf("feel %+v: want one correction of %.2f px", feel, moved)
	}
	// The correction is blended out, not jumped: drawn where we were, then gliding.
	drawn, _ := s.Where(1, frameAt(6))
	if d := sim.DistSq(drawn, want); d == 0 {
		t.Fatal("the correction was drawn at once")
	}
	for i := 8; i < 8+maxBlendTicks; i++ {
		s.Input(sim.Input{}, frameAt(i))
	}
	if drawn, _ := s.Where(1, frameAt(8+maxBlendTicks)); drawn != want {
		t.Fatalf("after blending drawn at %v, want %v", drawn, want)
	}
}

func TestALargeCorrectionSnaps(t *testing.T) {
	s, f := predicted(t)
	s.Input(sim.Input{X: 127}, frameAt(1))
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 2, Ack: 1, Players: []wire.PlayerState{{ID: 1, X: 9000, Y: 6000}}}, frameAt(2)})
	s.Step(frameAt(2))
	if drawn, _ := s.Where(1, frameAt(1)); drawn != (sim.Vec{X: 9000, Y: 6000}) {
		t.Fatalf("after the host moved us far away, drawn at %v", drawn)
	}
}

// The first snapshot of a new round is taken at once, however near: the host may
// have placed the disc anew, clear of the new arena's walls, and that is no
// misprediction to glide out or to count.
func TestANewRoundsPlacingIsTakenAtOnce(t *testing.T) {
	s, f := predicted(t)
	s.Input(sim.Input{}, frameAt(1))
	host := sim.Vec{X: 1600 + 20*sim.SubPixels, Y: 1600} // 20 px: well within what is blended
	f.events <- &wire.RoundStart{Round: 2, GoIn: 180}
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 2, Ack: 1, Round: 2, Phase: uint8(sim.Countdown),
		Players: []wire.PlayerState{{ID: 1, X: uint16(host.X), Y: uint16(host.Y)}}}, frameAt(2)})
	s.Step(frameAt(2))
	if drawn, _ := s.Where(1, frameAt(1)); drawn != host {
		t.Fatalf("placed anew at %v in round 2, drawn at %v", host, drawn)
	}
	if c := s.Feel(frameAt(2)).Corrections; c != 0 {
		t.Errorf("%d corrections counted for the new round's placing", c)
	}
	// The same move within a round is a correction, blended.
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 3, Ack: 1, Round: 2, Phase: uint8(sim.Countdown),
		Players: []wire.PlayerState{{ID: 1, X: uint16(host.X + 20*sim.SubPixels), Y: uint16(host.Y)}}}, frameAt(3)})
	s.Step(frameAt(3))
	if drawn, _ := s.Where(1, frameAt(1)); drawn == (sim.Vec{X: host.X + 20*sim.SubPixels, Y: host.Y}) || s.Feel(frameAt(3)).Corrections != 1 {
		t.Errorf("a 20 px correction within the round was drawn at once (%v) or not counted", drawn)
	}
}
