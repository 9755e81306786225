package sim

import (
	"reflect"
	"testing"
)

// openWorld is a world with no walls and no gems, so a test places exactly what it needs.
func openWorld(t *testing.T, players ...Vec) *World {
	t.Helper()
	w := NewWorld(DefaultConfig(), 1)
	w.Arena.Walls = nil
	w.Gems = nil
	w.Phase = Playing // no countdown: a gem within reach is taken on the first tick
	for i, pos := range players {
		p, err := w.AddPlayer(PlayerID(i+1), "p", 0)
		if err != nil {
			t.Fatal(err)
		}
		p.Pos = pos
	}
	return w
}

func TestMovement(t *testing.T) {
	cfg := DefaultConfig()
	speed, r := cfg.Speed, cfg.PlayerRadius
	mid := Vec{Px(400), Px(320)}
	tests := []struct {
		name  string
		start Vec
		in    Input
		want  Vec
	}{
		{"still", mid, Input{}, mid},
		{"right", mid, Input{MaxAxis, 0}, Vec{mid.X + speed, mid.Y}},
		{"up", mid, Input{0, -MaxAxis}, Vec{mid.X, mid.Y - speed}},
		{"half stick is half speed", mid, Input{64, 0}, Vec{mid.X + 64*speed/MaxAxis, mid.Y}},
		{"-128 is clamped like -127", mid, Input{-128, 0}, Vec{mid.X - speed, mid.Y}},
		{"left edge stops at radius", Vec{r + 10, mid.Y}, Input{-MaxAxis, 0}, Vec{r, mid.Y}},
		{"bottom edge stops at radius", Vec{mid.X, Px(ArenaHeight) - r - 1}, Input{0, MaxAxis}, Vec{mid.X, Px(ArenaHeight) - r}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := openWorld(t, tt.start)
			Step(w, map[PlayerID]Input{1: tt.in})
			if got := w.Players[0].Pos; got != tt.want {
				t.Errorf("pos = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSpeedIsClampedWhateverTheInputClaims(t *testing.T) {
	speed := int64(DefaultConfig().Speed)
	for _, in := range []Input{{127, 127}, {-128, -128}, {127, -128}, {100, 100}, {-128, 0}} {
		w := openWorld(t, Vec{Px(400), Px(320)})
		before := w.Players[0].Pos
		Step(w, map[PlayerID]Input{1: in})
		if d := DistSq(before, w.Players[0].Pos); d > speed*speed {
			t.Errorf("input %v moved %d sub-pixels² in one tick, top speed² is %d", in, d, speed*speed)
		}
	}
}

func TestWallCollision(t *testing.T) {
	cfg := DefaultConfig()
	wall := PxRect(300, 200, 100, 40)
	tests := []struct {
		name  string
		start Vec
		in    Input
		check func(Vec) bool
	}{
		{"stops at the left face", Vec{wall.Min.X - cfg.PlayerRadius - 10, Px(220)}, Input{MaxAxis, 0},
			func(p Vec) bool { return p.X == wall.Min.X-cfg.PlayerRadius && p.Y == Px(220) }},
		{"stops at the top face", Vec{Px(350), wall.Min.Y - cfg.PlayerRadius - 5}, Input{0, MaxAxis},
			func(p Vec) bool { return p.Y == wall.Min.Y-cfg.PlayerRadius }},
		{"slides along a face when moving diagonally", Vec{Px(350), wall.Max.Y + cfg.PlayerRadius}, Input{MaxAxis, -MaxAxis},
			func(p Vec) bool { return p.X > Px(350) && p.Y >= wall.Max.Y+cfg.PlayerRadius }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := openWorld(t, tt.start)
			w.Arena.Walls = []Rect{wall}
			for range 10 {
				Step(w, map[PlayerID]Input{1: tt.in})
				if p := w.Players[0].Pos; wall.circleOverlaps(p, cfg.PlayerRadius) {
					t.Fatalf("player at %v overlaps the wall", p)
				}
			}
			if p := w.Players[0].Pos; !tt.check(p) {
				t.Errorf("ended at %v", p)
			}
		})
	}
}

func TestNoTunnellingAtAnyInput(t *testing.T) {
	w := NewWorld(DefaultConfig(), 7)
	if _, err := w.AddPlayer(1, "p", 0); err != nil {
		t.Fatal(err)
	}
	dirs := []Input{{127, 0}, {0, 127}, {-127, 0}, {0, -127}, {127, 127}, {-127, 90}}
	for tick := range 6000 {
		Step(w, map[PlayerID]Input{1: dirs[(tick/97)%len(dirs)]})
		p := w.Players[0].Pos
		for _, wall := range w.Arena.Walls {
			if wall.circleOverlaps(p, w.Config.PlayerRadius) {
				t.Fatalf("tick %d: player at %v inside wall %v", tick, p, wall)
			}
		}
	}
}

func TestGemPickup(t *testing.T) {
	cfg := DefaultConfig()
	gemPos := Vec{Px(400), Px(300)}
	reach := cfg.PlayerRadius + cfg.GemRadius
	tests := []struct {
		name    string
		players []Vec
		want    []int // scores by player
	}{
		{"touching scores", []Vec{{gemPos.X - reach, gemPos.Y}}, []int{1}},
		{"just out of reach does not", []Vec{{gemPos.X - reach - 1, gemPos.Y}}, []int{0}},
		{"nearest of two wins", []Vec{{gemPos.X - reach, gemPos.Y}, {gemPos.X + reach - 5, gemPos.Y}}, []int{0, 1}},
		{"exact tie goes to the lower id, once", []Vec{{gemPos.X - reach, gemPos.Y}, {gemPos.X + reach, gemPos.Y}}, []int{1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := openWorld(t, tt.players...)
			w.Gems = []Gem{{ID: 99, Pos: gemPos}}
			events := Step(w, nil)
			total := 0
			for i, want := range tt.want {
				if got := w.Players[i].Score; got != want {
					t.Errorf("player %d score = %d, want %d", i+1, got, want)
				}
				total += want
			}
			if len(events) != total {
				t.Errorf("events = %v, want %d Scored", events, total)
			}
			for _, g := range w.Gems {
				if g.ID == 99 && total > 0 {
					t.Error("taken gem is still in the arena")
				}
			}
			if len(w.Gems) != w.GemTarget() {
				t.Errorf("%d gems after the tick, want %d", len(w.Gems), w.GemTarget())
			}
		})
	}
}

func TestGemsSpawnClearOfWalls(t *testing.T) {
	w := NewWorld(DefaultConfig(), 3)
	for range 200 {
		w.Gems = nil
		w.topUpGems()
		for _, g := range w.Gems {
			if !w.Arena.inside(g.Pos, w.Config.GemRadius, 0) {
				t.Fatalf("gem at %v is not clear of the walls", g.Pos)
			}
		}
	}
}

func TestAddPlayerFull(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxPlayers = 2
	w := NewWorld(cfg, 1)
	for id := range PlayerID(2) {
		if _, err := w.AddPlayer(id+1, "p", 0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.AddPlayer(3, "p", 0); err == nil || err.Error() != "game is full (2/2)" {
		t.Fatalf("third player: err = %v", err)
	}
	if _, err := w.AddPlayer(1, "p", 0); err == nil {
		t.Fatal("duplicate id accepted")
	}
}

func TestDeterministic(t *testing.T) {
	run := func() *World {
		w := NewWorld(DefaultConfig(), 42)
		for id := range PlayerID(4) {
			w.AddPlayer(id+1, "p", 0)
		}
		for tick := range 3000 {
			in := map[PlayerID]Input{}
			for id := range PlayerID(4) {
				in[id+1] = Input{int8((tick*int(id+3))%255 - 127), int8((tick*7+int(id))%255 - 127)}
			}
			Step(w, in)
		}
		w.rng = nil
		return w
	}
	a, b := run(), run()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same seed and inputs differ")
	}
}

func TestIsqrt(t *testing.T) {
	for _, v := range []int64{0, 1, 2, 3, 4, 15, 16, 17, 1 << 40, 1<<40 + 1, 1<<62 - 1} {
		f, c := isqrtFloor(v), isqrtCeil(v)
		if f*f > v || (f+1)*(f+1) <= v || c*c < v || (c > 0 && (c-1)*(c-1) >= v) {
			t.Errorf("v=%d floor=%d ceil=%d", v, f, c)
		}
	}
}

// TestStepMovesEveryPlayerAsMoveDoes holds Step to the one-player move that prediction
// uses: over thousands of ticks of varied inputs, walls, rounds and gems, every player
// ends each tick exactly where Move puts them from where they were, in the arena of
// the round the tick is in (a player the new round's walls stand on is placed anew first).
func TestStepMovesEveryPlayerAsMoveDoes(t *testing.T) {
	w := NewWorld(DefaultConfig(), 11)
	for id := range PlayerID(6) {
		if _, err := w.AddPlayer(id+1, "p", uint8(id)); err != nil {
			t.Fatal(err)
		}
	}
	w.Config.TargetScore = 3 // several rounds, so resets happen too
	rounds := w.Round
	for tick := range 5000 {
		in := map[PlayerID]Input{}
		want := map[PlayerID]Vec{}
		arena := w.Arena
		if w.Phase == RoundOver && w.Tick+1 >= w.PhaseEnds {
			arena = ArenaFor(w.Round + 1)
		}
		for _, p := range w.Players {
			var i Input
			switch {
			case p.ID <= 3 && len(w.Gems) > 0: // chase a gem, so rounds are won
				g := w.Gems[int(p.ID)%len(w.Gems)].Pos
				i = Input{int8(clamp((g.X-p.Pos.X)/4, -128, 127)), int8(clamp((g.Y-p.Pos.Y)/4, -128, 127))}
			case p.ID < 6: // anything at all, -128 included
				i = Input{int8((tick*int(p.ID+5))%256 - 128), int8((tick*3+int(p.ID)*41)%256 - 128)}
			}
			if p.ID != 6 { // the last stands still with no input at all
				in[p.ID] = i
			}
			if arena.Open(p.Pos, w.Config.PlayerRadius) {
				want[p.ID] = Move(arena, w.Config, p.Pos, i)
			}
		}
		Step(w, in)
		for _, p := range w.Players {
			if _, moved := want[p.ID]; !moved { // placed anew: anywhere open will do
				if !w.Arena.Open(p.Pos, w.Config.PlayerRadius) {
					t.Fatalf("tick %d: player %d placed at %v, in a wall", tick, p.ID, p.Pos)
				}
				continue
			}
			if p.Pos != want[p.ID] {
				t.Fatalf("tick %d: Step put player %d at %v, Move at %v", tick, p.ID, p.Pos, want[p.ID])
			}
		}
		rounds = max(rounds, w.Round)
	}
	if rounds < 2 {
		t.Errorf("only %d round(s) played: the test did not cross a reset", rounds)
	}
}
