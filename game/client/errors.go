package client

import "errors"

// Reason is why a connection failed or ended, in the game's words: the window picks
// what to say next by it, and a reconnecting player whether to try again.
type Reason uint8

const (
	ReasonUnknown           Reason = iota // something else; the sentence says what
	ReasonNoAnswer                        // nothing answered at the address in time
	ReasonNotFound                        // the host name does not resolve
	ReasonBadInvite                       // the invite code does not check out: a typo
	ReasonIdentityChanged                 // the host answering is not the one expected
	ReasonHostEnded                       // the host stopped the game
	ReasonGameFull                        // no free place
	ReasonVersionMismatch                 // the host runs another protocol version
	ReasonWrongPassword                   // the room's password is missing or wrong
	ReasonKicked                          // the host removed the player
	ReasonTooSlow                         // the player's connection could not keep up
	ReasonProtocolViolation               // one side sent what the protocol forbids
	ReasonTimedOut                        // nothing heard for the idle timeout: the connection was lost
	ReasonLeft                            // the player left
	ReasonClosed                          // the host closed the connection without a reason we know
	ReasonReplaced                        // another connection of this player's took their place back
	ReasonBusy                            // the host is taking no new connections just now: too many at once
	ReasonNotForwarded                    // nothing answered, and the invite code holds only the host's home-network addresses
	ReasonSilent                          // the host heard no moves from this game while connected (a stalled window): its place waits
	ReasonPortClosed                      // the host's system says nothing listens on that port: a wrong port, or no game there now
)

var reasonNames = [...]string{"unknown", "no answer", "not found", "bad invite", "identity changed", "host ended",
	"game full", "version mismatch", "wrong password", "kicked", "too slow", "protocol violation", "timed out", "left", "closed", "replaced",
	"busy", "not forwarded", "silent", "port closed"}

func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "unknown"
}

// Error is why a connection failed or ended. Its text is a sentence for the person
// playing; Reason is the same in the game's terms, and Err the cause, for the log.
type Error struct {
	Reason   Reason
	Sentence string
	Err      error
}

func (e *Error) Error() string { return e.Sentence }
func (e *Error) Unwrap() error { return e.Err }

// ReasonOf is the reason err carries, or ReasonUnknown.
func ReasonOf(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ReasonUnknown
}

// NeedsPassword reports whether err is a host refusing a missing or wrong password.
func NeedsPassword(err error) bool { return ReasonOf(err) == ReasonWrongPassword }
