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
		{"gone gem not in base", SnapshotDelta{Tick: 12, Baseline: 9, Gone: []uint16{5}}, ErrUnknownGem},
		{"gem gone twice", SnapshotDelta{Tick: 12, Baseline: 9, Gone: []uint16{7, 7}}, ErrUnknownGem},
		{"more gone than base has", SnapshotDelta{Tick: 12, Baseline: 9, Gone: []uint16{7, 8, 9}}, ErrUnknownGem},
		{"too many players", SnapshotDelta{Tick: 12, Baseline: 9, Players: make([]PlayerDelta, 236)}, ErrTooLong},
		{"too many gems", SnapshotDelta{Tick: 12, Baseline: 9, New: make([]GemState, 196)}, ErrTooLong},
		{"left of the arena", SnapshotDelta{Tick: 12, Baseline: 9, Players: []PlayerDelta{{ID: 1, DX: -11}}}, ErrOutOfRange},
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
}

func TestDeltaParseErrors(t *testing.T) {
	const header = "22 0000000c 0000000b 00000009 0001 00 00 02"
	tests := []struct {
		name string
		hex  string
		want error
	}{
		{"padded varint", header + "01 01 8000 00 00 00", ErrBadVarint},
		{"padded varint, 3 bytes", header + "01 01 00 868000 00 00", ErrBadVarint},
		{"delta beyond any position", header + "01 01 808008 00 00 00", ErrOutOfRange}, // 65536
		{"varint overflows", header + "01 01 " + strings.Repeat("ff", 10) + "01 00 00 00", ErrOutOfRange},
		{"baseline not older", "22 00000009 0000000b 00000009 0001 00 00 02 00 00 00", ErrBaselineNotOlder},
		{"more players than bytes", header + "05 01 00 00 00 00", ErrTruncated},
		{"more gone than bytes", header + "00 03 0007 00", ErrTruncated},
		{"more new than bytes", header + "00 00 02 0009 0005 0006", ErrTruncated},
		{"larger than a datagram", header + "ff" + strings.Repeat("01 8f03 8f03", 255) + "00 00", ErrTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(mustHex(t, tt.hex)); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	// The edges themselves are fine: ±65535, then -64 and 64 on each side of one byte.
	if _, err := Parse(mustHex(t, header+"02 01 feff07 fdff07 02 7f 8001 00 00")); err != nil {
		t.Fatal(err)
	}
}

func TestDeltaAppendRefusesWhatCannotBeParsed(t *testing.T) {
	far := make([]PlayerDelta, 180) // 180 × 7 bytes: past a datagram, though 180 players fit one
	for i := range far {
		far[i] = PlayerDelta{ID: uint8(i), DX: 0xFFFF, DY: -0xFFFF}
	}
	tests := []struct {
		name string
		d    SnapshotDelta
		want error
	}{
		{"baseline not older", SnapshotDelta{Tick: 5, Baseline: 5}, ErrBaselineNotOlder},
		{"far moves", SnapshotDelta{Tick: 5, Baseline: 4, Players: far}, ErrTooLong},
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
}
