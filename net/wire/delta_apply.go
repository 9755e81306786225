package wire

import (
	"fmt"
	"math"
	"slices"
)

// NewSnapshotDelta writes cur against base, an older snapshot (cur.Tick > base.Tick)
// that the receiving player has acknowledged. The host sends it in place of cur when
// Append accepts it and it is the smaller of the two: a delta of players who all jumped
// far can be larger than the snapshot itself. The delta shares no memory with cur or
// base, so the host may reuse cur's slices at once.
//
// base must be the snapshot exactly as that player received it, their own Ack,
// Interval and Queue included: the delta may leave the header and the ack's high bytes
// out, and the player takes them from their copy of base.
//
// SameIDs is set when cur's players have base's ids in base's order, as they do for the
// whole of a round unless someone joins or leaves; the entries still name their players.
// SameHeader is set when cur's round, phase, winner, interval and queue are all base's;
// the fields are still filled in. AckOffset is set when cur's ack is at or after base's
// and the offset takes no more bytes than the ack itself (less than 2^28: four varint
// bytes), and then Ack holds the offset.
//
// Gems are matched in order: the base's gems that begin cur's list are kept, every
// other base gem is gone, and the rest of cur is new. That is exact for how the host
// changes gems (it removes some and appends new ones) and correct for any other change.
func NewSnapshotDelta(cur, base *Snapshot) *SnapshotDelta {
	d := new(SnapshotDelta)
	d.Between(cur, base)
	return d
}

// Between makes d the delta NewSnapshotDelta(cur, base) would return, reusing d's
// slices: a host that keeps one SnapshotDelta writes every player's without
// allocating.
func (d *SnapshotDelta) Between(cur, base *Snapshot) {
	*d = SnapshotDelta{
		Tick: cur.Tick, Baseline: base.Tick, Round: cur.Round, Phase: cur.Phase, Winner: cur.Winner,
		SameIDs: slices.EqualFunc(cur.Players, base.Players, func(c, b PlayerState) bool { return c.ID == b.ID }),
		Players: slices.Grow(d.Players[:0], len(cur.Players))[:len(cur.Players)],
		Gone:    d.Gone[:0],
		New:     d.New[:0],
	}
	d.Rehead(cur, base)
	var at positions
	at.fill(base)
	for i, p := range cur.Players {
		from := at[p.ID]
		d.Players[i] = PlayerDelta{ID: p.ID, DX: int32(p.X) - int32(from[0]), DY: int32(p.Y) - int32(from[1])}
	}
	d.Gone, d.New = gemChanges(d.Gone, d.New, cur.Gems, base.Gems)
}

// Rehead sets what of d depends on the player's own ack, interval and queue, in cur
// and in their copy of base (the ack and its offset, the interval and queue, whether
// the header is base's), to what Between(cur, base) would, and keeps the rest: the
// deltas of one snapshot against one baseline differ from player to player only
// there. d must be Between(cur, base2) of a base2 that differs from base at most in
// those fields.
func (d *SnapshotDelta) Rehead(cur, base *Snapshot) {
	d.Ack, d.AckOffset, d.Interval, d.Queue = cur.Ack, false, cur.Interval, cur.Queue
	if off := cur.Ack - base.Ack; cur.Ack >= base.Ack && off < 1<<28 {
		d.AckOffset, d.Ack = true, off
	}
	d.SameHeader = cur.Round == base.Round && cur.Phase == base.Phase && cur.Winner == base.Winner &&
		cur.Interval == base.Interval && cur.Queue == base.Queue
}

// gemChanges appends to gone the base gems that cur no longer starts with, and to
// added cur's gems after the ones kept.
func gemChanges(gone []uint16, added []GemState, cur, base []GemState) ([]uint16, []GemState) {
	if !uniqueGemIDs(base) {
		// A gone id could not say which of two equal ids went: replace every gem.
		for _, g := range base {
			gone = append(gone, g.ID)
		}
		return gone, append(added, cur...)
	}
	kept := 0
	for _, g := range base {
		if kept < len(cur) && cur[kept] == g {
			kept++
		} else {
			gone = append(gone, g.ID)
		}
	}
	return gone, append(added, cur[kept:]...)
}

func uniqueGemIDs(gems []GemState) bool {
	for i, g := range gems {
		for _, h := range gems[i+1:] {
			if g.ID == h.ID {
				return false
			}
		}
	}
	return true
}

// positions maps a player id to their position in a snapshot, (0,0) for a player it
// does not have; of a repeated id the last position counts. NewSnapshotDelta and Apply
// both look players up through it, so they agree even on such a snapshot.
type positions [256][2]uint16

func (at *positions) fill(s *Snapshot) {
	for _, p := range s.Players {
		at[p.ID] = [2]uint16{p.X, p.Y}
	}
}

// Apply rebuilds the full snapshot d was written as, from base: the snapshot at
// d.Baseline that the player kept. It checks, in order, that base is that snapshot
// (ErrBaselineMismatch: another tick, or, when SameIDs says the players are base's, a
// different number of them), that the ack offset keeps the ack within 32 bits
// (ErrOutOfRange), that the result is no larger than a full snapshot may be (ErrTooLong,
// ErrUnknownGem when more gems are gone than base has), that every player lands inside
// the arena's coordinates (ErrOutOfRange) and that every gone gem is in base
// (ErrUnknownGem). With SameIDs the ids come from base, with SameHeader the round …
// queue, whatever d holds; with AckOffset the ack is base's plus d.Ack. Neither
// base nor d is changed, and the result shares no memory with them.
func (d *SnapshotDelta) Apply(base *Snapshot) (*Snapshot, error) {
	if base.Tick != d.Baseline {
		return nil, fmt.Errorf("%w: delta against tick %d, baseline given is tick %d", ErrBaselineMismatch, d.Baseline, base.Tick)
	}
	if d.SameIDs && len(d.Players) != len(base.Players) {
		return nil, fmt.Errorf("%w: delta keeps the baseline's %d players, the baseline given has %d",
			ErrBaselineMismatch, len(d.Players), len(base.Players))
	}
	ack := d.Ack
	if d.AckOffset {
		if ack > math.MaxUint32-base.Ack {
			return nil, fmt.Errorf("%w: ack %d after the baseline's %d", ErrOutOfRange, d.Ack, base.Ack)
		}
		ack += base.Ack
	}
	if len(d.Gone) > len(base.Gems) {
		return nil, fmt.Errorf("%w: %d gems gone from a baseline of %d", ErrUnknownGem, len(d.Gone), len(base.Gems))
	}
	gems := len(base.Gems) - len(d.Gone) + len(d.New)
	if len(d.Players) > 255 || gems > 255 || SnapshotSize(len(d.Players), gems) > MaxDatagramSize {
		return nil, fmt.Errorf("%w: snapshot of %d players and %d gems", ErrTooLong, len(d.Players), gems)
	}
	s := &Snapshot{
		Tick: d.Tick, Ack: ack, Round: d.Round, Phase: d.Phase, Winner: d.Winner, Interval: d.Interval, Queue: d.Queue,
		Players: make([]PlayerState, len(d.Players)),
		Gems:    make([]GemState, 0, len(base.Gems)+len(d.New)),
	}
	if d.SameHeader {
		s.Round, s.Phase, s.Winner, s.Interval, s.Queue = base.Round, base.Phase, base.Winner, base.Interval, base.Queue
	}
	var at positions
	at.fill(base)
	for i, p := range d.Players {
		if d.SameIDs { // parsed, p.ID is 0; written, it is already this
			p.ID = base.Players[i].ID
		}
		from := at[p.ID]
		x, y := int64(from[0])+int64(p.DX), int64(from[1])+int64(p.DY)
		if x < 0 || x > 0xFFFF || y < 0 || y > 0xFFFF {
			return nil, fmt.Errorf("%w: player %d at (%d, %d)", ErrOutOfRange, p.ID, x, y)
		}
		s.Players[i] = PlayerState{ID: p.ID, X: uint16(x), Y: uint16(y)}
	}
	s.Gems = append(s.Gems, base.Gems...)
	for _, id := range d.Gone {
		i := 0
		for i < len(s.Gems) && s.Gems[i].ID != id {
			i++
		}
		if i == len(s.Gems) {
			return nil, fmt.Errorf("%w: gem %d", ErrUnknownGem, id)
		}
		s.Gems = append(s.Gems[:i], s.Gems[i+1:]...)
	}
	s.Gems = append(s.Gems, d.New...)
	return s, nil
}
