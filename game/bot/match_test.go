package bot

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// personModel stands in for a person at the keyboard: a quarter of a second to
// react, full speed, the nearest gem round the walls, and a slight error of aim.
var personModel = profile{reaction: 250 * time.Millisecond, wobble: 0.08, speed: 1, choice: nearestByPath}

// duel is how a series of rounds between a person model and a bot went.
type duel struct {
	rounds, personWins int
	ticks              int // summed over the rounds
	longest            time.Duration
}

func (d duel) personRate() float64 { return float64(d.personWins) / float64(d.rounds) }
func (d duel) meanRound() time.Duration {
	return time.Duration(d.ticks/d.rounds) * time.Second / sim.TickRate
}

// view is what player id sees of w: the whole truth, at once.
func view(w *sim.World, id sim.PlayerID) View {
	v := View{Arena: w.Arena}
	for _, p := range w.Players {
		if p.ID == id {
			v.Me = p.Pos
		} else {
			v.Rivals = append(v.Rivals, p.Pos)
		}
	}
	for _, g := range w.Gems {
		v.Gems = append(v.Gems, g.Pos)
	}
	return v
}

// playDuel plays rounds of the person model (player 2, who loses ties) against a bot
// of skill s (player 1) straight on the rules, in the arena of each round.
func playDuel(t *testing.T, s Skill, rounds int, seed uint64) duel {
	t.Helper()
	return duelP(t, profileOf(s), rounds, seed)
}

func duelP(t *testing.T, p profile, rounds int, seed uint64) duel {
	rules := sim.DefaultConfig()
	w := sim.NewWorld(rules, seed)
	brains := map[sim.PlayerID]*Brain{
		1: newBrain(p, rules, rand.New(rand.NewPCG(seed, 1))),
		2: newBrain(personModel, rules, rand.New(rand.NewPCG(seed, 2))),
	}
	for id := range sim.PlayerID(2) {
		if _, err := w.AddPlayer(id+1, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	var d duel
	began, limit := w.Tick, uint32(rounds)*120*sim.TickRate
	for d.rounds < rounds {
		if w.Tick > limit {
			t.Fatalf("%d rounds took more than two minutes each", rounds)
		}
		inputs := map[sim.PlayerID]sim.Input{}
		for id, b := range brains {
			inputs[id] = b.Steer(view(w, id))
		}
		for _, e := range sim.Step(w, inputs) {
			switch e.Kind {
			case sim.RoundWon:
				d.rounds++
				d.ticks += int(w.Tick - began)
				d.longest = max(d.longest, time.Duration(w.Tick-began)*time.Second/sim.TickRate)
				if e.Player == 2 {
					d.personWins++
				}
			case sim.RoundStarted:
				began = w.Tick
			}
		}
	}
	return d
}

// TestBotsAreBeatable: over many rounds a person (the model) wins most against an
// easy bot, a fair share against a normal one, and a hard bot wins most against them.
func TestBotsAreBeatable(t *testing.T) {
	rounds := 40
	if raceDetector {
		rounds = 20 // the same seeded duels, shorter: just as deterministic
	}
	for _, c := range []struct {
		skill    Skill
		min, max float64 // the person's share of the rounds
	}{
		{Easy, 0.7, 1},
		{Normal, 0.4, 0.95},
		{Hard, 0, 0.3},
	} {
		t.Run(c.skill.String(), func(t *testing.T) {
			t.Parallel()
			d := playDuel(t, c.skill, rounds, 7)
			t.Logf("person vs %s: person won %d of %d (%.0f %%), mean round %v", c.skill, d.personWins, d.rounds, 100*d.personRate(), d.meanRound())
			if r := d.personRate(); r < c.min || r > c.max {
				t.Errorf("against a %s bot the person won %.0f %% of the rounds; want %.0f–%.0f %%", c.skill, 100*r, 100*c.min, 100*c.max)
			}
		})
	}
}
