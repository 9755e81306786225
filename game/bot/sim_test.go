package bot

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/nettest"
	"github.com/gemrush/gemrush/net/netsim"
)

// simulate plays n bots for played of simulated time over links that do what link
// says, lets them wait for their last echoes as Run does, and reports as Run would.
func simulate(t *testing.T, n int, link netsim.Config, played time.Duration) Report {
	t.Helper()
	g := nettest.New(nettest.Config{Link: link, Seed: 11})
	bots := make([]*Bot, n)
	players := make([]*nettest.Player, n)
	for i := range bots {
		p := g.MustJoin(fmt.Sprintf("Bot %d", i+1))
		b := New(p.Name, p.State, Normal, rand.New(rand.NewPCG(3, uint64(i))))
		b.Chat = true
		p.OnFrame = func(now time.Time) { b.Step(now) }
		bots[i], players[i] = b, p
	}
	for _, b := range bots {
		b.Begin(g.Now())
	}
	g.Run(played)
	waiting := func() bool {
		for _, b := range bots {
			if b.Waiting() {
				return true
			}
		}
		return false
	}
	for i, b := range bots {
		b.End()
		players[i].OnFrame = b.Listen // done playing: only the echoes are awaited
	}
	if !g.RunUntil(EchoWait, func() bool { return !waiting() }) {
		t.Errorf("echoes still missing %v after play", EchoWait)
	}
	return Summarise(bots, played)
}

// TestBotsPlayAndEveryChatLineArrivesOnceSimulated is TestBotsPlayAndEveryChatLineArrivesOnce
// in simulated time: the same three bots, and exact rates.
func TestBotsPlayAndEveryChatLineArrivesOnceSimulated(t *testing.T) {
	r := simulate(t, 3, netsim.Config{Delay: 200 * time.Microsecond}, 3*time.Second)
	t.Logf("%+v", r)
	checkChat(t, r)
	if r.ChatReceived < r.ChatSent {
		t.Errorf("received %d lines in all, but %d were sent to 3 bots", r.ChatReceived, r.ChatSent)
	}
	if r.SnapshotsPerS < 59.5 || r.SnapshotsPerS > 60.5 {
		t.Errorf("%.2f snapshots per second per bot; the host sends 60 and the link loses none", r.SnapshotsPerS)
	}
	if r.DownBytesPerS <= 0 || r.UpBytesPerS <= 0 || r.RTTp50ms <= 0 {
		t.Errorf("measurements missing: %+v", r)
	}
}

// TestBotsOverAPoorNetworkSimulated is TestBotsOverAPoorNetwork in simulated time:
// every packet either way may be lost (10 %), delayed (20–30 ms), reordered or
// duplicated (2 %). Chat still arrives exactly once; the host lowers the snapshot
// rate to 30 a second, then 20, a step each time it has seen the loss over a hundred
// packets or so; 90 % of them arrive.
func TestBotsOverAPoorNetworkSimulated(t *testing.T) {
	poor := netsim.Config{Loss: 0.10, Delay: 20 * time.Millisecond, Jitter: 10 * time.Millisecond, Duplicate: 0.02}
	r := simulate(t, 3, poor, 10*time.Second)
	t.Logf("%+v", r)
	checkChat(t, r)
	// About (2 × 60 + 2 × 30 + 6 × 20) × 0.9 / 10 s = 27 a second, give or take when
	// the host looked; 54 if it never lowered the rate.
	if r.SnapshotsPerS < 20 || r.SnapshotsPerS > 33 {
		t.Errorf("%.2f snapshots per second per bot through 10%% loss; expected about 27", r.SnapshotsPerS)
	}
	if r.RTTp50ms < 40 || r.RTTp50ms > 60 {
		t.Errorf("round trip p50 %.1f ms; the link takes 40 to 60", r.RTTp50ms)
	}
}

// TestBotsAreQuietAndScoreOverTheNetwork: bots not asked to chat say nothing, and
// steering by what their State shows, they take gems.
func TestBotsAreQuietAndScoreOverTheNetwork(t *testing.T) {
	g := nettest.New(nettest.Config{Link: netsim.Config{Delay: 10 * time.Millisecond}, Seed: 4})
	bots := make([]*Bot, 2)
	for i := range bots {
		p := g.MustJoin(fmt.Sprintf("Bot %d", i+1))
		bots[i] = New(p.Name, p.State, Skills[i], rand.New(rand.NewPCG(6, uint64(i))))
		p.OnFrame = func(now time.Time) { bots[i].Step(now) }
		bots[i].Begin(g.Now())
	}
	g.Run(13 * time.Second) // the countdown, then ten seconds of play
	for _, b := range bots {
		b.End()
		me := b.state.Me()
		if b.chatSent != 0 || len(b.chatSeen) != 0 {
			t.Errorf("%s sent %d chat lines and saw %d", b.name, b.chatSent, len(b.chatSeen))
		}
		if me == nil || me.Score < 3 {
			t.Errorf("%s took fewer than 3 gems in 10 s of play: %+v", b.name, me)
		}
	}
}
