package host_test

import (
	"context"
	"testing"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/wire"
)

func TestTheHostCanRemoveAPlayer(t *testing.T) {
	// The host removes Bo: he is told in the host's words and advised accordingly;
	// Ana sees him go; removing him again, or someone who is not there, does nothing.
	s, _ := startHost(t, host.Config{})
	ana, bo := join(t, s, "Ana"), join(t, s, "Bo")
	ana.until("Bo joins", func(v *client.State) bool { return len(v.Players) == 2 })
	var gone *wire.PlayerLeft
	ana.st.OnMessage = func(m wire.Message) {
		if l, ok := m.(*wire.PlayerLeft); ok {
			gone = l
		}
	}
	id := bo.st.Welcome.You
	if !s.Kick(context.Background(), id) {
		t.Fatal("the host found no Bo to remove")
	}
	err := bo.ended()
	if client.ReasonOf(err) != client.ReasonKicked || err.Error() != "You were removed by the host." {
		t.Fatalf("Bo is told %q (reason %v)", err, client.ReasonOf(err))
	}
	ana.until("Bo gone", func(v *client.State) bool { return len(v.Players) == 1 && gone != nil })
	if gone.ID != id || gone.Reason != wire.LeftKicked {
		t.Errorf("Ana was told %+v", gone)
	}
	if s.Kick(context.Background(), id) || s.Kick(context.Background(), 99) {
		t.Error("removing a player who is not there said it did")
	}
	// His token stopped working with his place: coming back with it, he is told why.
	cfg := bo.st.ResumeConfig(client.Config{Addr: s.Addr().String(), Name: "Bo", Colour: wire.NoColour})
	if _, err := dial(cfg); client.ReasonOf(err) != client.ReasonKicked || err.Error() != "You were removed by the host." {
		t.Errorf("Bo's old token, shown again: %v", err)
	}
	if n := s.Stats().Resumed.Load(); n != 0 {
		t.Errorf("the host gave %d places back", n)
	}
}
