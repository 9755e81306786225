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
