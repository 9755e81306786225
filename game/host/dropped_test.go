package host

import (
	"errors"
	"testing"

	"github.com/gemrush/gemrush/net/session"
	"github.com/quic-go/quic-go"
)

// TestWhichEndsKeepAPlace: a connection that ended without anyone meaning it keeps
// the player's place; a goodbye or the host's own close does not.
func TestWhichEndsKeepAPlace(t *testing.T) {
	remote := func(c session.Code) error { return &quic.ApplicationError{Remote: true, ErrorCode: c} }
	local := func(c session.Code) error { return &quic.ApplicationError{ErrorCode: c} }
	for _, c := range []struct {
		what string
		err  error
		kept bool
	}{
		{"an idle timeout", &quic.IdleTimeoutError{}, true},
		{"a stateless reset", &quic.StatelessResetError{}, true},
		{"a network gone", errors.New("sendmsg: network is unreachable"), true},
		{"their game gave up joining", remote(session.CodeGaveUp), true},
		{"their game heard nothing from the host (frozen) and gave up on it", remote(session.CodeTimedOut), true},
		{"the host closed a silent game as a drop", local(session.CodeSilent), true},
		{"their goodbye", remote(session.CodeLeft), false},
		{"the host removed them", local(session.CodeKicked), false},
		{"the host ended the game", local(session.CodeHostEnded), false},
	} {
		if got := dropped(c.err); got != c.kept {
			t.Errorf("%s: place kept %v, want %v", c.what, got, c.kept)
		}
	}
}
