package host

import (
	"slices"
	"sync/atomic"
	"time"

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
