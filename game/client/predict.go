package client

import (
	"math"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// snapTicks is the largest correction blended out rather than drawn at once, in ticks
// of top speed (45 px). A prediction that was a little off (a lost input, a wall the
// host saw differently) is far below it; a jump past it is the host placing the disc
// somewhere new, which the player should see at once.
const snapTicks = 10

// maxBlendTicks bounds how many frames a correction is blended over: a correction
// found after replaying many inputs is blended over as many, up to a fifth of a second.
const maxBlendTicks = 12

// prediction is where this player's own disc is, ahead of the host's word: each input
// moves it at once with the rules' own move, and each snapshot rewinds it to where the
// host put it after the newest input it applied and replays the inputs since. What
// the replay changes is a correction; a small one is drawn as an offset that shrinks
// to nothing over a few frames, so the disc glides rather than jumps.
type prediction struct {
	rules sim.Config
	arena sim.Arena // the round's: the walls the host moves this player's disc among
	round int       // the round arena is of
	// hostRound is the round of the newest snapshot reconciled: a snapshot of another
	// round may have the disc placed anew, clear of the new walls.
	hostRound int

	placed bool      // a snapshot has said where we are
	pos    sim.Vec   // after the newest input
	last   sim.Input // the newest input, to draw ahead between frames
	lastAt time.Time // when it was sampled

	offX, offY float64 // drawn minus predicted, sub-pixels: a correction being blended out
	blend      int     // frames left to blend it over

	corrections    uint64  // snapshots that moved the prediction
	correctionMax  float64 // the largest such move, in pixels
	lastCorrection float64 // the newest, in pixels
}

func newPrediction() prediction {
	return prediction{rules: sim.DefaultConfig(), arena: sim.ArenaFor(1), round: 1}
}

// roundIs moves prediction into round's arena: the host's World changes arena as the
// round begins, and inputs sent from now on are applied there.
func (p *prediction) roundIs(round int) {
	if round != p.round {
		p.round, p.arena = round, sim.ArenaFor(round)
	}
}

// input moves the disc by this frame's input, sampled at at.
func (p *prediction) input(move sim.Input, at time.Time) {
	if p.placed {
		p.pos = sim.Move(p.arena, p.rules, p.pos, move)
	}
	p.last, p.lastAt = move, at
	if p.blend > 0 {
		keep := float64(p.blend-1) / float64(p.blend)
		p.offX, p.offY = p.offX*keep, p.offY*keep
		p.blend--
	}
}

// reconcile takes the host's word: the disc was at host after the input the host
// acknowledged, in a snapshot of round, and replay are the inputs sent since, oldest
// first. The first snapshot of a new round is taken at once, not blended: the host
// may have placed the disc anywhere, away from a wall the new arena put where it
// stood, and it is not a misprediction.
func (p *prediction) reconcile(host sim.Vec, round int, replay []SentInput) {
	pos := host
	for _, in := range replay {
		pos = sim.Move(p.arena, p.rules, pos, in.Move)
	}
	placed := p.placed && round == p.hostRound
	p.hostRound = round
	if !placed {
		p.pos, p.placed = pos, true
		p.offX, p.offY, p.blend = 0, 0, 0
		return
	}
	dx, dy := float64(p.pos.X-pos.X), float64(p.pos.Y-pos.Y)
	p.pos = pos
	if dx == 0 && dy == 0 {
		return
	}
	dist := math.Hypot(dx, dy)
	p.corrections++
	p.lastCorrection = dist / sim.SubPixels
	p.correctionMax = max(p.correctionMax, p.lastCorrection)
	// Far off, the host moved us: show it at once. The offset still being blended
	// counts too, so that a run of corrections cannot pile up into a long glide.
	if math.Hypot(p.offX+dx, p.offY+dy) > float64(snapTicks*p.rules.Speed) {
		p.offX, p.offY, p.blend = 0, 0, 0
		return
	}
	p.offX, p.offY = p.offX+dx, p.offY+dy
	p.blend = min(max(len(replay), 2), maxBlendTicks)
}

// at is where to draw the disc at now: the prediction, moved on by the share of the
// next frame that has passed (a screen faster than the ticks draws in between), plus
// what is left of the last correction.
func (p *prediction) at(now time.Time) sim.Vec {
	frac := min(max(float64(now.Sub(p.lastAt))/float64(tickDuration), 0), 1)
	next := sim.Move(p.arena, p.rules, p.pos, p.last)
	return sim.Vec{
		X: p.pos.X + int32(math.Round(float64(next.X-p.pos.X)*frac+p.offX)),
		Y: p.pos.Y + int32(math.Round(float64(next.Y-p.pos.Y)*frac+p.offY)),
	}
}

// tickDuration is one tick of the host's game, and one frame of a player's.
const tickDuration = time.Second / sim.TickRate
