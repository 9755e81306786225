package game

import (
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/bot"
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
	s, _ := hosttest.Start(t, host.Config{Password: "tea"}) // bots are let in like anyone
	f := newBotFiller(quicnet.Network{Logger: hosttest.Quiet}, s.Addr().Port, "tea", hosttest.Quiet)
	f.add(bot.Normal)
	f.add(bot.Normal)
	if f.count() != 2 {
		t.Fatalf("%d bots after adding two", f.count())
	}
	awaitNames(t, s, "Bot 1", "Bot 2")
	if !f.removeNewest() || f.count() != 1 {
		t.Fatalf("removing one left %d bots", f.count())
	}
	awaitNames(t, s, "Bot 1")
	select { // his goodbye said, his number is free
	case <-f.leaving[0].done:
	case <-time.After(client.CloseWait):
		t.Fatalf("the bot removed had not left %v later", client.CloseWait)
	}
	f.add(bot.Normal)
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

// A bot removed keeps its number until it has left, so the next one added is not
// given the same name while the first is still saying goodbye.
func TestALeavingBotKeepsItsNumber(t *testing.T) {
	open := make(chan struct{})
	f := &botFiller{bots: []*filledBot{{n: 1, done: open}, {n: 2, done: open}}}
	f.bots, f.leaving = f.bots[:1], f.bots[1:] // Bot 2 is leaving
	if n := f.nextNumber(); n != 3 {
		t.Errorf("with Bot 2 still leaving, the next bot is Bot %d, want Bot 3", n)
	}
	close(open) // both gone
	if n := f.nextNumber(); n != 1 {
		t.Errorf("with every bot gone, the next bot is Bot %d, want Bot 1", n)
	}
}

// TestTheMenusBotSkillStepsAndIsRemembered: the in-game menu's bot skill starts at
// normal, steps with left and right and stops at the ends, cycles with Enter, and
// is remembered for the next session.
func TestTheMenusBotSkillStepsAndIsRemembered(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	g := newGame(Options{ConfigDir: dir, Logger: quiet})
	if g.botSkill() != bot.Normal {
		t.Fatalf("a new player's bots are %v, want normal", g.botSkill())
	}
	c := g.botSkillControl(rect(470, 600, pauseW, pauseRowH))
	f := form{}
	f.set([]*control{c}, "bot-skill")
	for _, step := range []struct {
		name string
		in   intents
		want bot.Skill
	}{
		{"left", intents{left: true}, bot.Easy},
		{"left at the easy end", intents{left: true}, bot.Easy},
		{"right", intents{right: true}, bot.Normal},
		{"right", intents{right: true}, bot.Hard},
		{"right at the hard end", intents{right: true}, bot.Hard},
		{"Enter cycles round", intents{activate: true}, bot.Easy},
		{"Enter", intents{activate: true}, bot.Normal},
		{"a click on ▶", intents{click: true, clickAt: rect(470+pauseW-30, 610, 1, 1).Min}, bot.Hard},
	} {
		in := step.in
		f.update(&in)
		if g.botSkill() != step.want || !in.pressed {
			t.Errorf("%s: %v (pressed %v), want %v", step.name, g.botSkill(), in.pressed, step.want)
		}
	}
	if s, _ := c.value(); s != "Hard" {
		t.Errorf("the stepper shows %q, want Hard", s)
	}
	if again := newGame(Options{ConfigDir: dir, Logger: quiet}); again.botSkill() != bot.Hard {
		t.Errorf("the next session's bots are %v, want hard", again.botSkill())
	}
}
