package game

import (
	"slices"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/game/quicnet"
)

// awaitNames waits (boundedly) until the host's published players are exactly names.
func awaitNames(t *testing.T, s *host.Server, names ...string) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	var got []string
	for {
		got = got[:0]
		for _, p := range s.Stats().PerPlayer() {
			got = append(got, p.Name)
		}
		slices.Sort(got)
		if slices.Equal(got, names) {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("the host has %q, not %q", got, names)
		}
	}
}

// TestAHostFillsItsGameWithBots: two bots added join the host's own port, the newest
// leaves when one is removed, and closing makes the rest leave within CloseWait.
func TestAHostFillsItsGameWithBots(t *testing.T) {
	s, _ := hosttest.Start(t, host.Config{})
	f := newBotFiller(quicnet.Network{Logger: hosttest.Quiet}, s.Addr().Port, hosttest.Quiet)
	f.add()
	f.add()
	if f.count() != 2 {
		t.Fatalf("%d bots after adding two", f.count())
	}
	awaitNames(t, s, "Bot 1", "Bot 2")
	if !f.removeNewest() || f.count() != 1 {
		t.Fatalf("removing one left %d bots", f.count())
	}
	awaitNames(t, s, "Bot 1")
	f.add() // the name Bot 2 is free again
	awaitNames(t, s, "Bot 1", "Bot 2")

	start := time.Now()
	select {
	case <-f.close():
	case <-time.After(client.CloseWait):
		t.Fatalf("the bots had not all left %v after close", client.CloseWait)
	}
	t.Logf("closed in %v", time.Since(start))
	awaitNames(t, s)
	if f.count() != 0 || f.removeNewest() {
		t.Errorf("%d bots after close", f.count())
	}
	if got := s.Stats().Left.Load(); got != 3 {
		t.Errorf("the host saw %d players leave; three bots said goodbye", got)
	}
}
