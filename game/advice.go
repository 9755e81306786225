package game

import "github.com/gemrush/gemrush/game/client"

// nextStep is what to do after a game ended or could not start with err: the error
// screen shows it under the sentence that says what happened. inRecent says whether
// the game's address is among the menu's recent games, to be pointed to.
func nextStep(err error, inRecent bool) string {
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
		if inRecent {
			return "Check your network connection, then join again from Recent games."
		}
		return "Check your network connection and the address, then join again."
	}
	return ""
}

// fieldToFix is the menu field a failed join's err points to, for the focus when the
// player comes back from the error screen: the address they typed, when nothing (or
// the wrong thing) was found there. "" leaves the focus on the menu's first control.
func (m *menuScene) fieldToFix(err error, addr string) string {
	switch client.ReasonOf(err) {
	case client.ReasonNoAnswer, client.ReasonNotFound, client.ReasonBadInvite, client.ReasonPortClosed, client.ReasonNotForwarded:
		if addr == m.address.String() {
			return "address"
		}
	}
	return ""
}
