package host

import (
	"math"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// announce tells everyone what the world's step reported.
func (l *Loop) announce(ev sim.Event) {
	switch ev.Kind {
	case sim.Scored:
		l.broadcastExcept(nil, &wire.Scored{ID: uint8(ev.Player), Score: uint16(ev.Score)})
	case sim.RoundWon:
		if p := l.peer(ev.Player); p != nil {
			p.wins++
		}
		if p := l.world.Player(ev.Player); p != nil {
			l.log.Info("round won", "round", ev.Round, "player", ev.Player, "name", p.Name)
		}
		l.broadcastExcept(nil, &wire.RoundOver{Winner: uint8(ev.Player), Round: uint16(ev.Round), NextIn: l.nextIn()})
	case sim.RoundStarted:
		l.log.Info("round started", "round", ev.Round, "arena", l.world.Arena.Name)
		l.broadcastExcept(nil, &wire.RoundStart{Round: uint16(ev.Round), GoIn: l.goIn()})
	case sim.RoundGo:
		// Nothing is sent: every snapshot's phase says play has begun, and the
		// RoundStart said when, so a player's game counts down by its own clock and
		// hears the start from the first snapshot of it, on the same path as the gems.
	}
}

// nextIn is how many ticks are left of the banner: 0 once it is down.
func (l *Loop) nextIn() uint16 {
	if w := l.world; w.Phase == sim.RoundOver {
		return uint16(min(w.PhaseEnds-w.Tick, math.MaxUint16))
	}
	return 0
}

// goIn is how many ticks are left of the round's countdown: 0 once play has begun.
func (l *Loop) goIn() uint16 {
	if w := l.world; w.Phase == sim.Countdown {
		return uint16(min(w.PhaseEnds-w.Tick, math.MaxUint16))
	}
	return 0
}
