package host

import (
	"math"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// Snapshot rates. Each player gets a snapshot every interval ticks: 1 (60 a second)
// on a good link, 2 (30) or 3 (20) on one that struggles. Every rateEvery ticks the
// host looks at that player's link as QUIC measures it. It lowers the rate one step
// when the loss of its packets to them is surely past struggleLoss (the loss over the
// last minSample to maxSample packets, less the doubt so few packets leave: the lower
// end of its 95 % confidence interval), or when the round trip has varied by
// struggleRTTDev two looks in a row. It raises the rate one step after calmEvery looks
// with the round trip steady (calmRTTDev) over which at least calmSample packets saw at
// most calmLoss lost; a calm period that saw more starts again. A link at 5 % is seen
// within a hundred or two packets; one at 1 % seldom looks worse by chance, so the rate
// does not flap.
//
// QUIC's congestion window is no guide here: quic-go grows it only while the sender
// fills it, which the game's few small datagrams never do, so after a few losses it
// stays small on a link long recovered.
const (
	maxInterval = 3
	rateEvery   = sim.TickRate // a second
	calmEvery   = 4            // steady looks (seconds) before the rate rises again

	// minSample and maxSample bound the packets a struggling loss is measured over.
	minSample, maxSample = 100, 300
	// calmSample is how many packets a calm period must see before the rate rises.
	calmSample = 300
	// struggleLoss is the loss of the host's packets to a player that lowers their
	// rate, once surely past: more snapshots go missing than the buffer bridges often.
	struggleLoss = 0.02
	// struggleRTTDev is how much the round trip varies (its mean deviation) before a
	// lower rate, fewer packets in the queues, is worth trying.
	struggleRTTDev = 25 * time.Millisecond
	// calmLoss and calmRTTDev are a link good enough for the next rate up.
	calmLoss   = 0.01
	calmRTTDev = 10 * time.Millisecond
)

// LinkQuality is what a link has measured of its path to the player, for the host to
// choose how often to send them snapshots. Counts are totals since the link began.
type LinkQuality struct {
	RTT         time.Duration // the smoothed round trip, for the scoreboard
	RTTDev      time.Duration
	PacketsLost uint64 // packets to the player that QUIC declared lost
	// PacketsSent is the packets QUIC would notice the loss of: the snapshots the host
	// sent them, which the loop counts and fills in. QUIC's own count takes in its bare
	// acknowledgements too, whose loss it never notices: a third or more of the
	// packets, which would make a link at 5 % look like 3 %.
	PacketsSent uint64
	// PacketsReceived is the packets QUIC has had from the player, every kind: while it
	// grows, their machine and connection are alive, whatever their game sends.
	PacketsReceived uint64
}

// rateControl chooses one player's snapshot interval from what their link measured.
type rateControl struct {
	interval               int // ticks between snapshots
	last                   LinkQuality
	sampleSent, sampleLost uint64 // packets since the last loss sample
	calmSent, calmLost     uint64 // packets since the calm period began
	varied                 int    // looks in a row with the round trip varying past struggleRTTDev
	calm                   int    // steady looks in the calm period
	changes                uint64 // times the rate changed
}

// rate looks at the link as it stands and moves the interval.
func (r *rateControl) rate(q LinkQuality) {
	sent, lost := q.PacketsSent-r.last.PacketsSent, uint64(0)
	if q.PacketsLost >= r.last.PacketsLost { // it falls when a packet declared lost arrives after all
		lost = q.PacketsLost - r.last.PacketsLost
	}
	r.last = q
	r.sampleSent, r.sampleLost = r.sampleSent+sent, r.sampleLost+lost
	r.calmSent, r.calmLost = r.calmSent+sent, r.calmLost+lost
	struggling := false
	if r.sampleSent >= minSample {
		struggling = lowerBound(r.sampleLost, r.sampleSent) >= struggleLoss
		if struggling || r.sampleSent >= maxSample {
			r.sampleSent, r.sampleLost = 0, 0
		}
	}
	if q.RTTDev >= struggleRTTDev {
		r.varied++
	} else {
		r.varied = 0
	}
	if struggling || r.varied >= 2 {
		if r.interval < maxInterval {
			r.interval++
			r.changes++
		}
		r.varied = 0
		r.calmAgain()
		return
	}
	if q.RTTDev <= calmRTTDev {
		r.calm++
	}
	if r.calm < calmEvery || r.calmSent < calmSample {
		return
	}
	if float64(r.calmLost) <= calmLoss*float64(r.calmSent) && r.interval > 1 {
		r.interval--
		r.changes++
	}
	r.calmAgain()
}

// lowerBound is the lower end of the 95 % confidence interval of a loss rate, lost of
// sent (the Wilson score interval): the loss the link surely has at least.
func lowerBound(lost, sent uint64) float64 {
	const z = 1.96
	n, p := float64(sent), float64(lost)/float64(sent)
	centre := p + z*z/(2*n)
	spread := z * math.Sqrt(p*(1-p)/n+z*z/(4*n*n))
	return (centre - spread) / (1 + z*z/n)
}

// calmAgain starts a new calm period.
func (r *rateControl) calmAgain() { r.calm, r.calmSent, r.calmLost = 0, 0, 0 }
