package bot

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// reach runs a bot of skill s from start towards a lone gem in arena a, moving it by
// the rules each tick, and says how long it took to touch the gem, or false if it
// did not within limit.
func reach(a sim.Arena, s Skill, start, gem sim.Vec, limit time.Duration, seed uint64) (time.Duration, bool) {
	rules := sim.DefaultConfig()
	b := NewBrain(s, rules, rand.New(rand.NewPCG(seed, 0)))
	touch := int64(rules.PlayerRadius + rules.GemRadius)
	pos := start
	for tick := range ticks(limit) {
		if sim.DistSq(pos, gem) <= touch*touch {
			return time.Duration(tick) * time.Second / sim.TickRate, true
		}
		pos = sim.Move(a, rules, pos, b.Steer(View{Me: pos, Gems: []sim.Vec{gem}, Arena: a}))
	}
	return limit, false
}

func px(x, y int32) sim.Vec { return sim.Vec{X: sim.Px(x), Y: sim.Px(y)} }

// TestBotsGoRoundWalls: with walls between a bot and its gem — a long wall with a gap
// at the far end, a cup opening away from the gem, a zigzag of bars — every skill
// gets there, in not much more time than the way round takes at its speed.
func TestBotsGoRoundWalls(t *testing.T) {
	size := sim.Vec{X: sim.Px(sim.ArenaWidth), Y: sim.Px(sim.ArenaHeight)}
	for _, c := range []struct {
		name       string
		walls      []sim.Rect
		start, gem sim.Vec
	}{
		{"a long wall, open at the bottom", []sim.Rect{sim.PxRect(420, 0, 40, 560)}, px(300, 100), px(580, 100)},
		{"a cup opening away from the gem", []sim.Rect{
			sim.PxRect(300, 200, 24, 240), // the cup's side towards the gem
			sim.PxRect(180, 200, 144, 24), // its top
			sim.PxRect(180, 416, 144, 24), // its bottom; it opens to the left
		}, px(260, 320), px(600, 320)},
		{"a zigzag of bars", []sim.Rect{
			sim.PxRect(0, 140, 780, 24),
			sim.PxRect(100, 300, 780, 24),
			sim.PxRect(0, 460, 780, 24),
		}, px(440, 60), px(440, 560)},
		{"a narrow door", []sim.Rect{
			sim.PxRect(0, 300, 410, 40),
			sim.PxRect(450, 300, 430, 40), // a 40 px door for a 32 px disc
		}, px(100, 100), px(780, 560)},
	} {
		a := sim.Arena{Size: size, Walls: c.walls}
		for _, s := range Skills {
			t.Run(fmt.Sprintf("%s/%s", c.name, s), func(t *testing.T) {
				took, ok := reach(a, s, c.start, c.gem, 20*time.Second, 1)
				if !ok {
					t.Fatalf("no gem after %v", took)
				}
				t.Logf("%v", took)
			})
		}
	}
}

// TestBotsAreNeverStuck: in arenas of random walls, a bot gets to every gem the way
// round the walls reaches, well within the time it takes to cross the arena a few times.
func TestBotsAreNeverStuck(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	rules := sim.DefaultConfig()
	size := sim.Vec{X: sim.Px(sim.ArenaWidth), Y: sim.Px(sim.ArenaHeight)}
	spot := func() sim.Vec { return px(rng.Int32N(sim.ArenaWidth-40)+20, rng.Int32N(sim.ArenaHeight-40)+20) }
	tried := 0
	for arena := 0; tried < 150; arena++ {
		a := sim.Arena{Size: size}
		for range 4 + rng.IntN(8) {
			w, h := 16+rng.Int32N(300), 16+rng.Int32N(300)
			a.Walls = append(a.Walls, sim.PxRect(rng.Int32N(sim.ArenaWidth-w), rng.Int32N(sim.ArenaHeight-h), w, h))
		}
		g := gridFor(a, rules.PlayerRadius)
		start, gem := spot(), spot()
		from := g.cellAt(pointOf(start))
		if from < 0 || !g.open(pointOf(start), 0) || !gemFits(a, rules, gem) || g.fieldTo(gem, rules.PlayerRadius+rules.GemRadius).cost[from] < 0 {
			continue // no room for the disc or the gem (the rules place neither there), or walled off
		}
		tried++
		s := Skills[arena%len(Skills)]
		if took, ok := reach(a, s, start, gem, 30*time.Second, uint64(arena)); !ok {
			t.Errorf("arena %d (%s bot from %v to %v, walls %v): no gem after %v", arena, s, start, gem, a.Walls, took)
		}
	}
}

// gemFits reports whether the rules could place a gem at p: clear of every wall by
// four pixels.
func gemFits(a sim.Arena, rules sim.Config, p sim.Vec) bool {
	gap := float64(rules.GemRadius + sim.Px(4))
	for _, w := range a.Walls {
		if (box{pointOf(w.Min), pointOf(w.Max)}).grow(gap).contains(pointOf(p)) {
			return false
		}
	}
	return true
}

// TestABotFollowsTheArenaOfTheRound: a bot that learnt one arena's way round steers by
// the new one as soon as the arena changes, with no stale plan walking it into walls.
func TestABotFollowsTheArenaOfTheRound(t *testing.T) {
	rules := sim.DefaultConfig()
	size := sim.Vec{X: sim.Px(sim.ArenaWidth), Y: sim.Px(sim.ArenaHeight)}
	openBelow := sim.Arena{Size: size, Walls: []sim.Rect{sim.PxRect(420, 0, 40, 560)}}
	openAbove := sim.Arena{Size: size, Walls: []sim.Rect{sim.PxRect(420, 80, 40, 560)}}
	b := NewBrain(Hard, rules, rand.New(rand.NewPCG(2, 2)))
	touch := int64(rules.PlayerRadius + rules.GemRadius)
	for i, a := range []sim.Arena{openBelow, openAbove, openBelow} {
		pos, gem := px(300, 320), px(580, 320)
		reached := false
		for range 10 * sim.TickRate {
			if reached = sim.DistSq(pos, gem) <= touch*touch; reached {
				break
			}
			pos = sim.Move(a, rules, pos, b.Steer(View{Me: pos, Gems: []sim.Vec{gem}, Arena: a}))
		}
		if !reached {
			t.Errorf("arena %d: the bot is at %v, not at the gem", i, pos)
		}
	}
}

// TestSteeringIsDeterministic: the same seed gives the same inputs, tick by tick.
func TestSteeringIsDeterministic(t *testing.T) {
	run := func() []sim.Input {
		rules := sim.DefaultConfig()
		w := sim.NewWorld(rules, 4)
		w.AddPlayer(1, "", 0)
		b := NewBrain(Easy, rules, rand.New(rand.NewPCG(8, 8)))
		var ins []sim.Input
		for range 10 * sim.TickRate {
			in := b.Steer(view(w, 1))
			ins = append(ins, in)
			sim.Step(w, map[sim.PlayerID]sim.Input{1: in})
		}
		return ins
	}
	a, b := run(), run()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("tick %d: %v then %v", i, a[i], b[i])
		}
	}
}

func TestParseSkill(t *testing.T) {
	for in, want := range map[string]Skill{"easy": Easy, "Normal": Normal, " hard ": Hard} {
		if got, err := ParseSkill(in); err != nil || got != want {
			t.Errorf("ParseSkill(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSkill("expert"); err == nil || err.Error() != `bot skill "expert": choose easy, normal or hard` {
		t.Errorf("ParseSkill(expert): %v", err)
	}
}
