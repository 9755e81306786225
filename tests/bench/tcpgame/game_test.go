package tcpgame

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// testLimit bounds each wait of these tests; on loopback everything takes
// milliseconds.
const testLimit = 10 * time.Second

// startHost runs a TCP host on a free port of 127.0.0.1 until the test ends.
func startHost(t *testing.T) (addr string, s *Server) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s = NewServer(ln, host.Config{Name: "Test game", MaxPlayers: 4, Seed: 1, Logger: hosttest.Quiet})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(testLimit):
			t.Error("the host did not stop")
		}
	})
	return ln.Addr().String(), s
}

func TestPlayerSeesSnapshotsAndOwnChat(t *testing.T) {
	addr, _ := startHost(t)
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()
	c, err := Dial(ctx, client.Config{Addr: addr, Name: "Ada", Colour: wire.NoColour})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Leave()
	if c.Welcome().You == 0 {
		t.Fatalf("welcome without a player id: %+v", c.Welcome())
	}
	st := client.NewState(c)
	var echo *wire.Chat
	st.OnMessage = func(m wire.Message) {
		if m, ok := m.(*wire.Chat); ok && m.From == c.Welcome().You {
			echo = m
		}
	}
	if err := st.SendChat("gg"); err != nil {
		t.Fatal(err)
	}
	for echo == nil || st.Stats().Snapshots < 10 {
		select {
		case <-st.Arrived():
		case <-ctx.Done():
			t.Fatalf("after %d snapshots and chat %v: %v", st.Stats().Snapshots, echo, ctx.Err())
		}
		now := time.Now()
		if err := st.Step(now); err != nil {
			t.Fatal(err)
		}
		st.Input(sim.Input{X: sim.MaxAxis}, now)
	}
	if echo.Text != "gg" || echo.Name != "Ada" {
		t.Errorf("echo %+v", echo)
	}
	if _, ok := st.Where(c.Welcome().You, time.Now()); !ok {
		t.Error("the player is nowhere after ten snapshots")
	}
}

func TestHostTurnsAwayWithReason(t *testing.T) {
	addr, _ := startHost(t)
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()
	var in []*Conn
	defer func() {
		for _, c := range in {
			c.Leave()
		}
	}()
	for i := range 4 {
		c, err := Dial(ctx, client.Config{Addr: addr, Name: "P", Colour: wire.NoColour})
		if err != nil {
			t.Fatalf("player %d: %v", i+1, err)
		}
		in = append(in, c)
	}
	_, err := Dial(ctx, client.Config{Addr: addr, Name: "Fifth", Colour: wire.NoColour})
	if client.ReasonOf(err) != client.ReasonGameFull {
		t.Fatalf("a fifth player in a game of four: %v (reason %v)", err, client.ReasonOf(err))
	}
}

func TestBotsPlayOverTCP(t *testing.T) {
	if testing.Short() {
		t.Skip("plays a second in real time")
	}
	addr, _ := startHost(t)
	ctx, cancel := context.WithTimeout(context.Background(), testLimit)
	defer cancel()
	r, err := bot.Run(ctx, bot.Config{Addr: addr, Count: 2, Duration: time.Second, Seed: 1, Network: Network{}, Logger: hosttest.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors != 0 || r.SnapshotsPerS < 30 || r.DownBytesPerS == 0 {
		t.Errorf("report %+v", r)
	}
}
