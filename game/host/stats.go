package host

import (
	"slices"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/portmap"
	"github.com/gemrush/gemrush/net/session"
)

// Stats counts what the host did. Every field is safe to read from any goroutine;
// Vars collects them for /debug/vars.
type Stats struct {
	Players   atomic.Int64
	Tick      atomic.Uint64
	TickP50ns atomic.Int64 // median time one tick took, over the last 10 s
	TickP99ns atomic.Int64 // 99th percentile of the same

	DatagramsIn, BytesIn atomic.Uint64
	Out                  session.SendCounters

	// Datagrams dropped, by why.
	DroppedOversized  atomic.Uint64 // longer than any datagram Gem Rush sends
	DroppedMalformed  atomic.Uint64 // did not parse
	DroppedUnknown    atomic.Uint64 // a type this version does not know
	DroppedUnexpected atomic.Uint64 // a known type that players do not send
	DroppedStale      atomic.Uint64 // every input in it had been applied already
	DroppedBusy       atomic.Uint64 // the loop's inbox was full
	DroppedFlood      atomic.Uint64 // more than datagramsPerSecond from one player

	SnapshotsFull, SnapshotsDelta atomic.Uint64 // snapshots sent whole, and written against an older one

	ChatMessages                   atomic.Uint64
	ChatDropped                    atomic.Uint64 // lines dropped for coming faster than ChatPerSecond
	Joined, Left, Rejected, Kicked atomic.Uint64
	GuessesTurnedAway              atomic.Uint64 // tries at the password turned away unchecked: their address guessed too often
	StrangersRefused               atomic.Uint64 // connection attempts refused: too many not yet welcomed, in all or from one address
	HandshakesShed                 atomic.Uint64 // connection attempts refused: more than handshakesPerSecond, in all or from one address
	Retries                        atomic.Uint64 // connection attempts asked to prove their address first
	StrangersEvicted               atomic.Uint64 // strangers silent since their handshake, hung up on to make room
	Dropped                        atomic.Uint64 // connections that ended without a goodbye; the place was kept
	Resumed                        atomic.Uint64 // players who came back with their token and took their place back
	ResumeRefused                  atomic.Uint64 // tokens shown that matched no place
	Silent                         atomic.Uint64 // players removed for holding a place without playing (silentLimit)
	Away                           atomic.Int64  // places waiting for their player now

	perPlayer atomic.Pointer[[]PlayerLink] // published by the loop every publishEvery ticks
}

// publishEvery is how often, in ticks, the loop publishes each player's link.
const publishEvery = sim.TickRate / 4

// PlayerLink is one player's link as the host sees it: how deep their input queue is
// and what it had to do to stay as shallow as their link allows.
type PlayerLink struct {
	ID      uint8  `json:"id"`
	Name    string `json:"name"`
	Score   int    `json:"score"`
	Round   int    `json:"round"`             // the round the score is of
	Away    bool   `json:"away"`              // their connection dropped; the place waits for them
	Resumes uint64 `json:"resumes"`           // times they came back with their token and took the place back
	Queue   int    `json:"input_queue"`       // inputs waiting at the last tick, the one applied included: 1 is no wait
	Usual   int    `json:"input_queue_usual"` // its mean over the last two seconds, as the player is told
	Starved uint64 `json:"starved"`           // ticks their next input had not arrived
	Guessed uint64 `json:"guessed"`           // of those, ticks the host applied their last input again
	Merged  uint64 `json:"merged"`            // ticks two inputs were applied to shrink the queue
	Skipped uint64 `json:"skipped"`           // inputs dropped after a burst longer than maxInputLag
	Holes   uint64 `json:"holes"`             // inputs lost in every copy

	SnapshotHz  int    `json:"snapshot_hz"`  // snapshots the host sends them a second
	RateChanges uint64 `json:"rate_changes"` // times that rate changed
}

// PerPlayer is every player's link as last published.
func (s *Stats) PerPlayer() []PlayerLink {
	if p := s.perPlayer.Load(); p != nil {
		return *p
	}
	return nil
}

// publishPlayers publishes each player's link for Stats.PerPlayer.
func (l *Loop) publishPlayers() {
	out := make([]PlayerLink, 0, len(l.peers))
	for _, p := range l.peers {
		c := p.inputs.counts
		score := 0
		if wp := l.world.Player(p.id); wp != nil {
			score = wp.Score
		}
		out = append(out, PlayerLink{ID: uint8(p.id), Name: p.name, Score: score, Round: l.world.Round, Away: p.away(), Resumes: p.resumes,
			Queue: p.inputs.depth, Usual: p.inputs.usual,
			Starved: c.starved, Guessed: c.guessed, Merged: c.merged, Skipped: c.skipped, Holes: c.holes,
			SnapshotHz: sim.TickRate / max(p.sending.interval, 1), RateChanges: p.sending.changes})
	}
	l.stats.perPlayer.Store(&out)
}

// Vars is the host's state for /debug/vars.
func (s *Server) Vars() map[string]any {
	st := s.Stats()
	return map[string]any{
		"players":             st.Players.Load(),
		"tick":                st.Tick.Load(),
		"tick_p50_ms":         float64(st.TickP50ns.Load()) / 1e6,
		"tick_p99_ms":         float64(st.TickP99ns.Load()) / 1e6,
		"datagrams_in":        st.DatagramsIn.Load(),
		"bytes_in":            st.BytesIn.Load(),
		"datagrams_out":       st.Out.Sent.Load(),
		"bytes_out":           st.Out.SentBytes.Load(),
		"sends_stuck":         st.Out.Stuck.Load(), // a player's SendDatagram blocked the sender 2 ms: sent on a goroutine of its own
		"chat_messages":       st.ChatMessages.Load(),
		"chat_dropped":        st.ChatDropped.Load(),
		"snapshots_full":      st.SnapshotsFull.Load(),
		"snapshots_delta":     st.SnapshotsDelta.Load(),
		"players_joined":      st.Joined.Load(),
		"players_left":        st.Left.Load(),
		"players_dropped":     st.Dropped.Load(),
		"players_resumed":     st.Resumed.Load(),
		"players_away":        st.Away.Load(),
		"resume_refused":      st.ResumeRefused.Load(),
		"joins_rejected":      st.Rejected.Load(),
		"guesses_turned_away": st.GuessesTurnedAway.Load(),
		"strangers":           s.strangers.count(),
		"strangers_refused":   st.StrangersRefused.Load(),
		"handshakes_shed":     st.HandshakesShed.Load(),
		"retries":             st.Retries.Load(),
		"strangers_evicted":   st.StrangersEvicted.Load(),
		"players_kicked":      st.Kicked.Load(),
		"players_silent":      st.Silent.Load(),
		"datagrams_dropped": map[string]uint64{
			"oversized":       st.DroppedOversized.Load(),
			"malformed":       st.DroppedMalformed.Load(),
			"unknown_type":    st.DroppedUnknown.Load(),
			"unexpected_type": st.DroppedUnexpected.Load(),
			"stale":           st.DroppedStale.Load(),
			"host_busy":       st.DroppedBusy.Load(),
			"too_many":        st.DroppedFlood.Load(),
			"send_queue_full": st.Out.DroppedFull.Load(),
			"too_large":       st.Out.DroppedTooLarge.Load(),
		},
		"per_player":  st.PerPlayer(),
		"internet":    s.internetVars(),
		"invite":      s.Invite(),
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

// add records one tick; every second it publishes the median and the p99.
func (t *tickTimes) add(d time.Duration, p50, p99 *atomic.Int64) {
	t.ring[t.n] = d
	t.n = (t.n + 1) % len(t.ring)
	t.count++
	if t.count%60 != 0 {
		return
	}
	filled := min(t.count, len(t.ring))
	sorted := slices.Clone(t.ring[:filled])
	slices.Sort(sorted)
	p50.Store(int64(sorted[filled/2]))
	p99.Store(int64(sorted[(filled*99)/100]))
}

// internetVars is the router's port forwarding for /debug/vars, or nil when not asked.
func (s *Server) internetVars() map[string]any {
	st, ok := s.Internet()
	if !ok {
		return nil
	}
	v := map[string]any{"state": st.State.String(), "protocol": st.Protocol, "sentence": s.InternetSentence()}
	if st.External.IsValid() {
		v["address"] = st.External.String()
	}
	if st.State == portmap.Mapped || st.State == portmap.Shared {
		v["lease_s"] = st.Lease.Seconds() // 0: the router keeps only permanent mappings
	}
	if st.Err != nil {
		v["error"] = st.Err.Error()
	}
	return v
}
