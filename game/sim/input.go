package sim

// Input is what a player asks for in one tick: a direction on each axis, where
// ±MaxAxis is full speed. Keys give 0 or ±MaxAxis; a gamepad stick anything between.
type Input struct{ X, Y int8 }

// MaxAxis is the largest meaningful magnitude of an Input axis.
const MaxAxis = 127

// velocity turns an input into a displacement for one tick. Whatever the input
// claims, the result is never longer than speed: the axes are clamped to ±MaxAxis
// and a diagonal is scaled down to the length of a straight move.
func (in Input) velocity(speed int32) Vec {
	x := clamp(int32(in.X), -MaxAxis, MaxAxis)
	y := clamp(int32(in.Y), -MaxAxis, MaxAxis)
	length := max(isqrtCeil(int64(x*x+y*y)), MaxAxis)
	return Vec{
		X: int32(int64(x) * int64(speed) / length),
		Y: int32(int64(y) * int64(speed) / length),
	}
}
