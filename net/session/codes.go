package session

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

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
)

// SentenceError is an error whose text is already a sentence for the person playing.
type SentenceError struct{ Sentence string }

func (e *SentenceError) Error() string { return e.Sentence }

// Describe turns the error a connection ended with into a sentence for the person
// playing. addr is the address that was dialled, for the sentences that name it.
func Describe(err error, addr string) string {
	var (
		sentence  *SentenceError
		app       *quic.ApplicationError
		idle      *quic.IdleTimeoutError
		handshake *quic.HandshakeTimeoutError
		dns       *net.DNSError
	)
	switch {
	case err == nil:
		return "The connection closed."
	case errors.As(err, &sentence):
		return sentence.Sentence
	case errors.Is(err, ErrNoAnswer), errors.As(err, &handshake), errors.Is(err, context.DeadlineExceeded):
		_, port, _ := net.SplitHostPort(addr)
		if port == "" {
			port = fmt.Sprint(wire.DefaultPort)
		}
		return fmt.Sprintf("Nobody answered at %s. Is the game still hosted? Is UDP port %s open?", addr, port)
	case errors.As(err, &app) && app.Remote && app.ErrorMessage != "":
		return capitalise(app.ErrorMessage) + "."
	case errors.As(err, &app) && app.Remote:
		return fmt.Sprintf("The other side closed the connection (code %d).", app.ErrorCode)
	case errors.As(err, &app):
		return "You left the game."
	case errors.As(err, &idle):
		return fmt.Sprintf("Connection lost: nothing heard from the other side for %s.", IdleTimeout)
	case errors.As(err, &dns):
		return fmt.Sprintf("Cannot find %q: check the address.", dns.Name)
	}
	return "Connection failed: " + err.Error()
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
