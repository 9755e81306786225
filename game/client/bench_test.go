package client

import (
	"fmt"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// BenchmarkReconcile is one snapshot's reconciliation: rewind to the host's position
// and replay the inputs it has not acknowledged yet, 6 at a 100 ms round trip and 18
// at 300 ms.
func BenchmarkReconcile(b *testing.B) {
	for _, n := range []int{6, 18} {
		b.Run(fmt.Sprintf("unacked=%d", n), func(b *testing.B) {
			p := newPrediction()
			p.placed = true
			replay := make([]SentInput, n)
			for i := range replay {
				replay[i] = SentInput{Seq: uint32(i + 1), Move: sim.Input{X: 127, Y: int8(i * 10)}}
			}
			host := sim.Vec{X: 3000, Y: 3000}
			b.ReportAllocs()
			for b.Loop() {
				p.reconcile(host, 0, replay)
			}
		})
	}
}

// BenchmarkInterpolate is one tick of a player's game at 60 a second: a snapshot of n
// players arrives and a frame is drawn, everyone interpolated at the render clock.
func BenchmarkInterpolate(b *testing.B) {
	for _, n := range []int{8, 32} {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			var tl timeline
			s := &wire.Snapshot{Interval: 1, Players: make([]wire.PlayerState, n)}
			tick := 0
			arrive := func() {
				tick++
				sway := tick % 400 // back and forth across the arena, two seconds each way
				if sway > 200 {
					sway = 400 - sway
				}
				s.Tick = uint32(tick)
				for i := range s.Players {
					s.Players[i] = wire.PlayerState{ID: uint8(i + 1), X: uint16(1000 + 72*sway), Y: uint16(500 + 400*i)}
				}
				tl.add(s, frameAt(tick))
			}
			for range framesKept {
				arrive()
			}
			b.ReportAllocs()
			for b.Loop() {
				arrive()
				r := tl.seek(frameAt(tick).Add(time.Millisecond))
				for id := uint8(1); id <= uint8(n); id++ {
					if _, _, ok := tl.position(id, r); !ok {
						b.Fatalf("player %d not drawn", id)
					}
				}
			}
		})
	}
}
