package wire

import (
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
