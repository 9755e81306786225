package host_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// TestPasswordGuessingIsSlow: Mallory tries 500 wrong passwords from one address,
// sixteen connections at a time (those beyond the eight one address may have at once
// are refused at the door). After the first handful the host checks at most
// one every few seconds and turns the rest away unchecked, saying how long to wait;
// Ana, from another address, joins with the password at once meanwhile.
func TestPasswordGuessingIsSlow(t *testing.T) {
	if probe, err := net.ListenPacket("udp", "127.0.0.2:0"); err != nil {
		t.Skip("no 127.0.0.2 on this machine:", err)
	} else {
		probe.Close()
	}
	s, _ := startHost(t, host.Config{Password: "gems"})
	ep, err := session.NewEndpoint("127.0.0.2:0", session.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ep.Close() })

	start := time.Now()
	var mu sync.Mutex
	var checked []time.Duration // when each wrong password was answered as such
	turnedAway, atTheDoor := 0, 0
	tries := make(chan int)
	var workers sync.WaitGroup
	for range 16 {
		workers.Go(func() {
			for i := range tries {
				ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
				conn, err := ep.Dial(ctx, s.Addr().String(), nil)
				cancel()
				var refused *quic.TransportError
				if errors.As(err, &refused) && refused.ErrorCode == quic.ConnectionRefused {
					mu.Lock()
					atTheDoor++ // more of her connections at once than one address may have
					mu.Unlock()
					continue
				}
				if err != nil {
					t.Errorf("try %d: %v", i, err)
					continue
				}
				openStreams(t, conn, &wire.Hello{Version: wire.Version, Colour: wire.NoColour, Name: "Mallory", Password: "guess"})
				var app *quic.ApplicationError
				select {
				case <-conn.Context().Done():
				case <-time.After(waitLimit):
					t.Errorf("try %d: no answer", i)
					conn.CloseWithError(0, "")
					continue
				}
				if !errors.As(context.Cause(conn.Context()), &app) || app.ErrorCode != session.CodeWrongPassword {
					t.Errorf("try %d ended with %v", i, context.Cause(conn.Context()))
					continue
				}
				mu.Lock()
				if strings.HasPrefix(app.ErrorMessage, "too many wrong passwords from your address: try again in ") {
					turnedAway++
				} else {
					checked = append(checked, time.Since(start))
				}
				mu.Unlock()
			}
		})
	}
	joined := make(chan time.Duration, 1)
	ana := func() {
		began := time.Now()
		c, err := quicnet.Dial(context.Background(), client.Config{Addr: s.Addr().String(), Name: "Ana", Password: "gems"}, quicnet.Options{Logger: quiet})
		if err != nil {
			t.Errorf("Ana, with the password, from another address: %v", err)
			joined <- -1
			return
		}
		joined <- time.Since(began)
		c.Leave()
	}
	for i := range 500 {
		if i == 100 { // in the thick of Mallory's tries
			go ana()
		}
		tries <- i
	}
	close(tries)
	workers.Wait()
	took := time.Since(start)
	if d := <-joined; d < 0 || d > time.Second {
		t.Errorf("Ana joined in %v while Mallory guessed", d)
	}
	t.Logf("500 tries in %v: %d passwords checked (at %v), %d turned away unchecked, %d refused at the door",
		took.Round(time.Millisecond), len(checked), checked, turnedAway, atTheDoor)
	if len(checked)+turnedAway+atTheDoor != 500 || len(checked) > 5+int(took/time.Second) {
		t.Errorf("%d checked and %d turned away in %v: want at most one check a second after the first handful",
			len(checked), turnedAway, took)
	}
}
