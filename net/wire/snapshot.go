package wire

import (
	"encoding/binary"
	"fmt"
)

// Snapshot is the host's word on where everything is at Tick. Positions are the
// simulation's own sub-pixel units, so nothing is lost in transit.
type Snapshot struct {
	Tick   uint32
	Ack    uint32 // newest input seq the host has applied for the receiving player
	Round  uint16
	Phase  uint8
	Winner uint8
	// Interval is the ticks between the snapshots the host now sends this player (1: every
	// tick, 2: every other, 3: every third). It travels in every snapshot so the player's
	// interpolation delay and input rate follow a change at once; a receiver reads 0 as 1.
	Interval uint8
	// Queue is how many of the receiving player's inputs usually wait at the host, the
	// one applied included, over the last two seconds: 1 is no wait. The host holds
	// inputs back by as many ticks as their arrival jitters; it travels so the player's
	// net-stats overlay can show that delay, as the host's /debug/vars does. A mean, it
	// seldom changes, so a delta seldom has to carry it.
	Queue   uint8
	Players []PlayerState
	Gems    []GemState
}

// PlayerState is one player's position in a Snapshot.
type PlayerState struct {
	ID   uint8
	X, Y uint16
}

// GemState is one gem's position in a Snapshot.
type GemState struct {
	ID   uint16
	X, Y uint16
}

const (
	snapshotHeader = 1 + 4 + 4 + 2 + 1 + 1 + 1 + 1 + 1 + 1 // type … queue, player count, gem count
	playerStateLen = 5
	gemStateLen    = 6
)

// SnapshotSize is the encoded size of a snapshot with the given counts.
func SnapshotSize(players, gems int) int {
	return snapshotHeader + players*playerStateLen + gems*gemStateLen
}

func (*Snapshot) Type() Type { return TypeSnapshot }

func (m *Snapshot) Append(b []byte) ([]byte, error) {
	if len(m.Players) > 255 || len(m.Gems) > 255 || SnapshotSize(len(m.Players), len(m.Gems)) > MaxDatagramSize {
		return b, fmt.Errorf("%w: snapshot of %d players and %d gems", ErrTooLong, len(m.Players), len(m.Gems))
	}
	b = binary.BigEndian.AppendUint32(b, m.Tick)
	b = binary.BigEndian.AppendUint32(b, m.Ack)
	b = binary.BigEndian.AppendUint16(b, m.Round)
	b = append(b, m.Phase, m.Winner, m.Interval, m.Queue, byte(len(m.Players)))
	for _, p := range m.Players {
		b = append(b, p.ID)
		b = binary.BigEndian.AppendUint16(b, p.X)
		b = binary.BigEndian.AppendUint16(b, p.Y)
	}
	return appendGems(b, m.Gems), nil
}

// appendGems appends a gem count and the gems, as snapshots and deltas carry them.
func appendGems(b []byte, gems []GemState) []byte {
	b = append(b, byte(len(gems)))
	for _, g := range gems {
		b = binary.BigEndian.AppendUint16(b, g.ID)
		b = binary.BigEndian.AppendUint16(b, g.X)
		b = binary.BigEndian.AppendUint16(b, g.Y)
	}
	return b
}

// readGems reads n gems; the caller has checked they fit.
func readGems(r *reader, n int) []GemState {
	gems := make([]GemState, n)
	for i := range gems {
		gems[i] = GemState{ID: r.u16(), X: r.u16(), Y: r.u16()}
	}
	return gems
}

func (m *Snapshot) parse(r *reader) {
	m.Tick, m.Ack = r.u32(), r.u32()
	m.Round, m.Phase, m.Winner, m.Interval, m.Queue = r.u16(), r.u8(), r.u8(), r.u8(), r.u8()
	n := int(r.u8())
	if r.err != nil || len(r.b) < n*playerStateLen {
		r.err = ErrTruncated
		return
	}
	m.Players = make([]PlayerState, n)
	for i := range m.Players {
		m.Players[i] = PlayerState{ID: r.u8(), X: r.u16(), Y: r.u16()}
	}
	n = int(r.u8())
	if r.err != nil || len(r.b) < n*gemStateLen {
		r.err = ErrTruncated
		return
	}
	if SnapshotSize(len(m.Players), n) > MaxDatagramSize { // what Append would refuse, Parse refuses
		r.err = fmt.Errorf("%w: snapshot of %d players and %d gems", ErrTooLong, len(m.Players), n)
		return
	}
	m.Gems = readGems(r, n)
}
