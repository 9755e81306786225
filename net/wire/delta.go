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
// not at all, the roster rarely changes, the round's header hardly ever, and the ack
// only creeps forward. A player standing still costs two bytes instead of five, one
// running for a few ticks three or four, an unchanged gem nothing instead of six, and
// the header 11 bytes instead of 20. Build one with NewSnapshotDelta and turn it back
// with Apply.
//
// Three flags leave out what the baseline already says. Each is a promise about the
// baseline that only Apply, which has it, can check or use; Parse leaves what did not
// travel at 0 and Append writes what the flags say without looking at the rest.
type SnapshotDelta struct {
	Tick uint32
	// Ack is as in Snapshot, or with AckOffset the ack minus the baseline's: what
	// travels, so that Append writes back exactly what Parse read.
	Ack uint32
	// Baseline is the tick of the snapshot this one is written against, older than Tick
	// by 1 to 255 ticks: it travels as that difference, one byte instead of four, since
	// the host only writes against snapshots it still keeps (a second's worth at most).
	Baseline uint32
	Round    uint16
	Phase    uint8
	Winner   uint8
	Interval uint8
	Queue    uint8
	// SameIDs says the players are exactly the baseline's, the same ids in the same
	// order, so their ids stay off the wire: a byte a player, on nearly every delta of a
	// round. NewSnapshotDelta sets it (and still fills in PlayerDelta.ID); Parse cannot
	// know the ids and leaves them 0; Apply takes them from the baseline.
	SameIDs bool
	// SameHeader says Round, Phase, Winner, Interval and Queue are the baseline's and
	// stay off the wire: six bytes, of which the first five change a few times a round
	// and the queue (a two-second mean) when the player's inputs start arriving earlier
	// or later than they did. One flag for all six keeps the flags byte and the layouts few; a change of
	// any one of them sends them all. As with SameIDs, NewSnapshotDelta still fills them
	// in, Parse leaves them 0, Apply takes the baseline's.
	SameHeader bool
	// AckOffset says Ack is the ack minus the baseline's, as a uvarint: the host applies
	// a few inputs between two snapshots, so one byte instead of four. Only for an ack
	// at or after the baseline's, so the offset is never negative.
	AckOffset bool
	Players   []PlayerDelta // every player of the snapshot, in its order
	Gone      []uint16      // ids of the baseline's gems that are no longer there
	New       []GemState    // gems that follow the baseline's remaining ones
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
	// ErrOutOfRange is a position outside the u16 arena, or an ack offset that takes the
	// ack past 32 bits.
	ErrOutOfRange = errors.New("wire: position or ack out of range")
	ErrBadVarint  = errors.New("wire: varint not in its shortest form")
	// ErrBadFlags is a flags byte with a bit this version does not know: such a bit could
	// change the layout of everything after it, so nothing after it is read.
	ErrBadFlags = errors.New("wire: delta flags byte has an unknown bit")
)

// The flags byte of a SnapshotDelta.
const (
	flagSameIDs    = 1 << 0
	flagSameHeader = 1 << 1
	flagAckOffset  = 1 << 2
	knownFlags     = flagSameIDs | flagSameHeader | flagAckOffset
)

const (
	// deltaFixed is what every delta has: type, tick, since, flags, and the player, gone
	// and new counts.
	deltaFixed = 1 + 4 + 1 + 1 + 1 + 1 + 1
	// deltaRoundLen is round … queue, on the wire unless SameHeader.
	deltaRoundLen = 2 + 1 + 1 + 1 + 1
	// maxSince is the farthest back a baseline can be: the offset is one byte.
	maxSince = 0xFF
	// maxDelta is the largest change of a coordinate: positions are u16.
	maxDelta = 0xFFFF
	// minPlayerDeltaLen is two one-byte varints, after an id unless SameIDs; parse
	// refuses a player count the rest of the datagram could not hold before allocating
	// for it.
	minPlayerDeltaLen = 2
	goneLen           = 2
)

func (*SnapshotDelta) Type() Type { return TypeSnapshotDelta }

func (d *SnapshotDelta) flags() byte {
	var f byte
	if d.SameIDs {
		f |= flagSameIDs
	}
	if d.SameHeader {
		f |= flagSameHeader
	}
	if d.AckOffset {
		f |= flagAckOffset
	}
	return f
}

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
	n := deltaFixed + goneLen*len(d.Gone) + gemStateLen*len(d.New)
	if d.AckOffset {
		n += uvarintLen(d.Ack)
	} else {
		n += 4
	}
	if !d.SameHeader {
		n += deltaRoundLen
	}
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
	return uvarintLen64(zigzag)
}

// uvarintLen is the length of binary.AppendUvarint(nil, v): 1 to 5 bytes.
func uvarintLen(v uint32) int { return uvarintLen64(uint64(v)) }

func uvarintLen64(v uint64) int { return (bits.Len64(v|1) + 6) / 7 }

// Append writes d. With SameIDs it leaves the ids out, with SameHeader the round …
// queue, and with AckOffset it writes Ack as the offset it then holds, without
// checking any of them against anything: only Apply, which has the baseline, can.
func (d *SnapshotDelta) Append(b []byte) ([]byte, error) {
	n, err := d.size()
	if err != nil {
		return b, err
	}
	b = slices.Grow(b, n-1) // the caller wrote the type byte
	return d.AppendBody(d.AppendHead(b)), nil
}

// AppendHead writes d from its tick to its players: all that Rehead changes. Written
// after the type byte and followed by AppendBody, it is Append without its checks, so a
// host writing one snapshot's delta against one baseline for many players checks and
// writes the body once, and only the head for each.
func (d *SnapshotDelta) AppendHead(b []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, d.Tick)
	b = append(b, byte(d.Tick-d.Baseline), d.flags())
	if d.AckOffset {
		b = binary.AppendUvarint(b, uint64(d.Ack))
	} else {
		b = binary.BigEndian.AppendUint32(b, d.Ack)
	}
	if !d.SameHeader {
		b = binary.BigEndian.AppendUint16(b, d.Round)
		b = append(b, d.Phase, d.Winner, d.Interval, d.Queue)
	}
	return b
}

// AppendBody writes d's players and gems, which follow its head.
func (d *SnapshotDelta) AppendBody(b []byte) []byte {
	b = append(b, byte(len(d.Players)))
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
	return appendGems(b, d.New)
}
