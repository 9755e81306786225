package wire

import "testing"

// BenchmarkSnapshotAppend32 encodes a 32-player snapshot into a reused buffer, as the
// host does for every player every tick.
func BenchmarkSnapshotAppend32(b *testing.B) {
	s := &Snapshot{Tick: 1000, Ack: 990, Round: 2}
	for i := range 32 {
		s.Players = append(s.Players, PlayerState{ID: uint8(i + 1), X: uint16(i * 300), Y: uint16(i * 200)})
	}
	for i := range 8 {
		s.Gems = append(s.Gems, GemState{ID: uint16(i), X: uint16(i * 700), Y: 4000})
	}
	buf := make([]byte, 0, MaxDatagramSize)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = AppendMessage(buf[:0], s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(buf)), "bytes/snapshot")
}

// BenchmarkSnapshotParse32 decodes the same snapshot, as every player does every tick.
func BenchmarkSnapshotParse32(b *testing.B) {
	s := &Snapshot{Players: make([]PlayerState, 32), Gems: make([]GemState, 8)}
	buf, _ := AppendMessage(nil, s)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(buf); err != nil {
			b.Fatal(err)
		}
	}
}

// deltaBench8 is a lobby of 8 players three ticks after the baseline the player acked,
// every one of them running diagonally at full speed, and 5 gems of which one was taken
// and replaced: about the most a delta of 8 players carries from tick to tick.
func deltaBench8() (cur, base *Snapshot) {
	base = &Snapshot{Tick: 1000, Ack: 990, Round: 2, Interval: 1, Queue: 2}
	for i := range 8 {
		base.Players = append(base.Players, PlayerState{ID: uint8(i + 1), X: uint16(1000 + 900*i), Y: 4000})
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

// BenchmarkSnapshotDeltaAppend8 writes a delta and encodes it, as the host does for
// every player whose link calls for it, each time it sends.
func BenchmarkSnapshotDeltaAppend8(b *testing.B) {
	cur, base := deltaBench8()
	buf := make([]byte, 0, MaxDatagramSize)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = AppendMessage(buf[:0], NewSnapshotDelta(cur, base)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(buf)), "bytes/delta")
}

// BenchmarkSnapshotDeltaApply8 decodes that delta and rebuilds the snapshot from the
// baseline, as the player does on receipt.
func BenchmarkSnapshotDeltaApply8(b *testing.B) {
	cur, base := deltaBench8()
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
}
