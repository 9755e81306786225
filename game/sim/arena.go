package sim

// Arena is a playing field: its name, its size and the walls inside it. The layouts
// are part of the protocol version: host and players build the same one from the
// round number, so an arena never travels.
type Arena struct {
	Name  string // what the window calls it: "Open ground"
	Size  Vec
	Walls []Rect // shared by every round played in it: read, never change
}

// ArenaWidth and ArenaHeight are every arena's size in pixels.
const (
	ArenaWidth  = 880
	ArenaHeight = 640
)

// arenas are the layouts, in the order the rounds take them. Every one is mirrored
// left to right, so no spawn side is favoured; no wall is thinner than 24 px, far more
// than the 4.5 px a disc moves in a tick, so nothing tunnels; and every gap, between
// two walls or between a wall and the edge, is either closed or at least 96 px, three
// discs wide, so no pocket is closed off and no gem lies where a disc cannot reach.
// arena_test.go holds each layout to all of that.
var arenas = []Arena{
	{Name: "Open ground", Walls: []Rect{
		PxRect(180, 140, 140, 24), // top bars
		PxRect(560, 140, 140, 24),
		PxRect(180, 476, 140, 24), // bottom bars
		PxRect(560, 476, 140, 24),
		PxRect(416, 250, 48, 140), // centre pillar
		PxRect(96, 280, 24, 80),   // side posts
		PxRect(760, 280, 24, 80),
	}},
	{Name: "Crossroads", Walls: []Rect{
		PxRect(130, 304, 230, 32), // the cross's arms, round an open hub
		PxRect(520, 304, 230, 32),
		PxRect(424, 100, 32, 130),
		PxRect(424, 410, 32, 130),
		PxRect(200, 130, 64, 40), // a block in each quarter
		PxRect(616, 130, 64, 40),
		PxRect(200, 470, 64, 40),
		PxRect(616, 470, 64, 40),
	}},
	{Name: "Four rooms", Walls: []Rect{
		// Each corner room: its inner side wall and its inner floor wall, each with a
		// doorway 100 px wide, meeting at a closed corner.
		PxRect(300, 0, 24, 70), PxRect(300, 170, 24, 84), PxRect(0, 230, 110, 24), PxRect(210, 230, 114, 24),
		PxRect(556, 0, 24, 70), PxRect(556, 170, 24, 84), PxRect(770, 230, 110, 24), PxRect(556, 230, 114, 24),
		PxRect(300, 570, 24, 70), PxRect(300, 386, 24, 84), PxRect(0, 386, 110, 24), PxRect(210, 386, 114, 24),
		PxRect(556, 570, 24, 70), PxRect(556, 386, 24, 84), PxRect(770, 386, 110, 24), PxRect(556, 386, 114, 24),
		PxRect(416, 296, 48, 48), // the hall's pillar
	}},
	{Name: "Pillars", Walls: []Rect{
		// Rows of four, three and four, staggered: lanes every way, none straight across.
		PxRect(140, 130, 40, 40), PxRect(320, 130, 40, 40), PxRect(520, 130, 40, 40), PxRect(700, 130, 40, 40),
		PxRect(230, 300, 40, 40), PxRect(420, 300, 40, 40), PxRect(610, 300, 40, 40),
		PxRect(140, 470, 40, 40), PxRect(320, 470, 40, 40), PxRect(520, 470, 40, 40), PxRect(700, 470, 40, 40),
	}},
}

func init() {
	for i := range arenas {
		arenas[i].Size = Vec{Px(ArenaWidth), Px(ArenaHeight)}
		arenas[i].Walls = arenas[i].Walls[:len(arenas[i].Walls):len(arenas[i].Walls)] // an append copies
	}
}

// Arenas is how many layouts the rounds rotate through.
func Arenas() int { return len(arenas) }

// ArenaFor is the arena round is played in: the layouts in turn, round 1 the first.
// Host and players build it from the round number alone.
func ArenaFor(round int) Arena {
	n := len(arenas)
	return arenas[((max(round, 1)-1)%n+n)%n]
}

// DefaultArena is the first round's arena.
func DefaultArena() Arena { return ArenaFor(1) }

// inside reports whether a circle at c with radius rad lies within the arena's
// bounds and clear of every wall by at least gap.
func (a Arena) inside(c Vec, rad, gap int32) bool {
	if c.X < rad+gap || c.Y < rad+gap || c.X > a.Size.X-rad-gap || c.Y > a.Size.Y-rad-gap {
		return false
	}
	for _, w := range a.Walls {
		if w.circleOverlaps(c, rad+gap) {
			return false
		}
	}
	return true
}

// Open reports whether a disc of radius rad fits at c: inside the bounds, touching
// no wall. The bots and the tests ask it; Step keeps every player so.
func (a Arena) Open(c Vec, rad int32) bool { return a.inside(c, rad, 0) }

// firstOpen is the first spot, scanning row by row, where a circle of radius rad fits:
// where freeSpot settles when no random draw found room, so that even then nothing is
// placed in a wall.
func (a Arena) firstOpen(rad int32) Vec {
	for y := rad; y <= a.Size.Y-rad; y += SubPixels {
		for x := rad; x <= a.Size.X-rad; x += SubPixels {
			if c := (Vec{x, y}); a.inside(c, rad, 0) {
				return c
			}
		}
	}
	return Vec{a.Size.X / 2, a.Size.Y / 2} // an arena of walls alone: nowhere is better
}

// collide moves a circle at c with radius rad out of every wall and back inside the
// arena's bounds. Walls are thicker than a tick's movement, so nothing tunnels.
func (a Arena) collide(c Vec, rad int32) Vec {
	for _, w := range a.Walls {
		if w.circleOverlaps(c, rad) {
			c = w.pushOut(c, rad)
		}
	}
	c.X = clamp(c.X, rad, a.Size.X-rad)
	c.Y = clamp(c.Y, rad, a.Size.Y-rad)
	return c
}
