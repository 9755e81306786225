package wire

import (
	"errors"
	"strings"
	"testing"
)

func TestDeltaApplyErrors(t *testing.T) {
	base := &Snapshot{Tick: 9, Ack: 5, Round: 3, Phase: 1, Winner: 2, Interval: 3, Queue: 4,
		Players: []PlayerState{{ID: 1, X: 10, Y: 0xFFF0}}, Gems: []GemState{{ID: 7}, {ID: 8}}}
	tests := []struct {
		name string
		d    SnapshotDelta
		want error
	}{
		{"another baseline", SnapshotDelta{Tick: 12, Baseline: 8}, ErrBaselineMismatch},
		{"same ids, fewer players", SnapshotDelta{Tick: 12, Baseline: 9, SameIDs: true}, ErrBaselineMismatch},
		{"same ids, more players", SnapshotDelta{Tick: 12, Baseline: 9, SameIDs: true, Players: make([]PlayerDelta, 2)}, ErrBaselineMismatch},
		{"gone gem not in base", SnapshotDelta{Tick: 12, Baseline: 9, Gone: []uint16{5}}, ErrUnknownGem},
		{"gem gone twice", SnapshotDelta{Tick: 12, Baseline: 9, Gone: []uint16{7, 7}}, ErrUnknownGem},
		{"more gone than base has", SnapshotDelta{Tick: 12, Baseline: 9, Gone: []uint16{7, 8, 9}}, ErrUnknownGem},
		{"too many players", SnapshotDelta{Tick: 12, Baseline: 9, Players: make([]PlayerDelta, 236)}, ErrTooLong},
		{"too many gems", SnapshotDelta{Tick: 12, Baseline: 9, New: make([]GemState, 196)}, ErrTooLong},
		{"left of the arena", SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 1, DX: -11}}}, ErrOutOfRange},
		{"same ids, left of the arena", SnapshotDelta{Tick: 12, Baseline: 9, SameIDs: true, Players: []PlayerDelta{{DX: -11}}}, ErrOutOfRange},
		{"below the arena", SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 1, DY: 0x10}}}, ErrOutOfRange},
		{"new player off the arena", SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 2, DX: -1}}}, ErrOutOfRange},
		{"far beyond", SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 1, DX: -1 << 31}}}, ErrOutOfRange},
		{"ack past 32 bits", SnapshotDelta{Tick: 12, Baseline: 9, AckOffset: true, Ack: 0xFFFFFFFB}, ErrOutOfRange},
		{"ack far past 32 bits", SnapshotDelta{Tick: 12, Baseline: 9, AckOffset: true, Ack: 0xFFFFFFFF}, ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, err := tt.d.Apply(base); !errors.Is(err, tt.want) || s != nil {
				t.Fatalf("Apply = %+v, %v; want %v", s, err, tt.want)
			}
		})
	}
	edge := SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 1, DX: -10, DY: 0x0F}},
		New: make([]GemState, 194)} // 1 player and 196 gems: 1198 bytes, as large as it gets
	if _, err := edge.Apply(base); err != nil {
		t.Fatalf("edge of the arena and of the datagram: %v", err)
	}
	// Parsed, a delta of the same ids has none of its own: they come from the baseline,
	// and so does the position they move from (player 0 would be off the arena). So do
	// the header and, offset, the ack: up to the largest there is.
	same := SnapshotDelta{Tick: 12, Baseline: 9, SameIDs: true, SameHeader: true, AckOffset: true, Ack: 0xFFFFFFFA,
		Players: []PlayerDelta{{DX: -10, DY: 0x0F}}}
	want := Snapshot{Tick: 12, Ack: 0xFFFFFFFF, Round: 3, Phase: 1, Winner: 2, Interval: 3, Queue: 4,
		Players: []PlayerState{{ID: 1, X: 0, Y: 0xFFFF}}, Gems: base.Gems}
	if s, err := same.Apply(base); err != nil || !sameSnapshot(s, &want) {
		t.Fatalf("same ids, header and ack: Apply = %+v, %v; want %+v", s, err, want)
	}
	// Without the flags, whatever the delta holds wins over the baseline.
	own := SnapshotDelta{Tick: 12, Baseline: 9, Ack: 4, Round: 4, Interval: 1, Queue: 1}
	want = Snapshot{Tick: 12, Ack: 4, Round: 4, Interval: 1, Queue: 1, Gems: base.Gems}
	if s, err := own.Apply(base); err != nil || !sameSnapshot(s, &want) {
		t.Fatalf("own header and ack: Apply = %+v, %v; want %+v", s, err, want)
	}
}

func TestDeltaParseErrors(t *testing.T) {
	const (
		header     = "22 0000000c 03 00 0000000b 0001 00 00 02 01" // flags 0: ids, ack u32, header
		headerSame = "22 0000000c 03 01 0000000b 0001 00 00 02 01" // flags 1: no ids
		offset     = "22 0000000c 03 06 "                          // flags 6: ack offset, no header
	)
	tests := []struct {
		name string
		hex  string
		want error
	}{
		{"padded varint", header + "01 01 8000 00 00 00", ErrBadVarint},
		{"padded varint, 3 bytes", header + "01 01 00 868000 00 00", ErrBadVarint},
		{"padded varint, ids omitted", headerSame + "01 8000 00 00 00", ErrBadVarint},
		{"delta beyond any position", header + "01 01 808008 00 00 00", ErrOutOfRange}, // 65536
		{"varint overflows", header + "01 01 " + strings.Repeat("ff", 10) + "01 00 00 00", ErrOutOfRange},
		{"baseline not older", "22 0000000c 00 00 0000000b 0001 00 00 02 01 00 00 00", ErrBaselineNotOlder},
		{"baseline before tick 0", "22 00000002 03 00 0000000b 0001 00 00 02 01 00 00 00", ErrBaselineTooOld},
		{"flag bit 3", "22 0000000c 03 08 0000000b 0001 00 00 02 01 00 00 00", ErrBadFlags},
		{"flags ff", "22 0000000c 03 ff 00 00 00 00", ErrBadFlags},
		{"flag bit 7, nothing after it", "22 0000000c 03 80", ErrBadFlags},
		{"padded ack offset", offset + "8000 00 00 00", ErrBadVarint},
		{"ack offset of 2^32", offset + "8080808010 00 00 00", ErrOutOfRange},
		{"ack offset overflows", offset + strings.Repeat("ff", 10) + "01 00 00 00", ErrOutOfRange},
		{"ack offset cut short", offset + "ffffffff", ErrTruncated},
		{"more players than bytes", header + "05 01 00 00 00 00", ErrTruncated},
		{"more players than bytes, ids omitted", headerSame + "03 00 00 00 00", ErrTruncated},
		{"more gone than bytes", header + "00 03 0007 00", ErrTruncated},
		{"more new than bytes", header + "00 00 02 0009 0005 0006", ErrTruncated},
		{"larger than a datagram", header + "ff" + strings.Repeat("01 8f03 8f03", 255) + "00 00", ErrTooLong},
		{"larger than a datagram, ids omitted", headerSame + "ff" + strings.Repeat("feff07 feff07", 255) + "00 00", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(mustHex(t, tt.hex)); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// The edges themselves are fine: ±65535, then -64 and 64 on each side of one byte;
	// two bytes a player without ids; a baseline at tick 0, and one 255 ticks back; the
	// largest ack offset, and the smallest delta there is.
	for _, ok := range []string{
		header + "02 01 feff07 fdff07 02 7f 8001 00 00",
		headerSame + "02 00 00 00 00 00 00",
		"22 00000003 03 00 0000000b 0001 00 00 02 01 00 00 00",
		"22 000001ff ff 00 0000000b 0001 00 00 02 01 00 00 00",
		"22 0000000c 03 07 ffffffff0f 00 00 00",
		"22 0000000c 03 07 00 00 00 00",
	} {
		if _, err := Parse(mustHex(t, ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

func TestDeltaAppendRefusesWhatCannotBeParsed(t *testing.T) {
	far := make([]PlayerDelta, 200) // 7 bytes each with ids, 6 without
	for i := range far {
		far[i] = PlayerDelta{ID: uint8(i), DX: 0xFFFF, DY: -0xFFFF}
	}
	tests := []struct {
		name string
		d    SnapshotDelta
		want error
	}{
		{"baseline not older", SnapshotDelta{Tick: 5, Baseline: 5}, ErrBaselineNotOlder},
		{"baseline newer", SnapshotDelta{Tick: 5, Baseline: 6}, ErrBaselineNotOlder},
		{"baseline 256 ticks back", SnapshotDelta{Tick: 300, Baseline: 44}, ErrBaselineTooOld},
		{"baseline far back", SnapshotDelta{Tick: 1 << 31, Baseline: 1}, ErrBaselineTooOld},
		{"far moves", SnapshotDelta{Tick: 5, Baseline: 4, Players: far[:170]}, ErrTooLong}, // 1210 bytes
		{"far moves, ids omitted", SnapshotDelta{Tick: 5, Baseline: 4, SameIDs: true, Players: far}, ErrTooLong},
		{"far moves, all left out", SnapshotDelta{Tick: 5, Baseline: 4, SameIDs: true, SameHeader: true, AckOffset: true,
			Ack: 1 << 31, Players: far[:198]}, ErrTooLong}, // 1203 bytes
		{"256 gone", SnapshotDelta{Tick: 5, Baseline: 4, Gone: make([]uint16, 256)}, ErrTooLong},
		{"delta beyond any position", SnapshotDelta{Tick: 5, Baseline: 4, Players: []PlayerDelta{{DY: 0x10000}}}, ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if b, err := tt.d.Append([]byte{1}); !errors.Is(err, tt.want) || len(b) != 1 {
				t.Fatalf("Append = %x, %v; want %v and nothing appended", b, err, tt.want)
			}
		})
	}
	for _, d := range []SnapshotDelta{
		{Tick: 300, Baseline: 45},                                 // 255 ticks back
		{Tick: 5, Baseline: 4, Players: far[:168]},                // 20 + 168 × 7 = 1196 bytes
		{Tick: 5, Baseline: 4, SameIDs: true, Players: far[:196]}, // 20 + 196 × 6 = 1196 bytes
		{Tick: 5, Baseline: 4, SameIDs: true, SameHeader: true, AckOffset: true, Ack: 1 << 31,
			Players: far[:197]}, // 10 + 5 + 197 × 6 = 1197 bytes
	} {
		if b, err := AppendMessage(nil, &d); err != nil || len(b) > MaxDatagramSize {
			t.Errorf("%d players, baseline %d: %d bytes, %v", len(d.Players), d.Baseline, len(b), err)
		}
	}
}
