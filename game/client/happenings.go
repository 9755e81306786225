package client

import "github.com/gemrush/gemrush/game/sim"

// HappeningKind says what a Happening is.
type HappeningKind uint8

const (
	GemTaken     HappeningKind = iota + 1 // Player took a gem and has Score; At is where it lay, if HasAt
	RoundWon                              // Player won Round
	RoundBegins                           // Round begins in its arena: scores are back to zero, its countdown runs
	RoundGo                               // Round's countdown ended: gems can be taken
	PlayerJoined                          // Player joined (never the local player)
	PlayerLeft                            // Player left the game
	PlayerAway                            // Player's connection dropped; their place is kept
	PlayerBack                            // Player took their place back
	ChatLine                              // Player said something in the chat
)

// Happening is something the host told this player about that a person should see or
// hear at the moment it comes: the window turns each into an effect and a sound.
type Happening struct {
	Kind   HappeningKind
	Player uint8
	Score  int
	Round  int
	At     sim.Vec // GemTaken: where the gem lay
	HasAt  bool
}

// maxHappenings bounds the happenings kept for a reader that does not take them (a
// bot): beyond it the oldest go.
const maxHappenings = 256

// TakeHappenings returns what happened since the last call, oldest first, and
// forgets it. The slice is the caller's until the next Step.
func (s *State) TakeHappenings() []Happening {
	h := s.happenings
	s.happenings = s.happenings[len(s.happenings):]
	if cap(s.happenings) > maxHappenings {
		s.happenings = nil
	}
	return h
}

func (s *State) happened(h Happening) {
	if len(s.happenings) >= maxHappenings {
		s.happenings = append(s.happenings[:0], s.happenings[len(s.happenings)-maxHappenings/2:]...)
	}
	s.happenings = append(s.happenings, h)
}

// takenGem is where the gem player p has just taken lay: the gem nearest them in the
// newest snapshot, if one is within reach.
func (s *State) takenGem(p *PlayerView) (sim.Vec, bool) {
	cfg := sim.DefaultConfig()
	reach := int64(cfg.PlayerRadius+cfg.GemRadius) * 2 // the taker may have moved on since the snapshot
	best, bestD := sim.Vec{}, int64(-1)
	for _, g := range s.Gems {
		at := sim.Vec{X: int32(g.X), Y: int32(g.Y)}
		if d := sim.DistSq(at, p.Pos); d <= reach*reach && (bestD < 0 || d < bestD) {
			best, bestD = at, d
		}
	}
	return best, bestD >= 0
}
