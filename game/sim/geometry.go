package sim

import "math"

// SubPixels is how many position units make one pixel of the arena. Positions are
// integers so that every machine computes exactly the same world from the same inputs,
// and a snapshot carries them without rounding (the arena fits in 16 bits).
const SubPixels = 16

// Vec is a position or displacement in sub-pixel units.
type Vec struct{ X, Y int32 }

// Rect is an axis-aligned rectangle in sub-pixel units, Min inclusive, Max exclusive.
type Rect struct{ Min, Max Vec }

// Px converts whole pixels to sub-pixel units.
func Px(p int32) int32 { return p * SubPixels }

// PxRect builds a Rect from a pixel position and size.
func PxRect(x, y, w, h int32) Rect {
	return Rect{Min: Vec{Px(x), Px(y)}, Max: Vec{Px(x + w), Px(y + h)}}
}

// DistSq is the squared distance between a and b; int64 because the arena's diagonal
// squared does not fit in 32 bits.
func DistSq(a, b Vec) int64 {
	dx, dy := int64(a.X-b.X), int64(a.Y-b.Y)
	return dx*dx + dy*dy
}

// closestPoint is the point of r nearest to p.
func (r Rect) closestPoint(p Vec) Vec {
	return Vec{clamp(p.X, r.Min.X, r.Max.X), clamp(p.Y, r.Min.Y, r.Max.Y)}
}

// circleOverlaps reports whether a circle at c with radius rad overlaps r.
func (r Rect) circleOverlaps(c Vec, rad int32) bool {
	return DistSq(c, r.closestPoint(c)) < int64(rad)*int64(rad)
}

// pushOut moves a circle at c with radius rad so that it no longer overlaps r,
// along the shortest way out. Rounding always errs outward, so the result never
// overlaps r.
func (r Rect) pushOut(c Vec, rad int32) Vec {
	p := r.closestPoint(c)
	if p == c { // the centre is inside: leave by the nearest edge
		left, right := c.X-r.Min.X, r.Max.X-c.X
		up, down := c.Y-r.Min.Y, r.Max.Y-c.Y
		switch min(left, right, up, down) {
		case left:
			return Vec{r.Min.X - rad, c.Y}
		case right:
			return Vec{r.Max.X + rad, c.Y}
		case up:
			return Vec{c.X, r.Min.Y - rad}
		default:
			return Vec{c.X, r.Max.Y + rad}
		}
	}
	dx, dy := int64(c.X-p.X), int64(c.Y-p.Y)
	d := isqrtFloor(dx*dx + dy*dy)
	if d == 0 {
		d = 1
	}
	return Vec{p.X + int32(divAway(dx*int64(rad), d)), p.Y + int32(divAway(dy*int64(rad), d))}
}

// isqrtCeil is the smallest n with n*n >= v, for v >= 0.
func isqrtCeil(v int64) int64 {
	n := isqrtFloor(v)
	if n*n < v {
		n++
	}
	return n
}

// isqrtFloor is the largest n with n*n <= v, for v >= 0. math.Sqrt is correctly
// rounded on every platform; the loops fix the last unit for large v.
func isqrtFloor(v int64) int64 {
	n := int64(math.Sqrt(float64(v)))
	for n*n > v {
		n--
	}
	for (n+1)*(n+1) <= v {
		n++
	}
	return n
}

// divAway divides rounding away from zero.
func divAway(a, b int64) int64 {
	if a >= 0 {
		return (a + b - 1) / b
	}
	return -((-a + b - 1) / b)
}

func clamp(v, lo, hi int32) int32 { return max(lo, min(v, hi)) }
