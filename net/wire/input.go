package wire

import (
	"encoding/binary"
	"fmt"
)

// Move is one tick of a player's input: a direction on each axis, ±127 full speed.
type Move struct{ X, Y int8 }

// Input carries a player's newest inputs: Moves[0] is input Seq, Moves[1] is Seq-1 and
// so on, so each datagram repeats the ones before it and one lost datagram loses nothing.
//
// Snapshot is the newest snapshot tick the player has received, 0 for none. Inputs flow
// to the host steadily, so they carry the acknowledgement a SnapshotDelta needs: the
// host writes deltas only against a snapshot the player has said it holds.
type Input struct {
	Seq      uint32
	Snapshot uint32
	Moves    []Move
}

func (*Input) Type() Type { return TypeInput }

func (m *Input) Append(b []byte) ([]byte, error) {
	if len(m.Moves) == 0 || len(m.Moves) > MaxInputs {
		return b, fmt.Errorf("%w: %d inputs (1 to %d)", ErrTooLong, len(m.Moves), MaxInputs)
	}
	b = binary.BigEndian.AppendUint32(b, m.Seq)
	b = append(binary.BigEndian.AppendUint32(b, m.Snapshot), byte(len(m.Moves)))
	for _, mv := range m.Moves {
		b = append(b, byte(mv.X), byte(mv.Y))
	}
	return b, nil
}

// ErrBadCount is returned for a count field outside what the message allows.
var ErrBadCount = fmt.Errorf("wire: count out of range")

func (m *Input) parse(r *reader) {
	m.Seq, m.Snapshot = r.u32(), r.u32()
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
