package client

import (
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// InputRedundancy is how many of the newest inputs each Input datagram carries. At 60
// ticks a second, eight cover a burst of loss of over 130 ms.
const InputRedundancy = 8

// inputHistoryLen bounds the inputs kept waiting for the host's acknowledgement: four
// seconds of play, far beyond any round trip a game survives.
const inputHistoryLen = 4 * sim.TickRate

// SentInput is one input this player sent: its sequence number, the move, and the
// local time it was sampled.
type SentInput struct {
	Seq  uint32
	Move sim.Input
	At   time.Time
}

// inputs is the player's inputs since the newest one the host acknowledged (and
// always the newest InputRedundancy), oldest first: what an Input datagram repeats,
// and what prediction replays on top of the host's word.
type inputs struct {
	seq  uint32
	sent []SentInput
	msg  wire.Input
}

// add records the next input and returns the datagram that carries it, with the
// ones before it, newest first. The datagram is reused by the next call.
func (h *inputs) add(move sim.Input, at time.Time) *wire.Input {
	h.seq++
	if len(h.sent) >= inputHistoryLen {
		h.sent = append(h.sent[:0], h.sent[len(h.sent)-inputHistoryLen+1:]...)
	}
	h.sent = append(h.sent, SentInput{Seq: h.seq, Move: move, At: at})
	h.msg.Seq = h.seq
	h.msg.Moves = h.msg.Moves[:0]
	for i := len(h.sent) - 1; i >= 0 && len(h.msg.Moves) < InputRedundancy; i-- {
		h.msg.Moves = append(h.msg.Moves, wire.Move{X: h.sent[i].Move.X, Y: h.sent[i].Move.Y})
	}
	return &h.msg
}

// acked forgets the inputs the host has applied, up to ack, keeping the newest
// InputRedundancy for the datagrams to repeat.
func (h *inputs) acked(ack uint32) {
	drop := 0
	for drop < len(h.sent)-InputRedundancy && h.sent[drop].Seq <= ack {
		drop++
	}
	h.sent = h.sent[drop:]
}

// after is the inputs sent after seq, oldest first: what prediction replays on top of
// the host's word for seq.
func (h *inputs) after(seq uint32) []SentInput {
	i := len(h.sent)
	for i > 0 && h.sent[i-1].Seq > seq {
		i--
	}
	return h.sent[i:]
}
