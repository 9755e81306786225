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

// checkSilence removes p if their connection is alive but their game sends nothing:
// they hold a place without playing. Their token goes with them.
func (l *Loop) checkSilence(p *Peer, packets uint64) {
	limit := l.cfg.SilentLimit
	if limit < 0 || p.closing || p.away() || !p.quiet.look(l.world.Tick, packets, limit) {
		return
	}
	why := fmt.Sprintf("your game sent no moves for %s while connected", limit)
	l.stats.Silent.Add(1)
	p.closing, p.removedBy = true, why
	l.kick(p, session.CodeKicked, why)
}
