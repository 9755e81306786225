package client

import "time"

// MeterLen is how many frames a Meter remembers: four seconds at 60 a second, the
// width of the overlay's graph.
const MeterLen = 240

// rateWindow is how far back the Meter's rates look: long enough to smooth the
// counting of whole snapshots and packets, short enough to show a change at once.
const rateWindow = 2 * time.Second

// Sample is one frame of the Meter: the counters as they stood, and what the graph shows.
type Sample struct {
	At          time.Time
	RTT         time.Duration // the newest round trip QUIC measured
	Silence     time.Duration // since the newest snapshot arrived
	Snapshots   uint64        // snapshots received so far
	Missed      uint64        // snapshots the host sent that never came
	Corrections uint64
	BytesIn     uint64
	BytesOut    uint64
	PacketsSent uint64
	PacketsLost uint64
}

// Rates is what the link did over the Meter's last rateWindow.
type Rates struct {
	SnapshotHz     float64 // snapshots received a second
	LossDown       float64 // share of the host's snapshots that did not arrive, 0..1
	LossUp         float64 // share of our packets QUIC declared lost, 0..1
	BytesInPerS    float64 // on the wire, headers and all
	BytesOutPerS   float64
	CorrectionsPer float64 // prediction corrections a second
}

// Meter keeps the figures of a State frame by frame, for the net-stats overlay, its
// graph and /debug/vars. Sample it once a frame.
type Meter struct {
	ring [MeterLen]Sample
	n    int
}

// Sample records the State at now.
func (m *Meter) Sample(s *State, now time.Time) {
	st := s.Stats()
	m.ring[m.n%MeterLen] = Sample{
		At: now, RTT: st.LatestRTT, Silence: s.silence(now), Snapshots: st.Snapshots, Missed: st.SnapshotsMissed,
		Corrections: s.pred.corrections, BytesIn: st.BytesReceived, BytesOut: st.BytesSent,
		PacketsSent: st.PacketsSent, PacketsLost: st.PacketsLost,
	}
	m.n++
}

// Frames is how many frames the Meter remembers: MeterLen once it has been sampled that often.
func (m *Meter) Frames() int { return min(m.n, MeterLen) }

// Samples are the frames remembered, oldest first.
func (m *Meter) Samples() []Sample {
	if m.n <= MeterLen {
		return m.ring[:m.n]
	}
	i := m.n % MeterLen
	return append(append([]Sample(nil), m.ring[i:]...), m.ring[:i]...)
}

// at is the sample back frames ago: 0 is the newest.
func (m *Meter) at(back int) *Sample { return &m.ring[(m.n-1-back)%MeterLen] }

// Rates are the link's rates over the last rateWindow.
func (m *Meter) Rates() Rates {
	if m.n < 2 {
		return Rates{}
	}
	now := m.at(0)
	back := 1
	for back < min(m.n, MeterLen)-1 && now.At.Sub(m.at(back).At) < rateWindow {
		back++
	}
	then := m.at(back)
	secs := now.At.Sub(then.At).Seconds()
	if secs <= 0 {
		return Rates{}
	}
	r := Rates{
		SnapshotHz:     float64(now.Snapshots-then.Snapshots) / secs,
		BytesInPerS:    float64(now.BytesIn-then.BytesIn) / secs,
		BytesOutPerS:   float64(now.BytesOut-then.BytesOut) / secs,
		CorrectionsPer: float64(now.Corrections-then.Corrections) / secs,
	}
	if got, missed := now.Snapshots-then.Snapshots, now.Missed-then.Missed; got+missed > 0 {
		r.LossDown = float64(missed) / float64(got+missed)
	}
	if sent := now.PacketsSent - then.PacketsSent; sent > 0 && now.PacketsLost >= then.PacketsLost {
		// QUIC's count of lost packets can fall back: a packet declared lost arrived after all.
		r.LossUp = min(float64(now.PacketsLost-then.PacketsLost)/float64(sent), 1)
	}
	return r
}
