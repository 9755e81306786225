package host

import (
	"math"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// standingsEvery is how often, in ticks, every player is told everyone's round trip
// to the host and rounds won, for the full scoreboard: a line per player a second.
const standingsEvery = sim.TickRate

// sendStandings tells everyone the standings when they are due: each second of
// ticks, however many one call to Ticks ran.
func (l *Loop) sendStandings() {
	if l.world.Tick-l.standingsAt < standingsEvery || len(l.peers) == 0 {
		return
	}
	l.standingsAt = l.world.Tick
	m := &wire.Standings{Players: make([]wire.Standing, 0, len(l.peers))}
	for _, p := range l.peers {
		ping := uint16(wire.PingUnknown) // away, or not yet measured: the last figure would mislead
		if !p.away() && p.rtt > 0 {
			ping = uint16(min(p.rtt.Milliseconds(), wire.PingUnknown-1))
		}
		m.Players = append(m.Players, wire.Standing{ID: uint8(p.id), PingMs: ping, Wins: uint16(min(p.wins, math.MaxUint16))})
	}
	l.broadcastExcept(nil, m)
}
