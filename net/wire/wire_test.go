package wire

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// golden lists one message of every type with its exact bytes.
var golden = []struct {
	msg Message
	hex string
}{
	{&Hello{Version: 2, Colour: 3, Name: "Ana", Password: "pw"}, "01 0002 03 03416e61 027077"},
	{&Welcome{Version: 2, You: 2, MaxPlayers: 8, TargetScore: 20, TickRate: 60, NextChatSeq: 7, HostName: "Bo"}, "02 0002 02 08 0014 3c 00000007 02426f"},
	{&Reject{Code: 2, Reason: "full"}, "03 02 0466756c6c"},
	{&PlayerJoined{ID: 5, Colour: 1, Score: 300, Name: "Cy"}, "04 05 01 012c 024379"},
	{&PlayerLeft{ID: 5, Reason: LeftTimedOut}, "05 05 01"},
	{&Scored{ID: 5, Score: 19}, "06 05 0013"},
	{&RoundOver{Winner: 5, Round: 3, NextIn: 240}, "07 05 0003 00f0"},
	{&RoundStart{Round: 4}, "08 0004"},
	{&ChatSend{Text: "hi"}, "10 026869"},
	{&Chat{Seq: 258, From: 5, Name: "Cy", Text: "hé"}, "11 00000102 05 024379 0368c3a9"},
	{&Input{Seq: 0x01020304, Snapshot: 0x0a0b0c0d, Moves: []Move{{127, -127}, {0, 1}}}, "20 01020304 0a0b0c0d 02 7f81 0001"},
	{goldenSnapshot, "21 00000009 00000008 0001 00 00 02 01 01 0100 0200 01 0007 0003 0004"},
	{goldenDelta, "22 0000000c 0000000b 03 0001 00 00 02 02 00 01 06 8f03 04 64 78 01 0007 01 0009 0005 0006"},
	{goldenDeltaSameIDs, "22 0000000a 00000009 01 0001 00 00 02 01 01 01 8001 00 00"},
}

// goldenSnapshot is the baseline goldenDelta is written against: player 1 moves by
// (+3, -200), player 4 joins at (50, 60), gem 7 is taken and gem 9 appears. In
// goldenDeltaSameIDs, as Parse gives it back, player 1 alone moves by (-1, +64).
var (
	goldenSnapshot = &Snapshot{Tick: 9, Ack: 8, Round: 1, Interval: 2,
		Players: []PlayerState{{ID: 1, X: 0x100, Y: 0x200}},
		Gems:    []GemState{{ID: 7, X: 3, Y: 4}}}
	goldenDelta = &SnapshotDelta{Tick: 12, Ack: 11, Baseline: 9, Round: 1, Interval: 2,
		Players: []PlayerDelta{{ID: 1, DX: 3, DY: -200}, {ID: 4, DX: 50, DY: 60}},
		Gone:    []uint16{7},
		New:     []GemState{{ID: 9, X: 5, Y: 6}}}
	goldenDeltaSameIDs = &SnapshotDelta{Tick: 10, Ack: 9, Baseline: 9, Round: 1, Interval: 2,
		SameIDs: true, Players: []PlayerDelta{{DX: -1, DY: 64}}, Gone: []uint16{}, New: []GemState{}}
)

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGoldenBytes(t *testing.T) {
	for _, g := range golden {
		t.Run(reflect.TypeOf(g.msg).Elem().Name(), func(t *testing.T) {
			want := mustHex(t, g.hex)
			got, err := AppendMessage(nil, g.msg)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("encoded\n got %x\nwant %x", got, want)
			}
			back, err := Parse(want)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, g.msg) {
				t.Fatalf("round trip: got %+v, want %+v", back, g.msg)
			}
		})
	}
}

func TestEveryTruncationFails(t *testing.T) {
	for _, g := range golden {
		full := mustHex(t, g.hex)
		for n := range len(full) {
			if m, err := Parse(full[:n]); err == nil {
				t.Errorf("%T: prefix of %d/%d bytes parsed as %+v", g.msg, n, len(full), m)
			}
		}
	}
}

func TestTrailingBytesFail(t *testing.T) {
	for _, g := range golden {
		b := append(mustHex(t, g.hex), 0)
		if _, err := Parse(b); !errors.Is(err, ErrTrailingBytes) {
			t.Errorf("%T with a trailing byte: err = %v", g.msg, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want error
	}{
		{"empty", "", ErrTruncated},
		{"bad utf-8 name", "01 0001 03 02c328 00", ErrBadString},
		{"zero inputs", "20 00000001 00000000 00", ErrBadCount},
		{"too many inputs", "20 00000001 00000000 11" + strings.Repeat("0000", 17), ErrBadCount},
		{"snapshot claims more players than it has", "21 00000009 00000008 0001 00 00 02 05 01", ErrTruncated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(mustHex(t, tt.hex)); !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	var unknown *UnknownTypeError
	if _, err := Parse([]byte{0x7f, 1, 2}); !errors.As(err, &unknown) || unknown.Type != 0x7f {
		t.Fatalf("unknown type: err = %v", err)
	}
}

func TestAppendRejectsWhatCannotBeEncoded(t *testing.T) {
	long := strings.Repeat("x", MaxString+1)
	for _, m := range []Message{
		&Hello{Name: long},
		&Chat{Name: "a", Text: long},
		&Input{},
		&Input{Moves: make([]Move, MaxInputs+1)},
		&Snapshot{Players: make([]PlayerState, 240)},
	} {
		if _, err := AppendMessage(nil, m); !errors.Is(err, ErrTooLong) {
			t.Errorf("%T: err = %v, want ErrTooLong", m, err)
		}
	}
}

func TestOversizedSnapshotIsRefused(t *testing.T) {
	// 8 players and 199 gems: 1250 bytes, more than a datagram may carry.
	b := append([]byte{0x21}, make([]byte, 13)...)
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

func TestFrames(t *testing.T) {
	var stream []byte
	for _, g := range golden {
		var err error
		if stream, err = AppendFrame(stream, g.msg); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(bytes.NewReader(stream))
	for _, g := range golden {
		m, err := ReadFrame(r)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(m, g.msg) {
			t.Fatalf("got %+v, want %+v", m, g.msg)
		}
	}
	if _, err := ReadFrame(r); err == nil {
		t.Fatal("read past the end")
	}
}

func TestFrameTooLargeIsRefusedBeforeReading(t *testing.T) {
	// A length of 1 MiB with no body: the reader must refuse on the length alone.
	r := bufio.NewReader(bytes.NewReader([]byte{0x80, 0x80, 0x40}))
	var tooLarge *FrameTooLargeError
	if _, err := ReadFrame(r); !errors.As(err, &tooLarge) || tooLarge.Len != 1<<20 {
		t.Fatalf("err = %v", err)
	}
}

func TestTruncatedFrameFails(t *testing.T) {
	full, _ := AppendFrame(nil, &ChatSend{Text: "hello"})
	for n := range len(full) {
		if _, err := ReadFrame(bufio.NewReader(bytes.NewReader(full[:n]))); err == nil {
			t.Errorf("prefix of %d bytes read as a frame", n)
		}
	}
}

func TestClipNeverSplitsACharacter(t *testing.T) {
	for _, s := range []string{strings.Repeat("x", 300), strings.Repeat("中", 100), "a" + strings.Repeat("é", 200)} {
		c := Clip(s)
		if len(c) > MaxString || !utf8.ValidString(c) || !strings.HasPrefix(s, c) || len(c) < MaxString-3 {
			t.Errorf("Clip of %d bytes gave %d bytes, valid %v", len(s), len(c), utf8.ValidString(c))
		}
		if _, err := AppendMessage(nil, &ChatSend{Text: c}); err != nil {
			t.Error(err)
		}
	}
	if Clip("short") != "short" {
		t.Error("a short string was changed")
	}
}

func TestSetSnapshotAck(t *testing.T) {
	b, err := AppendMessage(nil, goldenSnapshot)
	if err != nil {
		t.Fatal(err)
	}
	if err := SetSnapshotAck(b, 0x0a0b0c0d); err != nil {
		t.Fatal(err)
	}
	if want := mustHex(t, "21 00000009 0a0b0c0d 0001 00 00 02 01 01 0100 0200 01 0007 0003 0004"); !bytes.Equal(b, want) {
		t.Fatalf("patched\n got %x\nwant %x", b, want)
	}
	d, err := AppendMessage(nil, goldenDelta)
	if err != nil {
		t.Fatal(err)
	}
	if err := SetSnapshotAck(d, 0x0a0b0c0d); err != nil {
		t.Fatal(err)
	}
	if m, err := Parse(d); err != nil || m.(*SnapshotDelta).Ack != 0x0a0b0c0d || m.(*SnapshotDelta).Baseline != 9 {
		t.Fatalf("patched delta parsed as %+v, %v", m, err)
	}
	input, _ := AppendMessage(nil, &Input{Seq: 1, Moves: []Move{{1, 1}}})
	emptyDelta, _ := AppendMessage(nil, &SnapshotDelta{Tick: 2, Baseline: 1})
	for _, bad := range [][]byte{nil, b[:snapshotHeader-1], emptyDelta[:deltaHeader-1], input} {
		before := append([]byte(nil), bad...)
		if err := SetSnapshotAck(bad, 1); err == nil || !bytes.Equal(bad, before) {
			t.Errorf("%x: patched (err %v)", before, err)
		}
	}
}
