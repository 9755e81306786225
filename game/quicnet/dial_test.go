package quicnet

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/session"
)

// TestATryThatRunsOutOfTimeIsNoAnswer: a host whose handshake completes but whose
// welcome never comes (a network coming back mid-try, a host waking up) makes a
// try at reconnecting run out of time after QUIC's handshake. That is nobody
// answering, which another try may change, never "you left the game".
func TestATryThatRunsOutOfTimeIsNoAnswer(t *testing.T) {
	cert, err := session.LoadOrCreateCert(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ep, err := session.NewEndpoint("127.0.0.1:0", session.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	ln, err := ep.Listen(cert)
	if err != nil {
		t.Fatal(err)
	}
	go func() { // accepts, and never says a word
		for {
			if _, err := ln.Accept(context.Background()); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), client.TryTimeout)
	defer cancel()
	_, err = Dial(ctx, client.Config{Addr: ep.Addr().String(), Name: "Bo"}, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if client.ReasonOf(err) != client.ReasonNoAnswer || !client.Resumable(err) {
		t.Fatalf("a try that ran out of time failed with %v (reason %v)", err, client.ReasonOf(err))
	}
}
