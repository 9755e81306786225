package wire

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomPair makes a baseline and a later snapshot the way a round changes them —
// players join, leave, stand, run, respawn; gems are taken, added, moved; the round
// ends, the link's rate moves, the input queue grows or shrinks, the ack creeps on —
// and now and then in ways the host never does (gems reordered, ids repeated, players
// unsorted, the ack going back or leaping). About half the pairs keep the baseline's
// players, in its order, and half its header, most its queue; three in four have an
// ack at most 2^28 − 1 after the baseline's.
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
	base = &Snapshot{Tick: rng.Uint32N(1 << 30), Round: uint16(rng.IntN(9)), Phase: uint8(rng.IntN(3)),
		Winner: uint8(rng.IntN(4)), Interval: uint8(1 + rng.IntN(3)), Queue: uint8(rng.IntN(5))}
	cur = &Snapshot{Tick: base.Tick + 1 + rng.Uint32N(60),
		Round: base.Round, Phase: base.Phase, Winner: base.Winner, Interval: base.Interval, Queue: base.Queue}
	randomHeader(rng, cur)
	base.Ack, cur.Ack = randomAcks(rng)
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

// randomHeader changes half the headers it is given, one field at a time as a round
// does, or now and then all at once; the queue alone in one of twelve.
func randomHeader(rng *rand.Rand, s *Snapshot) {
	switch rng.IntN(12) {
	case 0:
		s.Round++ // a new round
	case 1:
		s.Phase = (s.Phase + 1) % 3
	case 2:
		s.Winner = (s.Winner + 1 + uint8(rng.IntN(254))) % 255
	case 3:
		s.Interval = s.Interval%3 + 1 // the link's rate moves
	case 4: // an input more waits at the host, or one less
		if s.Queue > 0 && rng.IntN(2) == 0 {
			s.Queue--
		} else {
			s.Queue++
		}
	case 5:
		s.Round, s.Phase, s.Winner, s.Interval = uint16(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32())
		s.Queue = uint8(rng.Uint32())
	}
}

// randomAcks gives a baseline's ack and a later one: most a few inputs on, some far on
// (every varint length, and past the four bytes an offset may take), some behind, some
// at the top of the range.
func randomAcks(rng *rand.Rand) (base, cur uint32) {
	base = rng.Uint32N(1 << 31)
	switch rng.IntN(8) {
	case 0:
		return base, base
	case 1, 2:
		return base, base + rng.Uint32N(1<<7)
	case 3:
		return base, base + 1<<7 + rng.Uint32N(1<<21-1<<7)
	case 4:
		return base, base + 1<<28 - 1 - rng.Uint32N(1<<28-1<<21)
	case 5:
		return base, base + 1<<28 + rng.Uint32N(1<<31-1<<28)
	case 6:
		return base, rng.Uint32N(base)
	}
	base = math.MaxUint32 - rng.Uint32N(1<<8)
	return base, base + rng.Uint32N(math.MaxUint32-base+1)
}

func TestDeltaRebuildsTheSnapshot(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var sameIDs, queueMoved, queueAlone int
	var flags [8]int // deltas sent, by flags
	const pairs = 20000
	for i := range pairs {
		cur, base := randomPair(rng)
		want, baseBefore := cloneSnapshot(cur), cloneSnapshot(base)
		d := NewSnapshotDelta(cur, base)
		same := len(cur.Players) == len(base.Players)
		for j := 0; same && j < len(cur.Players); j++ {
			same = cur.Players[j].ID == base.Players[j].ID
		}
		roundSame := cur.Round == base.Round && cur.Phase == base.Phase && cur.Winner == base.Winner && cur.Interval == base.Interval
		sameHeader := roundSame && cur.Queue == base.Queue
		offset := cur.Ack >= base.Ack && cur.Ack-base.Ack < 1<<28
		if d.SameIDs != same || d.SameHeader != sameHeader || d.AckOffset != offset ||
			(offset && d.Ack != cur.Ack-base.Ack) || (!offset && d.Ack != cur.Ack) {
			t.Fatalf("pair %d: %+v\nfor %+v\nagainst %+v", i, d, cur, base)
		}
		if same {
			sameIDs++
		}
		if cur.Queue != base.Queue {
			queueMoved++
			if roundSame { // the queue alone must send the header
				queueAlone++
			}
		}
		if rng.IntN(4) == 0 { // what the baseline says may also travel
			d.SameIDs, d.SameHeader = d.SameIDs && rng.IntN(2) == 0, d.SameHeader && rng.IntN(2) == 0
			if rng.IntN(2) == 0 {
				d.AckOffset, d.Ack = false, cur.Ack
			}
		}
		flags[d.flags()]++
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
		// What did not travel parses as 0: the ids, the header.
		parsed, sent := m.(*SnapshotDelta), *d
		sent.Players = slices.Clone(d.Players)
		for j := range sent.Players {
			if d.SameIDs {
				sent.Players[j].ID = 0
			}
		}
		if d.SameHeader {
			sent.Round, sent.Phase, sent.Winner, sent.Interval, sent.Queue = 0, 0, 0, 0, 0
		}
		if parsed.flags() != sent.flags() || parsed.Ack != sent.Ack || parsed.Baseline != sent.Baseline ||
			parsed.Round != sent.Round || parsed.Phase != sent.Phase || parsed.Winner != sent.Winner ||
			parsed.Interval != sent.Interval || parsed.Queue != sent.Queue || !slices.Equal(parsed.Players, sent.Players) {
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
	if queueAlone < pairs/20 || queueMoved > pairs/3 {
		t.Fatalf("%d of %d pairs changed the queue, %d of them alone; want most to keep it and some to change "+
			"nothing else", queueMoved, pairs, queueAlone)
	}
	if slices.Min(flags[:]) < pairs/40 {
		t.Fatalf("deltas by flags: %v; want every combination at least %d times", flags, pairs/40)
	}
	t.Logf("%d of %d pairs kept the baseline's ids, %d changed the queue (%d nothing else); deltas by flags 0…7: %v",
		sameIDs, pairs, queueMoved, queueAlone, flags)
}

// TestOneDeltaReheadedForManyPlayers: the host makes the delta of a snapshot against
// a baseline once and, for each further player with that baseline, changes only its
// head to their own ack, interval and queue (theirs and in their copy of the
// baseline). That is the delta made for them from scratch, and its head and body
// after the type byte are what Append writes.
func TestOneDeltaReheadedForManyPlayers(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	var d SnapshotDelta
	for range 3000 {
		cur, base := randomPair(rng)
		d.Between(cur, base)
		for range 4 {
			mine, myBase := *cur, *base
			myBase.Ack, mine.Ack = randomAcks(rng)
			mine.Interval, mine.Queue = uint8(1+rng.IntN(3)), uint8(rng.IntN(5))
			myBase.Interval, myBase.Queue = uint8(1+rng.IntN(3)), uint8(rng.IntN(5))
			d.Rehead(&mine, &myBase)
			want := NewSnapshotDelta(&mine, &myBase)
			wantBytes, wantErr := AppendMessage(nil, want)
			gotBytes, gotErr := AppendMessage(nil, &d)
			if (gotErr == nil) != (wantErr == nil) || !slices.Equal(gotBytes, wantBytes) {
				t.Fatalf("reheaded delta %x (%v), from scratch %x (%v)", gotBytes, gotErr, wantBytes, wantErr)
			}
			if wantErr != nil {
				continue
			}
			split := d.AppendBody(d.AppendHead([]byte{byte(TypeSnapshotDelta)}))
			if !slices.Equal(split, wantBytes) {
				t.Fatalf("head and body %x, Append %x", split, wantBytes)
			}
		}
	}
}
