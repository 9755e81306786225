package game

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"testing"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

func TestWrapKeepsEveryLineWithinWidth(t *testing.T) {
	s := "Nobody answered at 203.0.113.9:47777. Is the game still hosted? Is UDP port 47777 open?"
	lines := wrap(s, faceBody, 200)
	if len(lines) < 3 {
		t.Fatalf("wrapped into %d lines: %q", len(lines), lines)
	}
	if got := strings.Join(lines, " "); got != s {
		t.Errorf("words lost or changed:\n%q\n%q", got, s)
	}
	for _, l := range lines {
		if w := text.Advance(l, faceBody); w > 200 {
			t.Errorf("line %q is %.0f px wide", l, w)
		}
	}
	if lines := wrap(strings.Repeat("x", 300), faceBody, 100); len(lines) < 2 {
		t.Errorf("a word longer than the width was not broken: %q", lines)
	}
}

func TestExplainStartErrorNamesThePackage(t *testing.T) {
	err := explainStartError(errors.New("glfw: failed to load libXrandr.so.2: cannot open shared object file"))
	if !strings.Contains(err.Error(), "sudo apt-get install libxrandr2") {
		t.Errorf("got %q", err)
	}
	err = explainStartError(errors.New("something else"))
	if !strings.HasPrefix(err.Error(), "cannot open the window: something else") {
		t.Errorf("got %q", err)
	}
}

func TestNoDisplayIsExplained(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if err := checkDisplay(); !errors.Is(err, ErrNoDisplay) || !strings.Contains(err.Error(), "gemrush -server") {
		t.Fatalf("err = %v", err)
	}
}

func TestEveryEndingHasANextStep(t *testing.T) {
	for reason, want := range map[client.Reason]string{
		client.ReasonHostEnded:       "Host a game of your own, or join another.",
		client.ReasonGameFull:        "Try again when someone leaves, or host a game of your own.",
		client.ReasonVersionMismatch: "Install the same Gem Rush release as the host, then join again.",
		client.ReasonKicked:          "Host a game of your own, or join another.", // the host removed them: rejoining is not the answer
		client.ReasonTooSlow:         "Check your network connection, then join again from Recent games.",
		client.ReasonNoAnswer:        "Check your network connection, then join again from Recent games.",
		client.ReasonNotForwarded:    "Join again with the host's new code.",
		client.ReasonPortClosed:      "Check the port (the number after the colon) with the host; a host behind a home router needs it forwarded.",
	} {
		if got := nextStep(&client.Error{Reason: reason, Sentence: "x"}, true); got != want {
			t.Errorf("%v: %q", reason, got)
		}
	}
	if got := nextStep(&client.Error{Reason: client.ReasonTimedOut}, true); got == "" {
		t.Error("a lost connection has no next step")
	}
	if got := nextStep(&client.Error{Reason: client.ReasonLeft}, true); got != "" {
		t.Errorf("leaving by choice is given a next step: %q", got)
	}
}

func TestLANRowsGreyOtherVersions(t *testing.T) {
	g := newGame(Options{ConfigDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	g.lan.games = []discovery.Game{
		{Name: "Ana's game", Version: wire.Version, Players: 2, MaxPlayers: 8, Password: true, Port: 1,
			Addrs: []netip.Addr{netip.MustParseAddr("192.0.2.2")}, Fingerprint: "ab12"},
		{Name: "Future game", Version: wire.Version + 1, Players: 1, MaxPlayers: 8, Port: 1, Addrs: []netip.Addr{netip.MustParseAddr("192.0.2.3")}},
	}
	menu := g.scene.(*menuScene)
	rows := menu.lanRows(g)
	if len(rows) != 2 || rows[0].detail != "2/8" || !rows[0].lock || rows[0].greyed {
		t.Fatalf("first row %+v", rows[0])
	}
	if r := rows[1]; !r.greyed || r.detail != fmt.Sprintf("needs version %d", wire.Version+1) {
		t.Fatalf("other version row %+v", r)
	}
	// Pressing the greyed row does nothing; pressing the password game asks for it.
	menu.form.set(rows, "lan1")
	menu.form.update(&intents{activate: true})
	if g.scene != menu {
		t.Fatalf("a game of another version could be joined: the %s screen shows", g.scene.screen())
	}
	menu.form.set(rows, "lan0")
	menu.form.update(&intents{activate: true})
	if p, ok := g.scene.(*passwordScene); !ok || p.to != (target{addr: "192.0.2.2:1", fingerprint: "ab12"}) || p.home != menu {
		t.Fatalf("the %s screen shows: the password game did not ask for its password, for the host advertised", g.scene.screen())
	}
}
