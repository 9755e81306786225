package wire

import (
	"encoding/binary"
	"fmt"
)

// Move is one tick of a player's input: a direction on each axis, ±127 full speed.
type Move struct{ X, Y int8 }

// Input carries a player's newest inputs: Moves[0] is input Seq, Moves[1] is Seq-1 and
// so on, so each datagram repeats the ones before it and one lost datagram loses nothing.
type Input struct {
	Seq   uint32
	Moves []Move
}

func (*Input) Type() Type { return TypeInput }

func (m *Input) Append(b []byte) ([]byte, error) {
	if len(m.Moves) == 0 || len(m.Moves) > MaxInputs {
		return b, fmt.Errorf("%w: %d inputs (1 to %d)", ErrTooLong, len(m.Moves), MaxInputs)
	}
	b = append(binary.BigEndian.AppendUint32(b, m.Seq), byte(len(m.Moves)))
	for _, mv := range m.Moves {
		b = append(b, byte(mv.X), byte(mv.Y))
	}
	return b, nil
}

// ErrBadCount is returned for a count field outside what the message allows.
var ErrBadCount = fmt.Errorf("wire: count out of range")

func (m *Input) parse(r *reader) {
	m.Seq = r.u32()
	n := int(r.u8())
	if r.err != nil {
		return
	}
	if n == 0 || n > MaxInputs {
		r.err = ErrBadCount
		return
	}
	if len(r.b) < 2*n {
		r.err = ErrTruncated
		return
	}
	m.Moves = make([]Move, n)
	for i := range m.Moves {
		m.Moves[i] = Move{r.i8(), r.i8()}
	}
}
