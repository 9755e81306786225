package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// SnapshotDelta is a Snapshot written against an older one the player acknowledged
// (Baseline, from Input.Snapshot), so that a link short of bandwidth carries the same
// game in fewer bytes: between two snapshots most players move a little and most gems
// not at all, and the roster rarely changes. A player standing still costs two bytes
// instead of five, one running for a few ticks three or four, an unchanged gem nothing
// instead of six. Build one with NewSnapshotDelta and turn it back with Apply.
type SnapshotDelta struct {
	Tick uint32
	Ack  uint32 // as in Snapshot, and at the same offset, so SetSnapshotAck serves both
	// Baseline is the tick of the snapshot this one is written against, older than Tick
	// by 1 to 255 ticks: it travels as that difference, one byte instead of four, since
	// the host only writes against snapshots it still keeps (a second's worth at most).
	Baseline uint32
	Round    uint16
	Phase    uint8
	Winner   uint8
	Interval uint8
	// SameIDs says the players are exactly the baseline's, the same ids in the same
	// order, so their ids stay off the wire: a byte a player, on nearly every delta of a
	// round. NewSnapshotDelta sets it (and still fills in PlayerDelta.ID); Parse cannot
	// know the ids and leaves them 0; Apply takes them from the baseline.
	SameIDs bool
	Players []PlayerDelta // every player of the snapshot, in its order
	Gone    []uint16      // ids of the baseline's gems that are no longer there
	New     []GemState    // gems that follow the baseline's remaining ones
}

// PlayerDelta is a player's position minus their position in the baseline, or minus
// (0,0) when the baseline does not have them: a player who just joined costs a few
// bytes more, and needs no flag of their own.
type PlayerDelta struct {
	ID     uint8
	DX, DY int32
}

// Errors of a SnapshotDelta's Append, parse and Apply. Test them with errors.Is.
var (
	ErrBaselineNotOlder = errors.New("wire: delta baseline is not older than its tick")
	// ErrBaselineTooOld is a baseline further back than the one-byte offset reaches:
	// more than 255 ticks before the delta (Append), or before tick 0 (parse). The host
	// sends the whole snapshot instead.
	ErrBaselineTooOld   = errors.New("wire: delta baseline too far behind its tick")
	ErrBaselineMismatch = errors.New("wire: delta written against another baseline")
	ErrUnknownGem       = errors.New("wire: delta removes a gem its baseline does not have")
	ErrOutOfRange       = errors.New("wire: position out of range")
	ErrBadVarint        = errors.New("wire: varint not in its shortest form")
	ErrBadIDs           = errors.New("wire: delta ids byte is neither 0 nor 1")
)

const (
	// deltaHeader is type … interval, then the player count, the ids byte and the gone
	// and new counts.
	deltaHeader = 1 + 4 + 4 + 1 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1
	// maxSince is the farthest back a baseline can be: the offset is one byte.
	maxSince = 0xFF
	// The ids byte: each entry starts with its player's id, or the ids are the
	// baseline's and no entry carries one.
	idsListed = 0
	idsSame   = 1
	// maxDelta is the largest change of a coordinate: positions are u16.
	maxDelta = 0xFFFF
	// minPlayerDeltaLen is two one-byte varints, after an id unless SameIDs; parse
	// refuses a player count the rest of the datagram could not hold before allocating
	// for it.
	minPlayerDeltaLen = 2
	goneLen           = 2
)

func (*SnapshotDelta) Type() Type { return TypeSnapshotDelta }

// size is the encoded length, type byte included, or why d cannot be encoded.
func (d *SnapshotDelta) size() (int, error) {
	if d.Baseline >= d.Tick {
		return 0, fmt.Errorf("%w: baseline %d, tick %d", ErrBaselineNotOlder, d.Baseline, d.Tick)
	}
	if d.Tick-d.Baseline > maxSince {
		return 0, fmt.Errorf("%w: baseline %d, tick %d", ErrBaselineTooOld, d.Baseline, d.Tick)
	}
	if len(d.Players) > 255 || len(d.Gone) > 255 || len(d.New) > 255 {
		return 0, fmt.Errorf("%w: delta of %d players, %d gems gone and %d new",
			ErrTooLong, len(d.Players), len(d.Gone), len(d.New))
	}
	n := deltaHeader + goneLen*len(d.Gone) + gemStateLen*len(d.New)
	if !d.SameIDs {
		n += len(d.Players)
	}
	for _, p := range d.Players {
		if p.DX < -maxDelta || p.DX > maxDelta || p.DY < -maxDelta || p.DY > maxDelta {
			return 0, fmt.Errorf("%w: player %d moved by (%d, %d)", ErrOutOfRange, p.ID, p.DX, p.DY)
		}
		n += varintLen(p.DX) + varintLen(p.DY)
	}
	if n > MaxDatagramSize {
		return 0, fmt.Errorf("%w: delta of %d bytes", ErrTooLong, n)
	}
	return n, nil
}

// varintLen is the length of binary.AppendVarint(nil, v): 7 bits of the zigzag a byte.
func varintLen(v int32) int {
	zigzag := uint64(int64(v)<<1) ^ uint64(int64(v)>>63)
	return (bits.Len64(zigzag|1) + 6) / 7
}

// Append writes d. With SameIDs it leaves the ids out without checking them against
// anything: only Apply, which has the baseline, can.
func (d *SnapshotDelta) Append(b []byte) ([]byte, error) {
	n, err := d.size()
	if err != nil {
		return b, err
	}
	ids := byte(idsListed)
	if d.SameIDs {
		ids = idsSame
	}
	b = slices.Grow(b, n-1) // the caller wrote the type byte
	b = binary.BigEndian.AppendUint32(b, d.Tick)
	b = binary.BigEndian.AppendUint32(b, d.Ack)
	b = append(b, byte(d.Tick-d.Baseline))
	b = binary.BigEndian.AppendUint16(b, d.Round)
	b = append(b, d.Phase, d.Winner, d.Interval, byte(len(d.Players)), ids)
	for _, p := range d.Players {
		if !d.SameIDs {
			b = append(b, p.ID)
		}
		b = binary.AppendVarint(b, int64(p.DX))
		b = binary.AppendVarint(b, int64(p.DY))
	}
	b = append(b, byte(len(d.Gone)))
	for _, id := range d.Gone {
		b = binary.BigEndian.AppendUint16(b, id)
	}
	b = append(b, byte(len(d.New)))
	for _, g := range d.New {
		b = binary.BigEndian.AppendUint16(b, g.ID)
		b = binary.BigEndian.AppendUint16(b, g.X)
		b = binary.BigEndian.AppendUint16(b, g.Y)
	}
	return b, nil
}

func (d *SnapshotDelta) parse(r *reader) {
	start := len(r.b)
	d.Tick, d.Ack = r.u32(), r.u32()
	since := r.u8()
	d.Round, d.Phase, d.Winner, d.Interval = r.u16(), r.u8(), r.u8(), r.u8()
	n, ids := int(r.u8()), r.u8()
	entryLen := minPlayerDeltaLen
	if ids == idsListed {
		entryLen++
	}
	switch {
	case r.err != nil || len(r.b) < n*entryLen:
		r.err = ErrTruncated
		return
	case since == 0:
		r.err = fmt.Errorf("%w: baseline 0 ticks before tick %d", ErrBaselineNotOlder, d.Tick)
		return
	case uint32(since) > d.Tick:
		r.err = fmt.Errorf("%w: baseline %d ticks before tick %d", ErrBaselineTooOld, since, d.Tick)
		return
	case ids != idsListed && ids != idsSame:
		r.err = fmt.Errorf("%w: %d", ErrBadIDs, ids)
		return
	}
	d.Baseline, d.SameIDs = d.Tick-uint32(since), ids == idsSame
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
	d.New = make([]GemState, n)
	for i := range d.New {
		d.New[i] = GemState{ID: r.u16(), X: r.u16(), Y: r.u16()}
	}
}
