package host_test

import (
	"context"
	"testing"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/wire"
)

// fakeLAN records what a host advertises.
type fakeLAN struct {
	adverts chan *fakeAdvert
}

type fakeAdvert struct {
	games chan discovery.Game
	ctx   context.Context
	done  chan struct{}
}

func (f *fakeLAN) Advertise(ctx context.Context, g discovery.Game) (discovery.Advert, error) {
	a := &fakeAdvert{games: make(chan discovery.Game, 16), ctx: ctx, done: make(chan struct{})}
	a.games <- g
	go func() { <-ctx.Done(); close(a.done) }()
	f.adverts <- a
	return a, nil
}

func (f *fakeLAN) Browse(context.Context) <-chan []discovery.Game { return nil }

func (a *fakeAdvert) Update(g discovery.Game) { a.games <- g }
func (a *fakeAdvert) Done() <-chan struct{}   { return a.done }

func (a *fakeAdvert) next(t *testing.T) discovery.Game {
	t.Helper()
	select {
	case g := <-a.games:
		return g
	case <-time.After(waitLimit):
		t.Fatal("no advert update")
		return discovery.Game{}
	}
}

func TestHostAdvertisesAndKeepsTheCountCurrent(t *testing.T) {
	lan := &fakeLAN{adverts: make(chan *fakeAdvert, 1)}
	s, stop := startHost(t, host.Config{Name: "Ana's game", MaxPlayers: 6, Password: "pw", LAN: lan})
	var adv *fakeAdvert
	select {
	case adv = <-lan.adverts:
	case <-time.After(waitLimit):
		t.Fatal("the host did not advertise")
	}
	g := adv.next(t)
	if g.Name != "Ana's game" || g.Port != s.Addr().Port || g.Version != wire.Version || g.Players != 0 ||
		g.MaxPlayers != 6 || !g.Password || g.Fingerprint != s.Fingerprint() {
		t.Fatalf("advertised %+v", g)
	}
	bo := join(t, s, "Bo", func(c *client.Config, _ *quicnet.Options) { c.Password = "pw" })
	if g := adv.next(t); g.Players != 1 {
		t.Fatalf("after a join: %d players advertised", g.Players)
	}
	bo.st.Transport().Leave()
	if g := adv.next(t); g.Players != 0 {
		t.Fatalf("after the leave: %d players advertised", g.Players)
	}
	stop()
	select {
	case <-adv.done:
	case <-time.After(waitLimit):
		t.Fatal("the advert outlived the game")
	}
}
