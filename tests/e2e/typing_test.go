package e2e

import (
	"strings"
	"testing"
)

// TestFastTypingIsExact types into the menu's fields as fast as xdotool can (no
// delay between keys, mixed case and punctuation, Shift pressed and released around
// each capital inside one frame) and checks the fields hold exactly what was typed;
// Ctrl+A then typing replaces a name; 35 quick BackSpace taps remove 35 characters
// (a reading of the keys that missed a tap released inside a frame removed 7).
func TestFastTypingIsExact(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "1280x720")
	w := openWindow(t, display, 0)
	w.awaitScreen("menu")
	field := func(id, want string) {
		t.Helper()
		w.await("the "+id+" field to read "+want, func(v map[string]any) bool {
			f, _ := v["fields"].(map[string]any)
			return f[id] == want
		})
	}
	fast := func(s string) {
		t.Helper()
		w.xdotool(false, "windowfocus", "--sync", w.id)
		w.xdotool(false, "type", "--delay", "0", s)
	}

	const name = "Ab,C.d!E?f-G_h:J" // the name field holds 16 characters
	fast(name)
	field("name", name)
	fast("xyz") // past the limit: refused, the name unchanged
	field("name", name)

	w.keys("ctrl+a")
	fast("Ri-Ko O'Neil")
	field("name", "Ri-Ko O'Neil")

	w.keys("Tab", "Tab", "Tab") // name → colour → Host game → address
	const address = "Quick.Brown-Fox_Jumps:Over/The?Lazy!Dog=42"
	fast(address)
	field("address", address)

	// Each tap is held 5 ms, well inside one frame, as a quick finger does. The
	// game engine reads the keyboard once a frame and keeps one press of a key a
	// frame, so two taps inside one frame count once; under software rendering on
	// a busy machine a frame can take 100 ms. So each tap waits for the window to
	// read the keyboard again (two frames drawn) before the next.
	w.xdotool(false, "windowfocus", "--sync", w.id)
	for range 35 {
		w.xdotool(false, "keydown", "BackSpace", "sleep", "0.005", "keyup", "BackSpace")
		w.awaitFrames()
	}
	field("address", address[:len(address)-35])
	if v := debugVars(t, w.vars, "client"); !strings.HasPrefix(address, v["fields"].(map[string]any)["address"].(string)) {
		t.Errorf("the address field holds %v", v["fields"])
	}
}
