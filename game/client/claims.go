package client

import (
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// A gem the local player's predicted disc touches is taken at once on their screen:
// it vanishes, and a GemTaken happening says so, a round trip before the host's word
// could. The host stays the judge. Its Scored confirms the claim; if the gem is still
// in the snapshots a while after the touch with no Scored for us (a rival reached it
// first on the host, or the prediction was off), the claim lapses and the gem shows
// again. Only effects and sounds are predicted: the score is always the host's.

// claim is a gem this player's disc touched before the host said so.
type claim struct {
	gem       uint16
	at        time.Time // when the disc touched it
	confirmed bool      // the host's Scored for us came
}

// claimGrace is how long past a round trip a claim waits for the host's Scored
// before it lapses: a few snapshot intervals of jitter. A claim waits claimFloor at
// least, for a link whose round trip is not yet measured.
const (
	claimGrace = 150 * time.Millisecond
	claimFloor = 300 * time.Millisecond
)

// claimGems claims every gem the predicted disc now touches.
func (s *State) claimGems(now time.Time) {
	me := s.Me()
	if s.Phase != sim.Playing || !s.pred.placed || me == nil {
		return
	}
	cfg := sim.DefaultConfig()
	reach := int64(cfg.PlayerRadius + cfg.GemRadius)
	for _, g := range s.Gems {
		at := sim.Vec{X: int32(g.X), Y: int32(g.Y)}
		if s.claimed(g.ID) || sim.DistSq(at, s.pred.pos) > reach*reach {
			continue
		}
		s.claims = append(s.claims, claim{gem: g.ID, at: now})
		s.happened(Happening{Kind: GemTaken, Player: me.ID, Score: me.Score + s.unconfirmed(), Round: s.Round, At: at, HasAt: true})
	}
}

func (s *State) claimed(gem uint16) bool {
	for _, c := range s.claims {
		if c.gem == gem {
			return true
		}
	}
	return false
}

// unconfirmed is how many claims wait for the host's word.
func (s *State) unconfirmed() int {
	n := 0
	for _, c := range s.claims {
		if !c.confirmed {
			n++
		}
	}
	return n
}

// confirmClaim takes the host's Scored for this player: true if a claim had already
// shown it (so it is not shown twice).
func (s *State) confirmClaim() bool {
	for i := range s.claims {
		if !s.claims[i].confirmed {
			s.claims[i].confirmed = true
			return true
		}
	}
	return false
}

// pruneClaims forgets the claims that are over: a confirmed one once the host no
// longer shows its gem, an unconfirmed one once it has waited a round trip and more
// for the host's Scored (the gem shows again if the host still has it). An
// unconfirmed claim whose gem the snapshots already dropped waits on for its Scored,
// which travels apart from them and may come after: it is not shown twice.
func (s *State) pruneClaims(now time.Time) {
	lapse := max(2*s.Stats().RTT+claimGrace, claimFloor)
	keep := s.claims[:0]
	for _, c := range s.claims {
		shown := false
		for _, g := range s.Gems {
			shown = shown || g.ID == c.gem
		}
		if c.confirmed && shown || !c.confirmed && now.Sub(c.at) < lapse {
			keep = append(keep, c)
		}
	}
	s.claims = keep
}

// VisibleGems are the gems to draw: the host's, less those this player has just
// taken on their own screen.
func (s *State) VisibleGems() []wire.GemState {
	if len(s.claims) == 0 {
		return s.Gems
	}
	s.visible = s.visible[:0]
	for _, g := range s.Gems {
		if !s.claimed(g.ID) {
			s.visible = append(s.visible, g)
		}
	}
	return s.visible
}
