package wire

import (
	"fmt"
	"testing"
)

// benchSizes are the player counts the snapshot benchmarks run at: a lobby, a big
// game, and more than a host is meant to carry.
var benchSizes = []int{8, 32, 128}

// benchSnapshot is a game of n players spread over the arena, with 8 gems.
func benchSnapshot(n int) *Snapshot {
	s := &Snapshot{Tick: 1000, Ack: 990, Round: 2, Interval: 1, Queue: 2}
	for i := range n {
		s.Players = append(s.Players, PlayerState{ID: uint8(i + 1), X: uint16(i * 300), Y: uint16(i * 200)})
	}
	for i := range 8 {
		s.Gems = append(s.Gems, GemState{ID: uint16(i), X: uint16(i * 700), Y: 4000})
	}
	return s
}

// BenchmarkSnapshotAppend encodes a snapshot into a reused buffer, as the host does
// for every player every tick.
func BenchmarkSnapshotAppend(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			s := benchSnapshot(n)
			buf := make([]byte, 0, MaxDatagramSize)
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = AppendMessage(buf[:0], s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(buf)), "bytes/snapshot")
		})
	}
}

// BenchmarkSnapshotParse decodes the same snapshot, as every player does every tick.
func BenchmarkSnapshotParse(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			buf, err := AppendMessage(nil, benchSnapshot(n))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// deltaBench is a game of n players three ticks after the baseline the player acked,
// every one of them running diagonally at full speed, and 5 gems of which one was taken
// and replaced: about the most a delta carries from tick to tick.
func deltaBench(n int) (cur, base *Snapshot) {
	base = &Snapshot{Tick: 1000, Ack: 990, Round: 2, Interval: 1, Queue: 2}
	for i := range n {
		base.Players = append(base.Players, PlayerState{ID: uint8(i + 1), X: uint16(1000 + 900*(i%32)), Y: uint16(4000 + 300*(i/32))})
	}
	for i := range 5 {
		base.Gems = append(base.Gems, GemState{ID: uint16(i), X: uint16(i * 700), Y: 2000})
	}
	cur = &Snapshot{Tick: 1003, Ack: 1001, Round: 2, Interval: 1, Queue: 2,
		Gems: append(append([]GemState(nil), base.Gems[1:]...), GemState{ID: 5, X: 3000, Y: 100})}
	for _, p := range base.Players {
		cur.Players = append(cur.Players, PlayerState{ID: p.ID, X: p.X + 3*72, Y: p.Y - 3*51})
	}
	return cur, base
}

// BenchmarkSnapshotDeltaAppend writes a delta and encodes it, as the host does for
// every player whose link calls for it, each time it sends.
func BenchmarkSnapshotDeltaAppend(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			cur, base := deltaBench(n)
			buf := make([]byte, 0, MaxDatagramSize)
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = AppendMessage(buf[:0], NewSnapshotDelta(cur, base)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(buf)), "bytes/delta")
		})
	}
}

// BenchmarkSnapshotDeltaApply decodes that delta and rebuilds the snapshot from the
// baseline, as the player does on receipt.
func BenchmarkSnapshotDeltaApply(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			cur, base := deltaBench(n)
			buf, err := AppendMessage(nil, NewSnapshotDelta(cur, base))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				m, err := Parse(buf)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := m.(*SnapshotDelta).Apply(base); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
