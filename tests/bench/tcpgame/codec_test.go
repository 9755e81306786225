package tcpgame

import (
	"errors"
	"reflect"
	"testing"

	"github.com/gemrush/gemrush/net/wire"
)

// everyKind is one message of each kind a line carries.
var everyKind = []wire.Message{
	&wire.Hello{Version: wire.Version, Colour: 3, Name: "Ada", Password: "gems", Token: wire.Token{1, 2}, NextChat: 9},
	&wire.Welcome{Version: wire.Version, You: 2, MaxPlayers: 8, TargetScore: 10, TickRate: 60, NextChatSeq: 4, HostName: "Den"},
	&wire.Reject{Code: 5, Reason: "game is full (8/8)"},
	&wire.PlayerJoined{ID: 2, Colour: 1, Score: 3, Name: "Ada"},
	&wire.PlayerLeft{ID: 2, Reason: wire.LeftKicked},
	&wire.Scored{ID: 1, Score: 4},
	&wire.RoundOver{Winner: 1, Round: 2, NextIn: 180},
	&wire.RoundStart{Round: 3, GoIn: 120},
	&wire.PlayerAway{ID: 4},
	&wire.PlayerBack{ID: 4},
	&wire.Notice{Text: "slow down"},
	&wire.Standings{Players: []wire.Standing{{ID: 1, PingMs: 40, Wins: 2}}},
	&wire.ChatSend{Text: "gg"},
	&wire.Chat{Seq: 7, From: 1, Name: "Ada", Text: "gg"},
	&wire.Input{Seq: 100, Moves: []wire.Move{{X: 1, Y: -1}}},
	&wire.Snapshot{Tick: 812, Ack: 99, Round: 1, Interval: 1, Queue: 1,
		Players: []wire.PlayerState{{ID: 1, X: 5120, Y: 9216}}, Gems: []wire.GemState{{ID: 3, X: 100, Y: 200}}},
}

func TestLineRoundTrip(t *testing.T) {
	for _, m := range everyKind {
		b, err := AppendLine(nil, m)
		if err != nil {
			t.Fatalf("%T: %v", m, err)
		}
		if b[len(b)-1] != '\n' {
			t.Errorf("%T: the line does not end in a newline: %q", m, b)
		}
		got, err := ParseLine(b)
		if err != nil {
			t.Fatalf("%T: %q: %v", m, b, err)
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("%T: got %+v back from %q", m, got, b)
		}
	}
}

func TestLineText(t *testing.T) {
	b, err := AppendLine(nil, &wire.Chat{Seq: 7, From: 1, Name: "Ada", Text: "gg"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"type":"chat","msg":{"Seq":7,"From":1,"Name":"Ada","Text":"gg"}}` + "\n"; string(b) != want {
		t.Errorf("got %q, want %q", b, want)
	}
}

func TestEveryTruncatedLineFails(t *testing.T) {
	for _, m := range everyKind {
		b, _ := AppendLine(nil, m)
		b = b[:len(b)-1] // the newline is the reader's business
		for n := range len(b) {
			if _, err := ParseLine(b[:n]); err == nil {
				t.Errorf("%T: %q parsed", m, b[:n])
			}
		}
	}
}

func TestBadLines(t *testing.T) {
	for _, tc := range []struct {
		line string
		is   error
	}{
		{`{"type":"teleport","msg":{}}`, ErrUnknownKind},
		{`{"type":"chat"}`, nil},
		{`{"type":"chat","msg":{"Seq":"seven"}}`, nil},
		{`[1,2]`, nil},
	} {
		_, err := ParseLine([]byte(tc.line))
		if err == nil || (tc.is != nil && !errors.Is(err, tc.is)) {
			t.Errorf("%s: got %v, want an error (%v)", tc.line, err, tc.is)
		}
	}
	if _, err := AppendLine(nil, &wire.SnapshotDelta{}); !errors.Is(err, ErrNoKind) {
		t.Errorf("a delta: got %v, want ErrNoKind", err)
	}
}
