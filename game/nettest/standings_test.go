package nettest

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
)

// gemHunter steers round the walls to the nearest gem, with the bots' own brain:
// enough to win a round of one gem.
func gemHunter() func(time.Time, *client.State) sim.Input {
	brain := bot.NewBrain(bot.Hard, sim.DefaultConfig(), rand.New(rand.NewPCG(3, 4)))
	var gems []sim.Vec
	return func(_ time.Time, st *client.State) sim.Input {
		me, ok := st.Predicted()
		if !ok {
			return sim.Input{}
		}
		gems = gems[:0]
		for _, g := range st.Gems {
			gems = append(gems, sim.Vec{X: int32(g.X), Y: int32(g.Y)})
		}
		return brain.Steer(bot.View{Me: me, Gems: gems, Arena: st.Arena()})
	}
}

// Every player learns each player's round trip to the host and the rounds they have
// won, for the full scoreboard.
func TestStandingsCarryPingAndRoundWins(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 40 * time.Millisecond}, TargetScore: 1})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	ana.Drive = gemHunter()
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
	// While Bo is away, nobody is shown his last round trip as if it were now.
	bo.Cut(20 * time.Second)
	if !g.RunUntil(15*time.Second, func() bool { p := ana.State.Players[bo.State.Welcome.You]; return p != nil && p.Away }) {
		t.Fatal("Bo never showed as away")
	}
	g.Run(2 * time.Second)
	if p := ana.State.Players[bo.State.Welcome.You]; p.PingKnown {
		t.Errorf("Ana's table shows Bo, away, with a ping of %v", p.Ping)
	}
}
