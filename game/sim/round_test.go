package sim

import (
	"reflect"
	"testing"
)

// The whole cycle, tick by tick: the winning gem puts the banner up for BannerTicks,
// then the next round begins in the next arena with scores at zero and its countdown,
// in which players move and no gem lies, for CountdownTicks; on the tick it ends the
// gems appear, clear of every player, and are taken again.
func TestRoundCycleBannerCountdownPlay(t *testing.T) {
	w := openWorld(t, Vec{Px(400), Px(300)}, Vec{Px(100), Px(100)})
	w.Players[0].Score = w.Config.TargetScore - 1
	w.Players[1].Score = 7
	w.Gems = []Gem{{ID: 1, Pos: Vec{Px(400), Px(300)}}}
	events := Step(w, nil)
	won := w.Tick
	if len(events) != 2 || events[1].Kind != RoundWon || events[1].Player != 1 {
		t.Fatalf("events = %+v, want Scored then RoundWon by 1", events)
	}
	if w.Phase != RoundOver || w.Winner != 1 || w.PhaseEnds != won+uint32(w.Config.BannerTicks) {
		t.Fatalf("phase %v winner %v ends at %d", w.Phase, w.Winner, w.PhaseEnds)
	}
	// During the banner, gems cannot be taken.
	w.Gems = []Gem{{ID: 2, Pos: w.Players[1].Pos}}
	for w.Tick+1 < won+uint32(w.Config.BannerTicks) {
		if ev := Step(w, nil); len(ev) != 0 {
			t.Fatalf("tick %d during the banner: events %+v", w.Tick, ev)
		}
	}
	events = Step(w, nil)
	if w.Tick-won != uint32(w.Config.BannerTicks) || len(events) != 1 || events[0] != (Event{Kind: RoundStarted, Round: 2}) {
		t.Fatalf("%d ticks after the win: events = %+v, want RoundStarted round 2 after %d", w.Tick-won, events, w.Config.BannerTicks)
	}
	started := w.Tick
	for _, p := range w.Players {
		if p.Score != 0 {
			t.Errorf("player %d score %d after reset", p.ID, p.Score)
		}
	}
	if w.Phase != Countdown || w.Arena.Name != ArenaFor(2).Name || len(w.Gems) != 0 || w.Winner != 0 {
		t.Fatalf("round 2 began in phase %v, arena %q, %d gems, winner %d", w.Phase, w.Arena.Name, len(w.Gems), w.Winner)
	}
	// During the countdown players move, and no gem lies in the arena.
	for w.Tick+1 < started+uint32(w.Config.CountdownTicks) {
		before := w.Players[1].Pos
		back := int8(1 - 2*(int(w.Tick/20)%2)) // to and fro, clear of the walls
		if ev := Step(w, map[PlayerID]Input{2: {X: back * MaxAxis}}); len(ev) != 0 {
			t.Fatalf("tick %d of the countdown: events %+v", w.Tick-started, ev)
		}
		if w.Players[1].Pos == before {
			t.Fatalf("tick %d of the countdown: player 2 did not move", w.Tick-started)
		}
	}
	if len(w.Gems) != 0 {
		t.Fatalf("gems %v lie in the arena during the countdown", w.Gems)
	}
	events = Step(w, nil)
	if w.Tick-started != uint32(w.Config.CountdownTicks) || w.Phase != Playing {
		t.Fatalf("%d ticks into round 2: phase %v", w.Tick-started, w.Phase)
	}
	if want := []Event{{Kind: RoundGo, Round: 2}}; !reflect.DeepEqual(events, want) {
		t.Fatalf("the tick the countdown ended: events %+v, want %+v", events, want)
	}
	checkGemsClear(t, w)
}

// checkGemsClear fails unless the round's gems lie in the arena, none within reach
// of a player: nobody scores for standing still at Go.
func checkGemsClear(t *testing.T, w *World) {
	t.Helper()
	if len(w.Gems) != w.GemTarget() {
		t.Fatalf("%d gems at Go, want %d", len(w.Gems), w.GemTarget())
	}
	reach := int64(w.Config.PlayerRadius + w.Config.GemRadius)
	for _, g := range w.Gems {
		for _, p := range w.Players {
			if DistSq(g.Pos, p.Pos) <= reach*reach {
				t.Errorf("gem %d appeared within reach of player %d", g.ID, p.ID)
			}
		}
	}
}

// A new World's first round starts with its countdown too.
func TestTheFirstRoundCountsDown(t *testing.T) {
	w := NewWorld(DefaultConfig(), 5)
	w.AddPlayer(1, "p", 0)
	if w.Phase != Countdown || w.Round != 1 || w.PhaseEnds != uint32(w.Config.CountdownTicks) || w.Arena.Name != "Open ground" {
		t.Fatalf("new world: phase %v round %d ends at %d in %q", w.Phase, w.Round, w.PhaseEnds, w.Arena.Name)
	}
	if len(w.Gems) != 0 {
		t.Fatalf("gems %v lie in the arena before Go", w.Gems)
	}
	var got []Event
	for w.Phase == Countdown {
		got = append(got, Step(w, nil)...)
	}
	if w.Tick != uint32(w.Config.CountdownTicks) || len(got) != 1 || got[0] != (Event{Kind: RoundGo, Round: 1}) {
		t.Fatalf("countdown ended at tick %d with events %+v", w.Tick, got)
	}
	checkGemsClear(t, w)
}

// Rules without a countdown go straight from the banner to play.
func TestNoCountdownInTheRules(t *testing.T) {
	cfg := DefaultConfig()
	cfg.CountdownTicks = 0
	w := NewWorld(cfg, 5)
	if w.Phase != Playing {
		t.Fatalf("phase %v", w.Phase)
	}
	w.Phase, w.PhaseEnds = RoundOver, w.Tick+1
	if ev := Step(w, nil); len(ev) != 2 || ev[0].Kind != RoundStarted || ev[1].Kind != RoundGo || w.Phase != Playing {
		t.Fatalf("events %+v, phase %v", ev, w.Phase)
	}
}

// A player standing where the new round's arena has a wall is placed at a free spot,
// the same one on every machine with the same seed; one standing on open floor stays.
func TestANewWallMovesWhoeverStandsThere(t *testing.T) {
	run := func() *World {
		w := NewWorld(DefaultConfig(), 9)
		w.AddPlayer(1, "p", 0)
		w.AddPlayer(2, "p", 0)
		next := ArenaFor(2)
		wall := next.Walls[0]
		w.Players[0].Pos = Vec{(wall.Min.X + wall.Max.X) / 2, (wall.Min.Y + wall.Max.Y) / 2} // in round 2's first wall
		w.Players[1].Pos = Vec{Px(40), Px(40)}                                               // open in every arena
		if w.Arena.inside(w.Players[0].Pos, w.Config.PlayerRadius, 0) == next.Open(w.Players[0].Pos, w.Config.PlayerRadius) {
			t.Fatal("the test's spot is not open now and walled next round")
		}
		w.Phase, w.PhaseEnds = RoundOver, w.Tick+1
		Step(w, nil)
		return w
	}
	a, b := run(), run()
	// Placed clear of every wall, as freeSpot places, not merely pushed out to touch one.
	if !a.Arena.inside(a.Players[0].Pos, a.Config.PlayerRadius, SubPixels*4) {
		t.Errorf("player 1 left in or against a wall at %v", a.Players[0].Pos)
	}
	if a.Players[1].Pos != (Vec{Px(40), Px(40)}) {
		t.Errorf("player 2 on open floor was moved to %v", a.Players[1].Pos)
	}
	if a.Players[0].Pos != b.Players[0].Pos || !reflect.DeepEqual(a.Gems, b.Gems) {
		t.Errorf("two runs placed player 1 at %v and %v", a.Players[0].Pos, b.Players[0].Pos)
	}
}
