package host_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// TestAChatFloodCostsOnlyTheFlooder: Mallory sends 2000 lines as fast as QUIC takes
// them. The host relays the first ChatBurst and drops the rest at her connection;
// she alone is told; Ana's line still reaches everyone once; nobody is disconnected.
func TestAChatFloodCostsOnlyTheFlooder(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana, bo := join(t, s, "Ana"), join(t, s, "Bo")
	conn := rawConn(t, s)
	ctrl, chat := openStreams(t, conn, &wire.Hello{Version: wire.Version, Colour: wire.NoColour, Name: "Mallory"})
	ana.until("Mallory joins", func(v *client.State) bool { return len(v.Players) == 3 })
	var flood []byte
	for i := range 2000 {
		flood, _ = wire.AppendFrame(flood, &wire.ChatSend{Text: "spam " + strings.Repeat("x", i%50)})
	}
	if _, err := chat.Write(flood); err != nil {
		t.Fatal(err)
	}
	told := make(chan string, 1)
	go func() {
		r := session.NewFrameReader(ctrl)
		for {
			m, err := r.Read()
			if err != nil {
				return
			}
			if n, ok := m.(*wire.Notice); ok {
				told <- n.Text
				return
			}
		}
	}()
	select {
	case text := <-told:
		if !strings.Contains(text, "too fast") {
			t.Errorf("Mallory was told %q", text)
		}
	case <-time.After(waitLimit):
		t.Fatal("Mallory was never told her chat was dropped")
	}
	ana.until("the flood dropped", func(*client.State) bool { return s.Stats().ChatDropped.Load() >= 2000-host.ChatBurst-5 })
	if err := bo.st.SendChat("hello Ana"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*player{ana, bo} {
		p.until("Bo's line", func(v *client.State) bool {
			return len(chatLines(v)) > 0 && chatLines(v)[len(chatLines(v))-1].Text == "hello Ana"
		})
		spam, bos := 0, 0
		for _, l := range chatLines(p.st) {
			switch {
			case strings.HasPrefix(l.Text, "spam"):
				spam++
			case l.Text == "hello Ana":
				bos++
			}
		}
		if spam > host.ChatBurst+5 || bos != 1 { // the burst, and what the rate let through meanwhile
			t.Errorf("%s got %d lines of the flood and Bo's line %d times", p.st.Me().Name, spam, bos)
		}
		select {
		case <-p.st.Transport().Done():
			t.Errorf("%s was disconnected: %v", p.st.Me().Name, p.st.Step(time.Now()))
		default:
		}
	}
	if conn.Context().Err() != nil || s.Stats().Kicked.Load() != 0 {
		t.Errorf("the flood disconnected someone: Mallory %v, kicked %d", context.Cause(conn.Context()), s.Stats().Kicked.Load())
	}
}

// TestAChangedNameIsTold: a second player asking for a name that looks like one taken
// plays under another, and their game says so, over real QUIC.
func TestAChangedNameIsTold(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	join(t, s, "Bot 2")
	twin := join(t, s, "\u0412ot 2") // a Cyrillic В
	twin.until("the notice", func(v *client.State) bool {
		for _, l := range v.Log {
			if l.Notice && strings.HasPrefix(l.Text, "Someone here is already called \u0412ot 2") {
				return true
			}
		}
		return false
	})
	if me := twin.st.Me(); me == nil || me.Name != "\u0412ot 2 2" {
		t.Errorf("the look-alike plays as %+v", me)
	}
}

// TestComingBackDoesNotRefillTheChatLimit: Bo spends his burst of chat, then takes
// his place back on a new connection, again and again, sending another burst each
// time: the allowance is the place's, so the host relays little more than one burst.
func TestComingBackDoesNotRefillTheChatLimit(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana := join(t, s, "Ana")
	cfg := client.Config{Addr: s.Addr().String(), Name: "Bo", Colour: 3}
	bo := join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) { *c = cfg })
	st := s.Stats()
	sent := uint64(0)
	for round := range 5 {
		for range host.ChatBurst {
			if err := bo.st.SendChat(fmt.Sprint("burst ", round)); err != nil {
				t.Fatal(err)
			}
			sent++
		}
		ana.until("the host to take in every line so far", func(*client.State) bool {
			return st.ChatMessages.Load()+st.ChatDropped.Load() == sent
		})
		bo = join(t, s, "Bo", func(c *client.Config, o *quicnet.Options) { *c = bo.st.ResumeConfig(cfg) })
	}
	if relayed := st.ChatMessages.Load(); relayed > host.ChatBurst+4 {
		t.Errorf("the host relayed %d of the %d lines Bo sent over five comebacks; the limit allows a burst of %d",
			relayed, sent, host.ChatBurst)
	}
}

// TestADatagramFloodCostsOnlyTheFlooder: Mallory sends 6000 input datagrams as fast
// as the host reads them; beyond a player's rate they are dropped at her connection and
// counted, the loop's inbox, which everyone's inputs share, never fills, and Ana plays
// on.
func TestADatagramFloodCostsOnlyTheFlooder(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	ana := join(t, s, "Ana")
	conn := rawConn(t, s)
	openStreams(t, conn, &wire.Hello{Version: wire.Version, Colour: wire.NoColour, Name: "Mallory"})
	ana.until("Mallory joins", func(v *client.State) bool { return len(v.Players) == 2 })
	st := s.Stats()
	before := st.DatagramsIn.Load()
	start := time.Now()
	for seq := uint32(1); seq <= 6000; seq++ {
		b, _ := wire.AppendMessage(nil, &wire.Input{Seq: seq, Moves: []wire.Move{{X: 1}}})
		conn.SendDatagram(b)
		// A hundred at a time, each read before the next go: quic-go drops, uncounted,
		// what arrives while 128 wait to be read, so a flood all at once would reach
		// the host's counters only as far as its reading kept up.
		if seq%100 == 0 {
			ana.until("the burst read", func(*client.State) bool { return st.DatagramsIn.Load()-before >= uint64(seq) })
		}
	}
	ana.until("the flood counted", func(*client.State) bool { return st.DroppedFlood.Load() > 1000 })
	tick := st.Tick.Load()
	ana.until("the game going on", func(*client.State) bool { return st.Tick.Load() > tick+10 })
	// What went on to the loop is what the rate allows over the time it took, however
	// slowly a busy machine sent it. (Ana's own inputs count too: she sends none.)
	passed := st.DatagramsIn.Load() - before - st.DroppedFlood.Load()
	if allowed := uint64(120 + 120*time.Since(start).Seconds()); passed > allowed || st.DroppedBusy.Load() != 0 {
		t.Errorf("%d of Mallory's datagrams reached the loop in %v (the rate allows %d); its inbox overflowed %d times",
			passed, time.Since(start).Round(time.Millisecond), allowed, st.DroppedBusy.Load())
	}
}
