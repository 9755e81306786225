package wire

import (
	"bytes"
	"errors"
	"testing"
)

func TestOversizedSnapshotIsRefused(t *testing.T) {
	// 8 players and 199 gems: 1251 bytes, more than a datagram may carry.
	b := append([]byte{0x21}, make([]byte, 14)...)
	b = append(b, 8)
	b = append(b, make([]byte, 8*playerStateLen)...)
	b = append(b, 199)
	b = append(b, make([]byte, 199*gemStateLen)...)
	if _, err := Parse(b); !errors.Is(err, ErrTooLong) {
		t.Fatalf("a %d-byte snapshot parsed: %v", len(b), err)
	}
}

func TestSnapshotOf32PlayersFitsOneDatagram(t *testing.T) {
	s := &Snapshot{Players: make([]PlayerState, 32), Gems: make([]GemState, 8)}
	b, err := AppendMessage(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > MaxDatagramSize || len(b) != SnapshotSize(32, 8) {
		t.Fatalf("32-player snapshot is %d bytes (SnapshotSize says %d)", len(b), SnapshotSize(32, 8))
	}
	t.Logf("32 players, 8 gems: %d bytes", len(b))
}

func TestSetSnapshotAck(t *testing.T) {
	b, err := AppendMessage(nil, goldenSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if err := SetSnapshotAck(b, 0x0a0b0c0d); err != nil {
		t.Fatal(err)
	}
	if want := mustHex(t, "21 00000009 0a0b0c0d 0001 00 00 02 01 01 01 0100 0200 01 0007 0003 0004"); !bytes.Equal(b, want) {
		t.Fatalf("patched\n got %x\nwant %x", b, want)
	}
	// A delta is refused whether its ack travels whole or as an offset: where it sits
	// and how long it is depend on the flags and on the baseline's ack.
	input, _ := AppendMessage(nil, &Input{Seq: 1, Moves: []Move{{1, 1}}})
	var bad [][]byte
	for _, d := range []*SnapshotDelta{goldenDelta, goldenDeltaCommon, goldenDeltaQueue, goldenDeltaAckBehind, {Tick: 2, Baseline: 1}} {
		enc, err := AppendMessage(nil, d)
		if err != nil {
			t.Fatal(err)
		}
		bad = append(bad, enc)
	}
	bad = append(bad, nil, b[:snapshotHeader-1], input)
	for _, bad := range bad {
		before := append([]byte(nil), bad...)
		if err := SetSnapshotAck(bad, 1); err == nil || !bytes.Equal(bad, before) {
			t.Errorf("%x: patched (err %v)", before, err)
		}
	}
}
