package nettest

import (
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
)

// listenOnly makes p's game take in what arrives but send no moves, as a window
// whose frames stalled, or a squatter; it reports how the connection ended.
func listenOnly(p *Player) *error {
	var ended error
	p.OnFrame = func(now time.Time) {
		if err := p.State.Step(now); err != nil && ended == nil {
			ended = err
		}
	}
	return &ended
}

// TestAPlayerWhoSendsNoMoves: Cy's connection is alive (QUIC hears from it all along)
// but her game never sends a move: after silentLimit (5 s) she is closed as a drop,
// and, never having played, has no place to keep. Dee plays, then her window stalls
// for 6 s: her place is kept, her game comes back by itself to the same place, and
// when it stalls again within the minute she is removed for good, told why. Ana
// stands still throughout and is fine; Bo's network drops out for 8 s (less than the
// idle timeout) and he plays on: a machine gone quiet altogether is not silent.
func TestAPlayerWhoSendsNoMoves(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}})
	ana, bo, cy := g.MustJoin("Ana"), g.MustJoin("Bo"), g.MustJoin("Cy")
	cyEnded := listenOnly(cy) // from her first frame on
	dee := g.MustJoin("Dee")
	ana.Move, bo.Move, dee.Move = sim.Input{}, sim.Input{X: 1}, sim.Input{Y: 1}
	cyID, deeID := cy.State.Welcome.You, dee.State.Welcome.You
	g.Run(time.Second) // Dee plays a while
	started := g.Now()
	bo.Cut(8 * time.Second)
	deeEnded := listenOnly(dee) // her window stalls
	if !g.RunUntil(10*time.Second, func() bool { return ana.State.Players[cyID] == nil }) {
		t.Fatal("a player who never sends a move was never removed")
	}
	if took := g.Now().Sub(started); took < 4*time.Second || took > 7*time.Second {
		t.Errorf("Cy was removed %v after the others' first second; the limit is 5 s from her welcome", took)
	}
	g.Run(time.Second)
	if client.ReasonOf(*cyEnded) != client.ReasonSilent || !strings.Contains((*cyEnded).Error(), "sent no moves for 5s") {
		t.Errorf("Cy's game says: %v", *cyEnded)
	}
	g.RunUntil(5*time.Second, func() bool { p := ana.State.Players[deeID]; return p == nil || p.Away })
	if took := g.Now().Sub(started); took < 5*time.Second || took > 7*time.Second {
		t.Errorf("Dee's stalled window was closed after %v; the limit is 5 s", took)
	}
	g.Run(time.Second)
	if p := ana.State.Players[deeID]; p == nil || !p.Away || client.ReasonOf(*deeEnded) != client.ReasonSilent {
		t.Fatalf("Dee's stalled window: Ana sees %+v; her game says %v", p, *deeEnded)
	}
	dee.OnFrame = nil // her window runs again: it reconnects by itself
	if !g.RunUntil(5*time.Second, func() bool { return len(dee.Back) == 1 }) || !dee.State.Welcome.Resumed || dee.State.Welcome.You != deeID {
		t.Fatalf("Dee did not come back to her place: back %v, welcome %+v (gave up: %v)", dee.Back, dee.State.Welcome, dee.GaveUp)
	}
	g.Run(2 * time.Second)
	again := listenOnly(dee)
	if !g.RunUntil(10*time.Second, func() bool { return ana.State.Players[deeID] == nil }) ||
		client.ReasonOf(*again) != client.ReasonKicked || !strings.Contains((*again).Error(), "again") {
		t.Errorf("Dee silent again within the minute: Ana sees %+v; her game says %v", ana.State.Players[deeID], *again)
	}
	if len(ana.State.Players) != 2 || len(bo.Back) != 0 || g.Host.Stats().Silent.Load() != 3 {
		t.Errorf("Ana sees %d players; Bo reconnected %d times; the host counted %d silences",
			len(ana.State.Players), len(bo.Back), g.Host.Stats().Silent.Load())
	}
}
