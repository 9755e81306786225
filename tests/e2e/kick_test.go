package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Where the side scoreboard's first row is, and how tall a row is (game/hud.go).
const scoreRowX, scoreRowY, scoreRowH = 1000, 110, 26

// TestTheHostRemovesAPlayer is Ana hosting and Bo joining, each in a window of their
// own; Ana removes Bo from her game menu, with a confirmation. Bo's window says the
// host removed him and what to do next; Ana sees him go. His window forgets the
// token it kept for coming back; and when it is put back (a copy, say), rejoining
// from Recent games with it is refused in the same words: it gives no place back.
func TestTheHostRemovesAPlayer(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "2600x760")
	ana := openWindow(t, display, 0, "-host", "-port", "0", "-name", "Ana")
	port := fmt.Sprint(ana.awaitScreen("playing")["host_port"])
	bo := openWindow(t, display, 1300, "-join", "127.0.0.1:"+port, "-name", "Bo")
	bo.awaitScreen("playing")
	ana.await("Bo to join", func(v map[string]any) bool { return logHas(v, "Bo joined") })
	comebacks := filepath.Join(bo.config, "gemrush", "comebacks.json")
	kept, err := os.ReadFile(comebacks)
	if err != nil {
		t.Fatalf("Bo's window kept no token for coming back: %v", err)
	}

	// Ana clicks Bo on her scoreboard (second row: both have 0, Ana first by name).
	// The confirmation starts on Cancel, so a stray Enter removes nobody: she goes up
	// to Remove Bo. (The game menu's Remove a player… leads to the same confirmation.)
	ana.click(scoreRowX, scoreRowY+scoreRowH)
	ana.keys("Up", "Return")

	v := bo.awaitScreen("error")
	if msg := fmt.Sprint(v["error"]); msg != "Disconnected: You were removed by the host." {
		t.Errorf("Bo is told %q", msg)
	}
	if next := fmt.Sprint(v["error_next"]); next != "Host a game of your own, or join another." {
		t.Errorf("Bo is advised %q", next)
	}
	ana.await("Bo gone", func(v map[string]any) bool { return logHas(v, "Bo was removed") })
	if v := ana.awaitScreen("playing"); v["players_drawn"] != 1.0 {
		t.Errorf("Ana's window draws %v discs, want her own alone", v["players_drawn"])
	}
	screenshot(t, display, "6-removed")

	if _, err := os.Stat(comebacks); err == nil {
		t.Error("Bo's window still keeps his token after he was removed")
	}
	if err := os.WriteFile(comebacks, kept, 0o600); err != nil {
		t.Fatal(err)
	}
	bo.keys("Return")
	bo.awaitScreen("menu")
	bo.click(menuRecentX, menuRecentY)
	v = bo.awaitScreen("error")
	if msg := fmt.Sprint(v["error"]); msg != "Could not join the game: You were removed by the host." {
		t.Errorf("Bo, rejoining with his old token, is told %q", msg)
	}
	if hv := hostVars(t, ana.vars); hv["players"] != 1.0 || hv["players_resumed"] != 0.0 {
		t.Errorf("after Bo's old token: %v players, %v places given back", hv["players"], hv["players_resumed"])
	}
}
