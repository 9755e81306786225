package nettest

import (
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
)

// TestAPlayerWhoSendsNoMovesIsRemoved: Cy's connection is alive (QUIC hears from it
// all along) but her game sends no moves: she holds a place without playing, and is
// removed, with the reason, once silentLimit (5 s) has passed. Ana stands still the
// whole time and is fine; Bo's network drops out for 8 s, less than the idle timeout,
// and when it is back he plays on: a machine gone quiet altogether is not silent.
func TestAPlayerWhoSendsNoMovesIsRemoved(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}})
	ana, bo, cy := g.MustJoin("Ana"), g.MustJoin("Bo"), g.MustJoin("Cy")
	ana.Move = sim.Input{} // idle, but playing
	bo.Move = sim.Input{X: 1}
	cyID := cy.State.Welcome.You
	var cyEnded error
	cy.OnFrame = func(now time.Time) { // listens, never moves
		if err := cy.State.Step(now); err != nil && cyEnded == nil {
			cyEnded = err
		}
	}
	g.RunUntil(time.Second, func() bool { return ana.State.Players[cyID] != nil })
	started := g.Now()
	bo.Cut(8 * time.Second)
	if !g.RunUntil(10*time.Second, func() bool { return ana.State.Players[cyID] == nil }) {
		t.Fatal("a player who sends no moves was never removed")
	}
	if took := g.Now().Sub(started); took < 5*time.Second || took > 7*time.Second {
		t.Errorf("Cy was removed after %v; the limit is 5 s", took)
	}
	g.Run(time.Second)
	if client.ReasonOf(cyEnded) != client.ReasonKicked || !strings.Contains(cyEnded.Error(), "sent no moves for 5s") {
		t.Errorf("Cy's game says: %v", cyEnded)
	}
	g.Run(5 * time.Second)
	if len(ana.State.Players) != 2 || len(bo.Back) != 0 || g.Host.Stats().Silent.Load() != 1 {
		t.Errorf("Ana sees %d players; Bo reconnected %d times; the host removed %d as silent",
			len(ana.State.Players), len(bo.Back), g.Host.Stats().Silent.Load())
	}
}
