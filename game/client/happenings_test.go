package client

import (
	"testing"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// The window hears of each gem taken with where it lay, of joins, leaves, chat and
// rounds, in the order the host told them, and each once.
func TestHappeningsComeOnceInOrder(t *testing.T) {
	f := newFake(wire.Welcome{You: 1, TargetScore: 20})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.events <- &wire.PlayerJoined{ID: 2, Name: "Bo"}
	f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: 1, Round: 1,
		Players: []wire.PlayerState{{ID: 1, X: 1000, Y: 1000}, {ID: 2, X: 20000, Y: 20000}},
		Gems:    []wire.GemState{{ID: 7, X: 1000 + 20*sim.SubPixels, Y: 1000}, {ID: 8, X: 30000, Y: 30000}}}, At: epoch})
	if err := s.Step(epoch); err != nil {
		t.Fatal(err)
	}
	f.events <- &wire.Scored{ID: 1, Score: 1}
	f.events <- &wire.Chat{Seq: 0, From: 2, Name: "Bo", Text: "hi"}
	f.events <- &wire.Scored{ID: 2, Score: 1} // no gem near Bo: where is not known
	f.events <- &wire.RoundOver{Winner: 1, Round: 1}
	f.events <- &wire.RoundStart{Round: 2}
	f.events <- &wire.PlayerLeft{ID: 2, Reason: wire.LeftTimedOut}
	s.Step(epoch)
	got := s.TakeHappenings()
	want := []Happening{
		{Kind: PlayerJoined, Player: 2}, // Ana is you: not announced
		{Kind: GemTaken, Player: 1, Score: 1, Round: 1, At: sim.Vec{X: 1000 + 20*sim.SubPixels, Y: 1000}, HasAt: true},
		{Kind: ChatLine, Player: 2},
		{Kind: GemTaken, Player: 2, Score: 1, Round: 1},
		{Kind: RoundWon, Player: 1, Round: 1},
		{Kind: RoundBegins, Round: 2},
		{Kind: PlayerLeft, Player: 2},
	}
	if len(got) != len(want) {
		t.Fatalf("happenings %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("happening %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if again := s.TakeHappenings(); len(again) != 0 {
		t.Errorf("taken twice: %+v", again)
	}
}

// A State nobody takes happenings from (a bot's) keeps a bounded number.
func TestHappeningsAreBounded(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	for i := range 10 * maxHappenings {
		s.happened(Happening{Kind: ChatLine, Player: uint8(i)})
	}
	if n := len(s.TakeHappenings()); n > maxHappenings {
		t.Errorf("%d happenings kept, want at most %d", n, maxHappenings)
	}
}
