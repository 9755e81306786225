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
		!slices.Equal(d.Gone, goldenDelta.Gone) || !slices.Equal(d.New, goldenDelta.New) || d.Baseline != 9 || d.SameIDs {
		t.Fatalf("NewSnapshotDelta = %+v, want %+v", d, goldenDelta)
	}

	want = &Snapshot{Tick: 10, Ack: 9, Round: 1, Interval: 2,
		Players: []PlayerState{{ID: 1, X: 0xFF, Y: 0x240}}, Gems: goldenSnapshot.Gems}
	got, err = goldenDeltaSameIDs.Apply(goldenSnapshot)
	if err != nil || !sameSnapshot(got, want) {
		t.Fatalf("same ids: Apply = %+v, %v; want %+v", got, err, want)
	}
	d := NewSnapshotDelta(want, goldenSnapshot)
	if !d.SameIDs || !slices.Equal(d.Players, []PlayerDelta{{ID: 1, DX: -1, DY: 64}}) { // the sender still names them
		t.Fatalf("same ids: NewSnapshotDelta = %+v", d)
	}
	b, _ := AppendMessage(nil, d)
	if parsed, _ := AppendMessage(nil, goldenDeltaSameIDs); !slices.Equal(b, parsed) { // ids 0 or 1, no matter
		t.Fatalf("same ids: encoded\n got %x\nwant %x", b, parsed)
	}
}

// randomPair makes a baseline and a later snapshot the way a round changes them —
// players join, leave, stand, run, respawn; gems are taken, added, moved — and now and
// then in ways the host never does (gems reordered, ids repeated, players unsorted).
// Half the pairs keep the baseline's players, in its order, as a round mostly does.
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
	sameRoster := rng.IntN(2) == 0 // as for most of a round: nobody joins or leaves
	for _, p := range base.Players {
		switch rng.IntN(10) {
		case 0: // left
			if !sameRoster {
				continue
			}
			cur.Players = append(cur.Players, p)
		case 1, 2: // stood still
			cur.Players = append(cur.Players, p)
		case 3: // respawned
			cur.Players = append(cur.Players, PlayerState{ID: p.ID, X: coord(), Y: coord()})
		default:
			cur.Players = append(cur.Players, PlayerState{ID: p.ID, X: step(p.X), Y: step(p.Y)})
		}
	}
	if !sameRoster {
		for id := 40; len(cur.Players) < 32 && rng.IntN(3) == 0; id++ { // joined
			cur.Players = append(cur.Players, PlayerState{ID: uint8(id), X: coord(), Y: coord()})
		}
		slices.SortFunc(cur.Players, func(a, b PlayerState) int { return int(a.ID) - int(b.ID) })
	}
	if rng.IntN(20) == 0 { // the same players, most likely in another order
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
	var sameIDs int
	const pairs = 5000
	for i := range pairs {
		cur, base := randomPair(rng)
		want, baseBefore := cloneSnapshot(cur), cloneSnapshot(base)
		d := NewSnapshotDelta(cur, base)
		same := len(cur.Players) == len(base.Players)
		for j := 0; same && j < len(cur.Players); j++ {
			same = cur.Players[j].ID == base.Players[j].ID
		}
		if d.SameIDs != same {
			t.Fatalf("pair %d: SameIDs %v for players %v against %v", i, d.SameIDs, cur.Players, base.Players)
		}
		if same {
			sameIDs++
		}
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
		parsed, sent := m.(*SnapshotDelta), slices.Clone(d.Players)
		for j := range sent {
			if d.SameIDs { // ids that do not travel parse as 0
				sent[j].ID = 0
			}
		}
		if parsed.SameIDs != d.SameIDs || parsed.Baseline != d.Baseline || !slices.Equal(parsed.Players, sent) {
			t.Fatalf("pair %d: parsed %+v\nsent %+v", i, parsed, d)
		}
		if again, err := AppendMessage(nil, parsed); err != nil || !slices.Equal(again, b) {
			t.Fatalf("pair %d: re-encoded %x, %v; sent %x", i, again, err, b)
		}
		if got, err := parsed.Apply(base); err != nil || !sameSnapshot(got, want) {
			t.Fatalf("pair %d through bytes: Apply = %+v, %v\nwant %+v", i, got, err, want)
		}
		if !sameSnapshot(base, baseBefore) {
			t.Fatalf("pair %d: Apply changed the baseline", i)
		}
	}
	if sameIDs < pairs/3 || sameIDs > pairs*2/3 {
		t.Fatalf("%d of %d pairs kept the baseline's ids; want about half, so both layouts are tried", sameIDs, pairs)
	}
	t.Logf("%d of %d pairs kept the baseline's ids", sameIDs, pairs)
}

// TestDeltaSize compares a delta with the full snapshot for a lobby of 8 players and 5
// gems: standing still, all running straight for 3 ticks at 72 units a tick, and all
// running diagonally (51 a tick on each axis) — with the baseline's players, as for most
// of a round, and with ids listed, as when someone has just joined or left. At 20 a
// second, with the 58 bytes of IP, UDP and QUIC headers on each, the diagonal delta is
// what a struggling link's 24 kbit/s must carry.
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
	size := func(cur *Snapshot, listed bool) int {
		d := NewSnapshotDelta(cur, base)
		if !d.SameIDs {
			t.Fatalf("%+v: ids not the baseline's", d)
		}
		d.SameIDs = !listed
		b, err := AppendMessage(nil, d)
		if err != nil {
			t.Fatal(err)
		}
		return len(b)
	}
	kbits := func(n int) float64 { return float64((n+58)*8*20) / 1000 }
	full, _ := AppendMessage(nil, base)
	var got []int
	for _, listed := range []bool{false, true} {
		still, straight, diagonal := size(moved(0, 0), listed), size(moved(3*72, 0), listed), size(moved(-3*51, 3*51), listed)
		t.Logf("8 players, 5 gems, ids listed %v: full %d bytes; delta %d standing still, %d all running 3 ticks straight, "+
			"%d diagonally (%.1f kbit/s at 20 a second, full %.1f)",
			listed, len(full), still, straight, diagonal, kbits(diagonal), kbits(len(full)))
		got = append(got, still, straight, diagonal)
	}
	if want := []int{35, 43, 51, 43, 51, 59}; len(full) != 86 || !slices.Equal(got, want) {
		t.Fatalf("full %d, deltas %v; want 86, %v", len(full), got, want)
	}
}
