package client

import (
	"testing"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

func TestViewFollowsTheHost(t *testing.T) {
	v := NewView(wire.Welcome{You: 1, TargetScore: 20, NextChatSeq: 5})
	for _, m := range []wire.Message{
		&wire.PlayerJoined{ID: 1, Colour: 0, Name: "Ana"},
		&wire.PlayerJoined{ID: 2, Colour: 1, Score: 4, Name: "Bo"},
		&wire.PlayerJoined{ID: 3, Colour: 2, Name: "Cy"},
		&wire.Scored{ID: 3, Score: 5},
		&wire.Chat{Seq: 5, From: 2, Name: "Bo", Text: "hi"},
		&wire.PlayerLeft{ID: 2, Reason: wire.LeftTimedOut},
		&wire.RoundOver{Winner: 3, Round: 1, NextIn: 240},
	} {
		v.Apply(m)
	}
	if v.Players[2] != nil || len(v.Players) != 2 {
		t.Fatalf("players after Bo left: %v", v.Players)
	}
	if r := v.Ranking(); r[0].Name != "Cy" || r[0].Score != 5 || r[1].Name != "Ana" {
		t.Errorf("ranking %v %v", r[0], r[1])
	}
	want := []Line{
		{Text: "Bo joined", Notice: true},
		{Text: "Cy joined", Notice: true},
		{Seq: 5, From: 2, Name: "Bo", Text: "hi"},
		{Text: "Bo lost connection", Notice: true},
		{Text: "Cy won round 1!", Notice: true},
	}
	if len(v.Log) != len(want) {
		t.Fatalf("log %+v", v.Log)
	}
	for i := range want {
		if v.Log[i] != want[i] {
			t.Errorf("log[%d] = %+v, want %+v", i, v.Log[i], want[i])
		}
	}
	if v.Phase != sim.RoundOver || v.Winner != 3 {
		t.Errorf("phase %v winner %v", v.Phase, v.Winner)
	}
	v.Apply(&wire.RoundStart{Round: 2})
	if v.Phase != sim.Playing || v.Players[3].Score != 0 || v.Round != 2 {
		t.Errorf("after RoundStart: phase %v, Cy's score %d, round %d", v.Phase, v.Players[3].Score, v.Round)
	}
}

func TestViewIgnoresOldSnapshots(t *testing.T) {
	v := NewView(wire.Welcome{You: 1})
	v.Apply(&wire.PlayerJoined{ID: 1, Name: "Ana"})
	v.ApplySnapshot(&wire.Snapshot{Tick: 10, Ack: 7, Players: []wire.PlayerState{{ID: 1, X: 100, Y: 200}}})
	v.ApplySnapshot(&wire.Snapshot{Tick: 9, Ack: 6, Players: []wire.PlayerState{{ID: 1, X: 1, Y: 2}}})
	if me := v.Me(); me.Pos != (sim.Vec{X: 100, Y: 200}) || !me.Placed || v.Ack != 7 {
		t.Fatalf("me %+v ack %d", me, v.Ack)
	}
}

func TestViewLogIsBounded(t *testing.T) {
	v := NewView(wire.Welcome{You: 1})
	for i := range uint32(3 * logLen) {
		v.Apply(&wire.Chat{Seq: i + 1, Text: "x"})
	}
	if len(v.Log) != logLen || v.Log[len(v.Log)-1].Seq != 3*logLen {
		t.Fatalf("log holds %d lines ending at seq %d", len(v.Log), v.Log[len(v.Log)-1].Seq)
	}
}
