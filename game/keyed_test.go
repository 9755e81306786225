package game

import (
	"testing"

	"github.com/gemrush/gemrush/game/sim"
)

func TestKeyToMotionCountsFramesDrawn(t *testing.T) {
	var k keyToMotion
	right := sim.Input{X: sim.MaxAxis}
	k.drawn(sim.Vec{X: 100})
	k.input(right, true)
	k.drawn(sim.Vec{X: 172})
	if k.frames != 1 {
		t.Fatalf("moved on the first frame drawn, counted %d", k.frames)
	}
	// Held, released, pressed again against a wall: nothing to measure.
	k.input(right, true)
	k.input(sim.Input{}, false)
	k.input(right, false)
	k.drawn(sim.Vec{X: 180}) // a correction blended out: not the key's doing
	if k.pending || k.frames != 1 {
		t.Fatalf("a press against a wall was measured: pending %v, frames %d", k.pending, k.frames)
	}
	// A press the screen shows two frames late is counted as such.
	k.input(sim.Input{}, false)
	k.input(right, true)
	k.drawn(sim.Vec{X: 180})
	k.drawn(sim.Vec{X: 252})
	if k.frames != 2 {
		t.Fatalf("moved on the second frame drawn, counted %d", k.frames)
	}
}
