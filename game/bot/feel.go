package bot

import (
	"math"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
)

// settleAfter is how long after the round's phase changes a bot does not count how
// far the others jump between frames: a new round places everyone afresh.
const settleAfter = time.Second

// feelCounts is how the game felt to a bot while it played, sampled each frame: how
// far apart snapshots came, how far behind the others were drawn and whether they
// ran out of snapshots to be drawn from, how far they jumped from one frame to the
// next, how soon its own disc answered a new input, how often it was corrected.
type feelCounts struct {
	frames            int
	bufferSum, behind time.Duration // summed over frames
	lastAt            time.Time     // when the newest snapshot seen arrived
	maxGap            time.Duration // the longest wait between two snapshots
	gaps              []time.Duration
	corrections0      uint64  // corrections counted before play began
	corrections       uint64  // during play (set by End)
	correctionMax     float64 // pixels, of the corrections during play
	seen              uint64  // corrections counted by the last frame

	// The others as drawn: frames past the newest snapshot, frames held still there
	// (frozen), the longest run of those, and the largest move between two frames.
	past, held        int
	heldRun, heldMost int
	jumpMax           float64 // pixels
	drawn             map[uint8]sim.Vec
	phase             sim.Phase
	round             int
	settled           time.Time // jumps count from then
	others            int       // frames on which anyone else was drawn
	ownInput          ownInput
	chatDelay         []time.Duration // from a line of its own being sent to its echo being shown
}

// ownInput follows how many frames a new input takes to show on the bot's own disc:
// 1 when the disc moves on the frame that sampled it.
type ownInput struct {
	last    sim.Input
	from    sim.Vec // where the disc was drawn the frame before the new input
	waiting int     // frames since the new input, 0 when none waits
	worst   int
	checked int
}

// sample takes one frame's figures from st at now. The buffer and render delay are
// measured once the first snapshots have set them.
func (f *feelCounts) sample(st *client.State, now time.Time) {
	if st.At.After(f.lastAt) {
		if !f.lastAt.IsZero() {
			gap := st.At.Sub(f.lastAt)
			f.maxGap = max(f.maxGap, gap)
			f.gaps = append(f.gaps, gap)
		}
		f.lastAt = st.At
	}
	feel := st.Feel(now)
	if feel.Buffer > 0 && feel.RenderDelay > 0 {
		f.frames++
		f.bufferSum += feel.Buffer
		f.behind += feel.RenderDelay
	}
	if feel.Corrections > f.seen { // a correction since the last frame: the newest is the one
		f.correctionMax = max(f.correctionMax, feel.LastCorrection)
	}
	f.seen = feel.Corrections
	f.drawOthers(st, feel, now)
}

// drawOthers samples how everyone else is drawn on this frame: past the newest
// snapshot or held still there, and how far each moved since the last frame.
func (f *feelCounts) drawOthers(st *client.State, feel client.Feel, now time.Time) {
	if st.Phase != f.phase || st.Round != f.round {
		f.phase, f.round, f.settled = st.Phase, st.Round, now.Add(settleAfter)
	}
	if f.drawn == nil {
		f.drawn = map[uint8]sim.Vec{}
	}
	seen := false
	for id, p := range st.Players {
		if id == st.Welcome.You || !p.Placed || p.Away {
			delete(f.drawn, id)
			continue
		}
		pos, ok := st.Where(id, now)
		if !ok {
			continue
		}
		seen = true
		if was, ok := f.drawn[id]; ok && !now.Before(f.settled) {
			d := math.Hypot(float64(pos.X-was.X), float64(pos.Y-was.Y)) / sim.SubPixels
			f.jumpMax = max(f.jumpMax, d)
		}
		f.drawn[id] = pos
	}
	if !seen {
		return
	}
	f.others++
	if feel.Past > 0 {
		f.past++
	}
	if feel.Held {
		f.held++
		f.heldRun++
		f.heldMost = max(f.heldMost, f.heldRun)
	} else {
		f.heldRun = 0
	}
}

// follow takes the input the bot gave this frame and where its own disc is drawn
// for it, and counts the frames a new input took to move the disc. A new input
// the walls stop does not count.
func (o *ownInput) follow(in sim.Input, drawn, before sim.Vec, arena sim.Arena) {
	if in != o.last && in != (sim.Input{}) {
		o.waiting, o.from = 1, before
	} else if o.waiting > 0 {
		o.waiting++
	}
	o.last = in
	if o.waiting == 0 {
		return
	}
	switch {
	case drawn != o.from || o.waiting > sim.TickRate: // moved, or gave up waiting after a second
		o.worst, o.checked, o.waiting = max(o.worst, o.waiting), o.checked+1, 0
	case sim.Move(arena, sim.DefaultConfig(), o.from, in) == o.from:
		o.waiting = 0 // the walls stop it: nothing to see
	}
}
