package game

import (
	"errors"

	"github.com/gemrush/gemrush/net/session"
	"github.com/quic-go/quic-go"
)

// nextStep is what to do after a game ended or could not start with err: the error
// screen shows it under the sentence that says what happened.
func nextStep(err error) string {
	var app *quic.ApplicationError
	var idle *quic.IdleTimeoutError
	switch {
	case errors.As(err, &app) && app.Remote:
		switch app.ErrorCode {
		case session.CodeHostEnded:
			return "Host a game of your own, or join another."
		case session.CodeGameFull:
			return "Try again when someone leaves, or host a game of your own."
		case session.CodeVersionMismatch:
			return "Install the same Gem Rush release as the host, then join again."
		case session.CodeKicked, session.CodeProtocolViolation, session.CodeTooSlow:
			return "Check your network connection, then join again from Recent games."
		}
	case errors.As(err, &idle):
		return "Check your network connection, then join again from Recent games."
	}
	return ""
}
