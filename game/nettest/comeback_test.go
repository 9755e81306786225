package nettest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// TestChatBeyondWhatTheHostKeepsIsMissed: while Bo's network is cut, Ana sends more
// chat than the host keeps for players coming back (64 lines). Back in, Bo gets the
// lines it kept, each once and in order, and his game says how many it could not
// recover; none is shown twice.
func TestChatBeyondWhatTheHostKeepsIsMissed(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	bo.Drive = func(time.Time, *client.State) sim.Input { return sim.Input{X: 1} } // he plays: a place to keep
	g.Run(time.Second)
	bo.Cut(15 * time.Second)
	const sent = 70
	for i := range sent {
		if err := ana.State.SendChat(fmt.Sprint("line ", i)); err != nil {
			t.Fatal(err)
		}
		g.Run(100 * time.Millisecond)
	}
	if !g.RunUntil(30*time.Second, func() bool { return len(bo.Back) > 0 || bo.GaveUp != nil }) || !bo.State.Welcome.Resumed {
		t.Fatalf("Bo did not come back (gave up: %v)", bo.GaveUp)
	}
	g.Run(time.Second)
	var got []string
	for _, l := range bo.State.Log {
		if !l.Notice {
			got = append(got, l.Text)
		}
	}
	var want []string
	for i := sent - 64; i < sent; i++ {
		want = append(want, fmt.Sprint("line ", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("Bo's chat after coming back: %q\nwant the last 64: %q", got, want)
	}
	if bo.State.ChatMissed != sent-64 || !slices.Contains(texts(bo.State.Log), "Reconnected. 6 chat lines sent meanwhile could not be recovered.") {
		t.Errorf("Bo's game counts %d lines missed; its log: %q", bo.State.ChatMissed, texts(bo.State.Log))
	}
}

// TestAStaleTokenJoinsAsSomeoneNew: once the grace period is over and Bo's place was
// given up, his token gives back nothing, not even the place of the player who took
// his id meanwhile: he joins as someone new.
func TestAStaleTokenJoinsAsSomeoneNew(t *testing.T) {
	const grace = 5 * time.Second
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}, Grace: grace})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	g.Run(time.Second)
	boID, token := bo.State.Welcome.You, bo.State.Welcome.Token
	bo.Vanish()
	if !g.RunUntil(session.IdleTimeout+2*grace, func() bool { return ana.State.Players[boID] == nil }) {
		t.Fatal("Bo's place was never given up")
	}
	cy := g.MustJoin("Cy")
	if cy.State.Welcome.You != boID {
		t.Fatalf("Cy joined as %d; the test wants her on Bo's old id %d", cy.State.Welcome.You, boID)
	}
	again, err := g.Join(client.Config{Name: "Bo", Colour: wire.NoColour, Token: token, TokenFor: "simulated-host"})
	if err != nil {
		t.Fatal(err)
	}
	if w := again.State.Welcome; w.Resumed || w.You == boID || w.Token == token {
		t.Errorf("a stale token was welcomed as %d, resumed %v", w.You, w.Resumed)
	}
	if !g.RunUntil(time.Second, func() bool { p := ana.State.Players[boID]; return p != nil && p.Name == "Cy" && !p.Away }) {
		t.Error("Cy's place was touched by Bo's stale token")
	}
	if n, refused := g.Host.Stats().Players.Load(), g.Host.Stats().ResumeRefused.Load(); n != 3 || refused != 1 {
		t.Errorf("the host counts %d players and %d unknown tokens, want 3 and 1", n, refused)
	}
}
