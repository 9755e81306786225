package sim

import (
	"math"
	"slices"
	"testing"
)

// mirror is r reflected left to right across the arena's middle.
func mirror(a Arena, r Rect) Rect {
	return Rect{Min: Vec{a.Size.X - r.Max.X, r.Min.Y}, Max: Vec{a.Size.X - r.Min.X, r.Max.Y}}
}

// rectGap is the distance between two rectangles, 0 when they touch or overlap.
func rectGap(a, b Rect) float64 {
	dx := max(a.Min.X-b.Max.X, b.Min.X-a.Max.X, 0)
	dy := max(a.Min.Y-b.Max.Y, b.Min.Y-a.Max.Y, 0)
	return math.Hypot(float64(dx), float64(dy))
}

// Every arena is one a round can be played in fairly: walls inside the bounds and
// thick enough, mirrored left to right, every gap closed or three discs wide.
func TestEveryArenaIsWellFormed(t *testing.T) {
	cfg := DefaultConfig()
	corridor := float64(3 * 2 * cfg.PlayerRadius)
	if Arenas() < 4 {
		t.Fatalf("%d arenas, want at least 4", Arenas())
	}
	names := map[string]bool{}
	for i := range Arenas() {
		a := ArenaFor(i + 1)
		t.Run(a.Name, func(t *testing.T) {
			if a.Name == "" || len(a.Name) > 16 || names[a.Name] {
				t.Errorf("name %q: want a short one of its own", a.Name)
			}
			names[a.Name] = true
			if a.Size != (Vec{Px(ArenaWidth), Px(ArenaHeight)}) {
				t.Errorf("size %v", a.Size)
			}
			bounds := Rect{Max: a.Size}
			for _, w := range a.Walls {
				if w.Min.X < 0 || w.Min.Y < 0 || w.Max.X > a.Size.X || w.Max.Y > a.Size.Y {
					t.Errorf("wall %v leaves the arena", w)
				}
				if thin := min(w.Max.X-w.Min.X, w.Max.Y-w.Min.Y); thin < Px(24) || thin <= cfg.Speed {
					t.Errorf("wall %v is %d px thick", w, thin/SubPixels)
				}
				if !slices.Contains(a.Walls, mirror(a, w)) {
					t.Errorf("wall %v has no mirror image %v", w, mirror(a, w))
				}
				for _, edge := range []int32{w.Min.X - bounds.Min.X, w.Min.Y - bounds.Min.Y, bounds.Max.X - w.Max.X, bounds.Max.Y - w.Max.Y} {
					if edge != 0 && float64(edge) < corridor {
						t.Errorf("wall %v leaves a gap of %d px to the edge", w, edge/SubPixels)
					}
				}
				for _, o := range a.Walls {
					if g := rectGap(w, o); g != 0 && g < corridor {
						t.Errorf("walls %v and %v leave a gap of %.0f px", w, o, g/SubPixels)
					}
				}
			}
		})
	}
}

// In every arena a disc can get from any open spot to any other, and reach every
// spot a gem may be placed at: flood fill over a 4 px grid of the spots a disc fits.
func TestEveryArenaIsOneConnectedFloor(t *testing.T) {
	cfg := DefaultConfig()
	const step = 4 * SubPixels
	for i := range Arenas() {
		a := ArenaFor(i + 1)
		t.Run(a.Name, func(t *testing.T) {
			cols, rows := int(a.Size.X/step)+1, int(a.Size.Y/step)+1
			at := func(x, y int) Vec { return Vec{int32(x) * step, int32(y) * step} }
			open := make([]bool, cols*rows)
			first := -1
			for y := range rows {
				for x := range cols {
					if open[y*cols+x] = a.Open(at(x, y), cfg.PlayerRadius); open[y*cols+x] && first < 0 {
						first = y*cols + x
					}
				}
			}
			reached := make([]bool, cols*rows)
			queue := []int{first}
			reached[first] = true
			for len(queue) > 0 {
				c := queue[0]
				queue = queue[1:]
				x, y := c%cols, c/cols
				for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					nx, ny := x+d[0], y+d[1]
					if nx < 0 || ny < 0 || nx >= cols || ny >= rows {
						continue
					}
					if n := ny*cols + nx; open[n] && !reached[n] {
						reached[n] = true
						queue = append(queue, n)
					}
				}
			}
			for c, ok := range open {
				if ok && !reached[c] {
					t.Fatalf("the open spot %v cannot be reached from %v", at(c%cols, c/cols), at(first%cols, first/cols))
				}
			}
			// A gem is taken by a disc within reach of it: look for one among the grid
			// spots that near.
			reach := int64(cfg.PlayerRadius + cfg.GemRadius)
			r := int(reach / step)
			for y := range rows {
				for x := range cols {
					g := at(x, y)
					if !a.inside(g, cfg.GemRadius, SubPixels*4) {
						continue // freeSpot never puts a gem here
					}
					found := false
					for ny := max(y-r, 0); ny <= min(y+r, rows-1) && !found; ny++ {
						for nx := max(x-r, 0); nx <= min(x+r, cols-1) && !found; nx++ {
							found = reached[ny*cols+nx] && DistSq(at(nx, ny), g) <= reach*reach
						}
					}
					if !found {
						t.Fatalf("a gem at %v is out of every disc's reach", g)
					}
				}
			}
		})
	}
}

// Discs driven about every arena at every angle never end a tick inside a wall.
func TestNoTunnellingInAnyArena(t *testing.T) {
	dirs := []Input{{127, 0}, {0, 127}, {-127, 0}, {0, -127}, {127, 127}, {-127, 90}, {90, -127}, {-127, -127}}
	for i := range Arenas() {
		w := NewWorld(DefaultConfig(), uint64(i+1))
		w.Arena = ArenaFor(i + 1)
		for id := range PlayerID(4) {
			if _, err := w.AddPlayer(id+1, "p", 0); err != nil {
				t.Fatal(err)
			}
		}
		for tick := range 6000 {
			in := map[PlayerID]Input{}
			for id := range PlayerID(4) {
				in[id+1] = dirs[(tick/(61+17*int(id))+int(id))%len(dirs)]
			}
			Step(w, in)
			for _, p := range w.Players {
				if !w.Arena.Open(p.Pos, w.Config.PlayerRadius) {
					t.Fatalf("%s, tick %d: player %d at %v is not on open floor", w.Arena.Name, tick, p.ID, p.Pos)
				}
			}
		}
	}
}

// freeSpot finds room for discs and gems in every arena, and never a spot in a wall,
// even when it has to settle.
func TestFreeSpotInEveryArena(t *testing.T) {
	cfg := DefaultConfig()
	for i := range Arenas() {
		w := NewWorld(cfg, uint64(100+i))
		w.Arena = ArenaFor(i + 1)
		w.Gems = nil
		for id := range PlayerID(cfg.MaxPlayers) {
			p, err := w.AddPlayer(id+1, "p", 0)
			if err != nil {
				t.Fatal(err)
			}
			if !w.Arena.Open(p.Pos, cfg.PlayerRadius) {
				t.Errorf("%s: player %d placed at %v, in a wall", w.Arena.Name, p.ID, p.Pos)
			}
		}
		for range 50 {
			w.Gems = nil
			w.topUpGems()
			for _, g := range w.Gems {
				if !w.Arena.inside(g.Pos, cfg.GemRadius, 0) {
					t.Fatalf("%s: gem at %v is not clear of the walls", w.Arena.Name, g.Pos)
				}
			}
		}
		// Crowded past sense: the settled-for spot is still open floor.
		for range 200 {
			if pos, _ := w.freeSpot(cfg.PlayerRadius, Px(400)); !w.Arena.Open(pos, cfg.PlayerRadius) {
				t.Fatalf("%s: settled for %v, in a wall", w.Arena.Name, pos)
			}
		}
	}
}

func TestArenasRotateWithTheRound(t *testing.T) {
	n := Arenas()
	for round := 1; round <= 3*n; round++ {
		a, b := ArenaFor(round), ArenaFor(round+n)
		if a.Name != b.Name || !slices.Equal(a.Walls, b.Walls) {
			t.Errorf("round %d is %q, round %d %q: want the same", round, a.Name, round+n, b.Name)
		}
		if next := ArenaFor(round + 1); next.Name == a.Name {
			t.Errorf("rounds %d and %d are both %q", round, round+1, a.Name)
		}
	}
	if ArenaFor(1).Name != "Open ground" || DefaultArena().Name != "Open ground" || ArenaFor(0).Name != "Open ground" {
		t.Errorf("round 1 is %q", ArenaFor(1).Name)
	}
}
