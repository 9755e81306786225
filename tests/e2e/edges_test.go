package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// writeSettings leaves a settings file in a window's config dir, as a game run
// before would have.
func writeSettings(t *testing.T, config string, s map[string]any) {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(config, "gemrush"), 0o700)
	if err := os.WriteFile(filepath.Join(config, "gemrush", "settings.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// readSettings is what a closed window's settings file says.
func readSettings(t *testing.T, config string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(config, "gemrush", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("settings file: %v\n%s", err, data)
	}
	return s
}

// closeWindow ends a window as its close button would, and waits for it to save.
func (w *window) close() {
	w.t.Helper()
	w.proc.cmd.Process.Signal(syscall.SIGTERM)
	if code := w.proc.exitCode(15 * time.Second); code != 0 {
		w.t.Errorf("the window exited %d", code)
	}
}

// TestASecondGameOnATakenPortHostsOnAnotherAndSaysSo: the port a window hosted on
// last time is taken by a game already running on this machine. Hosting again moves
// to another free port by itself, says which, and remembers it.
func TestASecondGameOnATakenPortHostsOnAnotherAndSaysSo(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "1280x720")
	first := start(t, nil, "-server", "-port", "0", "-name", "First game")
	taken := first.await(`msg=hosting .* port=(\d+)`, 20*time.Second)[1]

	config := t.TempDir()
	writeSettings(t, config, map[string]any{"name": "Ana", "last_port": json.Number(taken)})
	win := reopenWindow(t, display, 0, config, "-host")
	v := win.await("the toast about the port", func(v map[string]any) bool { return v["toast"] != nil })
	got := fmt.Sprint(v["host_port"])
	if want := "Port " + taken + " was taken: hosting on " + got; v["toast"] != want || got == taken || got == "0" {
		t.Fatalf("the window says %q and hosts on %s, the taken port being %s", v["toast"], got, taken)
	}
	awaitWindow(t, display, "Gem Rush — hosting on port "+got)
	screenshot(t, display, "port-taken")
	win.awaitScreen("playing")
	win.close()
	if s := readSettings(t, config); fmt.Sprint(s["last_port"]) != got {
		t.Errorf("the window remembers port %v, having hosted on %s", s["last_port"], got)
	}
}

// TestOneHostJoinedThreeWaysIsOneRecentGame: one game joined at 127.0.0.1, localhost
// and [::1] is one entry in the menu's recent games, with the game's name and the
// address last used.
func TestOneHostJoinedThreeWaysIsOneRecentGame(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "1280x720")
	server := start(t, nil, "-server", "-port", "0", "-name", "Ana's game")
	port := server.await(`msg=hosting .* port=(\d+)`, 20*time.Second)[1]
	config := t.TempDir()
	for _, addr := range []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port} {
		w := reopenWindow(t, display, 0, config, "-join", addr, "-name", "Bo")
		w.awaitScreen("playing")
		w.close()
	}
	w := reopenWindow(t, display, 0, config)
	v := w.awaitScreen("menu")
	if got := fmt.Sprint(v["recent_games"]); got != "[Ana's game at [::1]:"+port+"]" {
		t.Errorf("the menu's recent games are %s", got)
	}
	w.awaitFrames()
	screenshot(t, display, "recent-one-entry")
}
