package wire

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sameSnapshot compares field by field, so that a nil and an empty list are equal.
func sameSnapshot(a, b *Snapshot) bool {
	return a.Tick == b.Tick && a.Ack == b.Ack && a.Round == b.Round && a.Phase == b.Phase &&
		a.Winner == b.Winner && a.Interval == b.Interval &&
		slices.Equal(a.Players, b.Players) && slices.Equal(a.Gems, b.Gems)
}

func cloneSnapshot(s *Snapshot) *Snapshot {
	c := *s
	c.Players, c.Gems = slices.Clone(s.Players), slices.Clone(s.Gems)
	return &c
}

func TestGoldenDeltaAppliesToGoldenSnapshot(t *testing.T) {
	want := &Snapshot{Tick: 12, Ack: 11, Round: 1, Interval: 2,
		Players: []PlayerState{{ID: 1, X: 0x103, Y: 0x200 - 200}, {ID: 4, X: 50, Y: 60}},
		Gems:    []GemState{{ID: 9, X: 5, Y: 6}}}
	got, err := goldenDelta.Apply(goldenSnapshot)
	if err != nil || !sameSnapshot(got, want) {
		t.Fatalf("Apply = %+v, %v; want %+v", got, err, want)
	}
	if d := NewSnapshotDelta(want, goldenSnapshot); !slices.Equal(d.Players, goldenDelta.Players) ||
		!slices.Equal(d.Gone, goldenDelta.Gone) || !slices.Equal(d.New, goldenDelta.New) || d.Baseline != 9 {
		t.Fatalf("NewSnapshotDelta = %+v, want %+v", d, goldenDelta)
	}
}

// randomPair makes a baseline and a later snapshot the way a round changes them —
// players join, leave, stand, run, respawn; gems are taken, added, moved — and now and
// then in ways the host never does (gems reordered, ids repeated, players unsorted).
func randomPair(rng *rand.Rand) (cur, base *Snapshot) {
	coord := func() uint16 {
		switch rng.IntN(8) {
		case 0:
			return 0
		case 1:
			return 0xFFFF
		}
		return uint16(rng.Uint32())
	}
	step := func(v uint16) uint16 { return uint16(min(max(int(v)+rng.IntN(433)-216, 0), 0xFFFF)) }
	base = &Snapshot{Tick: rng.Uint32N(1 << 30), Ack: rng.Uint32(), Round: uint16(rng.IntN(9)), Interval: 1}
	cur = &Snapshot{Tick: base.Tick + 1 + rng.Uint32N(60), Ack: rng.Uint32(), Round: base.Round,
		Phase: uint8(rng.IntN(3)), Winner: uint8(rng.IntN(4)), Interval: uint8(1 + rng.IntN(3))}
	for _, id := range rng.Perm(40)[:rng.IntN(33)] {
		base.Players = append(base.Players, PlayerState{ID: uint8(id), X: coord(), Y: coord()})
	}
	for _, p := range base.Players {
		switch rng.IntN(10) {
		case 0: // left
		case 1, 2: // stood still
			cur.Players = append(cur.Players, p)
		case 3: // respawned
			cur.Players = append(cur.Players, PlayerState{ID: p.ID, X: coord(), Y: coord()})
		default:
			cur.Players = append(cur.Players, PlayerState{ID: p.ID, X: step(p.X), Y: step(p.Y)})
		}
	}
	for id := 40; len(cur.Players) < 32 && rng.IntN(3) == 0; id++ { // joined
		cur.Players = append(cur.Players, PlayerState{ID: uint8(id), X: coord(), Y: coord()})
	}
	slices.SortFunc(cur.Players, func(a, b PlayerState) int { return int(a.ID) - int(b.ID) })
	if rng.IntN(20) == 0 {
		rng.Shuffle(len(cur.Players), func(i, j int) { cur.Players[i], cur.Players[j] = cur.Players[j], cur.Players[i] })
	}

	nextGem := uint16(rng.IntN(1000))
	gem := func() GemState { nextGem++; return GemState{ID: nextGem, X: coord(), Y: coord()} }
	for range rng.IntN(9) {
		base.Gems = append(base.Gems, gem())
	}
	var moved []GemState
	for _, g := range base.Gems {
		switch rng.IntN(6) {
		case 0: // taken
		case 1: // moved: gone, and back at the end under the same id
			moved = append(moved, GemState{ID: g.ID, X: coord(), Y: coord()})
		default:
			cur.Gems = append(cur.Gems, g)
		}
	}
	cur.Gems = append(cur.Gems, moved...)
	for len(cur.Gems) < 8 && rng.IntN(2) == 0 {
		cur.Gems = append(cur.Gems, gem())
	}
	switch rng.IntN(20) {
	case 0:
		rng.Shuffle(len(cur.Gems), func(i, j int) { cur.Gems[i], cur.Gems[j] = cur.Gems[j], cur.Gems[i] })
	case 1:
		if len(base.Gems) > 1 { // a repeated id in the baseline
			base.Gems[len(base.Gems)-1].ID = base.Gems[0].ID
		}
	}
	return cur, base
}

func TestDeltaRebuildsTheSnapshot(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		cur, base := randomPair(rng)
		want, baseBefore := cloneSnapshot(cur), cloneSnapshot(base)
		d := NewSnapshotDelta(cur, base)
		for j := range cur.Players { // the host reuses its snapshot's lists
			cur.Players[j] = PlayerState{}
		}
		for j := range cur.Gems {
			cur.Gems[j] = GemState{}
		}
		got, err := d.Apply(base)
		if err != nil || !sameSnapshot(got, want) {
			t.Fatalf("pair %d: Apply = %+v, %v\nwant %+v\nbase %+v\ndelta %+v", i, got, err, want, base, d)
		}
		b, err := AppendMessage(nil, d)
		if err != nil {
			t.Fatalf("pair %d: %v", i, err)
		}
		m, err := Parse(b)
		if err != nil {
			t.Fatalf("pair %d: %x: %v", i, b, err)
		}
		for n := range len(b) {
			if _, err := Parse(b[:n]); err == nil {
				t.Fatalf("pair %d: prefix of %d/%d bytes parsed", i, n, len(b))
			}
		}
		if got, err := m.(*SnapshotDelta).Apply(base); err != nil || !sameSnapshot(got, want) {
			t.Fatalf("pair %d through bytes: Apply = %+v, %v\nwant %+v", i, got, err, want)
		}
		if !sameSnapshot(base, baseBefore) {
			t.Fatalf("pair %d: Apply changed the baseline", i)
		}
	}
}

// TestDeltaSize compares a delta with the full snapshot for a lobby of 8 players and 5
// gems: standing still, all running straight for 3 ticks at 72 units a tick, and all
// running diagonally (51 a tick on each axis).
func TestDeltaSize(t *testing.T) {
	base := &Snapshot{Tick: 100, Interval: 1}
	for i := range 8 {
		base.Players = append(base.Players, PlayerState{ID: uint8(i + 1), X: uint16(1000 + 900*i), Y: 4000})
	}
	for i := range 5 {
		base.Gems = append(base.Gems, GemState{ID: uint16(i + 1), X: uint16(700 * i), Y: 2000})
	}
	moved := func(dx, dy int) *Snapshot {
		s := cloneSnapshot(base)
		s.Tick += 3
		for i := range s.Players {
			s.Players[i].X, s.Players[i].Y = uint16(int(s.Players[i].X)+dx), uint16(int(s.Players[i].Y)+dy)
		}
		return s
	}
	size := func(cur *Snapshot) int {
		b, err := AppendMessage(nil, NewSnapshotDelta(cur, base))
		if err != nil {
			t.Fatal(err)
		}
		return len(b)
	}
	full, _ := AppendMessage(nil, base)
	still, straight, diagonal := size(moved(0, 0)), size(moved(3*72, 0)), size(moved(-3*51, 3*51))
	t.Logf("8 players, 5 gems: full %d bytes; delta %d standing still, %d all running 3 ticks straight, %d diagonally",
		len(full), still, straight, diagonal)
	if len(full) != 86 || still != 45 || straight != 53 || diagonal != 61 {
		t.Fatalf("sizes %d, %d, %d, %d; want 86, 45, 53, 61", len(full), still, straight, diagonal)
	}
}
