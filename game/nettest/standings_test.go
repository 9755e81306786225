package nettest

import (
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
)

// chaser steers straight at the nearest gem and, when a wall stops it, slides
// along it for a while: enough to win a round of one gem.
type chaser struct {
	last  sim.Vec
	slide int // frames left sliding along a wall
	dir   int8
}

func (c *chaser) drive(_ time.Time, st *client.State) sim.Input {
	me, ok := st.Predicted()
	if !ok || len(st.Gems) == 0 {
		return sim.Input{}
	}
	stuck := me == c.last
	c.last = me
	if c.slide > 0 {
		c.slide--
		return sim.Input{X: c.dir * sim.MaxAxis}
	}
	best, bestD := st.Gems[0], int64(-1)
	for _, g := range st.Gems {
		if d := sim.DistSq(me, sim.Vec{X: int32(g.X), Y: int32(g.Y)}); bestD < 0 || d < bestD {
			best, bestD = g, d
		}
	}
	if stuck {
		c.slide, c.dir = 40, 1
		if int32(best.X) < me.X {
			c.dir = -1
		}
	}
	axis := func(d int32) int8 { return int8(max(-sim.MaxAxis, min(sim.MaxAxis, d))) }
	return sim.Input{X: axis(int32(best.X) - me.X), Y: axis(int32(best.Y) - me.Y)}
}

// Every player learns each player's round trip to the host and the rounds they have
// won, for the full scoreboard.
func TestStandingsCarryPingAndRoundWins(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 40 * time.Millisecond}, TargetScore: 1})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	ana.Drive = (&chaser{}).drive
	var winner uint8
	if !g.RunUntil(60*time.Second, func() bool { winner = bo.State.Winner; return bo.State.Phase == sim.RoundOver }) {
		t.Fatal("nobody won a round of one gem in a minute")
	}
	g.Run(2 * time.Second)
	for _, p := range bo.State.Players {
		if !p.PingKnown || p.Ping < 70*time.Millisecond || p.Ping > 120*time.Millisecond {
			t.Errorf("Bo's table has %s's ping %v (known %v), want about the 80 ms round trip", p.Name, p.Ping, p.PingKnown)
		}
		want := 0
		if p.ID == winner {
			want = 1
		}
		if p.Wins != want {
			t.Errorf("Bo's table has %s with %d round wins, want %d", p.Name, p.Wins, want)
		}
	}
}
