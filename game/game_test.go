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
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/quic-go/quic-go"
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
	for code, want := range map[session.Code]string{
		session.CodeHostEnded:       "Host a game of your own, or join another.",
		session.CodeGameFull:        "Try again when someone leaves, or host a game of your own.",
		session.CodeVersionMismatch: "Install the same Gem Rush release as the host, then join again.",
		session.CodeKicked:          "Check your network connection, then join again from Recent games.",
	} {
		err := &client.Error{Err: &quic.ApplicationError{Remote: true, ErrorCode: code, ErrorMessage: "x"}}
		if got := nextStep(err); got != want {
			t.Errorf("code %d: %q", code, got)
		}
	}
	if got := nextStep(&client.Error{Err: &quic.IdleTimeoutError{}}); got == "" {
		t.Error("a lost connection has no next step")
	}
}

func TestLANRowsGreyOtherVersions(t *testing.T) {
	g := newGame(Options{ConfigDir: t.TempDir(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	g.lanGames = []discovery.Game{
		{Name: "Ana's game", Version: wire.Version, Players: 2, MaxPlayers: 8, Password: true, Port: 1, Addrs: []netip.Addr{netip.MustParseAddr("10.0.0.2")}},
		{Name: "Future game", Version: wire.Version + 1, Players: 1, MaxPlayers: 8, Port: 1, Addrs: []netip.Addr{netip.MustParseAddr("10.0.0.3")}},
	}
	rows := g.lanRows()
	if len(rows) != 2 || rows[0].detail != "2/8" || !rows[0].lock || rows[0].greyed {
		t.Fatalf("first row %+v", rows[0])
	}
	if r := rows[1]; !r.greyed || r.detail != fmt.Sprintf("needs version %d", wire.Version+1) {
		t.Fatalf("other version row %+v", r)
	}
	// Pressing the greyed row does nothing; pressing the password game asks for it.
	g.form.set(rows, "lan1")
	g.form.update(&intents{activate: true})
	if g.scene != sceneMenu || g.m != nil {
		t.Fatal("a game of another version could be joined")
	}
	g.form.set(rows, "lan0")
	g.form.update(&intents{activate: true})
	if g.scene != scenePassword || g.retryAddr != "10.0.0.2:1" {
		t.Fatalf("scene %v, addr %q: the password game did not ask for its password", g.scene, g.retryAddr)
	}
}
