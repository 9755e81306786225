package sim

// EventKind says what happened in a tick that players should hear about.
type EventKind uint8

const (
	Scored       EventKind = iota + 1 // Player took a gem; Score is their new score
	RoundWon                          // Player reached the target; the banner is up
	RoundStarted                      // scores are back to zero; Round is the new round
)

// Event is something Step reports beyond the new positions.
type Event struct {
	Kind   EventKind
	Player PlayerID
	Score  int
	Round  int
}

// Step advances w by one tick. inputs holds each player's input for this tick; a
// player without one stands still. Order within a tick: move every player (walls
// push them out), then award each gem to the nearest player touching it (lower ID on
// a tie, so exactly one scores), then check for a winner, then refill the gems.
func Step(w *World, inputs map[PlayerID]Input) []Event {
	var events []Event
	w.Tick++
	if w.Phase == RoundOver && w.Tick >= w.PhaseEnds {
		events = append(events, w.startRound())
	}
	for _, p := range w.Players {
		p.Pos = Move(w.Arena, w.Config, p.Pos, inputs[p.ID])
	}
	if w.Phase != Playing {
		return events
	}
	reach := int64(w.Config.PlayerRadius + w.Config.GemRadius)
	for i := 0; i < len(w.Gems); {
		taker := w.nearestToucher(w.Gems[i].Pos, reach*reach)
		if taker == nil {
			i++
			continue
		}
		w.Gems = append(w.Gems[:i], w.Gems[i+1:]...)
		taker.Score++
		events = append(events, Event{Kind: Scored, Player: taker.ID, Score: taker.Score, Round: w.Round})
		if taker.Score >= w.Config.TargetScore {
			w.Phase, w.Winner, w.PhaseEnds = RoundOver, taker.ID, w.Tick+uint32(w.Config.BannerTicks)
			return append(events, Event{Kind: RoundWon, Player: taker.ID, Score: taker.Score, Round: w.Round})
		}
	}
	w.topUpGems()
	return events
}

// Move is where a player at pos ends up after one tick of input in: the input's
// velocity at the rules' top speed, then out of every wall and back inside the arena.
// Step moves every player with it, and a player's machine calls it to predict its own
// disc: it needs only the arena and the rules, not the World (gems and the random
// source stay the host's).
func Move(a Arena, cfg Config, pos Vec, in Input) Vec {
	v := in.velocity(cfg.Speed)
	return a.collide(Vec{pos.X + v.X, pos.Y + v.Y}, cfg.PlayerRadius)
}

// nearestToucher is the player closest to pos within reachSq, lowest ID first on a tie.
func (w *World) nearestToucher(pos Vec, reachSq int64) *Player {
	var best *Player
	var bestD int64
	for _, p := range w.Players { // sorted by ID, so strict < keeps the lowest ID on a tie
		if d := DistSq(p.Pos, pos); d <= reachSq && (best == nil || d < bestD) {
			best, bestD = p, d
		}
	}
	return best
}

func (w *World) startRound() Event {
	w.Round++
	w.Phase, w.Winner = Playing, 0
	for _, p := range w.Players {
		p.Score = 0
	}
	w.Gems = w.Gems[:0]
	w.topUpGems()
	return Event{Kind: RoundStarted, Round: w.Round}
}
