package host

import (
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// Snapshot rates. Each player gets a snapshot every interval ticks: 1 (60 a second)
// on a good link, 2 (30) or 3 (20) on one that struggles. Every rateEvery ticks the
// host looks at that player's link as QUIC measures it. It lowers the rate one step
// at once when the loss of its packets to them, over at least lossSample packets,
// reaches struggleLoss; when the round trip has varied by struggleRTTDev two looks in a
// row; or when the congestion window is too small for the game's datagrams. It raises
// the rate one step after calmEvery calm looks (loss at most calmLoss, variation at
// most calmRTTDev); a look between calm and struggling neither counts nor resets them.
const (
	maxInterval = 3
	rateEvery   = sim.TickRate // a second
	calmEvery   = 4            // calm looks (seconds) before the rate rises again

	// lossSample is how many packets a loss rate is measured over: one lost packet in
	// a second at 20 or 30 a second would otherwise read as 3 to 5 %.
	lossSample = 100
	// struggleLoss is the loss of the host's packets to a player that lowers their
	// rate: past it, more snapshots go missing than the buffer can bridge often.
	struggleLoss = 0.03
	// struggleRTTDev is how much the round trip varies (its mean deviation) before a
	// lower rate, fewer packets in the queues, is worth trying.
	struggleRTTDev = 25 * time.Millisecond
	// struggleWindow is a congestion window too small for the game: six datagrams.
	struggleWindow = 6 * wire.MaxDatagramSize
	// calmLoss and calmRTTDev are a link good enough for the next rate up.
	calmLoss   = 0.01
	calmRTTDev = 10 * time.Millisecond
)

// LinkQuality is what a link has measured of its path to the player, for the host to
// choose how often to send them snapshots. Counts are totals since the link began.
type LinkQuality struct {
	RTTDev           time.Duration
	PacketsSent      uint64
	PacketsLost      uint64
	CongestionWindow uint64 // bytes; 0 where the link has none
}

// rateControl chooses one player's snapshot interval from what their link measured.
type rateControl struct {
	interval   int // ticks between snapshots
	last       LinkQuality
	sent, lost uint64 // packets since the last loss measurement
	lossy      bool   // the last measured loss was above calmLoss
	varied     int    // looks in a row with the round trip varying past struggleRTTDev
	calm       int    // calm looks since the rate last changed
	changes    uint64 // times the rate changed
}

// rate looks at the link as it stands and moves the interval.
func (r *rateControl) rate(q LinkQuality) {
	r.sent += q.PacketsSent - r.last.PacketsSent
	if q.PacketsLost >= r.last.PacketsLost { // it falls when a packet declared lost arrives after all
		r.lost += q.PacketsLost - r.last.PacketsLost
	}
	r.last = q
	struggling := false
	if r.sent >= lossSample {
		loss := float64(r.lost) / float64(r.sent)
		struggling, r.lossy = loss >= struggleLoss, loss > calmLoss
		r.sent, r.lost = 0, 0
	}
	if q.RTTDev >= struggleRTTDev {
		r.varied++
	} else {
		r.varied = 0
	}
	tight := q.CongestionWindow > 0 && q.CongestionWindow < struggleWindow
	switch {
	case struggling || r.varied >= 2 || tight:
		r.calm, r.varied = 0, 0
		if r.interval < maxInterval {
			r.interval++
			r.changes++
		}
	case !r.lossy && q.RTTDev <= calmRTTDev:
		r.calm++
		if r.calm >= calmEvery && r.interval > 1 {
			r.interval--
			r.changes++
			r.calm = 0
		}
	}
}
