package host

import (
	"slices"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
)

// Stats counts what the host did. Every field is safe to read from any goroutine;
// Vars collects them for /debug/vars.
type Stats struct {
	Players   atomic.Int64
	Tick      atomic.Uint64
	TickP99ns atomic.Int64 // 99th percentile of the time one tick took, over the last 10 s

	DatagramsIn, BytesIn atomic.Uint64
	Out                  session.SendCounters

	// Datagrams dropped, by why.
	DroppedOversized  atomic.Uint64 // longer than any datagram Gem Rush sends
	DroppedMalformed  atomic.Uint64 // did not parse
	DroppedUnknown    atomic.Uint64 // a type this version does not know
	DroppedUnexpected atomic.Uint64 // a known type that players do not send
	DroppedStale      atomic.Uint64 // every input in it had been applied already
	DroppedBusy       atomic.Uint64 // the loop's inbox was full

	ChatMessages                   atomic.Uint64
	Joined, Left, Rejected, Kicked atomic.Uint64

	inputs atomic.Pointer[[]PlayerInputs] // published by the loop every publishEvery ticks
}

// publishEvery is how often, in ticks, the loop publishes each player's input queue.
const publishEvery = sim.TickRate / 4

// PlayerInputs is how one player's inputs reach the game: how deep their queue is
// and what it had to do to stay as shallow as their link allows.
type PlayerInputs struct {
	ID      uint8  `json:"id"`
	Name    string `json:"name"`
	Queue   int    `json:"input_queue"` // inputs waiting at the last tick, the one applied included: 1 is no wait
	Starved uint64 `json:"starved"`     // ticks their next input had not arrived (they stood still)
	Merged  uint64 `json:"merged"`      // ticks two inputs were applied to shrink the queue
	Skipped uint64 `json:"skipped"`     // inputs dropped after a burst longer than maxInputLag
	Holes   uint64 `json:"holes"`       // inputs lost in every copy
}

// Inputs is every player's input queue as last published.
func (s *Stats) Inputs() []PlayerInputs {
	if p := s.inputs.Load(); p != nil {
		return *p
	}
	return nil
}

// publishInputs publishes each player's input queue for Stats.Inputs.
func (l *Loop) publishInputs() {
	out := make([]PlayerInputs, 0, len(l.peers))
	for _, p := range l.peers {
		c := p.inputs.counts
		out = append(out, PlayerInputs{ID: uint8(p.id), Name: p.name, Queue: p.inputs.depth,
			Starved: c.starved, Merged: c.merged, Skipped: c.skipped, Holes: c.holes})
	}
	l.stats.inputs.Store(&out)
}

// Vars is the host's state for /debug/vars.
func (s *Server) Vars() map[string]any {
	st := s.Stats()
	return map[string]any{
		"players":        st.Players.Load(),
		"tick":           st.Tick.Load(),
		"tick_p99_ms":    float64(st.TickP99ns.Load()) / 1e6,
		"datagrams_in":   st.DatagramsIn.Load(),
		"bytes_in":       st.BytesIn.Load(),
		"datagrams_out":  st.Out.Sent.Load(),
		"bytes_out":      st.Out.SentBytes.Load(),
		"chat_messages":  st.ChatMessages.Load(),
		"players_joined": st.Joined.Load(),
		"players_left":   st.Left.Load(),
		"joins_rejected": st.Rejected.Load(),
		"players_kicked": st.Kicked.Load(),
		"datagrams_dropped": map[string]uint64{
			"oversized":       st.DroppedOversized.Load(),
			"malformed":       st.DroppedMalformed.Load(),
			"unknown_type":    st.DroppedUnknown.Load(),
			"unexpected_type": st.DroppedUnexpected.Load(),
			"stale":           st.DroppedStale.Load(),
			"host_busy":       st.DroppedBusy.Load(),
			"send_queue_full": st.Out.DroppedFull.Load(),
			"too_large":       st.Out.DroppedTooLarge.Load(),
		},
		"inputs":      st.Inputs(),
		"fingerprint": s.fingerprint,
		"addr":        s.Addr().String(),
	}
}

// tickTimes keeps the last window of tick durations to report their 99th percentile.
type tickTimes struct {
	ring  [10 * 60]time.Duration
	n     int
	count int
}

// add records one tick; every second it publishes the p99 to out.
func (t *tickTimes) add(d time.Duration, out *atomic.Int64) {
	t.ring[t.n] = d
	t.n = (t.n + 1) % len(t.ring)
	t.count++
	if t.count%60 != 0 {
		return
	}
	filled := min(t.count, len(t.ring))
	sorted := slices.Clone(t.ring[:filled])
	slices.Sort(sorted)
	out.Store(int64(sorted[(filled*99)/100]))
}
