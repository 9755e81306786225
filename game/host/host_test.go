package host_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// waitLimit bounds every wait in these tests; events normally arrive in milliseconds.
const waitLimit = 10 * time.Second

var quiet = hosttest.Quiet

// startHost runs a host on a free loopback port until the test ends.
func startHost(t *testing.T, cfg host.Config) (*host.Server, func()) {
	t.Helper()
	if cfg.SilentLimit == 0 {
		// The players here send moves only when a test says so, and listen only while
		// it waits on them: on a busy machine that can be longer than a game may go
		// without moving. Silence has tests of its own.
		cfg.SilentLimit = -1
	}
	return hosttest.Start(t, cfg)
}

// player is a connected client with its state.
type player struct {
	t  *testing.T
	st *client.State
}

// dial joins as cfg says, over QUIC as opts set it, giving up after waitLimit.
func dial(cfg client.Config, opts ...func(*client.Config, *quicnet.Options)) (*quicnet.Conn, error) {
	qo := quicnet.Options{Logger: quiet}
	for _, o := range opts {
		o(&cfg, &qo)
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	return quicnet.Dial(ctx, cfg, qo)
}

func join(t *testing.T, s *host.Server, name string, opts ...func(*client.Config, *quicnet.Options)) *player {
	t.Helper()
	c, err := dial(client.Config{Addr: s.Addr().String(), Name: name, Colour: wire.NoColour}, opts...)
	if err != nil {
		t.Fatalf("%s cannot join: %v", name, err)
	}
	p := &player{t: t, st: client.NewState(c)}
	t.Cleanup(func() {
		select {
		case <-c.Done():
		default:
			c.Leave()
		}
	})
	return p
}

// until steps the state as things arrive until cond holds. It fails the test if the
// connection ends first or nothing satisfies cond in time.
func (p *player) until(what string, cond func(st *client.State) bool) {
	p.t.Helper()
	timeout := time.After(waitLimit)
	for {
		err := p.st.Step(time.Now())
		if cond(p.st) {
			return
		}
		if err != nil {
			p.t.Fatalf("connection ended waiting for %s: %v", what, err)
		}
		select {
		case <-p.st.Arrived():
		case <-timeout:
			p.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// ended waits for the connection to end and returns why.
func (p *player) ended() error {
	p.t.Helper()
	select {
	case <-p.st.Transport().Done():
		return p.st.Step(time.Now())
	case <-time.After(waitLimit):
		p.t.Fatal("connection did not end")
		return nil
	}
}

func TestThreePlayersSeeEachOtherMoveAndChat(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	names := []string{"Ana", "Bo", "Cy"}
	var players []*player
	for _, n := range names {
		players = append(players, join(t, s, n))
	}
	for _, p := range players {
		p.until("all three players placed", func(v *client.State) bool {
			placed := 0
			for _, pv := range v.Players {
				if pv.Placed {
					placed++
				}
			}
			return placed == 3
		})
	}
	for _, p := range players {
		for _, n := range names {
			found := false
			for _, pv := range p.st.Players {
				found = found || pv.Name == n
			}
			if !found {
				t.Errorf("%s does not see %s", p.st.Me().Name, n)
			}
		}
	}

	// Movement: Ana holds a direction; the host applies it and everyone sees her move.
	ana := players[0]
	start := ana.st.Me().Pos
	dir := sim.Input{X: sim.MaxAxis}
	if start.X > sim.Px(sim.ArenaWidth/2) {
		dir.X = -sim.MaxAxis
	}
	for range 20 {
		ana.st.Input(dir, time.Now())
	}
	last := ana.st.LastInputSeq()
	ana.until("the host to apply all 20 inputs", func(v *client.State) bool { return v.Ack >= last })
	anaID := ana.st.Welcome.You
	for _, p := range players {
		p.until("Ana to move", func(v *client.State) bool {
			pv := v.Players[anaID]
			return pv != nil && pv.Pos.X != start.X
		})
	}

	// Chat: every line reaches every player once, in the host's order, echo included.
	for round := range 2 {
		for _, p := range players {
			if err := p.st.SendChat(p.st.Me().Name + " says " + string(rune('a'+round))); err != nil {
				t.Fatal(err)
			}
		}
	}
	var orders [][]string
	for _, p := range players {
		p.until("six chat lines", func(v *client.State) bool { return len(chatLines(v)) >= 6 })
		lines := chatLines(p.st)
		seen := map[uint32]bool{}
		for _, l := range lines {
			if seen[l.Seq] {
				t.Errorf("%s got chat seq %d twice", p.st.Me().Name, l.Seq)
			}
			seen[l.Seq] = true
		}
		var order []string
		for _, l := range lines {
			order = append(order, l.Name+": "+l.Text)
		}
		orders = append(orders, order)
	}
	for i := range orders {
		if strings.Join(orders[i], "|") != strings.Join(orders[0], "|") {
			t.Errorf("player %d saw chat in another order:\n%v\n%v", i, orders[i], orders[0])
		}
	}
	if got := s.Stats().ChatMessages.Load(); got != 6 {
		t.Errorf("host relayed %d chat lines, want 6", got)
	}
}

func TestLongWideCharacterChatIsClippedNotFatal(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana := join(t, s, strings.Repeat("名", 100)) // a name of 300 bytes
	if err := ana.st.SendChat(strings.Repeat("中", 200)); err != nil {
		t.Fatal(err)
	}
	ana.until("the echo", func(v *client.State) bool { return len(chatLines(v)) == 1 })
	l := chatLines(ana.st)[0]
	if n := len([]rune(l.Text)); n < 80 || !utf8.ValidString(l.Text) {
		t.Errorf("echo of %d characters, valid UTF-8 %v", n, utf8.ValidString(l.Text))
	}
	if n := len([]rune(l.Name)); n != 16 {
		t.Errorf("name of %d characters, want the 16 a name is cut to", n)
	}
	if s.Stats().Kicked.Load() != 0 {
		t.Error("the player was disconnected")
	}
}

func chatLines(v *client.State) []client.Line {
	var out []client.Line
	for _, l := range v.Log {
		if !l.Notice {
			out = append(out, l)
		}
	}
	return out
}

func TestLeavingPlayerDisappearsForOthers(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana, bo := join(t, s, "Ana"), join(t, s, "Bo")
	boID := bo.st.Welcome.You
	ana.until("Bo joins", func(v *client.State) bool { return v.Players[boID] != nil })
	bo.st.Transport().Leave()
	ana.until("Bo leaves", func(v *client.State) bool { return v.Players[boID] == nil })
	if last := ana.st.Log[len(ana.st.Log)-1]; !last.Notice || last.Text != "Bo left" {
		t.Errorf("last log line %+v, want the notice \"Bo left\"", last)
	}
}

func TestStoppingTheHostTellsEveryoneWhy(t *testing.T) {
	s, stop := startHost(t, host.Config{})
	players := []*player{join(t, s, "Ana"), join(t, s, "Bo")}
	stop()
	for _, p := range players {
		err := p.ended()
		var app *quic.ApplicationError
		if !errors.As(err, &app) || app.ErrorCode != session.CodeHostEnded {
			t.Fatalf("ended with %v, want code %d", err, session.CodeHostEnded)
		}
		if err.Error() != "Host ended the game." {
			t.Errorf("player is told %q", err.Error())
		}
	}
}

func TestFullGameTurnsAwayWithReason(t *testing.T) {
	s, _ := startHost(t, host.Config{MaxPlayers: 2})
	join(t, s, "Ana")
	join(t, s, "Bo")
	_, err := dial(client.Config{Addr: s.Addr().String(), Name: "Cy"})
	if err == nil || err.Error() != "Game is full (2/2)." {
		t.Fatalf("third player: %v", err)
	}
	if s.Stats().Rejected.Load() != 1 {
		t.Errorf("rejected = %d", s.Stats().Rejected.Load())
	}
}

// blackhole drops everything it is asked to send once cut is set: a player whose
// network vanished without a word.
type blackhole struct {
	net.PacketConn
	cut atomic.Bool
}

func (b *blackhole) SetReadBuffer(n int) error  { return b.PacketConn.(*net.UDPConn).SetReadBuffer(n) }
func (b *blackhole) SetWriteBuffer(n int) error { return b.PacketConn.(*net.UDPConn).SetWriteBuffer(n) }

func (b *blackhole) WriteTo(p []byte, addr net.Addr) (int, error) {
	if b.cut.Load() {
		return len(p), nil
	}
	return b.PacketConn.WriteTo(p, addr)
}

// TestADroppedPlayerTakesTheirPlaceBackOverQUIC: Bo's network vanishes; after the
// idle timeout the host keeps his place and Ana sees him away. Bo comes back on a new
// connection with the token from his welcome and gets the same id, name and colour,
// and Ana sees him back; the chat line she sent meanwhile reaches him. A second
// connection with the same token replaces the first (the host had not noticed it
// die), which is told so.
func TestADroppedPlayerTakesTheirPlaceBackOverQUIC(t *testing.T) {
	const idle = 1500 * time.Millisecond
	s, _ := startHost(t, host.Config{Session: session.Options{IdleTimeout: idle}, Grace: 3 * time.Second})
	ana := join(t, s, "Ana")
	var hole *blackhole
	cfg := client.Config{Addr: s.Addr().String(), Name: "Bo", Colour: 3}
	bo := join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) {
		*c = cfg
		o.Session.IdleTimeout = idle
		o.WrapConn = func(pc net.PacketConn) net.PacketConn { hole = &blackhole{PacketConn: pc}; return hole }
	})
	boID := bo.st.Welcome.You
	bo.st.Input(sim.Input{X: 1}, time.Now()) // he plays: his place is worth keeping
	ana.until("Bo joins", func(v *client.State) bool { return v.Players[boID] != nil })
	ana.until("Bo's input at the host", func(*client.State) bool { return s.Stats().DatagramsIn.Load() > 0 })
	hole.cut.Store(true)
	cut := time.Now()
	ana.until("Bo away", func(v *client.State) bool { return v.Players[boID] != nil && v.Players[boID].Away })
	if took := time.Since(cut); took > 3*idle {
		t.Errorf("Bo was shown away %v after vanishing; the idle timeout is %v", took, idle)
	}
	if err := ana.st.SendChat("where is Bo?"); err != nil {
		t.Fatal(err)
	}
	ana.until("her line", func(v *client.State) bool { return len(chatLines(v)) == 1 })

	back := join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) { *c = bo.st.ResumeConfig(cfg) })
	w := back.st.Welcome
	if !w.Resumed || w.You != boID {
		t.Fatalf("Bo came back as %d, resumed %v; he was %d", w.You, w.Resumed, boID)
	}
	back.until("his place and Ana's line", func(v *client.State) bool {
		me := v.Me()
		return me != nil && me.Name == "Bo" && me.Colour == 3 && len(chatLines(v)) == 1
	})
	ana.until("Bo back", func(v *client.State) bool { return v.Players[boID] != nil && !v.Players[boID].Away })
	if last := ana.st.Log[len(ana.st.Log)-1]; last.Text != "Bo is back" {
		t.Errorf("Ana's last line is %q", last.Text)
	}

	again := join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) { *c = back.st.ResumeConfig(cfg) })
	if w := again.st.Welcome; !w.Resumed || w.You != boID {
		t.Fatalf("Bo's second connection came in as %d, resumed %v", w.You, w.Resumed)
	}
	if err := back.ended(); client.ReasonOf(err) != client.ReasonReplaced {
		t.Errorf("the replaced connection ended with %v", err)
	}
	if n := s.Stats().Players.Load(); n != 2 {
		t.Errorf("the host counts %d players, want 2", n)
	}
}

// TestTicksComeFromTheSourceGiven drives the host's ticks by hand: the world steps
// once for each tick sent and never in between.
func TestTicksComeFromTheSourceGiven(t *testing.T) {
	ticks := make(chan time.Time) // unbuffered: each send returns once the loop has it
	s, _ := startHost(t, host.Config{Ticks: ticks})
	ana := join(t, s, "Ana")
	for range 5 {
		ticks <- time.Time{}
	}
	ana.until("the snapshot of tick 5", func(v *client.State) bool { return v.Tick == 5 })
	// A chat line's echo is a round trip through the loop: had it ticked by itself,
	// it would have by now.
	if err := ana.st.SendChat("tick?"); err != nil {
		t.Fatal(err)
	}
	ana.until("the echo", func(v *client.State) bool { return len(chatLines(v)) == 1 })
	if got := s.Stats().Tick.Load(); got != 5 || ana.st.Tick != 5 {
		t.Fatalf("after 5 ticks sent the host is at tick %d and Ana sees tick %d", got, ana.st.Tick)
	}
}
