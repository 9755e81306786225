package wire

import "fmt"

// parse reads a SnapshotDelta in the order of its checks: the baseline offset and the
// flags first, since an unknown flag may mean another layout for all that follows;
// then the ack (a varint ack keeps its own error), the header unless SameHeader, and
// counts no larger than the bytes left, before allocating for them.
func (d *SnapshotDelta) parse(r *reader) {
	start := len(r.b)
	d.Tick = r.u32()
	since, flags := r.u8(), r.u8()
	switch {
	case r.err != nil:
		return
	case since == 0:
		r.err = fmt.Errorf("%w: baseline 0 ticks before tick %d", ErrBaselineNotOlder, d.Tick)
		return
	case uint32(since) > d.Tick:
		r.err = fmt.Errorf("%w: baseline %d ticks before tick %d", ErrBaselineTooOld, since, d.Tick)
		return
	case flags&^knownFlags != 0:
		r.err = fmt.Errorf("%w: %#02x", ErrBadFlags, flags)
		return
	}
	d.Baseline = d.Tick - uint32(since)
	d.SameIDs, d.SameHeader, d.AckOffset = flags&flagSameIDs != 0, flags&flagSameHeader != 0, flags&flagAckOffset != 0
	if d.AckOffset {
		d.Ack = r.uvarint32()
	} else {
		d.Ack = r.u32()
	}
	if !d.SameHeader {
		d.Round, d.Phase, d.Winner, d.Interval, d.Queue = r.u16(), r.u8(), r.u8(), r.u8(), r.u8()
	}
	n := int(r.u8())
	entryLen := minPlayerDeltaLen
	if !d.SameIDs {
		entryLen++
	}
	switch {
	case r.err != nil:
		return
	case len(r.b) < n*entryLen:
		r.err = ErrTruncated
		return
	}
	d.Players = make([]PlayerDelta, n)
	for i := range d.Players {
		if !d.SameIDs {
			d.Players[i].ID = r.u8()
		}
		d.Players[i].DX, d.Players[i].DY = r.delta(), r.delta()
	}
	if r.err != nil { // a bad varint keeps its own error
		return
	}
	n = int(r.u8())
	if r.err != nil || len(r.b) < n*goneLen {
		r.err = ErrTruncated
		return
	}
	d.Gone = make([]uint16, n)
	for i := range d.Gone {
		d.Gone[i] = r.u16()
	}
	n = int(r.u8())
	if r.err != nil || len(r.b) < n*gemStateLen {
		r.err = ErrTruncated
		return
	}
	if used := 1 + start - len(r.b) + n*gemStateLen; used > MaxDatagramSize { // as Append refuses
		r.err = fmt.Errorf("%w: delta of %d bytes", ErrTooLong, used)
		return
	}
	d.New = readGems(r, n)
}
