package host_test

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// stubbornConn joins like a player whose game has frozen: it says hello, then never
// reads a byte, and its 1 KiB receive windows fill at once.
func stubbornConn(t *testing.T, s *host.Server) *quic.Conn {
	t.Helper()
	udp, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	tr := &quic.Transport{Conn: udp}
	t.Cleanup(func() { tr.Close(); udp.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	conn, err := tr.Dial(ctx, s.Addr(), session.ClientTLS(nil), &quic.Config{
		EnableDatagrams:            true,
		InitialStreamReceiveWindow: 1 << 10, MaxStreamReceiveWindow: 1 << 10,
		InitialConnectionReceiveWindow: 4 << 10, MaxConnectionReceiveWindow: 4 << 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	openStreams(t, conn, &wire.Hello{Version: wire.Version, Name: "Mallory"})
	return conn
}

func TestPlayerWhoStopsReadingIsDisconnectedNotWaitedFor(t *testing.T) {
	s, _ := startHost(t, host.Config{SilentLimit: -1}) // Mallory sends no moves either: not what this is about
	ana := join(t, s, "Ana")
	mallory := stubbornConn(t, s)
	ana.until("Mallory joins", func(v *client.State) bool { return len(v.Players) == 2 })
	var removed *wire.PlayerLeft // Ana hears it on the control stream, amid the chat lines
	ana.st.OnMessage = func(m wire.Message) {
		if l, ok := m.(*wire.PlayerLeft); ok {
			removed = l
		}
	}

	// Ana chats, each line awaited through her own echo, as fast as the chat limit
	// lets her, until the host has given up on Mallory: his chat stream cannot take
	// the lines (a burst of long ones fills his 1 KiB window), and the write waits
	// session.WriteTimeout.
	deadline := time.Now().Add(session.WriteTimeout + 5*time.Second)
	for i := 0; s.Stats().Kicked.Load() == 0; i++ {
		if time.Now().After(deadline) {
			t.Fatal("the host is still waiting for a player who reads nothing")
		}
		if i >= host.ChatBurst {
			time.Sleep(time.Second / host.ChatPerSecond) // the chat limit's pace, not a wait for an event
		}
		line := fmt.Sprintf("line %d %s", i, strings.Repeat("x", sim.MaxChatRunes-10))
		if err := ana.st.SendChat(line); err != nil {
			t.Fatal(err)
		}
		ana.until("the line's echo", func(v *client.State) bool { // a notice may follow it in the same step
			return slices.ContainsFunc(v.Log, func(l client.Line) bool { return l.Text == line })
		})
	}
	if app := closeError(t, mallory); app.ErrorCode != session.CodeTooSlow {
		t.Fatalf("Mallory's connection ended with code %d %q, want code %d", app.ErrorCode, app.ErrorMessage, session.CodeTooSlow)
	}
	ana.until("Mallory removed", func(v *client.State) bool { return len(v.Players) == 1 && removed != nil })
	if removed.Reason != wire.LeftKicked || removed.Reason.String() != "was removed" {
		t.Errorf("Ana was told Mallory left with reason %v", removed.Reason)
	}
	if got := s.Stats().Kicked.Load(); got != 1 {
		t.Errorf("kicked %d", got)
	}
}
