package e2e

import (
	"encoding/json"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestAChangedHostIsAskedAbout: Bo joins Ana's server by its address, and so does a
// bot. The server is replaced by another machine's game (another certificate) at the
// same address. Picking it from Recent games, Bo's window stops before saying
// anything to it, shows both identities, and joins only once he trusts the new one.
// The bot, run again, refuses; with -trust-new-host it joins.
func TestAChangedHostIsAskedAbout(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "1280x760")
	first, addr, firstVars := startServer(t)
	port := addr[strings.LastIndex(addr, ":")+1:]
	fp1, _ := hostVars(t, firstVars)["fingerprint"].(string)
	bo := openWindow(t, display, 0, "-join", addr, "-name", "Bo")
	bo.awaitScreen("playing")
	botDir := t.TempDir()
	bot := func(extra ...string) *proc {
		return start(t, []string{"XDG_CONFIG_HOME=" + botDir}, append([]string{"-bots", "1", "-join", addr, "-duration", "1s"}, extra...)...)
	}
	if code := bot().exitCode(20 * time.Second); code != 0 {
		t.Fatalf("the bot could not play at the first host (exit %d)", code)
	}

	first.cmd.Process.Signal(syscall.SIGTERM)
	first.exitCode(10 * time.Second)
	bo.awaitScreen("error")
	second := start(t, nil, "-server", "-port", port, "-debug-addr", "127.0.0.1:0")
	secondVars := second.await(`msg="debug server" vars=(\S+)`, 10*time.Second)[1]
	second.await(`msg=hosting`, 10*time.Second)
	fp2, _ := hostVars(t, secondVars)["fingerprint"].(string)

	bo.click(640, 462) // Back to the menu
	bo.awaitScreen("menu")
	bo.click(menuRecentX, menuRecentY)
	v := bo.awaitScreen("trust")
	bo.awaitFrames()
	screenshot(t, display, "trust")
	if e, _ := v["error"].(string); !strings.Contains(e, "is not the host you played with there before") ||
		v["error_next"] != "before "+fp1+", now "+fp2 {
		t.Errorf("the trust screen says %q, %q; want both identities, %s then %s", e, v["error_next"], fp1, fp2)
	}
	if hv := hostVars(t, secondVars); hv["players_joined"] != 0.0 {
		t.Errorf("the new host counted %v joins before Bo trusted it", hv["players_joined"])
	}
	bo.click(640, 542) // Trust the new one
	bo.awaitScreen("playing")
	awaitPlayers(t, secondVars, 1)

	refused := bot()
	if code := refused.exitCode(20 * time.Second); code == 0 || !strings.Contains(refused.logText(), "-trust-new-host") {
		t.Errorf("a bot met a changed host and exited %d: %s", code, refused.logText())
	}
	trusting := bot("-trust-new-host")
	if code := trusting.exitCode(20 * time.Second); code != 0 {
		t.Fatalf("a bot told to trust the new host exited %d", code)
	}
	var r BotReport
	if err := json.Unmarshal([]byte(trusting.out.String()), &r); err != nil || r.Errors != 0 {
		t.Errorf("the trusting bot's report %+v (%v)", r, err)
	}
}
