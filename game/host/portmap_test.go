package host_test

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/portmap"
)

// fakeMapping stands for the router's forwarding; its Close takes a moment, as a
// router's answer does.
type fakeMapping struct {
	closing chan time.Time // when Close began
	removed atomic.Bool
}

func (f *fakeMapping) Status() portmap.Status { return portmap.Status{State: portmap.Mapped} }

func (f *fakeMapping) Close(ctx context.Context) {
	f.closing <- time.Now()
	select {
	case <-time.After(200 * time.Millisecond):
		f.removed.Store(true)
	case <-ctx.Done():
	}
}

// slowLAN advertises a game whose goodbye takes a while to go out, as a multicast
// DNS goodbye sent more than once does.
type slowLAN struct{ goodbye time.Duration }

func (l slowLAN) Advertise(ctx context.Context, _ discovery.Game) (discovery.Advert, error) {
	a := &fakeAdvert{games: make(chan discovery.Game, 16), ctx: ctx, done: make(chan struct{})}
	go func() {
		<-ctx.Done()
		time.Sleep(l.goodbye) // the goodbye's own time on the network, not a wait for an event
		close(a.done)
	}()
	return a, nil
}

func (slowLAN) Browse(context.Context) <-chan []discovery.Game { return nil }

// TestTheForwardingGoesBesideTheGoodbyes: the game's goodbyes take their time (here
// the LAN's, a second). The router's forwarding is removed meanwhile, not after them:
// its removal begins as the game ends, and Run returns only once it is done.
func TestTheForwardingGoesBesideTheGoodbyes(t *testing.T) {
	const goodbye = time.Second
	m := &fakeMapping{closing: make(chan time.Time, 1)}
	_, stop := startHost(t, host.Config{PortMap: true, LAN: slowLAN{goodbye: goodbye},
		StartPortMap: func(int, string, *slog.Logger, func(portmap.Status)) host.PortMapping { return m }})
	ended := time.Now()
	stop()
	stopped := time.Since(ended)
	select {
	case began := <-m.closing:
		if took := began.Sub(ended); took > goodbye/4 {
			t.Errorf("the forwarding's removal began %v after the game ended, behind the goodbyes", took)
		}
	default:
		t.Fatal("the forwarding was never removed")
	}
	if !m.removed.Load() {
		t.Error("Run returned before the forwarding was removed")
	}
	if stopped < goodbye {
		t.Errorf("the host stopped in %v, before the LAN goodbye went", stopped)
	}
	if stopped > goodbye+host.ShutdownTimeout/2 {
		t.Errorf("the host took %v to stop: the removal ran after the goodbyes", stopped)
	}
}
