package game

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
)

// dialRecorder is a client.Network that records how each join was asked for and
// never answers.
type dialRecorder struct{ dialled chan client.Config }

func (n dialRecorder) Dial(ctx context.Context, cfg client.Config) (client.Transport, error) {
	n.dialled <- cfg
	<-ctx.Done()
	return nil, ctx.Err()
}

func (n dialRecorder) Host(client.HostConfig) (client.Host, error) { return nil, io.EOF }

// TestJoinsArePinnedToTheHostExpected: a join by address is pinned to the host the
// address answered with before; a LAN game to the one its advert names, unless the
// address answered with another before, which outweighs an advert; an invite code
// names its own; -trust-new-host takes whoever answers.
func TestJoinsArePinnedToTheHostExpected(t *testing.T) {
	dir := t.TempDir()
	known, advert := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	settings.TrustHost(dir, "192.0.2.9:47777", known)
	n := dialRecorder{dialled: make(chan client.Config, 1)}
	g := newGame(Options{ConfigDir: dir, Network: n, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	home := g.scene.(*menuScene)
	for _, tc := range []struct {
		to   target
		pin  client.Pin
		want string
	}{
		{target{addr: "192.0.2.9:47777"}, client.PinKnown, known},
		{target{addr: "192.0.2.9:47777", fingerprint: advert}, client.PinKnown, known},
		{target{addr: "192.0.2.10:47777", fingerprint: advert}, client.PinAdvertised, advert},
		{target{addr: "192.0.2.10:47777"}, client.PinNone, ""},
		{target{addr: "192.0.2.9:47777", trustNew: true}, client.PinNone, ""},
	} {
		g.join(tc.to, "", home)
		select {
		case cfg := <-n.dialled:
			if cfg.Pin != tc.pin || cfg.Fingerprint != tc.want {
				t.Errorf("joining %+v: pinned %v to %q, want %v to %q", tc.to, cfg.Pin, cfg.Fingerprint, tc.pin, tc.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("joining %+v dialled nothing", tc.to)
		}
		<-g.scene.(*connectingScene).m.Close()
	}
}
