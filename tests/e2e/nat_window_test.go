package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// TestTheHostingWindowSaysHowTheInternetReachesIt: Ana hosts in a window behind the
// home router: her screen names the router's internet address, not yet confirmed,
// then confirmed once a bot on the internet joins. With no router answering, it
// says what to forward by hand.
func TestTheHostingWindowSaysHowTheInternetReachesIt(t *testing.T) {
	needDesktopTools(t)
	home, router, internet, wan, lan := natNet(t)
	rtr := startRouter(t, router, internet, wan, lan, true)
	display := startXvfb(t, "1280x760")
	internetLine := func(w *window) string {
		return fmt.Sprint(debugVarsIn(t, home, w.vars, "host")["internet"].(map[string]any)["sentence"])
	}
	open := func() *window {
		p := startIn(t, home, []string{"DISPLAY=" + display, "XDG_CONFIG_HOME=" + t.TempDir()},
			"-lan=false", "-host", "-port", "47777", "-name", "Ana", "-debug-addr", "127.0.0.1:0")
		w := findWindow(t, display, p, "", 0, home)
		w.awaitScreen("playing")
		return w
	}

	ana := open()
	ana.proc.await(`msg="the router forwards the game's port"`, 10*time.Second)
	if got := internetLine(ana); !strings.Contains(got, natWAN+":47777 — port opened on your router; not yet confirmed") {
		t.Errorf("the host says %q", got)
	}
	ana.await("the line on her screen", func(v map[string]any) bool {
		return v["internet"] == "Internet: "+natWAN+":47777 · port open, not yet confirmed"
	})
	ana.awaitFrames()
	screenshot(t, display, "internet-mapped")
	bot := botIn(t, internet, natWAN+":47777", 30*time.Second) // killed when the window has quit
	ana.await("the bot from the internet", func(v map[string]any) bool { return v["players_drawn"] == 2.0 })
	if got := internetLine(ana); !strings.HasSuffix(got, "a player has joined from the internet") {
		t.Errorf("after a player from the internet, the host says %q", got)
	}
	ana.await("the line on her screen", func(v map[string]any) bool {
		return v["internet"] == "Internet: "+natWAN+":47777 · port open, a player came in through it"
	})
	ana.awaitFrames()
	screenshot(t, display, "internet-confirmed")
	ana.proc.cmd.Process.Signal(os.Interrupt)
	ana.proc.exitCode(10 * time.Second)
	if rules := forwarded(t, router); strings.Contains(rules, "47777") {
		t.Errorf("the forwarding outlived the hosting window: %s", rules)
	}
	bot.cmd.Process.Kill()

	rtr.cmd.Process.Kill()
	rtr.exitCode(5 * time.Second)
	ana = open()
	ana.proc.await(`msg="the router did not open the game's port"`, 15*time.Second)
	if got := internetLine(ana); !strings.Contains(got, "no router answered — forward UDP 47777 to "+natHost) {
		t.Errorf("with no router the host says %q", got)
	}
	ana.await("the line on her screen", func(v map[string]any) bool {
		return v["internet"] == "Internet: no router answered · forward UDP 47777 to "+natHost+" by hand (README)"
	})
	ana.awaitFrames()
	screenshot(t, display, "internet-no-router")
}
