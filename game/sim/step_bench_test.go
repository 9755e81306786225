package sim

import (
	"fmt"
	"testing"
)

// BenchmarkStep measures one tick of the rules with every player moving, at a
// lobby's size and a full house.
func BenchmarkStep(b *testing.B) {
	for _, n := range []int{8, 64} {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			cfg := DefaultConfig()
			cfg.MaxPlayers = n
			w := NewWorld(cfg, 1)
			in := map[PlayerID]Input{}
			for id := range PlayerID(n) {
				if _, err := w.AddPlayer(id+1, "bot", uint8(id)); err != nil {
					b.Fatal(err)
				}
				in[id+1] = Input{int8(int(id)*37%255 - 127), int8(int(id)*91%255 - 127)}
			}
			b.ReportAllocs()
			for b.Loop() {
				Step(w, in)
			}
		})
	}
}
