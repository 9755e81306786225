package game

import "github.com/gemrush/gemrush/game/client"

// nextStep is what to do after a game ended or could not start with err: the error
// screen shows it under the sentence that says what happened.
func nextStep(err error) string {
	switch client.ReasonOf(err) {
	case client.ReasonHostEnded, client.ReasonKicked:
		return "Host a game of your own, or join another."
	case client.ReasonGameFull:
		return "Try again when someone leaves, or host a game of your own."
	case client.ReasonVersionMismatch:
		return "Install the same Gem Rush release as the host, then join again."
	case client.ReasonNotForwarded:
		return "Join again with the host's new code."
	case client.ReasonPortClosed:
		return "Check the port (the number after the colon) with the host; a host behind a home router needs it forwarded."
	case client.ReasonNoAnswer, client.ReasonProtocolViolation, client.ReasonTooSlow, client.ReasonTimedOut:
		return "Check your network connection, then join again from Recent games."
	}
	return ""
}
