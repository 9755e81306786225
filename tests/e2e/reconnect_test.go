package e2e

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// TestWindowsComeBackAfterAFreeze is Ana hosting and Bo joining, each in a window.
// First Bo's game is frozen for 12 s (a laptop lid closed): Ana sees his disc greyed,
// "reconnecting…", and when his game wakes it reconnects by itself and Ana sees him
// back. Then Ana's game, which hosts, is frozen for 13 s: Bo's window shows
// Reconnecting… with the seconds the host keeps his place, and when hers wakes both
// play on in their own places. Last, Bo's game crashes and he starts it again.
func TestWindowsComeBackAfterAFreeze(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "2600x760")
	ana := openWindow(t, display, 0, "-host", "-port", "0", "-name", "Ana")
	port := fmt.Sprint(ana.awaitScreen("playing")["host_port"])
	bo := openWindow(t, display, 1300, "-join", "127.0.0.1:"+port, "-name", "Bo")
	bo.awaitScreen("playing")
	ana.await("Bo to join", func(v map[string]any) bool { return logHas(v, "Bo joined") })

	bo.proc.cmd.Process.Signal(syscall.SIGSTOP)
	frozen := time.Now()
	ana.await("Bo away", func(v map[string]any) bool {
		return logHas(v, "Bo lost connection; their place is kept while they reconnect")
	})
	screenshot(t, display, "7-away")
	time.Sleep(12*time.Second - time.Since(frozen)) // the fault: his game stays frozen this long
	bo.proc.cmd.Process.Signal(syscall.SIGCONT)
	woke := time.Now()
	// The host gave his connection up while he slept: the first packet his game sends
	// is answered with a stateless reset, so it knows at once rather than at its own
	// idle timeout.
	bo.proc.await(`msg="connection dropped: reconnecting"`, 5*time.Second)
	t.Logf("Bo's game woke and knew its connection was gone after %v", time.Since(woke).Round(time.Millisecond))
	ana.await("Bo back", func(v map[string]any) bool { return logHas(v, "Bo is back") })
	bo.await("his place back, with both discs", func(v map[string]any) bool {
		return v["screen"] == "playing" && logHas(v, "Reconnected: you have your place back.") && v["players_drawn"] == 2.0
	})

	ana.proc.cmd.Process.Signal(syscall.SIGSTOP)
	frozen = time.Now()
	v := bo.awaitScreen("reconnecting")
	screenshot(t, display, "8-reconnecting")
	if r, _ := v["reconnect"].(map[string]any); r == nil || r["seconds_left"].(float64) < 20 {
		t.Errorf("Bo's reconnecting screen: %v", v["reconnect"])
	}
	time.Sleep(13*time.Second - time.Since(frozen))
	ana.proc.cmd.Process.Signal(syscall.SIGCONT)
	if v := bo.awaitScreen("playing"); !logHas(v, "Reconnected: you have your place back.") {
		t.Errorf("Bo's log after the host came back: %v", v["log_tail"])
	}
	v = ana.awaitScreen("playing")
	ana.await("both discs", func(v map[string]any) bool { return v["players_drawn"] == 2.0 })
	if hv := hostVars(t, ana.vars); hv["players"] != 2.0 || hv["players_joined"] != 2.0 {
		t.Errorf("after both freezes the host has %v players and counted %v joins", hv["players"], hv["players_joined"])
	}
	screenshot(t, display, "9-back")

	// Bo's game crashes (kill -9) and he starts it again at once: picking the game from
	// Recent games takes his place back with the token his config dir kept.
	bo.proc.cmd.Process.Kill()
	bo.proc.exitCode(5 * time.Second)
	again := reopenWindow(t, display, 1300, bo.config, "-name", "Bo")
	again.awaitScreen("menu")
	again.click(menuRecentX, menuRecentY)
	again.await("his place back after the crash", func(v map[string]any) bool {
		return v["screen"] == "playing" && logHas(v, "Welcome back: you have your place back.") && v["players_drawn"] == 2.0
	})
	// Bo took his place back three times: after his freeze, after hers, after his
	// crash (the host publishes its players four times a second). Ana's own player may
	// have come back too: her frozen game held both ends of her own connection, and on
	// waking either end may find its idle time over first.
	resumes := func(rows []playerRow, name string) int {
		for _, r := range rows {
			if r.Name == name {
				return r.Resumes
			}
		}
		return -1
	}
	awaitHost(t, ana.vars, "Bo's third comeback", 2*time.Second, func(map[string]any) bool {
		return resumes(perPlayer(t, ana.vars), "Bo") == 3
	})
	rows := perPlayer(t, ana.vars)
	if hv := hostVars(t, ana.vars); hv["players"] != 2.0 || hv["players_joined"] != 2.0 || len(rows) != 2 {
		t.Errorf("after Bo's crash the host has %v players (%v) and counted %v joins", hv["players"], rows, hv["players_joined"])
	}
	t.Logf("Ana's own player took her place back %d times", resumes(rows, "Ana"))
}
