package sim

// Arena is the fixed playing field: its size and the walls inside it. It is part of
// the protocol version: host and players build the same one, so it never travels.
type Arena struct {
	Size  Vec
	Walls []Rect
}

// ArenaWidth and ArenaHeight are the arena's size in pixels.
const (
	ArenaWidth  = 880
	ArenaHeight = 640
)

// DefaultArena is the arena every round is played in: open ground with a few blocks
// to steer around, symmetric so no spawn side is favoured.
func DefaultArena() Arena {
	return Arena{
		Size: Vec{Px(ArenaWidth), Px(ArenaHeight)},
		Walls: []Rect{
			PxRect(180, 140, 140, 24), // top-left bar
			PxRect(560, 140, 140, 24), // top-right bar
			PxRect(180, 476, 140, 24), // bottom-left bar
			PxRect(560, 476, 140, 24), // bottom-right bar
			PxRect(416, 250, 48, 140), // centre pillar
			PxRect(90, 280, 24, 80),   // left post
			PxRect(766, 280, 24, 80),  // right post
		},
	}
}

// ArenaFor is the arena round is played in. Host and players build it from the
// round number alone, so it never travels.
func ArenaFor(round int) Arena { return DefaultArena() }

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
