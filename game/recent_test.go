package game

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
)

// TestRecentGamesNeverOverlapTheMenu: with as many recent games as are kept, each
// row shows the game's name and its address, and no control of the menu overlaps
// another (the fifth row once lay over the Quit button).
func TestRecentGamesNeverOverlapTheMenu(t *testing.T) {
	g := newGame(Options{ConfigDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for i := range 8 {
		g.settings.AddRecent(settings.RecentGame{Addr: "192.0.2." + strconv.Itoa(i) + ":47777", Name: "Game " + strconv.Itoa(i)})
	}
	menu := g.scene.(*menuScene)
	for _, open := range []bool{false, true} { // Host game pressed or not
		menu.hostOpen = open
		menu.update(g)
		rows := 0
		for i, c := range menu.form.controls {
			if c.kind == kindRow && c.label == "Game 7" {
				if c.detail != "192.0.2.7:47777" {
					t.Errorf("the newest game's row says %q beside its name", c.detail)
				}
			}
			if len(c.id) > 6 && c.id[:6] == "recent" {
				rows++
			}
			for _, o := range menu.form.controls[i+1:] {
				if c.rect.Overlaps(o.rect) {
					t.Errorf("%s %v overlaps %s %v", c.id, c.rect, o.id, o.rect)
				}
			}
		}
		if rows == 0 {
			t.Fatal("no recent game shows")
		}
	}
}

// failingNetwork is a client.Network at whose addresses nothing listens.
type failingNetwork struct{ err error }

func (n failingNetwork) Dial(context.Context, client.Config) (client.Transport, error) {
	return nil, n.err
}

func (n failingNetwork) Host(client.HostConfig) (client.Host, error) { return nil, io.EOF }

// TestAFailedJoinLeadsBackToTheAddress: a typed address nobody listens at is not
// pointed to in Recent games, where it is not; Back from the error screen puts the
// focus on the address field, to fix it. A game in Recent games is pointed to there.
func TestAFailedJoinLeadsBackToTheAddress(t *testing.T) {
	closed := &client.Error{Reason: client.ReasonPortClosed, Sentence: "Nothing is listening at 127.0.0.1:9 (the port is closed): check the port."}
	silent := &client.Error{Reason: client.ReasonNoAnswer, Sentence: "Nobody answered."}
	for _, tc := range []struct {
		err       error
		recent    bool
		next, fix string
	}{
		{closed, false, nextStep(closed, false), "address"},
		{silent, false, "Check your network connection and the address, then join again.", "address"},
		{silent, true, "Check your network connection, then join again from Recent games.", "address"},
	} {
		g := newGame(Options{ConfigDir: t.TempDir(), Network: failingNetwork{tc.err}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if tc.recent {
			g.settings.AddRecent(settings.RecentGame{Addr: "127.0.0.1:9", Name: "Ana's game"})
		}
		menu := g.scene.(*menuScene)
		menu.address.set("127.0.0.1:9")
		g.join(target{addr: menu.address.String()}, "", menu)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		g.scene.(*connectingScene).m.Wait(ctx)
		cancel()
		g.scene.update(g)
		e, ok := g.scene.(*errorScene)
		if !ok {
			t.Fatalf("%v: the %s screen shows", tc.err, g.scene.screen())
		}
		if e.next != tc.next {
			t.Errorf("%v (in Recent games: %v): the error screen advises %q, want %q", tc.err, tc.recent, e.next, tc.next)
		}
		g.in = intents{back: true}
		e.update(g)
		g.in = intents{}
		g.scene.update(g)
		if m, ok := g.scene.(*menuScene); !ok || m.form.focus != tc.fix {
			t.Errorf("%v: back on the %s screen, the focus on %q, want %q", tc.err, g.scene.screen(), menu.form.focus, tc.fix)
		}
	}
}
