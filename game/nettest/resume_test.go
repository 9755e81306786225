package nettest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// TestAVanishedPlayerIsAwayThenGone: a player whose machine drops off the network for
// good is shown away once nothing has been heard from them for the idle timeout, not
// before, and their place is given up, with a notice, when the grace period ends.
func TestAVanishedPlayerIsAwayThenGone(t *testing.T) {
	const grace = 5 * time.Second
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}, Grace: grace})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	g.Run(time.Second)
	boID := bo.State.Welcome.You
	bo.Vanish()
	gone := g.Now()
	if !g.RunUntil(2*session.IdleTimeout, func() bool { p := ana.State.Players[boID]; return p != nil && p.Away }) {
		t.Fatal("a vanished player was never shown away")
	}
	if took := g.Now().Sub(gone); took < session.IdleTimeout || took > session.IdleTimeout+time.Second {
		t.Errorf("Bo was shown away %v after vanishing; the idle timeout is %v", took, session.IdleTimeout)
	}
	if n := g.Host.Stats().Players.Load(); n != 2 {
		t.Errorf("the host counts %d players while Bo's place is kept, want 2", n)
	}
	away := g.Now()
	if !g.RunUntil(2*grace, func() bool { return ana.State.Players[boID] == nil }) {
		t.Fatal("a vanished player's place was never given up")
	}
	if took := g.Now().Sub(away); took < grace-time.Second || took > grace+time.Second {
		t.Errorf("Bo's place was given up %v after he was shown away; the grace period is %v", took, grace)
	}
	if last := ana.State.Log[len(ana.State.Log)-1]; last.Text != "Bo did not come back" {
		t.Errorf("Ana's last line is %q", last.Text)
	}
	if n := g.Host.Stats().Players.Load(); n != 1 {
		t.Errorf("the host counts %d players after the grace period, want 1", n)
	}
}

// cutAndRestore plays Ana and Bo, chasing gems and chatting, over a 20 ms link; cuts
// Bo's network for cut while Ana chats on; and plays until Bo is back in or the grace
// period is over. It returns the game, the time the network came back, and the most
// players the host ever counted.
func cutAndRestore(t *testing.T, seed uint64, cut time.Duration) cutResult {
	t.Helper()
	return cutAndRestoreOver(t, seed, cut, netsim.Config{Delay: 20 * time.Millisecond, Jitter: 5 * time.Millisecond})
}

// cutResult is what cutAndRestore saw: when the network came back, the most players
// the host counted at once, and Bo's score as Ana saw it when he went away.
type cutResult struct {
	g         *Game
	ana, bo   *Player
	restored  time.Time
	most      int64
	scoreAway int
}

func cutAndRestoreOver(t *testing.T, seed uint64, cut time.Duration, link netsim.Config) (r cutResult) {
	t.Helper()
	// One round all along (its target is out of reach), so a score kept is the score
	// from before the cut.
	g := New(Config{Seed: seed, Link: link, TargetScore: 1000})
	ana, bo := g.MustJoin("Ana"), g.MustJoin("Bo")
	r.g, r.ana, r.bo = g, ana, bo
	ana.Drive, bo.Drive = unstuck(chase), unstuck(chase)
	boID := bo.State.Welcome.You
	g.RunUntil(time.Minute, func() bool { p := ana.State.Players[boID]; return p != nil && p.Score > 0 }) // a score to keep, where the link allows
	ana.State.SendChat("before")
	g.Run(time.Second)
	bo.Cut(cut)
	r.restored = g.Now().Add(cut)
	for i := range 3 {
		g.Run(cut / 4)
		ana.State.SendChat("during " + string(rune('1'+i)))
		if p := ana.State.Players[boID]; p != nil && p.Away && r.scoreAway == 0 {
			r.scoreAway = p.Score
		}
	}
	g.RunUntil(cut, func() bool {
		r.most = max(r.most, g.Host.Stats().Players.Load())
		return len(bo.Back) > 0 || bo.GaveUp != nil
	})
	ana.State.SendChat("after")
	g.Run(time.Second)
	return r
}

// TestACutLinkResumesThePlayer: Bo's network is cut for 15 s, past the idle timeout,
// and restored. His game reconnects by itself and takes his place back: the same id,
// name, colour and score; Ana saw him away and then back; the chat sent meanwhile
// reaches him once, none twice; the host never counts a third player. Over ten runs
// it measures the time from the network's return to Bo being back in.
func TestACutLinkResumesThePlayer(t *testing.T) {
	var took []time.Duration
	for seed := uint64(1); seed <= 10; seed++ {
		r := cutAndRestore(t, seed, 15*time.Second)
		g, ana, bo, restored, most := r.g, r.ana, r.bo, r.restored, r.most
		if len(bo.Back) != 1 {
			t.Fatalf("seed %d: Bo came back %d times (gave up: %v)", seed, len(bo.Back), bo.GaveUp)
		}
		took = append(took, bo.Back[0].Sub(restored))
		if most > 2 {
			t.Errorf("seed %d: the host counted %d players at once; there are 2", seed, most)
		}
		w := bo.State.Welcome
		me, hers := bo.State.Me(), ana.State.Players[w.You]
		if !w.Resumed || me == nil || hers == nil {
			t.Fatalf("seed %d: Bo is back as id %d, resumed %v; Ana knows him: %v", seed, w.You, w.Resumed, hers != nil)
		}
		if me.Name != "Bo" || me.Colour != hers.Colour || me.Score != hers.Score || r.scoreAway == 0 || me.Score < r.scoreAway {
			t.Errorf("seed %d: Bo is back as %+v; Ana sees %+v; he had %d when he went away", seed, *me, *hers, r.scoreAway)
		}
		if hers.Away || !slices.ContainsFunc(ana.State.Log, func(l client.Line) bool { return l.Text == "Bo is back" }) {
			t.Errorf("seed %d: Ana's view of Bo: away %v; her log: %v", seed, hers.Away, texts(ana.State.Log))
		}
		if !slices.ContainsFunc(ana.State.Log, func(l client.Line) bool {
			return l.Text == "Bo lost connection; their place is kept while they reconnect"
		}) {
			t.Errorf("seed %d: Ana never saw Bo away: %v", seed, texts(ana.State.Log))
		}
		var chat []string
		for _, l := range bo.State.Log {
			if !l.Notice {
				chat = append(chat, l.Text)
			}
		}
		if want := []string{"before", "during 1", "during 2", "during 3", "after"}; !slices.Equal(chat, want) {
			t.Errorf("seed %d: Bo's chat is %q, want %q", seed, chat, want)
		}
		if n := g.Host.Stats().Resumed.Load(); n != 1 {
			t.Errorf("seed %d: the host counted %d resumes", seed, n)
		}
	}
	slices.Sort(took)
	t.Logf("network back → player back in, over 10 runs: p50 %v, max %v", took[len(took)/2], took[len(took)-1])
	if p50 := took[len(took)/2]; p50 > client.TryTimeout+time.Second {
		t.Errorf("the player is back in %v (p50) after the network returns; a try starts at least every %v", p50, client.TryTimeout)
	}
}

// unstuck steers with drive, except that a player who has not moved for half a
// second (pressed against a wall between them and the gem) slides along it for a
// second first.
func unstuck(drive func(time.Time, *client.State) sim.Input) func(time.Time, *client.State) sim.Input {
	var last sim.Vec
	still, slide := 0, 0
	return func(now time.Time, st *client.State) sim.Input {
		in := drive(now, st)
		me := st.Me()
		if me == nil {
			return in
		}
		if me.Pos == last {
			still++
		} else {
			still, last = 0, me.Pos
		}
		if still > 30 {
			still, slide = 0, 60
		}
		if slide > 0 {
			slide--
			return sim.Input{X: in.Y, Y: -in.X} // along the wall, not into it
		}
		return in
	}
}

func texts(log []client.Line) []string {
	var out []string
	for _, l := range log {
		out = append(out, l.Text)
	}
	return out
}

// TestACutLinkResumesOverASlowLink: at a 1 s round trip a try's handshake and its
// hello each take longer than a fast network's, and the first try after the network
// returns still takes the place back, once: the host never gives it back and drops it
// again and again.
func TestACutLinkResumesOverASlowLink(t *testing.T) {
	r := cutAndRestoreOver(t, 2, 15*time.Second, netsim.Config{Delay: 500 * time.Millisecond})
	g, ana, bo, restored, most := r.g, r.ana, r.bo, r.restored, r.most
	if len(bo.Back) != 1 || !bo.State.Welcome.Resumed {
		t.Fatalf("Bo came back %d times, resumed %v (gave up: %v)", len(bo.Back), bo.State.Welcome.Resumed, bo.GaveUp)
	}
	st := g.Host.Stats()
	if st.Resumed.Load() != 1 || st.Dropped.Load() != 1 || most > 2 {
		t.Errorf("the host gave the place back %d times and dropped it %d times; counted %d players at most",
			st.Resumed.Load(), st.Dropped.Load(), most)
	}
	backs := slices.DeleteFunc(texts(ana.State.Log), func(l string) bool { return l != "Bo is back" })
	t.Logf("at a 1 s round trip Bo is back %v after the network returned", bo.Back[0].Sub(restored))
	if len(backs) != 1 {
		t.Errorf("Ana read %q %d times", "Bo is back", len(backs))
	}
}

// TestAShortCutNeedsNoReconnect: a cut shorter than the idle timeout is a connection
// problem that clears, not a drop.
func TestAShortCutNeedsNoReconnect(t *testing.T) {
	r := cutAndRestore(t, 3, 4*time.Second)
	g, ana, bo, most := r.g, r.ana, r.bo, r.most
	if len(bo.Back) != 0 || g.Host.Stats().Dropped.Load() != 0 {
		t.Errorf("a 4 s cut made Bo reconnect %d times; the host dropped %d", len(bo.Back), g.Host.Stats().Dropped.Load())
	}
	if most != 2 || bo.State.Me() == nil || ana.State.Players[bo.State.Welcome.You] == nil {
		t.Errorf("after a 4 s cut: %d players counted; Bo knows himself: %v", most, bo.State.Me() != nil)
	}
}

// TestATokenOnlyGivesBackItsOwnPlace: a forged token counts for nothing: whoever shows
// it joins as a new player, and the place of a player away is left alone. The token
// of a player the host removed is answered with why, whether they were removed while
// playing or while away.
func TestATokenOnlyGivesBackItsOwnPlace(t *testing.T) {
	g := New(Config{Link: netsim.Config{Delay: 20 * time.Millisecond}})
	ana, bo, cy := g.MustJoin("Ana"), g.MustJoin("Bo"), g.MustJoin("Cy")
	g.Run(time.Second)
	boID, cyID := bo.State.Welcome.You, cy.State.Welcome.You
	cyToken := cy.State.Welcome.Token
	bo.Vanish()
	g.RunUntil(2*session.IdleTimeout, func() bool { p := ana.State.Players[boID]; return p != nil && p.Away })

	forged := bo.State.Welcome.Token
	forged[0] ^= 1
	m, err := g.Join(client.Config{Name: "Mallory", Colour: wire.NoColour, Token: forged, TokenFor: "simulated-host"})
	if err != nil {
		t.Fatal(err)
	}
	if w := m.State.Welcome; w.Resumed || w.You == boID || w.Token == bo.State.Welcome.Token {
		t.Errorf("a forged token was welcomed as %d, resumed %v", w.You, w.Resumed)
	}
	if !g.RunUntil(time.Second, func() bool { p := ana.State.Players[boID]; return p != nil && p.Away && p.Name == "Bo" }) {
		t.Error("Bo's place was touched by a forged token")
	}

	if !g.Host.Kick(uint8(cyID)) {
		t.Fatal("the host could not remove Cy")
	}
	g.RunUntil(time.Second, func() bool { return ana.State.Players[cyID] == nil })
	_, err = g.Join(client.Config{Name: "Cy", Colour: wire.NoColour, Token: cyToken, TokenFor: "simulated-host"})
	if client.ReasonOf(err) != client.ReasonKicked {
		t.Errorf("a removed player's token, shown again: %v", err)
	}
	// Bo is removed while away: his game, coming back, is told so and stops trying.
	if !g.Host.Kick(uint8(boID)) {
		t.Fatal("the host could not remove Bo while he was away")
	}
	bo.link.machine.vanished = false
	if !g.RunUntil(5*time.Second, func() bool { return bo.GaveUp != nil }) || client.ReasonOf(bo.GaveUp) != client.ReasonKicked {
		t.Errorf("Bo, removed while away, came back as %d (resumed %v); gave up: %v", bo.State.Welcome.You, bo.State.Welcome.Resumed, bo.GaveUp)
	}
	if n := g.Host.Stats().ResumeRefused.Load(); n != 1 {
		t.Errorf("the host counted %d unknown tokens, want 1 (the forgery)", n)
	}
}

// TestAStalledHost: a host frozen for 3 s recovers with no player reconnecting; one
// frozen for 15 s, past the idle timeout, has every player back in their own place,
// with their score, and never counts more players than there are.
func TestAStalledHost(t *testing.T) {
	for _, stall := range []time.Duration{3 * time.Second, 15 * time.Second} {
		g := New(Config{Seed: 5, Link: netsim.Config{Delay: 20 * time.Millisecond, Jitter: 5 * time.Millisecond}, TargetScore: 1000})
		players := []*Player{g.MustJoin("Ana"), g.MustJoin("Bo"), g.MustJoin("Cy")}
		for _, p := range players {
			p.Drive = unstuck(chase)
		}
		g.Run(20 * time.Second)
		before := map[string]client.PlayerView{} // each player as they know themself
		scored := 0
		for _, p := range players {
			before[p.Name] = *p.State.Me()
			scored += p.State.Me().Score
		}
		if scored == 0 {
			t.Fatal("nobody has scored before the stall: no score to keep")
		}
		joinedLines := func(p *Player) int {
			return len(slices.DeleteFunc(texts(p.State.Log), func(l string) bool { return !strings.HasSuffix(l, " joined") }))
		}
		joined := make([]int, len(players))
		for i, p := range players {
			joined[i] = joinedLines(p)
		}
		g.StallHost(stall)
		most := int64(0)
		g.RunUntil(stall+20*time.Second, func() bool {
			most = max(most, g.Host.Stats().Players.Load())
			return false
		})
		if most > 3 {
			t.Errorf("%v stall: the host counted %d players; there are 3", stall, most)
		}
		for _, p := range players {
			back := len(p.Back)
			switch {
			case stall < session.IdleTimeout && back != 0:
				t.Errorf("%v stall: %s reconnected %d times", stall, p.Name, back)
			case stall > session.IdleTimeout && (back != 1 || !p.State.Welcome.Resumed):
				t.Errorf("%v stall: %s came back %d times, resumed %v (gave up: %v)", stall, p.Name, back, p.State.Welcome.Resumed, p.GaveUp)
			}
			me := p.State.Me()
			was := before[p.Name]
			if me == nil || me.ID != was.ID || me.Name != p.Name || me.Colour != was.Colour || me.Score < was.Score || p.State.Round != 1 {
				t.Errorf("%v stall: %s is %+v, was %+v", stall, p.Name, me, was)
				continue
			}
			if len(p.State.Players) != 3 {
				t.Errorf("%v stall: %s sees %d players", stall, p.Name, len(p.State.Players))
			}
			if n := joinedLines(p); n != joined[slices.Index(players, p)] {
				t.Errorf("%v stall: %s was told of joins that were comebacks: %q", stall, p.Name, texts(p.State.Log))
			}
		}
	}
}
