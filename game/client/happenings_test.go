package client

import (
	"slices"
	"testing"
	"time"

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
	f.events <- &wire.RoundStart{Round: 2, GoIn: 180}
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

// The countdown: the RoundStart says when it ends, on this player's clock; the first
// snapshot saying play has begun is the RoundGo, once; the log says both in words.
func TestCountdownThenGoOnce(t *testing.T) {
	f := newFake(wire.Welcome{You: 1, TargetScore: 20})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	snap := func(tick uint32, round uint16, phase sim.Phase) {
		f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: tick, Round: round, Phase: uint8(phase),
			Players: []wire.PlayerState{{ID: 1, X: 1000, Y: 1000}}}, At: frameAt(int(tick))})
	}
	snap(1, 1, sim.RoundOver)
	s.Step(frameAt(1))
	if _, ok := s.Countdown(frameAt(1)); ok {
		t.Fatal("a countdown during the banner")
	}
	f.events <- &wire.RoundStart{Round: 2, GoIn: 180}
	s.Step(frameAt(2))
	if s.Phase != sim.Countdown || s.Round != 2 || !s.GoAt.Equal(frameAt(2+180)) || s.Arena().Name != sim.ArenaFor(2).Name {
		t.Fatalf("after RoundStart: phase %v round %d go at %v, arena %q", s.Phase, s.Round, s.GoAt.Sub(epoch), s.Arena().Name)
	}
	if left, ok := s.Countdown(frameAt(62)); !ok || left != 120*tickDuration {
		t.Fatalf("countdown at frame 62: %v %v, want two seconds", left, ok)
	}
	snap(2, 1, sim.RoundOver) // the banner's last snapshot, overtaken by the RoundStart: old news
	s.Step(frameAt(3))
	if s.Phase != sim.Countdown || s.Round != 2 {
		t.Fatalf("an older snapshot turned the game back to phase %v of round %d", s.Phase, s.Round)
	}
	for tick := uint32(3); tick < 182; tick++ {
		snap(tick, 2, sim.Countdown)
	}
	s.Step(frameAt(182))
	if left, ok := s.Countdown(frameAt(190)); !ok || left != 0 {
		t.Fatalf("countdown past its end with play not yet heard of: %v %v", left, ok)
	}
	snap(182, 2, sim.Playing)
	snap(183, 2, sim.Playing)
	s.Step(frameAt(183))
	if _, ok := s.Countdown(frameAt(183)); ok || s.Phase != sim.Playing {
		t.Fatalf("phase %v: the countdown still runs", s.Phase)
	}
	var got []Happening
	for _, h := range s.TakeHappenings() {
		if h.Kind == RoundBegins || h.Kind == RoundGo {
			got = append(got, h)
		}
	}
	if want := []Happening{{Kind: RoundBegins, Round: 2}, {Kind: RoundGo, Round: 2}}; !slices.Equal(got, want) {
		t.Fatalf("happenings %+v, want %+v", got, want)
	}
	var log []string
	for _, l := range s.Log {
		log = append(log, l.Text)
	}
	if want := []string{"You joined as Ana", "Round 2: " + sim.ArenaFor(2).Name + " — get ready", "Go!"}; !slices.Equal(log, want) {
		t.Fatalf("log %q, want %q", log, want)
	}
}

// A player who joins mid-round hears no "Go!": they did not see the round begin.
func TestJoiningMidRoundIsNoGo(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: 500, Round: 3, Phase: uint8(sim.Playing)}, At: epoch})
	s.Step(epoch)
	if h := s.TakeHappenings(); len(h) != 0 || s.Round != 3 || s.Phase != sim.Playing || s.Arena().Name != sim.ArenaFor(3).Name {
		t.Fatalf("happenings %+v, round %d phase %v", h, s.Round, s.Phase)
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

// placedAt gives a State whose own disc (Ana, id 1) the host has placed at pos, with
// one gem at gem, mid-round.
func placedAt(t *testing.T, pos, gem sim.Vec) (*fakeTransport, *State) {
	t.Helper()
	f := newFake(wire.Welcome{You: 1, TargetScore: 20})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: 1, Round: 1,
		Players: []wire.PlayerState{{ID: 1, X: uint16(pos.X), Y: uint16(pos.Y)}},
		Gems:    []wire.GemState{{ID: 7, X: uint16(gem.X), Y: uint16(gem.Y)}}}, At: epoch})
	if err := s.Step(epoch); err != nil {
		t.Fatal(err)
	}
	s.TakeHappenings()
	return f, s
}

// Our disc running over a gem takes it on our screen at once; the host's Scored that
// follows is not shown a second time, and the gem stays hidden until the snapshots
// drop it.
func TestOwnGemIsTakenAtOnce(t *testing.T) {
	at := sim.Vec{X: sim.Px(200), Y: sim.Px(300)}
	f, s := placedAt(t, sim.Vec{X: at.X - sim.Px(30), Y: at.Y}, at)
	now := epoch
	for range 3 {
		now = now.Add(tickDuration)
		s.Input(sim.Input{X: sim.MaxAxis}, now)
	}
	got := s.TakeHappenings()
	if len(got) != 1 || got[0] != (Happening{Kind: GemTaken, Player: 1, Score: 1, Round: 1, At: at, HasAt: true}) {
		t.Fatalf("after touching the gem: %+v, want one GemTaken by us at the gem", got)
	}
	if len(s.VisibleGems()) != 0 {
		t.Errorf("the gem we took still shows")
	}
	f.events <- &wire.Scored{ID: 1, Score: 1}
	f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: 2, Round: 1, // the host has not dropped it yet
		Players: []wire.PlayerState{{ID: 1, X: uint16(at.X), Y: uint16(at.Y)}},
		Gems:    []wire.GemState{{ID: 7, X: uint16(at.X), Y: uint16(at.Y)}}}, At: now.Add(time.Second)})
	s.Step(now.Add(time.Second))
	if got := s.TakeHappenings(); len(got) != 0 {
		t.Errorf("the host's Scored was shown again: %+v", got)
	}
	if s.Me().Score != 1 || len(s.VisibleGems()) != 0 {
		t.Errorf("score %d, visible gems %v: want the host's score and the gem still hidden", s.Me().Score, s.VisibleGems())
	}
}

// A claim the host does not grant lapses: the gem shows again.
func TestUngrantedClaimLapses(t *testing.T) {
	at := sim.Vec{X: sim.Px(200), Y: sim.Px(300)}
	f, s := placedAt(t, sim.Vec{X: at.X - sim.Px(24), Y: at.Y}, at)
	s.Input(sim.Input{X: sim.MaxAxis}, epoch.Add(tickDuration))
	if len(s.TakeHappenings()) != 1 || len(s.VisibleGems()) != 0 {
		t.Fatal("the touch did not take the gem on our screen")
	}
	for i, dt := range []time.Duration{100 * time.Millisecond, time.Second} {
		f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: uint32(2 + i), Round: 1,
			Players: []wire.PlayerState{{ID: 1, X: uint16(at.X), Y: uint16(at.Y)}},
			Gems:    []wire.GemState{{ID: 7, X: uint16(at.X), Y: uint16(at.Y)}}}, At: epoch.Add(dt)})
		s.Step(epoch.Add(dt))
		if want := i; len(s.VisibleGems()) != want {
			t.Errorf("%v after the touch with no Scored: %d gems show, want %d", dt, len(s.VisibleGems()), want)
		}
	}
}

// Gems cannot be taken while a round is not being played, on our screen either.
func TestNoClaimOutsidePlay(t *testing.T) {
	at := sim.Vec{X: sim.Px(200), Y: sim.Px(300)}
	_, s := placedAt(t, sim.Vec{X: at.X - sim.Px(24), Y: at.Y}, at)
	s.Phase = sim.RoundOver
	s.Input(sim.Input{X: sim.MaxAxis}, epoch.Add(tickDuration))
	if got := s.TakeHappenings(); len(got) != 0 || len(s.VisibleGems()) != 1 {
		t.Errorf("a gem was taken during the banner: %+v", got)
	}
}

// A round whose play ends on the countdown's last tick (a gem lay under a disc, one
// gem wins) still has its "Go!", before the win, though no snapshot said Playing.
func TestGoComesThoughTheRoundEndedAtOnce(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.events <- &wire.RoundStart{Round: 1, GoIn: 100}
	s.Step(epoch)
	f.events <- &wire.Scored{ID: 1, Score: 1}
	f.events <- &wire.RoundOver{Winner: 1, Round: 1, NextIn: 240}
	s.Step(epoch.Add(2 * time.Second))
	var kinds []HappeningKind
	for _, h := range s.TakeHappenings() {
		kinds = append(kinds, h.Kind)
	}
	if want := []HappeningKind{RoundBegins, RoundGo, GemTaken, RoundWon}; !slices.Equal(kinds, want) {
		t.Fatalf("happenings %v, want %v", kinds, want)
	}
}

// The snapshot that drops the gem we took may come before the host's Scored (they
// travel apart): the pickup is still shown once.
func TestOwnGemShownOnceWhenTheSnapshotComesFirst(t *testing.T) {
	at := sim.Vec{X: sim.Px(200), Y: sim.Px(300)}
	f, s := placedAt(t, sim.Vec{X: at.X - sim.Px(24), Y: at.Y}, at)
	s.Input(sim.Input{X: sim.MaxAxis}, epoch.Add(tickDuration))
	f.snaps.Add(Snapshot{Snapshot: &wire.Snapshot{Tick: 2, Round: 1, // the gem is gone: no Scored yet
		Players: []wire.PlayerState{{ID: 1, X: uint16(at.X), Y: uint16(at.Y)}}}, At: epoch.Add(50 * time.Millisecond)})
	s.Step(epoch.Add(50 * time.Millisecond))
	f.events <- &wire.Scored{ID: 1, Score: 1}
	s.Step(epoch.Add(70 * time.Millisecond))
	n := 0
	for _, h := range s.TakeHappenings() {
		if h.Kind == GemTaken {
			n++
		}
	}
	if n != 1 {
		t.Errorf("our pickup was shown %d times, want once", n)
	}
}
