package wire

import (
	"bytes"
	"slices"
	"testing"
)

// sameSnapshot compares field by field, so that a nil and an empty list are equal.
func sameSnapshot(a, b *Snapshot) bool {
	return a.Tick == b.Tick && a.Ack == b.Ack && a.Round == b.Round && a.Phase == b.Phase &&
		a.Winner == b.Winner && a.Interval == b.Interval && a.Queue == b.Queue &&
		slices.Equal(a.Players, b.Players) && slices.Equal(a.Gems, b.Gems)
}

func cloneSnapshot(s *Snapshot) *Snapshot {
	c := *s
	c.Players, c.Gems = slices.Clone(s.Players), slices.Clone(s.Gems)
	return &c
}

func TestGoldenDeltasApplyToGoldenSnapshot(t *testing.T) {
	tests := []struct {
		name  string
		d     *SnapshotDelta
		want  *Snapshot
		flags byte
	}{
		{"joined, interval 3", goldenDelta, &Snapshot{Tick: 12, Ack: 11, Round: 1, Interval: 3, Queue: 2,
			Players: []PlayerState{{ID: 1, X: 0x103, Y: 0x200 - 200}, {ID: 4, X: 50, Y: 60}},
			Gems:    []GemState{{ID: 9, X: 5, Y: 6}}}, 4},
		{"common", goldenDeltaCommon, &Snapshot{Tick: 10, Ack: 9, Round: 1, Interval: 2, Queue: 1,
			Players: []PlayerState{{ID: 1, X: 0xFF, Y: 0x240}}, Gems: goldenSnapshot.Gems}, 7},
		{"queue 2", goldenDeltaQueue, &Snapshot{Tick: 10, Ack: 9, Round: 1, Interval: 2, Queue: 2,
			Players: []PlayerState{{ID: 1, X: 0xFF, Y: 0x240}}, Gems: goldenSnapshot.Gems}, 5},
		{"ack behind", goldenDeltaAckBehind, &Snapshot{Tick: 11, Ack: 5, Round: 1, Interval: 2, Queue: 1,
			Players: goldenSnapshot.Players}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.d.Apply(goldenSnapshot)
			if err != nil || !sameSnapshot(got, tt.want) {
				t.Fatalf("Apply = %+v, %v; want %+v", got, err, tt.want)
			}
			// The host's own delta is these very bytes: it still names the players and
			// fills the header in, but neither travels when the flags say so.
			d := NewSnapshotDelta(tt.want, goldenSnapshot)
			if d.flags() != tt.flags {
				t.Fatalf("NewSnapshotDelta = %+v: flags %#x, want %#x", d, d.flags(), tt.flags)
			}
			b, _ := AppendMessage(nil, d)
			if golden, _ := AppendMessage(nil, tt.d); !bytes.Equal(b, golden) {
				t.Fatalf("encoded\n got %x\nwant %x", b, golden)
			}
		})
	}
	d := NewSnapshotDelta(tests[1].want, goldenSnapshot)
	if d.Players[0].ID != 1 || d.Round != 1 || d.Interval != 2 || d.Queue != 1 || d.Ack != 1 {
		t.Fatalf("common: NewSnapshotDelta = %+v; want the ids and the header filled in, the ack as offset 1", d)
	}
}

// TestDeltaSize compares a delta with the full snapshot for a lobby of 8 players and 5
// gems: standing still, all running straight for 3 ticks at 72 units a tick, and all
// running diagonally (51 a tick on each axis), while the ack moves on by 3. First with
// everything the baseline says left out, as for most of a round; then with the header
// written, as when the player's input queue has just grown or shrunk; then with the
// ids listed, as when someone has just joined or left; then with nothing left out, as
// when also the round's header changes and the ack is behind. At 20 a second, with the
// 58 bytes of IP, UDP and QUIC headers on each, the diagonal delta is what a
// struggling link's 24 kbit/s must carry.
func TestDeltaSize(t *testing.T) {
	base := &Snapshot{Tick: 100, Ack: 1000, Interval: 3, Queue: 2}
	for i := range 8 {
		base.Players = append(base.Players, PlayerState{ID: uint8(i + 1), X: uint16(1000 + 900*i), Y: 4000})
	}
	for i := range 5 {
		base.Gems = append(base.Gems, GemState{ID: uint16(i + 1), X: uint16(700 * i), Y: 2000})
	}
	moved := func(dx, dy int) *Snapshot {
		s := cloneSnapshot(base)
		s.Tick, s.Ack = s.Tick+3, s.Ack+3
		for i := range s.Players {
			s.Players[i].X, s.Players[i].Y = uint16(int(s.Players[i].X)+dx), uint16(int(s.Players[i].Y)+dy)
		}
		return s
	}
	size := func(cur *Snapshot, flags byte) int {
		d := NewSnapshotDelta(cur, base)
		if d.flags() != knownFlags {
			t.Fatalf("%+v: not everything left out", d)
		}
		d.SameIDs, d.SameHeader = flags&flagSameIDs != 0, flags&flagSameHeader != 0
		if flags&flagAckOffset == 0 {
			d.AckOffset, d.Ack = false, cur.Ack
		}
		b, err := AppendMessage(nil, d)
		if err != nil {
			t.Fatal(err)
		}
		if s, err := Parse(b); err != nil {
			t.Fatal(err)
		} else if got, err := s.(*SnapshotDelta).Apply(base); err != nil || !sameSnapshot(got, cur) {
			t.Fatalf("flags %#x: Apply = %+v, %v", flags, got, err)
		}
		return len(b)
	}
	kbits := func(n int) float64 { return float64((n+58)*8*20) / 1000 }
	full, _ := AppendMessage(nil, base)
	var got []int
	for _, flags := range []byte{knownFlags, flagSameIDs | flagAckOffset, flagSameHeader | flagAckOffset, 0} {
		still, straight, diagonal := size(moved(0, 0), flags), size(moved(3*72, 0), flags), size(moved(-3*51, 3*51), flags)
		t.Logf("8 players, 5 gems, flags %#x: full %d bytes; delta %d standing still, %d all running 3 ticks straight, "+
			"%d diagonally (%.1f kbit/s at 20 a second, full %.1f)",
			flags, len(full), still, straight, diagonal, kbits(diagonal), kbits(len(full)))
		got = append(got, still, straight, diagonal)
	}
	if want := []int{27, 35, 43, 33, 41, 49, 35, 43, 51, 44, 52, 60}; len(full) != 87 || !slices.Equal(got, want) {
		t.Fatalf("full %d, deltas %v; want 87, %v", len(full), got, want)
	}
}
