package client

import (
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// BenchmarkReconcile is one snapshot's reconciliation at a 200 ms round trip: rewind
// to the host's position and replay twelve inputs.
func BenchmarkReconcile(b *testing.B) {
	p := newPrediction()
	p.placed = true
	replay := make([]SentInput, 12)
	for i := range replay {
		replay[i] = SentInput{Seq: uint32(i + 1), Move: sim.Input{X: 127, Y: int8(i * 10)}}
	}
	host := sim.Vec{X: 3000, Y: 3000}
	b.ReportAllocs()
	for b.Loop() {
		p.reconcile(host, 0, replay)
	}
}

// BenchmarkInterpolateEight is one drawn frame's interpolation of eight players.
func BenchmarkInterpolateEight(b *testing.B) {
	var tl timeline
	for tick := uint32(1); tick <= framesKept; tick++ {
		s := &wire.Snapshot{Tick: tick, Interval: 1}
		for id := uint8(1); id <= 8; id++ {
			s.Players = append(s.Players, wire.PlayerState{ID: id, X: uint16(1000 + 72*tick), Y: uint16(500 * uint32(id))})
		}
		tl.add(s, frameAt(int(tick)))
	}
	now := frameAt(framesKept)
	b.ReportAllocs()
	for b.Loop() {
		now = now.Add(time.Millisecond)
		r := tl.seek(now)
		for id := uint8(1); id <= 8; id++ {
			tl.position(id, r)
		}
	}
}
