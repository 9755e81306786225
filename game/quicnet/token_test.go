package quicnet

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/net/wire"
)

// TestATokenGoesOnlyToTheHostThatGaveIt: Bo's token from host A is never shown to
// another host, whatever answers at the address: a relaunched game (which only knows
// the address it played at) joins host B as someone new without sending it, and a
// try at reconnecting (which must reach the same host) stops before saying anything.
func TestATokenGoesOnlyToTheHostThatGaveIt(t *testing.T) {
	a, _ := hosttest.Start(t, host.Config{})
	b, _ := hosttest.Start(t, host.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	opts := Options{Logger: hosttest.Quiet}
	bo, err := Dial(ctx, client.Config{Addr: a.Addr().String(), Name: "Bo", Colour: wire.NoColour}, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer bo.Leave()
	kept := client.Config{Addr: b.Addr().String(), Name: "Bo", Colour: wire.NoColour,
		Token: bo.Welcome().Token, TokenFor: bo.Fingerprint(), Fingerprint: bo.Fingerprint()}

	relaunched, err := Dial(ctx, kept, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer relaunched.Leave()
	if relaunched.Welcome().Resumed || b.Stats().ResumeRefused.Load() != 0 {
		t.Errorf("host B was shown the token: resumed %v, tokens it did not know %d",
			relaunched.Welcome().Resumed, b.Stats().ResumeRefused.Load())
	}

	// The player trusted the new host at that address: the join is pinned to it, but
	// the token was another host's, and stays unsaid.
	trusted := kept
	trusted.Fingerprint, trusted.Pin = b.Fingerprint(), client.PinKnown
	if c, err := Dial(ctx, trusted, opts); err != nil || c.Welcome().Resumed || b.Stats().ResumeRefused.Load() != 0 {
		t.Errorf("joining the trusted new host with the old one's token: %v; tokens host B was shown: %d", err, b.Stats().ResumeRefused.Load())
	} else {
		c.Leave()
	}

	kept.Pin = client.PinComeback
	joined := b.Stats().Joined.Load()
	if _, err := Dial(ctx, kept, opts); client.ReasonOf(err) != client.ReasonIdentityChanged {
		t.Errorf("a try at reconnecting that reached another host: %v", err)
	}
	if n := b.Stats().Joined.Load(); n != joined || b.Stats().ResumeRefused.Load() != 0 {
		t.Errorf("a try at reconnecting said hello to another host: %d joins, %d tokens shown", n-joined, b.Stats().ResumeRefused.Load())
	}
}

// TestAnotherHostAtAPinnedAddressIsToldBeforeHello: a join that expects a host (the
// one this address answered with before, or the one the LAN advertises) and meets
// another stops before anything is sent, the password included, with both
// identities, in words that say why the host was expected.
func TestAnotherHostAtAPinnedAddressIsToldBeforeHello(t *testing.T) {
	a, _ := hosttest.Start(t, host.Config{})
	var heard syncBuffer
	b, _ := hosttest.Start(t, host.Config{Password: "gems", Logger: slog.New(slog.NewTextHandler(&heard, nil))})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, tc := range []struct {
		pin  client.Pin
		says string
	}{
		{client.PinKnown, "is not the host you played with there before"},
		{client.PinAdvertised, "answered with another identity than the one it advertises on your network"},
	} {
		cfg := client.Config{Addr: b.Addr().String(), Name: "Bo", Password: "gems", Fingerprint: a.Fingerprint(), Pin: tc.pin}
		_, err := Dial(ctx, cfg, Options{Logger: hosttest.Quiet})
		var ie *client.IdentityError
		if client.ReasonOf(err) != client.ReasonIdentityChanged || !errors.As(err, &ie) ||
			ie.Want != a.Fingerprint() || ie.Got != b.Fingerprint() || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("pinned %v to host A, reaching host B: %v", tc.pin, err)
		}
	}
	// Host B only saw connections close before they said anything.
	if log := heard.String(); b.Stats().Joined.Load() != 0 || strings.Contains(log, "password") || strings.Contains(log, "Bo") {
		t.Errorf("host B heard a hello: %d joined; its log:\n%s", b.Stats().Joined.Load(), log)
	}
}

// syncBuffer is a log both a host's goroutines and the test may touch.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
