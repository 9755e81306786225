package client

import "time"

// NetStats is what a player's connection measured. The HUD shows the round trip;
// the bots report the rest; /debug/vars shows it all.
type NetStats struct {
	RTT       time.Duration // smoothed round-trip time; 0 before the first sample
	LatestRTT time.Duration // the newest sample
	MinRTT    time.Duration // the quickest round trip seen
	RTTDev    time.Duration // how much the round trip varies (its mean deviation)

	// IdleTimeout is how long the connection waits in silence before it gives up.
	IdleTimeout time.Duration

	PacketsSent, PacketsLost uint64 // packets we sent, and how many of them were lost
	PacketsReceived          uint64

	BytesReceived, BytesSent uint64 // on the wire: IP, UDP and QUIC headers and retransmissions included

	DatagramsIn, DatagramBytesIn   uint64 // datagrams received, and their payload
	DatagramsOut, DatagramBytesOut uint64 // datagrams sent, and their payload
	Snapshots                      uint64 // snapshots queued for the State, in tick order
	Deltas                         uint64 // of those, how many came written against an older one
	SnapshotsMissed                uint64 // gaps in the ticks, at the interval the host said: snapshots lost on the way

	// Datagrams dropped, by why.
	DroppedMalformed  uint64 // did not parse, or not a snapshot
	DroppedStale      uint64 // a snapshot no newer than one already queued
	DroppedBehind     uint64 // the State fell a whole queue behind; the oldest went
	DroppedNoBaseline uint64 // a delta against a snapshot no longer kept
	DroppedSendFull   uint64 // the network could not take our inputs fast enough
	DroppedTooLarge   uint64 // larger than the path can carry

	Migrations uint64 // times the connection moved to a new network path
}

// Vars is a player's connection for /debug/vars.
func Vars(t Transport) map[string]any {
	st := t.Stats()
	connected := true
	select {
	case <-t.Done():
		connected = false
	default:
	}
	return map[string]any{
		"connected":     connected,
		"host":          t.Addr(),
		"player":        t.Welcome().You,
		"fingerprint":   t.Fingerprint(),
		"snapshots":     st.Snapshots,
		"deltas":        st.Deltas,
		"datagrams_in":  st.DatagramsIn,
		"bytes_in":      st.DatagramBytesIn,
		"datagrams_out": st.DatagramsOut,
		"bytes_out":     st.DatagramBytesOut,
		"rtt_ms":        float64(st.RTT.Microseconds()) / 1000,
		"migrations":    st.Migrations,
		"datagrams_dropped": map[string]uint64{
			"malformed":       st.DroppedMalformed,
			"stale":           st.DroppedStale,
			"behind":          st.DroppedBehind,
			"no_baseline":     st.DroppedNoBaseline,
			"send_queue_full": st.DroppedSendFull,
			"too_large":       st.DroppedTooLarge,
		},
	}
}
