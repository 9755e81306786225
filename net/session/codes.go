package session

import "github.com/quic-go/quic-go"

// Code is the application error code a Gem Rush connection is closed with. The
// reason string that travels with it is meant to be shown to a person as it is.
type Code = quic.ApplicationErrorCode

const (
	CodeLeft              Code = 0x0 // the player left
	CodeHostEnded         Code = 0x1 // the host stopped the game
	CodeGameFull          Code = 0x2 // no free place
	CodeVersionMismatch   Code = 0x3 // the two sides speak different protocol versions
	CodeProtocolViolation Code = 0x4 // a malformed or oversized frame, an unexpected message
	CodeTooSlow           Code = 0x5 // the peer did not keep up with its streams
	CodeNoHello           Code = 0x6 // the player did not introduce itself in time
	CodeKicked            Code = 0x7 // the host removed the player
	CodeWrongPassword     Code = 0x8 // the room has a password and the player's was not it
	CodeReplaced          Code = 0x9 // the player came back on a new connection, which took this one's place
	CodeGaveUp            Code = 0xA // the player's game gave up joining before the welcome came: not a goodbye
	CodeSilent            Code = 0xB // the player's game sent no moves while connected; the place is kept for a comeback
	CodeTimedOut          Code = 0xC // nothing came from the other side for IdleTimeout: given up on (see watchSilence)
)
