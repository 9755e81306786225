package wire

import (
	"encoding/binary"
	"fmt"
)

// Hello is a player's first frame: who they are and which protocol they speak. A
// player coming back after their connection dropped gives the Token the host's
// Welcome gave them, and the seq of the first chat line they have not had, so the host can
// send what they missed.
type Hello struct {
	Version  uint16
	Colour   uint8 // preferred colour index; NoColour lets the host choose
	Name     string
	Password string // the room's password, or empty (the connection is encrypted)
	Token    Token  // the resume token of the place to take back; zero for a new player
	NextChat uint32 // with a Token: the seq of the first chat line the player has not received
}

// Token is a secret the host gives each player in its Welcome, inside TLS: whoever
// shows it takes that player's place back, within the grace period after a drop.
// The zero Token is none.
type Token [16]byte

// IsZero reports whether t is no token.
func (t Token) IsZero() bool { return t == Token{} }

// NoColour in a Hello asks the host to pick a free colour.
const NoColour = 0xFF

func (*Hello) Type() Type { return TypeHello }

func (m *Hello) Append(b []byte) ([]byte, error) {
	b = binary.BigEndian.AppendUint16(b, m.Version)
	b, err := appendString(append(b, m.Colour), m.Name)
	if err != nil {
		return b, err
	}
	if b, err = appendString(b, m.Password); err != nil {
		return b, err
	}
	return binary.BigEndian.AppendUint32(append(b, m.Token[:]...), m.NextChat), nil
}

func (m *Hello) parse(r *reader) {
	if m.Version = r.u16(); m.Version != Version {
		r.b = nil // another version's hello: its version is all this one can read, and all the host needs to say no
		return
	}
	m.Colour, m.Name, m.Password = r.u8(), r.str(), r.str()
	copy(m.Token[:], r.take(len(m.Token)))
	m.NextChat = r.u32()
}

// Welcome accepts a player and tells them the game's settings, and the token that
// gets their place back if the connection drops.
type Welcome struct {
	Version     uint16
	You         uint8 // the player's id
	MaxPlayers  uint8
	TargetScore uint16
	TickRate    uint8
	NextChatSeq uint32 // the seq of the first chat line this player will receive (after any the host sends again)
	HostName    string
	Token       Token
	Resumed     bool  // the player's Token took back their place: same id, name, colour and score
	Grace       uint8 // seconds the host keeps a dropped player's place
}

func (*Welcome) Type() Type { return TypeWelcome }

func (m *Welcome) Append(b []byte) ([]byte, error) {
	b = binary.BigEndian.AppendUint16(b, m.Version)
	b = append(b, m.You, m.MaxPlayers)
	b = binary.BigEndian.AppendUint16(b, m.TargetScore)
	b = append(b, m.TickRate)
	b = binary.BigEndian.AppendUint32(b, m.NextChatSeq)
	b, err := appendString(b, m.HostName)
	if err != nil {
		return b, err
	}
	resumed := byte(0)
	if m.Resumed {
		resumed = 1
	}
	return append(append(b, m.Token[:]...), resumed, m.Grace), nil
}

func (m *Welcome) parse(r *reader) {
	m.Version, m.You, m.MaxPlayers = r.u16(), r.u8(), r.u8()
	m.TargetScore, m.TickRate, m.NextChatSeq, m.HostName = r.u16(), r.u8(), r.u32(), r.str()
	copy(m.Token[:], r.take(len(m.Token)))
	m.Resumed = r.bool()
	m.Grace = r.u8()
}

// Reject refuses a Hello; the host closes the connection with the same code after it.
type Reject struct {
	Code   uint8
	Reason string
}

func (*Reject) Type() Type { return TypeReject }

func (m *Reject) Append(b []byte) ([]byte, error) { return appendString(append(b, m.Code), m.Reason) }

func (m *Reject) parse(r *reader) { m.Code, m.Reason = r.u8(), r.str() }

// PlayerJoined announces a player, on joining and to a newcomer for everyone present.
type PlayerJoined struct {
	ID     uint8
	Colour uint8
	Score  uint16
	Name   string
}

func (*PlayerJoined) Type() Type { return TypePlayerJoined }

func (m *PlayerJoined) Append(b []byte) ([]byte, error) {
	b = binary.BigEndian.AppendUint16(append(b, m.ID, m.Colour), m.Score)
	return appendString(b, m.Name)
}

func (m *PlayerJoined) parse(r *reader) {
	m.ID, m.Colour, m.Score, m.Name = r.u8(), r.u8(), r.u16(), r.str()
}

// LeaveReason says why a player left.
type LeaveReason uint8

const (
	LeftQuit     LeaveReason = iota // the player left the game
	LeftTimedOut                    // their connection dropped and they did not come back within the grace period
	LeftKicked                      // the host removed them (a protocol violation, too slow)
)

func (r LeaveReason) String() string {
	switch r {
	case LeftQuit:
		return "left"
	case LeftTimedOut:
		return "did not come back"
	case LeftKicked:
		return "was removed"
	}
	return "left"
}

// PlayerLeft announces that a player is gone.
type PlayerLeft struct {
	ID     uint8
	Reason LeaveReason
}

func (*PlayerLeft) Type() Type { return TypePlayerLeft }

func (m *PlayerLeft) Append(b []byte) ([]byte, error) { return append(b, m.ID, byte(m.Reason)), nil }

func (m *PlayerLeft) parse(r *reader) { m.ID, m.Reason = r.u8(), LeaveReason(r.u8()) }

// PlayerAway says a player's connection dropped: the host keeps their place for the
// grace period, their disc standing still, while their game reconnects.
type PlayerAway struct{ ID uint8 }

func (*PlayerAway) Type() Type { return TypePlayerAway }

func (m *PlayerAway) Append(b []byte) ([]byte, error) { return append(b, m.ID), nil }

func (m *PlayerAway) parse(r *reader) { m.ID = r.u8() }

// PlayerBack says a player who was away took their place back.
type PlayerBack struct{ ID uint8 }

func (*PlayerBack) Type() Type { return TypePlayerBack }

func (m *PlayerBack) Append(b []byte) ([]byte, error) { return append(b, m.ID), nil }

func (m *PlayerBack) parse(r *reader) { m.ID = r.u8() }

// Scored announces a player's new score after taking a gem.
type Scored struct {
	ID    uint8
	Score uint16
}

func (*Scored) Type() Type { return TypeScored }

func (m *Scored) Append(b []byte) ([]byte, error) {
	return binary.BigEndian.AppendUint16(append(b, m.ID), m.Score), nil
}

func (m *Scored) parse(r *reader) { m.ID, m.Score = r.u8(), r.u16() }

// RoundOver names the round's winner; the next round starts NextIn ticks later.
type RoundOver struct {
	Winner uint8
	Round  uint16
	NextIn uint16
}

func (*RoundOver) Type() Type { return TypeRoundOver }

func (m *RoundOver) Append(b []byte) ([]byte, error) {
	b = binary.BigEndian.AppendUint16(append(b, m.Winner), m.Round)
	return binary.BigEndian.AppendUint16(b, m.NextIn), nil
}

func (m *RoundOver) parse(r *reader) { m.Winner, m.Round, m.NextIn = r.u8(), r.u16(), r.u16() }

// RoundStart says a new round began, in the round's arena: every score is zero
// again, and gems can be taken GoIn ticks later, when the countdown ends (0: at once).
// A player who joins during a countdown is sent one too, with the ticks left.
type RoundStart struct {
	Round uint16
	GoIn  uint16
}

func (*RoundStart) Type() Type { return TypeRoundStart }

func (m *RoundStart) Append(b []byte) ([]byte, error) {
	return binary.BigEndian.AppendUint16(binary.BigEndian.AppendUint16(b, m.Round), m.GoIn), nil
}

func (m *RoundStart) parse(r *reader) { m.Round, m.GoIn = r.u16(), r.u16() }

// Notice is something the host tells one player alone, in words: that lines of their
// chat were dropped for coming too fast, say. Their game shows it in the chat log.
type Notice struct{ Text string }

func (*Notice) Type() Type { return TypeNotice }

func (m *Notice) Append(b []byte) ([]byte, error) { return appendString(b, m.Text) }

func (m *Notice) parse(r *reader) { m.Text = r.str() }

// Standings is what the full scoreboard shows beyond the scores: each player's
// round trip to the host and the rounds they have won since they joined.
type Standings struct{ Players []Standing }

// Standing is one player's line of Standings.
type Standing struct {
	ID     uint8
	PingMs uint16 // the host's smoothed round trip to them, in milliseconds; PingUnknown when it has none
	Wins   uint16
}

// PingUnknown is a Standing's PingMs when the host has no round trip to the player:
// they are away, or have only just joined.
const PingUnknown = 0xFFFF

// standingLen is one Standing on the wire.
const standingLen = 5

func (*Standings) Type() Type { return TypeStandings }

func (m *Standings) Append(b []byte) ([]byte, error) {
	if len(m.Players) > 255 || 2+len(m.Players)*standingLen > MaxFrameSize {
		return b, fmt.Errorf("%w: standings of %d players", ErrTooLong, len(m.Players))
	}
	b = append(b, byte(len(m.Players)))
	for _, p := range m.Players {
		b = binary.BigEndian.AppendUint16(append(b, p.ID), p.PingMs)
		b = binary.BigEndian.AppendUint16(b, p.Wins)
	}
	return b, nil
}

func (m *Standings) parse(r *reader) {
	n := int(r.u8())
	if r.err != nil || len(r.b) < n*standingLen {
		r.err = ErrTruncated
		return
	}
	m.Players = make([]Standing, n)
	for i := range m.Players {
		m.Players[i] = Standing{ID: r.u8(), PingMs: r.u16(), Wins: r.u16()}
	}
}
