package sim

import "testing"

// BenchmarkStep64 measures one tick with a full-house of 64 players all moving.
func BenchmarkStep64(b *testing.B) {
	cfg := DefaultConfig()
	cfg.MaxPlayers = 64
	w := NewWorld(cfg, 1)
	in := map[PlayerID]Input{}
	for id := range PlayerID(64) {
		w.AddPlayer(id+1, "bot", uint8(id))
		in[id+1] = Input{int8(int(id)*37%255 - 127), int8(int(id)*91%255 - 127)}
	}
	b.ReportAllocs()
	for b.Loop() {
		Step(w, in)
	}
}
