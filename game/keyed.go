package game

import "github.com/gemrush/gemrush/game/sim"

// keyToMotion measures, in frames drawn, how long the own disc takes to move after a
// key press: the game's own account of "the disc moves on the next frame", which the
// end-to-end tests check against what they record of the screen. 1 is the frame drawn
// right after the update that read the key.
type keyToMotion struct {
	moving  bool    // the last input moved
	pending bool    // a key went down and the disc has not moved yet
	since   int     // frames drawn since it went down
	last    sim.Vec // where the own disc was drawn last
	frames  int     // the last measurement; 0 before the first
}

// input notes this update's movement, and whether the prediction moved the disc for
// it: a press from standing starts a measurement, unless a wall stops the disc (it
// will not move on screen either).
func (k *keyToMotion) input(move sim.Input, predictedMove bool) {
	now := move != (sim.Input{})
	if now && !k.moving {
		k.pending, k.since = predictedMove, 0
	}
	k.moving = now
}

// drawn notes where a frame drew the own disc.
func (k *keyToMotion) drawn(pos sim.Vec) {
	if k.pending {
		k.since++
		if pos != k.last {
			k.frames, k.pending = k.since, false
		}
	}
	k.last = pos
}
