package sim

// EventKind says what happened in a tick that players should hear about.
type EventKind uint8

const (
	Scored       EventKind = iota + 1 // Player took a gem; Score is their new score
	RoundWon                          // Player reached the target; the banner is up
	RoundStarted                      // scores are back to zero, Round is the new round, in its arena, and its countdown runs
	RoundGo                           // Round's countdown ended: gems can be taken
)

// Event is something Step reports beyond the new positions.
type Event struct {
	Kind   EventKind
	Player PlayerID
	Score  int
	Round  int
}

// Step advances w by one tick. inputs holds each player's input for this tick; a
// player without one stands still. Order within a tick: end the phase if its time is
// up (the banner gives way to the next round's countdown, the countdown to play),
// move every player (walls push them out), then, while playing, award each gem to the
// nearest player touching it (lower ID on a tie, so exactly one scores), then check
// for a winner, then refill the gems.
func Step(w *World, inputs map[PlayerID]Input) []Event {
	var events []Event
	w.Tick++
	switch {
	case w.Phase == RoundOver && w.Tick >= w.PhaseEnds:
		events = w.startRound(events)
	case w.Phase == Countdown && w.Tick >= w.PhaseEnds:
		events = w.play(events)
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

// startRound begins the next round in its arena: scores to zero, anyone standing
// where a wall now is moved to a free spot, no gems, and the countdown (at whose end
// play places them).
func (w *World) startRound(events []Event) []Event {
	w.Round++
	w.Winner = 0
	w.Arena = ArenaFor(w.Round)
	w.Gems = w.Gems[:0]
	for _, p := range w.Players { // by ID, so the random source is drawn in the same order everywhere
		p.Score = 0
		if !w.Arena.Open(p.Pos, w.Config.PlayerRadius) {
			p.Pos, _ = w.freeSpot(w.Config.PlayerRadius, 3*w.Config.PlayerRadius)
		}
	}
	events = append(events, Event{Kind: RoundStarted, Round: w.Round})
	if w.countDown() {
		return events
	}
	return w.play(events) // no countdown in these rules
}

// countDown starts the round's countdown, if the rules have one, and reports whether
// they do.
func (w *World) countDown() bool {
	if w.Config.CountdownTicks <= 0 {
		w.Phase = Playing
		return false
	}
	w.Phase, w.PhaseEnds = Countdown, w.Tick+uint32(w.Config.CountdownTicks)
	return true
}

// play ends the countdown: the round's gems appear, clear of every player, and from
// this tick on they can be taken. None lies in the arena during the countdown, so
// nobody starts the round standing on one: it begins as a race.
func (w *World) play(events []Event) []Event {
	w.Phase = Playing
	w.topUpGems()
	return append(events, Event{Kind: RoundGo, Round: w.Round})
}
