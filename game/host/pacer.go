package host

import (
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// maxCatchUp is the most ticks the host runs at once when its ticks fell behind: 133
// ms of a stall, as much as a player's input queue holds before it starts again at the
// newest. A longer stall is not made up: the game simply lost that time.
const maxCatchUp = maxInputLag

// tick is the time between two of the host's ticks.
const tick = time.Second / sim.TickRate

// Pacer keeps the host's ticks to real time. A ticker drops the ticks its receiver
// missed (a garbage-collection pause, a busy machine, a process stopped for a moment);
// Due says how many to run now so that the world, and the players' inputs, catch up.
type Pacer struct {
	start time.Time
	done  int // ticks run or given up since start
}

// NewPacer starts counting ticks at start.
func NewPacer(start time.Time) *Pacer { return &Pacer{start: start} }

// Due is how many ticks to run at now, 1 to maxCatchUp: those due since the last call,
// the ones beyond maxCatchUp given up.
func (p *Pacer) Due(now time.Time) int {
	due := int((now.Sub(p.start)+tick/2)/tick) - p.done
	p.done += max(due, 1)
	return min(max(due, 1), maxCatchUp)
}
