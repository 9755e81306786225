package client

import (
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// phaseRank orders where a round can be: its countdown, its play, its banner. A
// phase this version does not know ranks -1.
func phaseRank(ph sim.Phase) int {
	switch ph {
	case sim.Countdown:
		return 0
	case sim.Playing:
		return 1
	case sim.RoundOver:
		return 2
	}
	return -1
}

// follow takes where the game is from the host's word, a control message or a
// snapshot, unless it already knows of a later point. The two travel apart, on the
// stream and as datagrams, and either may overtake the other; the game itself only
// goes forward: round after round, and within one the countdown, the play, the
// banner. Prediction takes the round's arena as the round changes, as the host's
// World does.
//
// Passing the start of play of a round this player saw coming (its countdown, or the
// banner before it) is a RoundGo, once: the "Go!" comes with the first word that play
// has begun, which is when the host lets gems be taken, just after the countdown the
// player saw run out on the clock. That word may already be the banner: a gem lying
// under a disc is taken on the countdown's last tick, and a round can end on it.
func (s *State) follow(round int, ph sim.Phase, winner uint8) {
	rank := phaseRank(ph)
	if rank < 0 {
		return
	}
	before := func(r, k int) bool { return s.Round < r || s.Round == r && phaseRank(s.Phase) < k }
	if s.heardPhase && !before(round, rank) {
		return
	}
	goes := s.heardPhase && rank >= phaseRank(sim.Playing) && before(round, phaseRank(sim.Playing))
	s.heardPhase = true
	s.Round, s.Phase, s.Winner = round, ph, winner
	s.pred.roundIs(round)
	if goes {
		s.Notice("Go!")
		s.happened(Happening{Kind: RoundGo, Round: round})
	}
}

// Countdown is how long is left at now of the round's countdown, and whether one is
// running whose end this player was told: the window counts 3, 2, 1 from it. Left is
// 0, not less, once the clock has passed GoAt and the snapshot saying play has begun
// is still on its way.
func (s *State) Countdown(now time.Time) (left time.Duration, ok bool) {
	if s.Phase != sim.Countdown || s.goRound != s.Round || s.GoAt.IsZero() {
		return 0, false
	}
	return max(s.GoAt.Sub(now), 0), true
}

// Arena is the arena the current round is played in.
func (s *State) Arena() sim.Arena { return sim.ArenaFor(s.Round) }
