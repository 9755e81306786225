package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startServer runs gemrush -server on a free port and returns it with its address
// and /debug/vars URL.
func startServer(t *testing.T, env ...string) (*proc, string, string) {
	t.Helper()
	p := start(t, env, "-server", "-port", "0", "-debug-addr", "127.0.0.1:0")
	vars := p.await(`msg="debug server" vars=(\S+)`, 10*time.Second)[1]
	port := p.await(`msg=hosting .* port=(\d+)`, 10*time.Second)[1]
	return p, "127.0.0.1:" + port, vars
}

func TestServerWithThreeBots(t *testing.T) {
	keyLog := filepath.Join(t.TempDir(), "keys.log")
	server, addr, vars := startServer(t, "SSLKEYLOGFILE="+keyLog)
	r := runBots(t, addr, 3, 4*time.Second)
	if r.Errors != 0 {
		t.Errorf("bots reported errors: %v", r.ErrorMessages)
	}
	if r.Bots != 3 || r.ChatSent < 3 {
		t.Errorf("%d bots sent %d chat lines", r.Bots, r.ChatSent)
	}
	if r.ChatReceived != r.ChatExpected || r.ChatDuplicate != 0 || r.ChatReceived < r.ChatSent {
		t.Errorf("chat: sent %d, received %d, expected %d, duplicates %d: not exactly once",
			r.ChatSent, r.ChatReceived, r.ChatExpected, r.ChatDuplicate)
	}
	if r.SnapshotsPerS < 50 {
		t.Errorf("%.1f snapshots per second per bot; the host sends 60", r.SnapshotsPerS)
	}
	awaitPlayers(t, vars, 0)
	v := hostVars(t, vars)
	if v["players_joined"] != 3.0 || v["players_left"] != 3.0 || v["chat_messages"] != float64(r.ChatSent) {
		t.Errorf("host counted joined %v, left %v, chat %v", v["players_joined"], v["players_left"], v["chat_messages"])
	}

	server.cmd.Process.Signal(syscall.SIGTERM)
	if code := server.exitCode(10 * time.Second); code != 0 {
		t.Errorf("server exited %d after SIGTERM, want 0", code)
	}
	// With SSLKEYLOGFILE set, the host appended each connection's TLS secrets.
	keys, err := os.ReadFile(keyLog)
	if n := strings.Count(string(keys), "CLIENT_TRAFFIC_SECRET_0 "); err != nil || n != 3 {
		t.Errorf("key log holds %d connections' traffic secrets, want 3 (err %v)", n, err)
	}
}

func TestServerStopTellsBotsWhy(t *testing.T) {
	server, addr, vars := startServer(t)
	bots := start(t, nil, "-bots", "2", "-join", addr, "-duration", "30s")
	awaitPlayers(t, vars, 2)
	server.cmd.Process.Signal(syscall.SIGINT)
	if code := server.exitCode(10 * time.Second); code != 0 {
		t.Errorf("server exited %d after SIGINT, want 0", code)
	}
	// The bots still report (exit 0), counting the ending as an error for each bot,
	// in the host's words.
	if code := bots.exitCode(10 * time.Second); code != 0 {
		t.Fatalf("bots exited %d", code)
	}
	var r BotReport
	if err := json.Unmarshal([]byte(bots.out.String()), &r); err != nil {
		t.Fatalf("report %q: %v", bots.out.String(), err)
	}
	if r.Errors != 2 || len(r.ErrorMessages) != 2 || !strings.HasSuffix(r.ErrorMessages[0], ": Host ended the game.") {
		t.Errorf("errors %d: %q", r.Errors, r.ErrorMessages)
	}
}

func TestBotsThatCannotJoinExitWithReason(t *testing.T) {
	cmd := exec.Command(binary, "-bots", "1", "-join", "127.0.0.1:9", "-duration", "1s")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("exit 0 joining nothing: %s", out)
	}
	if !strings.Contains(string(out), "Nothing is listening at 127.0.0.1:9 (the port is closed)") {
		t.Errorf("output does not say why: %s", out)
	}
}

func TestWindowWithoutDisplaySuggestsServer(t *testing.T) {
	cmd := exec.Command(binary, "-host")
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=/usr/bin:/bin"}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "level=ERROR") || !strings.Contains(string(out), "no display found") || !strings.Contains(string(out), "gemrush -server") {
		t.Fatalf("err %v, output: %s", err, out)
	}
}

// TestABadBotSkillIsExplained: -bot-skill names the levels it takes.
func TestABadBotSkillIsExplained(t *testing.T) {
	out, err := exec.Command(binary, "-bots", "1", "-join", "127.0.0.1:9", "-bot-skill", "expert").CombinedOutput()
	if err == nil || !strings.Contains(string(out), `bot skill "expert": choose easy, normal or hard`) {
		t.Errorf("err %v, output %s", err, out)
	}
}

func TestBadFlagsAreExplained(t *testing.T) {
	for _, args := range [][]string{{"-bots", "2"}, {"-server", "-join", "x:1"}, {"-netsim", "loss=200%", "-server"}} {
		out, err := exec.Command(binary, args...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "gemrush: ") {
			t.Errorf("%v: err %v, output %s", args, err, out)
		}
	}
}
