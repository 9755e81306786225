package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// shows reports whether the window's last frame drew the words s over the arena.
func shows(v map[string]any, match func(string) bool) bool {
	shown, _ := v["shown"].([]any)
	return slices.ContainsFunc(shown, func(x any) bool { return match(fmt.Sprint(x)) })
}

// TestARoundFromGemsToCelebrationAndTheNextArena plays a short round in a hosting
// window against three bots: gems burst as they are taken, Tab shows the whole table
// with every ping, the winner's banner goes up, and the next round counts in over the
// next arena before Go!. Each is what the window drew, as its /debug/vars says, and a
// screenshot for the README.
func TestARoundFromGemsToCelebrationAndTheNextArena(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "1280x720")
	ana := openWindow(t, display, 0, "-host", "-port", "0", "-name", "Ana", "-lan=false", "-portmap=false", "-target-score", "6")
	port := ana.proc.await(`msg=hosting port=(\d+)`, 20*time.Second)[1]
	start(t, nil, "-bots", "3", "-bot-skill", "hard", "-join", "127.0.0.1:"+port, "-duration", "90s", "-lan=false")
	ana.await("the three bots", func(v map[string]any) bool { return v["players_drawn"] == 4.0 })

	ana.await("a gem's burst", func(v map[string]any) bool { return v["effects"].(float64) > 0 })
	screenshot(t, display, "10-gem-taken")

	ana.xdotool(false, "windowfocus", "--sync", ana.id)
	ana.xdotool(false, "keydown", "Tab")
	v := ana.await("the whole table, every ping known", func(v map[string]any) bool {
		return shows(v, func(s string) bool { return s == "table of 4" })
	})
	screenshot(t, display, "11-table")
	ana.xdotool(false, "keyup", "Tab")
	if shows(v, func(s string) bool { return strings.Contains(s, "wins round") }) {
		t.Log("the round was already won when the table showed")
	}

	ana.await("the winner's banner", func(v map[string]any) bool {
		return shows(v, func(s string) bool { return strings.HasSuffix(s, " round 1!") })
	})
	screenshot(t, display, "12-round-won")

	v = ana.await("round 2's countdown", func(v map[string]any) bool {
		return shows(v, func(s string) bool { return s == "3" || s == "2" })
	})
	screenshot(t, display, "13-countdown")
	if !logHas(v, "Round 2: Crossroads — get ready") {
		t.Errorf("round 2 is not announced in its own arena; the log ends %v", v["log_tail"])
	}
	ana.await("Go!", func(v map[string]any) bool {
		return shows(v, func(s string) bool { return s == "Go!" }) && logHas(v, "Go!")
	})
}
