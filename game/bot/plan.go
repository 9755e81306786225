package bot

import (
	"math"
	"slices"
	"sync"

	"github.com/gemrush/gemrush/game/sim"
)

// The way round the walls: the arena is laid on a grid of cells, each either free (a
// disc centred there touches no wall) or not. For every gem a bot may run for, one
// distance field counts the way from each free cell to the gem; a bot goes down it
// and cuts straight across to the farthest cell of the way ahead it can see. Grids
// and fields are pure functions of the arena and the gem, shared by every bot in the
// process (a game of 64 bots computes each field once) and never changed once made.

const (
	// cellPx is the grid's step in pixels: fine enough that a corridor a disc fits
	// through with a few pixels to spare has a row of free cells, coarse enough that
	// a gem's field (under 9000 cells in the arena) takes a fraction of a millisecond.
	cellPx = 8
	// clearancePx is how far a free cell's disc stays from every wall and edge: a
	// wobbling bot still slides past a corner instead of catching on it.
	clearancePx = 2
	// lookahead is how many cells of the way ahead a bot considers cutting across to.
	lookahead = 24
	// straight and diagonal are a step's cost across and between cells (≈ 1 : √2).
	straight, diagonal = 10, 14
	// fieldsKept bounds the fields a grid keeps: enough for every gem of a few rounds.
	fieldsKept = 64
)

// grid is an arena's free cells for a disc of one radius.
type grid struct {
	w, h   int
	free   []bool
	walls  []box   // the walls, grown by the disc's radius, in sub-pixels
	lo, hi fpoint  // where the disc's centre may be
	rad    float64 // sub-pixels

	mu     sync.Mutex
	fields map[sim.Vec]*field
	order  []sim.Vec // oldest first, to forget the oldest field past fieldsKept
}

type fpoint struct{ x, y float64 }

func pointOf(v sim.Vec) fpoint { return fpoint{float64(v.X), float64(v.Y)} }

// box is an axis-aligned rectangle in sub-pixels.
type box struct{ min, max fpoint }

func (b box) grow(d float64) box {
	return box{fpoint{b.min.x - d, b.min.y - d}, fpoint{b.max.x + d, b.max.y + d}}
}

func (b box) contains(p fpoint) bool {
	return p.x > b.min.x && p.x < b.max.x && p.y > b.min.y && p.y < b.max.y
}

// crosses reports whether the segment from a to b passes through the inside of box
// (the slab test).
func (bx box) crosses(a, b fpoint) bool {
	t0, t1 := 0.0, 1.0
	for _, ax := range [2][4]float64{{a.x, b.x, bx.min.x, bx.max.x}, {a.y, b.y, bx.min.y, bx.max.y}} {
		p, q, lo, hi := ax[0], ax[1]-ax[0], ax[2], ax[3]
		if q == 0 {
			if p <= lo || p >= hi {
				return false
			}
			continue
		}
		u, v := (lo-p)/q, (hi-p)/q
		if u > v {
			u, v = v, u
		}
		t0, t1 = max(t0, u), min(t1, v)
		if t0 >= t1 {
			return false
		}
	}
	return true
}

// grids are the grids made so far, by arena; an arena is a handful of walls, so
// finding one by comparing is cheaper than hashing, and a bot asks only when the
// arena it plays in changes.
var grids struct {
	sync.Mutex
	made []madeGrid
}

type madeGrid struct {
	arena sim.Arena
	rad   int32
	g     *grid
}

func sameArena(a, b sim.Arena) bool { return a.Size == b.Size && slices.Equal(a.Walls, b.Walls) }

// gridFor is the grid of arena a for discs of radius rad, made on first asking.
func gridFor(a sim.Arena, rad int32) *grid {
	grids.Lock()
	defer grids.Unlock()
	for _, m := range grids.made {
		if m.rad == rad && sameArena(m.arena, a) {
			return m.g
		}
	}
	g := newGrid(a, rad)
	grids.made = append(grids.made, madeGrid{sim.Arena{Size: a.Size, Walls: slices.Clone(a.Walls)}, rad, g})
	return g
}

func newGrid(a sim.Arena, rad int32) *grid {
	r := float64(rad)
	g := &grid{
		w: int(a.Size.X / sim.Px(cellPx)), h: int(a.Size.Y / sim.Px(cellPx)),
		lo: fpoint{r, r}, hi: fpoint{float64(a.Size.X) - r, float64(a.Size.Y) - r}, rad: r,
		fields: map[sim.Vec]*field{},
	}
	for _, w := range a.Walls {
		g.walls = append(g.walls, box{pointOf(w.Min), pointOf(w.Max)}.grow(r))
	}
	g.free = make([]bool, g.w*g.h)
	for i := range g.free {
		g.free[i] = g.open(g.centre(i), float64(sim.Px(clearancePx)))
	}
	return g
}

// open reports whether a disc centred at p keeps gap from every wall and edge.
func (g *grid) open(p fpoint, gap float64) bool {
	if p.x < g.lo.x+gap || p.y < g.lo.y+gap || p.x > g.hi.x-gap || p.y > g.hi.y-gap {
		return false
	}
	for _, w := range g.walls {
		if w.grow(gap).contains(p) {
			return false
		}
	}
	return true
}

// sees reports whether a disc can go straight from a to b without touching a wall.
// The walls are grown square, which errs on the side of caution at their corners.
func (g *grid) sees(a, b fpoint) bool {
	for _, w := range g.walls {
		if w.crosses(a, b) {
			return false
		}
	}
	return true
}

func (g *grid) centre(i int) fpoint {
	c := float64(sim.Px(cellPx))
	return fpoint{(float64(i%g.w) + 0.5) * c, (float64(i/g.w) + 0.5) * c}
}

// cellAt is the free cell nearest p, searching a few cells round (a disc pressed
// against a wall sits in a cell that is not free), or -1.
func (g *grid) cellAt(p fpoint) int {
	c := float64(sim.Px(cellPx))
	cx, cy := int(p.x/c), int(p.y/c)
	best, bestD := -1, math.Inf(1)
	for r := 0; r <= 4 && best < 0; r++ {
		for y := cy - r; y <= cy+r; y++ {
			for x := cx - r; x <= cx+r; x++ {
				if x < 0 || y < 0 || x >= g.w || y >= g.h || !g.free[y*g.w+x] {
					continue
				}
				q := g.centre(y*g.w + x)
				if d := math.Hypot(q.x-p.x, q.y-p.y); d < bestD {
					best, bestD = y*g.w+x, d
				}
			}
		}
	}
	return best
}

// field is the cost of the way from each cell to one gem, in straight steps of ten;
// unreachable (and blocked) cells hold -1.
type field struct{ cost []int32 }

// fieldTo is the field of the gem at gem, which a disc takes from within reach.
func (g *grid) fieldTo(gem sim.Vec, reach int32) *field {
	g.mu.Lock()
	defer g.mu.Unlock()
	if f := g.fields[gem]; f != nil {
		return f
	}
	f := g.makeField(pointOf(gem), float64(reach))
	if len(g.order) >= fieldsKept {
		delete(g.fields, g.order[0])
		g.order = g.order[1:]
	}
	g.fields[gem] = f
	g.order = append(g.order, gem)
	return f
}

// makeField runs Dijkstra's search out from every free cell touching the gem (or,
// when none does, the free cell nearest it), never cutting a blocked corner.
func (g *grid) makeField(gem fpoint, reach float64) *field {
	f := &field{cost: make([]int32, len(g.free))}
	for i := range f.cost {
		f.cost[i] = -1
	}
	var q costQueue
	touch := reach - float64(sim.Px(clearancePx))
	c := float64(sim.Px(cellPx))
	span := int(reach/c) + 1
	gx, gy := int(gem.x/c), int(gem.y/c)
	for y := max(gy-span, 0); y <= min(gy+span, g.h-1); y++ {
		for x := max(gx-span, 0); x <= min(gx+span, g.w-1); x++ {
			i := y*g.w + x
			if p := g.centre(i); g.free[i] && math.Hypot(p.x-gem.x, p.y-gem.y) <= touch {
				f.cost[i] = 0
				q.push(i, 0)
			}
		}
	}
	if len(q) == 0 {
		if i := g.cellAt(gem); i >= 0 {
			f.cost[i] = 0
			q.push(i, 0)
		}
	}
	for len(q) > 0 {
		i, d := q.pop()
		if d > f.cost[i] {
			continue // reached more cheaply since it was queued
		}
		x, y := i%g.w, i/g.w
		for _, s := range steps {
			nx, ny := x+s.dx, y+s.dy
			if nx < 0 || ny < 0 || nx >= g.w || ny >= g.h || !g.free[ny*g.w+nx] {
				continue
			}
			if s.dx != 0 && s.dy != 0 && (!g.free[y*g.w+nx] || !g.free[ny*g.w+x]) {
				continue
			}
			n, nd := ny*g.w+nx, d+s.cost
			if f.cost[n] < 0 || nd < f.cost[n] {
				f.cost[n] = nd
				q.push(n, nd)
			}
		}
	}
	return f
}

var steps = [8]struct {
	dx, dy int
	cost   int32
}{
	{1, 0, straight}, {-1, 0, straight}, {0, 1, straight}, {0, -1, straight},
	{1, 1, diagonal}, {1, -1, diagonal}, {-1, 1, diagonal}, {-1, -1, diagonal},
}

// way is the path down f from cell i, up to lookahead cells, nearest first.
func (g *grid) way(f *field, i int, buf []int) []int {
	buf = buf[:0]
	for len(buf) < lookahead && f.cost[i] > 0 {
		x, y := i%g.w, i/g.w
		next := -1
		for _, s := range steps {
			nx, ny := x+s.dx, y+s.dy
			if nx < 0 || ny < 0 || nx >= g.w || ny >= g.h {
				continue
			}
			n := ny*g.w + nx
			if f.cost[n] >= 0 && f.cost[n] < f.cost[i] && (next < 0 || f.cost[n] < f.cost[next]) {
				next = n
			}
		}
		if next < 0 {
			break
		}
		buf = append(buf, next)
		i = next
	}
	return buf
}

// costQueue is a binary min-heap of cells by cost.
type costQueue []struct {
	cell int
	cost int32
}

func (q *costQueue) push(cell int, cost int32) {
	*q = append(*q, struct {
		cell int
		cost int32
	}{cell, cost})
	h := *q
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if h[p].cost <= h[i].cost {
			break
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
}

func (q *costQueue) pop() (int, int32) {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && h[l].cost < h[m].cost {
			m = l
		}
		if r < len(h) && h[r].cost < h[m].cost {
			m = r
		}
		if m == i {
			break
		}
		h[m], h[i] = h[i], h[m]
		i = m
	}
	*q = h
	return top.cell, top.cost
}
