package host

import (
	"fmt"
	"time"

	"github.com/gemrush/gemrush/net/session"
)

// silence is what the host knows of how a player's connection and game are heard,
// in ticks.
type silence struct {
	lastMove  uint32 // their last move came (or they were welcomed)
	packets   uint64 // QUIC's count of packets from them at the last look
	lastHeard uint32 // the last look at which that count had grown
	heardFrom uint32 // since then they have been heard with no gap over heardGap
}

// moved records a move at tick now.
func (s *silence) moved(now uint32) { s.lastMove = now }

// look takes in, at tick now, the link's count of packets from the player, and
// reports whether they are silent: their connection heard all along, and no move
// for limit.
func (s *silence) look(now uint32, packets uint64, limit time.Duration) bool {
	gap := uint32(heardGap / tick)
	if packets != s.packets {
		if s.heardFrom == 0 || now-s.lastHeard > gap {
			s.heardFrom = now // heard again after a gap: what came before does not count
		}
		s.packets, s.lastHeard = packets, now
	}
	alive := s.heardFrom != 0 && now-s.lastHeard <= gap
	// Heard all through the silence: a machine that stopped altogether and came back
	// (a frozen process thawing) starts a new run of being heard after its last move.
	throughout := s.heardFrom <= s.lastMove+gap
	return alive && throughout && now-s.lastMove > uint32(limit/tick)
}

// checkSilence acts on a player whose connection is alive but whose game sends
// nothing. The first time, it is taken for a game whose window stalled (dragged,
// blocked on its screen, in a debugger): the connection is closed as a drop, and the
// place waits for the comeback their game makes by itself once it runs again; a
// player never heard from at all has no place to keep. Silent again within
// silenceMemory of coming back, they hold a place without playing: they are removed,
// told why, and their token goes with them.
func (l *Loop) checkSilence(p *Peer, packets uint64) {
	limit := l.cfg.SilentLimit
	if limit < 0 || p.closing || p.away() || !p.quiet.look(l.world.Tick, packets, limit) {
		return
	}
	why := fmt.Sprintf("your game sent no moves for %s while connected", limit)
	l.stats.Silent.Add(1)
	if last := p.silencedAt; last == 0 || l.world.Tick-last > uint32(silenceMemory/tick) {
		p.silencedAt = max(l.world.Tick, 1)
		l.log.Info("player silent; closing as a drop", "player", p.id, "name", p.name)
		p.link.Close(session.CodeSilent, why)
		return
	}
	p.closing, p.removedBy = true, why+", again"
	l.kick(p, session.CodeKicked, p.removedBy)
}
