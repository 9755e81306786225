package host

import (
	"math"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// standingsEvery is how often, in ticks, every player is told everyone's round trip
// to the host and rounds won, for the full scoreboard: a line per player a second.
const standingsEvery = sim.TickRate

// sendStandings tells everyone the standings when they are due.
func (l *Loop) sendStandings() {
	if l.world.Tick%standingsEvery != 0 || len(l.peers) == 0 {
		return
	}
	m := &wire.Standings{Players: make([]wire.Standing, 0, len(l.peers))}
	for _, p := range l.peers {
		m.Players = append(m.Players, wire.Standing{ID: uint8(p.id),
			PingMs: uint16(min(p.rtt.Milliseconds(), math.MaxUint16)), Wins: uint16(min(p.wins, math.MaxUint16))})
	}
	l.broadcastExcept(nil, m)
}
