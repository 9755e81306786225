package bot

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// View is what a bot sees in one tick: where it is, where its rivals are, the gems
// and the arena of the round. The network bot fills it from its client.State; a
// test in simulated time fills it straight from a sim.World.
type View struct {
	Me     sim.Vec
	Rivals []sim.Vec
	Gems   []sim.Vec
	Arena  sim.Arena
}

// Brain is a bot's steering: each tick it looks at a View and answers with an input.
// Everything it draws comes from its own random source, so the same views give the
// same inputs.
type Brain struct {
	p     profile
	rng   *rand.Rand
	rules sim.Config

	arena sim.Arena // the arena grid was made for
	grid  *grid
	ways  []int // scratch for the way ahead

	tick      int
	target    sim.Vec // the gem it runs for (it may be gone: it has not noticed yet)
	hasTarget bool
	noticeAt  int     // the tick it acts on knowing a better gem than its target; 0: it knows none
	whim      sim.Vec // nearestAsTheCrowFlies: the gem it last settled on
	hasWhim   bool
	rethinkAt int     // nearestAsTheCrowFlies: the tick it thinks again about its gem
	aim       float64 // steering error now, radians
}

// NewBrain makes the steering of a bot of skill s, playing by rules.
func NewBrain(s Skill, rules sim.Config, rng *rand.Rand) *Brain {
	return newBrain(profileOf(s), rules, rng)
}

func newBrain(p profile, rules sim.Config, rng *rand.Rand) *Brain {
	return &Brain{p: p, rng: rng, rules: rules}
}

// ticks is d in whole ticks, at least one.
func ticks(d time.Duration) int { return max(int(d*sim.TickRate/time.Second), 1) }

// Steer is the bot's input for this tick.
func (b *Brain) Steer(v View) sim.Input {
	b.tick++
	if b.grid == nil || !sameArena(b.arena, v.Arena) {
		b.arena, b.grid = v.Arena, gridFor(v.Arena, b.rules.PlayerRadius)
	}
	b.drift()
	if want, ok := b.choose(v); ok && (!b.hasTarget || want != b.target) {
		if b.noticeAt == 0 { // the moment it could know better: it will, after its reaction time
			jitter := 0.7 + 0.6*b.rng.Float64()
			b.noticeAt = b.tick + ticks(time.Duration(float64(b.p.reaction)*jitter))
		}
		if b.tick >= b.noticeAt {
			b.target, b.hasTarget, b.noticeAt = want, true, 0
		}
	} else {
		b.noticeAt = 0 // it is after the best gem already, or there is none to want
	}
	if !b.hasTarget {
		return sim.Input{}
	}
	me := pointOf(v.Me)
	goal := b.heading(me, b.target)
	dx, dy := goal.x-me.x, goal.y-me.y
	d := math.Hypot(dx, dy)
	if d < 1 {
		return sim.Input{}
	}
	s, c := math.Sincos(math.Atan2(dy, dx) + b.aim)
	n := sim.MaxAxis * b.p.speed
	return sim.Input{X: int8(math.Round(c * n)), Y: int8(math.Round(s * n))}
}

// drift moves the steering error a little, as a hand on the keys wanders: it stays
// about p.wobble from true but is never the same for long.
func (b *Brain) drift() {
	const keep = 0.97 // per tick: the error forgets itself in about half a second
	b.aim = b.aim*keep + b.rng.NormFloat64()*b.p.wobble*math.Sqrt(1-keep*keep)
}

// heading is where to steer from me to reach the gem at gem: straight at it when the
// way is clear, otherwise at the farthest cell of the way round the walls in sight.
func (b *Brain) heading(me fpoint, gem sim.Vec) fpoint {
	g := b.grid
	if g.sees(me, pointOf(gem)) {
		return pointOf(gem)
	}
	from := g.cellAt(me)
	if from < 0 {
		return pointOf(gem) // nowhere free near: the walls will push it somewhere better
	}
	f := g.fieldTo(gem, b.rules.PlayerRadius+b.rules.GemRadius)
	if f.cost[from] < 0 {
		return pointOf(gem) // walled off from it: nothing better to do
	}
	b.ways = g.way(f, from, b.ways)
	for i := len(b.ways) - 1; i >= 0; i-- {
		if p := g.centre(b.ways[i]); g.sees(me, p) {
			return p
		}
	}
	start := g.centre(from)
	if len(b.ways) > 0 && math.Hypot(start.x-me.x, start.y-me.y) < float64(sim.Px(cellPx))/2 {
		return g.centre(b.ways[0])
	}
	return start
}

// choose is the gem the bot would run for now, by its way of choosing.
func (b *Brain) choose(v View) (sim.Vec, bool) {
	if len(v.Gems) == 0 {
		return sim.Vec{}, false
	}
	switch b.p.choice {
	case nearestAsTheCrowFlies:
		return b.whimsical(v), true
	case firstThere:
		return b.firstThere(v)
	case nearestNotLost:
		if g, ok := b.nearestByPath(v, true); ok {
			return g, true
		}
	}
	return b.nearestByPath(v, false)
}

// whimsical keeps the gem it settled on until it thinks again (every whimEvery, or
// when the gem is gone), then settles on the one that looks nearest, or now and then
// on any gem at all.
func (b *Brain) whimsical(v View) sim.Vec {
	if b.hasWhim && b.tick < b.rethinkAt && slices.Contains(v.Gems, b.whim) {
		return b.whim
	}
	if b.rng.Float64() < b.p.whim {
		b.whim = v.Gems[b.rng.IntN(len(v.Gems))]
	} else {
		b.whim = v.Gems[0]
		for _, g := range v.Gems[1:] {
			if sim.DistSq(v.Me, g) < sim.DistSq(v.Me, b.whim) {
				b.whim = g
			}
		}
	}
	b.hasWhim, b.rethinkAt = true, b.tick+ticks(b.p.whimEvery)
	return b.whim
}

// cost is the way from p to the gem round the walls, or -1 when there is none.
func (b *Brain) cost(p sim.Vec, gem sim.Vec) int32 {
	i := b.grid.cellAt(pointOf(p))
	if i < 0 {
		return -1
	}
	return b.grid.fieldTo(gem, b.rules.PlayerRadius+b.rules.GemRadius).cost[i]
}

// nearestByPath is the gem nearest round the walls; with notLost, of those no rival
// is clearly nearer to. A bot sticks with its gem unless another is clearly nearer:
// a person does not turn for a few pixels.
func (b *Brain) nearestByPath(v View, notLost bool) (sim.Vec, bool) {
	best, bestCost := sim.Vec{}, int32(-1)
	for _, g := range v.Gems {
		c := b.cost(v.Me, g)
		if c < 0 || notLost && b.lost(v, g, c) {
			continue
		}
		if b.hasTarget && g == b.target {
			c = c * 4 / 5
		}
		if bestCost < 0 || c < bestCost {
			best, bestCost = g, c
		}
	}
	return best, bestCost >= 0
}

// lost reports whether a rival is clearly nearer to the gem than the bot's mine.
func (b *Brain) lost(v View, gem sim.Vec, mine int32) bool {
	for _, r := range v.Rivals {
		if c := b.cost(r, gem); c >= 0 && c < mine*b.p.yield/100 {
			return true
		}
	}
	return false
}

// firstThere is the nearest gem the bot reaches before every rival, round the walls;
// when it is first to none, the gem it trails by least.
func (b *Brain) firstThere(v View) (sim.Vec, bool) {
	var best sim.Vec
	bestMine, bestLead, found, winnable := int32(0), int32(0), false, false
	for _, g := range v.Gems {
		mine := b.cost(v.Me, g)
		if mine < 0 {
			continue
		}
		if b.hasTarget && g == b.target {
			mine = mine * 4 / 5 // it sticks with its gem unless another is clearly better
		}
		lead := int32(math.MaxInt32) // how much sooner it gets there than the quickest rival
		for _, r := range v.Rivals {
			if c := b.cost(r, g); c >= 0 {
				lead = min(lead, c-mine)
			}
		}
		wins := lead > 0
		better := !found ||
			wins && !winnable ||
			wins && winnable && mine < bestMine ||
			!wins && !winnable && lead > bestLead
		if better {
			best, bestMine, bestLead, found, winnable = g, mine, lead, true, wins
		}
	}
	return best, found
}
