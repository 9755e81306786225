package e2e

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// window is one real Gem Rush window on the test display, driven like a person would.
type window struct {
	t       *testing.T
	display string
	proc    *proc
	id      string
	vars    string // its /debug/vars URL
	config  string // its XDG_CONFIG_HOME
	x       int    // where it sits on the display
	ns      string // its network namespace, or "" for this one
}

// openWindow starts gemrush with args on display, waits for its window, and moves it
// to x so two windows can sit side by side.
func openWindow(t *testing.T, display string, x int, args ...string) *window {
	t.Helper()
	return reopenWindow(t, display, x, t.TempDir(), args...)
}

// reopenWindow starts gemrush again with the config dir of a window that was closed:
// its settings, recent games and kept tokens.
func reopenWindow(t *testing.T, display string, x int, config string, args ...string) *window {
	t.Helper()
	p := start(t, []string{"DISPLAY=" + display, "XDG_CONFIG_HOME=" + config},
		append([]string{"-debug-addr", "127.0.0.1:0"}, args...)...)
	return findWindow(t, display, p, config, x, "")
}

// findWindow waits for p's window on display and moves it to x.
func findWindow(t *testing.T, display string, p *proc, config string, x int, ns string) *window {
	t.Helper()
	w := &window{t: t, display: display, proc: p, config: config, x: x, ns: ns}
	w.vars = p.await(`msg="debug server" vars=(\S+)`, 20*time.Second)[1]
	w.id = w.xdotool(true, "search", "--sync", "--all", "--pid", fmt.Sprint(p.cmd.Process.Pid), "--name", "Gem Rush")
	w.xdotool(false, "windowmove", "--sync", w.id, fmt.Sprint(x), "0")
	return w
}

// xdotool runs xdotool on the window's display; with first, it returns the first
// word of the output.
func (w *window) xdotool(first bool, args ...string) string {
	w.t.Helper()
	out := xdotool(w.t, w.display, args...)
	if first {
		return strings.Fields(out)[0]
	}
	return ""
}

// keys gives the window the keyboard and presses keys one after another, each held
// for a tenth of a second, as a person would. After each, it waits for the window to
// draw two frames, so the next key comes in a frame of its own: Ebitengine reads the
// keyboard once a frame, and a window under software rendering on a busy machine can
// take a few hundred milliseconds over one, in which two presses of one key count once.
func (w *window) keys(keys ...string) {
	w.t.Helper()
	w.xdotool(false, "windowfocus", "--sync", w.id)
	for _, k := range keys {
		w.xdotool(false, "keydown", k, "sleep", "0.1", "keyup", k)
		w.awaitFrames()
	}
}

// typeText gives the window the keyboard and types s, then waits for the window to
// take it in, as keys does.
func (w *window) typeText(s string) {
	w.t.Helper()
	w.xdotool(false, "windowfocus", "--sync", w.id)
	w.xdotool(false, "type", "--delay", "40", s)
	w.awaitFrames()
}

// click clicks at a point of the game's 1280×720 screen.
func (w *window) click(x, y int) {
	w.t.Helper()
	w.xdotool(false, "mousemove", "--window", w.id, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
}

// await waits until the window's state, read from /debug/vars, satisfies cond.
func (w *window) await(what string, cond func(v map[string]any) bool) map[string]any {
	w.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		v := debugVarsIn(w.t, w.ns, w.vars, "client")
		if cond(v) {
			return v
		}
		if time.Now().After(deadline) {
			screenshot(w.t, w.display, "failed-waiting")
			w.t.Fatalf("waiting for %s; the window's state is %v", what, v)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// awaitFrames waits until the window has drawn two more frames: what its state said a
// moment ago is then on screen, for a screenshot.
func (w *window) awaitFrames() {
	w.t.Helper()
	from := debugVarsIn(w.t, w.ns, w.vars, "client")["frames_drawn"].(float64)
	w.await("two frames drawn", func(v map[string]any) bool { return v["frames_drawn"].(float64) >= from+2 })
}

func (w *window) awaitScreen(screen string) map[string]any {
	w.t.Helper()
	return w.await("the "+screen+" screen", func(v map[string]any) bool { return v["screen"] == screen })
}

// logHas reports whether the window's chat log ends with a line containing s.
func logHas(v map[string]any, s string) bool {
	tail, _ := v["log_tail"].([]any)
	for _, l := range tail {
		if strings.Contains(fmt.Sprint(l), s) {
			return true
		}
	}
	return false
}

// region counts c's pixels within the part of img that one window covers.
func region(img image.Image, x int, c color.RGBA) int {
	sub := img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(image.Rect(x, 0, x+1280, 720))
	return countColour(sub, c)
}

// TestTwoPlayersThroughTheMenus is two people on one machine: Ana opens Gem Rush,
// types her name and hosts; Bo types his name and Ana's address and joins; they chat;
// Bo leaves and Ana sees him go; Bo's join is remembered; joining where nobody
// listens shows the error screen; Ana copies her invite code and ends the game.
func TestTwoPlayersThroughTheMenus(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "2600x760")
	shot := func(name string) image.Image { return screenshot(t, display, name) }
	red, green := firstFourColours["red (host player)"], firstFourColours["green (bot)"]

	ana := openWindow(t, display, 0, "-port", "0")
	ana.awaitScreen("menu")
	ana.typeText("Ana")
	shot("1-menu")
	ana.keys("Tab", "Tab", "Return") // name → colour → Host game
	ana.keys("Tab", "Return")        // room password (left empty) → Start hosting
	v := ana.awaitScreen("playing")
	port := fmt.Sprint(v["host_port"])
	invite := fmt.Sprint(v["invite"])

	bo := openWindow(t, display, 1300)
	bo.awaitScreen("menu")
	bo.typeText("Bo")
	bo.keys("Tab", "Tab", "Tab") // name → colour → Host game → address
	setClipboard(t, display, "127.0.0.1:"+port)
	bo.keys("ctrl+v") // Ana sent him her address; he pastes it
	bo.keys("Return")
	bo.awaitScreen("playing")
	ana.await("Bo to join", func(v map[string]any) bool { return logHas(v, "Bo joined") })
	start(t, nil, "-bots", "1", "-join", "127.0.0.1:"+port, "-duration", "60s", "-name", "Cy")
	ana.await("a third player", func(v map[string]any) bool { return logHas(v, "Cy 1 joined") })

	ana.keys("Return")
	ana.typeText("hello from Ana")
	ana.keys("Return")
	bo.keys("Return")
	bo.typeText("hi Ana")
	bo.keys("Return")
	for _, w := range []*window{ana, bo} {
		w.await("both chat lines", func(v map[string]any) bool {
			return logHas(v, "Ana: hello from Ana") && logHas(v, "Bo: hi Ana")
		})
	}
	ana.await("every disc drawn", func(v map[string]any) bool { return v["players_drawn"] == 3.0 })
	bo.await("every disc drawn", func(v map[string]any) bool { return v["players_drawn"] == 3.0 })
	img := shot("2-playing-and-chatting")
	// Both chose the first colour; the host gave Bo the next free one. Each window shows
	// both discs (and the scoreboard dots).
	for _, w := range []*window{ana, bo} {
		if r, g := region(img, w.x, red), region(img, w.x, green); r < 400 || g < 400 {
			t.Errorf("window at x=%d shows %d red and %d green pixels: a disc is missing", w.x, r, g)
		}
	}

	bo.keys("Escape", "Tab", "Return") // game menu: Resume → Leave game
	bo.awaitScreen("menu")
	ana.await("the leave notice", func(v map[string]any) bool { return logHas(v, "Bo left") })
	shot("3-bo-left")
	settings, err := os.ReadFile(filepath.Join(bo.config, "gemrush", "settings.json"))
	if err != nil || !strings.Contains(string(settings), `"127.0.0.1:`+port+`"`) || !strings.Contains(string(settings), `"Bo"`) {
		t.Errorf("Bo's settings do not remember his name and the game he joined: %s (%v)", settings, err)
	}

	// Nothing listens at port 9: the system says so, and the error screen comes at once.
	bo.keys("Tab", "Tab", "Tab", "ctrl+u") // focus is back on the name field; go to the address and clear it
	bo.typeText("127.0.0.1:9")
	bo.keys("Return")
	started := time.Now()
	v = bo.awaitScreen("error") // the connecting screen is too short to be seen
	if took := time.Since(started); took > 8*time.Second {
		t.Errorf("the error screen came after %v", took)
	}
	if msg := fmt.Sprint(v["error"]); !strings.Contains(msg, "Nothing is listening at 127.0.0.1:9 (the port is closed): check the port.") {
		t.Errorf("error screen says %q", msg)
	}
	if next := fmt.Sprint(v["error_next"]); next != "Check the port (the number after the colon) with the host; a host behind a home router needs it forwarded." {
		t.Errorf("error screen advises %q", next)
	}
	shot("4-error")
	bo.keys("Return")
	bo.awaitScreen("menu")

	// One click on the remembered game takes Bo back in.
	bo.click(menuRecentX, menuRecentY)
	bo.awaitScreen("playing")

	// Ana copies her invite code with the Copy button, then ends the game.
	ana.click(1227, 42)
	deadline := time.Now().Add(10 * time.Second)
	for {
		cmd := exec.Command("xclip", "-o", "-selection", "clipboard")
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, _ := cmd.Output()
		if strings.TrimSpace(string(out)) == invite {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("clipboard holds %q, want the invite code %q", out, invite)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Game menu: Resume → Copy invite code → Remove a player… → End game for
	// everyone… The confirmation starts on Cancel, so a stray Enter cannot end
	// everyone's game: go up to End.
	ana.keys("Escape", "Tab", "Tab", "Tab", "Return")
	ana.keys("Up", "Return")
	ana.awaitScreen("menu")
	v = bo.awaitScreen("error")
	if msg := fmt.Sprint(v["error"]); msg != "Disconnected: Host ended the game." {
		t.Errorf("Bo is told %q", msg)
	}
	if next := fmt.Sprint(v["error_next"]); next != "Host a game of your own, or join another." {
		t.Errorf("Bo is advised %q", next)
	}
	shot("5-host-ended")
}

// Where the first recent game sits on the menu (game/menu.go).
const menuRecentX, menuRecentY = 360, 516

// setClipboard puts s on the display's clipboard, as copying it elsewhere would.
func setClipboard(t *testing.T, display, s string) {
	t.Helper()
	cmd := exec.Command("xclip", "-selection", "clipboard")
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	cmd.Stdin = strings.NewReader(s)
	// No output pipes: xclip leaves a child behind to serve the clipboard, and it would
	// hold them open.
	if err := cmd.Run(); err != nil {
		t.Fatalf("xclip: %v", err)
	}
}
