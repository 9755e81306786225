package quicnet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
	"github.com/quic-go/quic-go"
)

// TestEndingsInTheGamesWords maps every way QUIC reports an ending to the reason the
// window chooses its next step by, keeping the sentence the player reads.
func TestEndingsInTheGamesWords(t *testing.T) {
	remote := func(code session.Code, msg string) error {
		return &quic.ApplicationError{Remote: true, ErrorCode: code, ErrorMessage: msg}
	}
	tests := []struct {
		err      error
		reason   client.Reason
		sentence string
	}{
		{remote(session.CodeHostEnded, "host ended the game"), client.ReasonHostEnded, "Host ended the game."},
		{remote(session.CodeGameFull, "game is full (2/2)"), client.ReasonGameFull, "Game is full (2/2)."},
		{remote(session.CodeVersionMismatch, "version mismatch"), client.ReasonVersionMismatch, "Version mismatch."},
		{remote(session.CodeWrongPassword, "wrong password"), client.ReasonWrongPassword, "Wrong password."},
		{remote(session.CodeKicked, ""), client.ReasonKicked, "The other side closed the connection (code 7)."},
		{remote(session.CodeTooSlow, "too slow"), client.ReasonTooSlow, "Too slow."},
		{remote(session.CodeProtocolViolation, "protocol violation: x"), client.ReasonProtocolViolation, "Protocol violation: x."},
		{remote(0x99, ""), client.ReasonUnknown, "The other side closed the connection (code 153)."},
		{&quic.ApplicationError{ErrorCode: session.CodeLeft}, client.ReasonLeft, "You left the game."},
		{&quic.IdleTimeoutError{}, client.ReasonTimedOut, "Connection lost: nothing heard from the other side for 10s."},
		{&quic.ApplicationError{ErrorCode: session.CodeTimedOut, ErrorMessage: "nothing heard from the other side for 10s"}, client.ReasonTimedOut, "Connection lost: nothing heard from the other side for 10s."},
		{&quic.HandshakeTimeoutError{}, client.ReasonNoAnswer, "Nobody answered at 192.0.2.3:4000. Is the game still hosted? Is UDP port 4000 open?"},
		{fmt.Errorf("%w: %w", session.ErrNoAnswer, &quic.IdleTimeoutError{}), client.ReasonNoAnswer, "Nobody answered at 192.0.2.3:4000. Is the game still hosted? Is UDP port 4000 open?"},
		{fmt.Errorf("%w: 192.0.2.3:4000", session.ErrRefused), client.ReasonPortClosed, "Nothing is listening at 192.0.2.3:4000 (the port is closed): check the port."},
		{context.DeadlineExceeded, client.ReasonNoAnswer, "Nobody answered at 192.0.2.3:4000. Is the game still hosted? Is UDP port 4000 open?"},
		{&net.DNSError{Name: "nowhere.invalid", IsNotFound: true}, client.ReasonNotFound, `Cannot find "nowhere.invalid": check the address.`},
		{&quic.TransportError{Remote: true, ErrorCode: quic.ConnectionRefused}, client.ReasonBusy,
			"The game at 192.0.2.3:4000 is taking no new players just now: too many are trying to connect at once. Try again in a moment."},
		{errors.New("boom"), client.ReasonUnknown, "Connection failed: boom"},
	}
	for _, tt := range tests {
		e := AsError(tt.err, "192.0.2.3:4000")
		if e.Reason != tt.reason || e.Sentence != tt.sentence || !errors.Is(e, tt.err) {
			t.Errorf("%v: reason %v %q, want %v %q", tt.err, e.Reason, e.Sentence, tt.reason, tt.sentence)
		}
	}
	own := &client.Error{Reason: client.ReasonBadInvite, Sentence: "typo"}
	if e := AsError(fmt.Errorf("dial: %w", own), "x"); e != own {
		t.Errorf("an error already in the game's words was rewrapped: %+v", e)
	}
}

// TestTimeoutsKeepTheirOrder holds the waits that count on each other to their order.
func TestTimeoutsKeepTheirOrder(t *testing.T) {
	if host.ShutdownTimeout >= client.HostStopWait {
		t.Errorf("a hosting window waits %v for its host, which waits %v for its goodbyes", client.HostStopWait, host.ShutdownTimeout)
	}
	if session.KeepAlivePeriod*4 >= session.IdleTimeout || session.WriteTimeout >= session.IdleTimeout {
		t.Errorf("keep-alive %v and write timeout %v must sit well inside the idle timeout %v",
			session.KeepAlivePeriod, session.WriteTimeout, session.IdleTimeout)
	}
	if session.DialTimeout < session.HandshakeTimeout {
		t.Errorf("the dial (%v) gives up before the handshake (%v) can", session.DialTimeout, session.HandshakeTimeout)
	}
}
