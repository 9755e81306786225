package quicnet

import (
	"context"
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
		Token: bo.Welcome().Token, Fingerprint: bo.Fingerprint()}

	relaunched, err := Dial(ctx, kept, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer relaunched.Leave()
	if relaunched.Welcome().Resumed || b.Stats().ResumeRefused.Load() != 0 {
		t.Errorf("host B was shown the token: resumed %v, tokens it did not know %d",
			relaunched.Welcome().Resumed, b.Stats().ResumeRefused.Load())
	}

	kept.SameHost = true
	joined := b.Stats().Joined.Load()
	if _, err := Dial(ctx, kept, opts); client.ReasonOf(err) != client.ReasonIdentityChanged {
		t.Errorf("a try at reconnecting that reached another host: %v", err)
	}
	if n := b.Stats().Joined.Load(); n != joined || b.Stats().ResumeRefused.Load() != 0 {
		t.Errorf("a try at reconnecting said hello to another host: %d joins, %d tokens shown", n-joined, b.Stats().ResumeRefused.Load())
	}
}
