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
	{&Hello{Version: 4, Colour: 3, Name: "Ana", Password: "pw"}, "01 0004 03 03416e61 027077 00000000000000000000000000000000 00000000"},
	{&Hello{Version: 4, Colour: 3, Name: "Ana", Token: goldenToken, NextChat: 9}, "01 0004 03 03416e61 00 000102030405060708090a0b0c0d0e0f 00000009"},
	{&Welcome{Version: 4, You: 2, MaxPlayers: 8, TargetScore: 20, TickRate: 60, NextChatSeq: 7, HostName: "Bo",
		Token: goldenToken, Resumed: true, Grace: 30}, "02 0004 02 08 0014 3c 00000007 02426f 000102030405060708090a0b0c0d0e0f 01 1e"},
	{&Reject{Code: 2, Reason: "full"}, "03 02 0466756c6c"},
	{&PlayerJoined{ID: 5, Colour: 1, Score: 300, Name: "Cy"}, "04 05 01 012c 024379"},
	{&PlayerLeft{ID: 5, Reason: LeftTimedOut}, "05 05 01"},
	{&Scored{ID: 5, Score: 19}, "06 05 0013"},
	{&RoundOver{Winner: 5, Round: 3, NextIn: 240}, "07 05 0003 00f0"},
	{&RoundStart{Round: 4, GoIn: 180}, "08 0004 00b4"},
	{&PlayerAway{ID: 5}, "09 05"},
	{&PlayerBack{ID: 5}, "0a 05"},
	{&Notice{Text: "slow"}, "0b 04736c6f77"},
	{&Standings{Players: []Standing{{ID: 1, PingMs: 23, Wins: 2}, {ID: 4, PingMs: 300, Wins: 0}}}, "0c 02 01 0017 0002 04 012c 0000"},
	{&ChatSend{Text: "hi"}, "10 026869"},
	{&Chat{Seq: 258, From: 5, Name: "Cy", Text: "hé"}, "11 00000102 05 024379 0368c3a9"},
	{&Input{Seq: 0x01020304, Snapshot: 0x0a0b0c0d, Moves: []Move{{127, -127}, {0, 1}}}, "20 01020304 0a0b0c0d 02 7f81 0001"},
	{goldenSnapshot, "21 00000009 00000008 0001 00 00 02 01 01 01 0100 0200 01 0007 0003 0004"},
	{goldenDelta, "22 0000000c 03 04 03 0001 00 00 03 02 02 01 06 8f03 04 64 78 01 0007 01 0009 0005 0006"},
	{goldenDeltaCommon, "22 0000000a 01 07 01 01 01 8001 00 00"},
	{goldenDeltaQueue, "22 0000000a 01 05 01 0001 00 00 02 02 01 01 8001 00 00"},
	{goldenDeltaAckBehind, "22 0000000b 02 03 00000005 01 00 00 01 0007 00"},
}

var goldenToken = Token{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}

// goldenSnapshot is the baseline the golden deltas are written against, as Parse gives
// them back. goldenDelta: player 1 moves by (+3, -200), player 4 joins at (50, 60), gem
// 7 is taken and gem 9 appears, the interval becomes 3, the queue 2 and the ack moves
// on by 3 (flags 04). goldenDeltaCommon, as most of a round: player 1 alone moves by
// (-1, +64), the ack on by 1 (flags 07). goldenDeltaQueue: the same, but the queue
// grew to 2, so the whole header travels (flags 05). goldenDeltaAckBehind: nobody
// moves, gem 7 is taken and the ack, behind the baseline's, travels whole (flags 03).
var (
	goldenSnapshot = &Snapshot{Tick: 9, Ack: 8, Round: 1, Interval: 2, Queue: 1,
		Players: []PlayerState{{ID: 1, X: 0x100, Y: 0x200}},
		Gems:    []GemState{{ID: 7, X: 3, Y: 4}}}
	goldenDelta = &SnapshotDelta{Tick: 12, Ack: 3, Baseline: 9, Round: 1, Interval: 3, Queue: 2, AckOffset: true,
		Players: []PlayerDelta{{ID: 1, DX: 3, DY: -200}, {ID: 4, DX: 50, DY: 60}},
		Gone:    []uint16{7},
		New:     []GemState{{ID: 9, X: 5, Y: 6}}}
	goldenDeltaCommon = &SnapshotDelta{Tick: 10, Ack: 1, Baseline: 9, SameIDs: true, SameHeader: true, AckOffset: true,
		Players: []PlayerDelta{{DX: -1, DY: 64}}, Gone: []uint16{}, New: []GemState{}}
	goldenDeltaQueue = &SnapshotDelta{Tick: 10, Ack: 1, Baseline: 9, Round: 1, Interval: 2, Queue: 2,
		SameIDs: true, AckOffset: true, Players: []PlayerDelta{{DX: -1, DY: 64}}, Gone: []uint16{}, New: []GemState{}}
	goldenDeltaAckBehind = &SnapshotDelta{Tick: 11, Ack: 5, Baseline: 9, SameIDs: true, SameHeader: true,
		Players: []PlayerDelta{{}}, Gone: []uint16{7}, New: []GemState{}}
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

// TestAnotherVersionsHelloGivesItsVersion: a hello laid out as another version lays
// it out (version 2's, shorter; version 3's, as this one) parses as far as its version.
func TestAnotherVersionsHelloGivesItsVersion(t *testing.T) {
	for _, tt := range []struct {
		hex     string
		version uint16
	}{
		{"01 0002 03 03416e61 027077", 2},
		{"01 0003 03 03416e61 027077 00000000000000000000000000000000 00000000", 3},
	} {
		m, err := Parse(mustHex(t, tt.hex))
		if h, ok := m.(*Hello); err != nil || !ok || h.Version != tt.version {
			t.Fatalf("version %d: parsed %#v, %v", tt.version, m, err)
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
		{"bad utf-8 name", "01 0004 03 02c328 00", ErrBadString},
		{"resumed neither yes nor no", "02 0004 02 08 0014 3c 00000007 02426f 000102030405060708090a0b0c0d0e0f 02 1e", ErrBadBool},
		{"zero inputs", "20 00000001 00000000 00", ErrBadCount},
		{"too many inputs", "20 00000001 00000000 11" + strings.Repeat("0000", 17), ErrBadCount},
		{"snapshot claims more players than it has", "21 00000009 00000008 0001 00 00 02 01 05 01", ErrTruncated},
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
