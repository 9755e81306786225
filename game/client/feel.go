package client

import "time"

// ProblemAfter is how long the host may be silent before the game says there is a
// connection problem: thirty snapshots missed at 60 a second, ten at 20, far past
// what loss or jitter explain, and twenty times sooner than IdleTimeout gives up.
const ProblemAfter = 500 * time.Millisecond

// Feel is how the game feels from this player's machine: what prediction and
// interpolation are doing and how the host sounds. The overlay shows it, the bots
// report it, and /debug/vars serves it.
type Feel struct {
	Buffer           time.Duration // how far behind the newest snapshot everyone else is drawn
	Jitter           time.Duration // how much later than the quickest snapshots lately arrived
	RenderDelay      time.Duration // how far behind the host's present everyone else is drawn: half the round trip and the buffer
	SnapshotInterval time.Duration // how often the host sends a snapshot
	Corrections      uint64        // snapshots that moved this player's own predicted disc
	CorrectionMax    float64       // the largest such move, in pixels
	LastCorrection   float64       // the newest, in pixels
	Silence          time.Duration // since the newest snapshot arrived
	// Past is how far past the newest snapshot everyone else is drawn: 0 while the
	// buffer holds a snapshot on either side of the moment drawn; up to maxExtrapolate
	// ticks while they are carried along their heading; Held once they stand still
	// there, frozen until a snapshot comes.
	Past time.Duration
	Held bool
}

// Feel measures the game at now, the moment of drawing.
func (s *State) Feel(now time.Time) Feel {
	t := &s.timeline
	f := Feel{
		Buffer: t.Buffer(), Jitter: t.Jitter(),
		SnapshotInterval: time.Duration(max(t.interval, 1)) * tickDuration,
		Corrections:      s.pred.corrections, CorrectionMax: s.pred.correctionMax, LastCorrection: s.pred.lastCorrection,
		Silence: s.silence(now),
	}
	if t.n > 0 {
		f.RenderDelay = s.t.Stats().MinRTT/2 + t.behind(now)
		past := t.render - float64(t.frames[len(t.frames)-1].tick)
		f.Past, f.Held = time.Duration(max(past, 0)*float64(tickDuration)), past >= maxExtrapolate
	}
	return f
}

// silence is how long the host has said nothing at now: since the newest snapshot,
// or since the State was first stepped.
func (s *State) silence(now time.Time) time.Duration {
	if s.heard.IsZero() {
		return 0
	}
	return max(now.Sub(s.heard), 0)
}

// Problem reports whether the host has been silent for longer than ProblemAfter at
// now, for how long, and how long the connection will wait before it gives up.
func (s *State) Problem(now time.Time) (silent, left time.Duration, ok bool) {
	silent = s.silence(now)
	if silent <= ProblemAfter {
		return silent, 0, false
	}
	return silent, max(s.t.Stats().IdleTimeout-silent, 0), true
}
