package quicnet

import (
	"context"
	"errors"
	"fmt"
	"net"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// AsError turns what QUIC said when a connection failed or ended into the game's
// words: a reason the window picks its next step by, and a sentence for the person
// playing, naming addr (what was dialled) where it helps.
func AsError(err error, addr string) *client.Error {
	var (
		ce        *client.Error
		app       *quic.ApplicationError
		idle      *quic.IdleTimeoutError
		handshake *quic.HandshakeTimeoutError
		dns       *net.DNSError
		transport *quic.TransportError
	)
	e := &client.Error{Err: err}
	switch {
	case errors.As(err, &ce):
		return ce
	case err == nil:
		e.Sentence = "The connection closed."
	case errors.Is(err, session.ErrRefused):
		e.Reason = client.ReasonPortClosed
		e.Sentence = fmt.Sprintf("Nothing is listening at %s (the port is closed): check the port.", addr)
	case errors.Is(err, session.ErrNoAnswer), errors.As(err, &handshake), errors.Is(err, context.DeadlineExceeded):
		_, port, _ := net.SplitHostPort(addr)
		if port == "" {
			port = fmt.Sprint(wire.DefaultPort)
		}
		e.Reason = client.ReasonNoAnswer
		e.Sentence = fmt.Sprintf("Nobody answered at %s. Is the game still hosted? Is UDP port %s open?", addr, port)
	case errors.As(err, &transport) && transport.Remote && transport.ErrorCode == quic.ConnectionRefused:
		e.Reason = client.ReasonBusy
		e.Sentence = fmt.Sprintf("The game at %s is taking no new players just now: too many are trying to connect at once. Try again in a moment.", addr)
	case errors.As(err, &app) && app.Remote:
		e.Reason = hostCodes[app.ErrorCode] // ReasonUnknown for a code this version does not know
		e.Sentence = fmt.Sprintf("The other side closed the connection (code %d).", app.ErrorCode)
		if app.ErrorMessage != "" { // the host's reason is written to be shown as it is
			e.Sentence = capitalise(app.ErrorMessage) + "."
		}
	case errors.As(err, &app) && app.ErrorCode == session.CodeTimedOut, errors.As(err, &idle):
		// our own watch on silence closed it, or QUIC's idle timer did
		e.Reason = client.ReasonTimedOut
		e.Sentence = fmt.Sprintf("Connection lost: nothing heard from the other side for %s.", session.IdleTimeout)
	case errors.As(err, &app): // we closed it: the player left, or gave up on a host that broke the protocol
		e.Reason, e.Sentence = client.ReasonLeft, "You left the game."
	case errors.As(err, &dns):
		e.Reason, e.Sentence = client.ReasonNotFound, fmt.Sprintf("Cannot find %q: check the address.", dns.Name)
	default:
		e.Sentence = "Connection failed: " + err.Error()
	}
	return e
}

// hostCodes are the reasons the host gives when it closes a player's connection.
// CodeNoHello is not among them: a player who reaches the host says hello at once,
// so it is left to the host's own sentence.
var hostCodes = map[session.Code]client.Reason{
	session.CodeLeft:              client.ReasonClosed,
	session.CodeHostEnded:         client.ReasonHostEnded,
	session.CodeGameFull:          client.ReasonGameFull,
	session.CodeVersionMismatch:   client.ReasonVersionMismatch,
	session.CodeProtocolViolation: client.ReasonProtocolViolation,
	session.CodeTooSlow:           client.ReasonTooSlow,
	session.CodeKicked:            client.ReasonKicked,
	session.CodeWrongPassword:     client.ReasonWrongPassword,
	session.CodeReplaced:          client.ReasonReplaced,
	session.CodeSilent:            client.ReasonSilent,
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
