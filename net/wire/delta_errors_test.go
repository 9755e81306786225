package wire

import (
	"errors"
	"strings"
	"testing"
)

func TestDeltaApplyErrors(t *testing.T) {
	base := &Snapshot{Tick: 9, Players: []PlayerState{{ID: 1, X: 10, Y: 0xFFF0}}, Gems: []GemState{{ID: 7}, {ID: 8}}}
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s, err := tt.d.Apply(base); !errors.Is(err, tt.want) || s != nil {
				t.Fatalf("Apply = %+v, %v; want %v", s, err, tt.want)
			}
		})
	}
	edge := SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 1, DX: -10, DY: 0x0F}},
		New: make([]GemState, 194)} // 1 player and 196 gems: 1197 bytes, as large as it gets
	if _, err := edge.Apply(base); err != nil {
		t.Fatalf("edge of the arena and of the datagram: %v", err)
	}
	// Parsed, a delta of the same ids has none of its own: they come from the baseline,
	// and so does the position they move from (player 0 would be off the arena).
	same := SnapshotDelta{Tick: 12, Baseline: 9, SameIDs: true, Players: []PlayerDelta{{DX: -10, DY: 0x0F}}}
	if s, err := same.Apply(base); err != nil || len(s.Players) != 1 || s.Players[0] != (PlayerState{ID: 1, X: 0, Y: 0xFFFF}) {
		t.Fatalf("same ids: Apply = %+v, %v", s, err)
	}
}

func TestDeltaParseErrors(t *testing.T) {
	const header = "22 0000000c 0000000b 03 0001 00 00 02"
	tests := []struct {
		name string
		hex  string
		want error
	}{
		{"padded varint", header + "01 00 01 8000 00 00 00", ErrBadVarint},
		{"padded varint, 3 bytes", header + "01 00 01 00 868000 00 00", ErrBadVarint},
		{"padded varint, ids omitted", header + "01 01 8000 00 00 00", ErrBadVarint},
		{"delta beyond any position", header + "01 00 01 808008 00 00 00", ErrOutOfRange}, // 65536
		{"varint overflows", header + "01 00 01 " + strings.Repeat("ff", 10) + "01 00 00 00", ErrOutOfRange},
		{"baseline not older", "22 0000000c 0000000b 00 0001 00 00 02 00 00 00 00", ErrBaselineNotOlder},
		{"baseline before tick 0", "22 00000002 0000000b 03 0001 00 00 02 00 00 00 00", ErrBaselineTooOld},
		{"ids byte 2", header + "00 02 00 00", ErrBadIDs},
		{"ids byte ff", header + "01 ff 01 00 00 00 00", ErrBadIDs},
		{"more players than bytes", header + "05 00 01 00 00 00 00", ErrTruncated},
		{"more players than bytes, ids omitted", header + "03 01 00 00 00 00", ErrTruncated},
		{"more gone than bytes", header + "00 00 03 0007 00", ErrTruncated},
		{"more new than bytes", header + "00 00 00 02 0009 0005 0006", ErrTruncated},
		{"larger than a datagram", header + "ff 00" + strings.Repeat("01 8f03 8f03", 255) + "00 00", ErrTooLong},
		{"larger than a datagram, ids omitted", header + "ff 01" + strings.Repeat("feff07 feff07", 255) + "00 00", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(mustHex(t, tt.hex)); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// The edges themselves are fine: ±65535, then -64 and 64 on each side of one byte;
	// two bytes a player without ids; a baseline at tick 0, and one 255 ticks back.
	for _, ok := range []string{
		header + "02 00 01 feff07 fdff07 02 7f 8001 00 00",
		header + "02 01 00 00 00 00 00 00",
		"22 00000003 0000000b 03 0001 00 00 02 00 00 00 00",
		"22 000001ff 0000000b ff 0001 00 00 02 00 00 00 00",
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
		{"far moves", SnapshotDelta{Tick: 5, Baseline: 4, Players: far[:170]}, ErrTooLong}, // 1209 bytes
		{"far moves, ids omitted", SnapshotDelta{Tick: 5, Baseline: 4, SameIDs: true, Players: far}, ErrTooLong},
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
		{Tick: 5, Baseline: 4, Players: far[:168]},                // 19 + 168 × 7 = 1195 bytes
		{Tick: 5, Baseline: 4, SameIDs: true, Players: far[:196]}, // 19 + 196 × 6 = 1195 bytes
	} {
		if b, err := AppendMessage(nil, &d); err != nil || len(b) > MaxDatagramSize {
			t.Errorf("%d players, baseline %d: %d bytes, %v", len(d.Players), d.Baseline, len(b), err)
		}
	}
}
