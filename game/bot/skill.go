package bot

import (
	"fmt"
	"strings"
	"time"
)

// Skill is how well a bot plays. The levels differ in what a person playing against
// them feels: how soon a bot notices that a gem was taken or a nearer one appeared,
// how straight it steers, how fast it goes, and how cleverly it picks its gem.
type Skill uint8

const (
	Normal Skill = iota // the zero value: a fair opponent for most people
	Easy
	Hard
)

// Skills lists the levels from easiest, as the flag's help and menus name them.
var Skills = []Skill{Easy, Normal, Hard}

func (s Skill) String() string {
	switch s {
	case Easy:
		return "easy"
	case Normal:
		return "normal"
	case Hard:
		return "hard"
	}
	return fmt.Sprintf("Skill(%d)", uint8(s))
}

// Label is the level as a menu shows it: "Easy", "Normal", "Hard".
func (s Skill) Label() string {
	n := s.String()
	if s > Hard { // not a level: as String has it
		return n
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// ParseSkill reads a level as -bot-skill takes it.
func ParseSkill(s string) (Skill, error) {
	for _, k := range Skills {
		if strings.EqualFold(strings.TrimSpace(s), k.String()) {
			return k, nil
		}
	}
	return Normal, fmt.Errorf("bot skill %q: choose easy, normal or hard", s)
}

// Set and the String above make a Skill a flag.Value.
func (s *Skill) Set(v string) error {
	k, err := ParseSkill(v)
	if err == nil {
		*s = k
	}
	return err
}

// choice is how a bot picks the gem it runs for.
type choice uint8

const (
	// nearestAsTheCrowFlies: the gem that looks nearest, walls or not, and now and
	// then one on a whim.
	nearestAsTheCrowFlies choice = iota
	// nearestByPath: the gem nearest along the way round the walls.
	nearestByPath
	// nearestNotLost: the gem nearest round the walls of those no rival is clearly
	// nearer to: it does not race for a gem it has plainly lost.
	nearestNotLost
	// firstThere: the nearest gem it reaches before any rival does, counting the way
	// round the walls for everyone; when it is first to none, the one it trails by least.
	firstThere
)

// profile is what a skill level means in play. Reaction and wobble are drawn from the
// bot's own random source, so a run in simulated time is the same every time.
type profile struct {
	reaction  time.Duration // from a better gem's appearing (or its gem's going) to acting on it; ±30 % each time
	wobble    float64       // typical steering error, radians; it drifts, as a hand on keys does
	speed     float64       // fraction of the top speed
	choice    choice
	whim      float64       // with nearestAsTheCrowFlies: the chance that a new choice is any gem at all
	whimEvery time.Duration // with nearestAsTheCrowFlies: how often it thinks again about its gem
	yield     int32         // with nearestNotLost: a gem is lost when a rival's way is under this % of its own
}

// profileOf is the play of each level. Easy is slow to notice, wobbly, slower than a
// person and naive about walls; normal is slower than a person but does not race
// for a gem a rival is nearer to; hard notices almost at once, goes flat out and
// races rivals only for gems it can win. TestBotsAreBeatable measures them against
// a model of a person.
func profileOf(s Skill) profile {
	switch s {
	case Easy:
		return profile{reaction: 450 * time.Millisecond, wobble: 0.35, speed: 0.7, choice: nearestAsTheCrowFlies,
			whim: 0.3, whimEvery: 1500 * time.Millisecond}
	case Hard:
		return profile{reaction: 80 * time.Millisecond, wobble: 0.04, speed: 1, choice: firstThere}
	default:
		// A shade quicker to react than a person, which its lower speed more than pays
		// for: measured against the person model it wins about two rounds in five.
		return profile{reaction: 200 * time.Millisecond, wobble: 0.15, speed: 0.9, choice: nearestNotLost, yield: 100}
	}
}
