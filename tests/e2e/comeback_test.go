package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// playerRow is one player in the host's per_player list in /debug/vars.
type playerRow struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Score int    `json:"score"`
	Round int    `json:"round"`
	Away  bool   `json:"away"`
	// Resumes is how many times they took their place back with their token.
	Resumes int `json:"resumes"`
}

func perPlayer(t *testing.T, vars string) []playerRow {
	t.Helper()
	b, _ := json.Marshal(hostVars(t, vars)["per_player"])
	var rows []playerRow
	json.Unmarshal(b, &rows)
	slices.SortFunc(rows, func(a, b playerRow) int { return a.ID - b.ID })
	return rows
}

// awaitHost asks the host's /debug/vars until cond holds, for at most limit.
func awaitHost(t *testing.T, vars, what string, limit time.Duration, cond func(map[string]any) bool) {
	t.Helper()
	for deadline := time.Now().Add(limit); ; time.Sleep(50 * time.Millisecond) {
		v := hostVars(t, vars)
		if cond(v) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v: %v", what, limit, v)
		}
	}
}

// comebackReport is what -bots says about drops.
type comebackReport struct {
	BotReport
	Reconnects  int     `json:"reconnects"`
	ChatLost    int     `json:"chat_lost_in_drops"`
	Resumed     int     `json:"resumed"`
	ResumeP50ms float64 `json:"resume_ms_p50"`
}

// TestAFrozenHostKeepsEveryone stops the host process (SIGSTOP) under three bots:
// for 3 s, which nobody notices beyond a connection problem, then for 15 s, past the
// idle timeout, after which every bot reconnects by itself and gets its own place
// back: the same ids and names, scores kept, and never a fourth player.
func TestAFrozenHostKeepsEveryone(t *testing.T) {
	server, addr, vars := startServer(t)
	bots := start(t, nil, "-bots", "3", "-bot-chat", "-join", addr, "-duration", "40s")
	awaitPlayers(t, vars, 3)
	freeze := func(d time.Duration) {
		server.cmd.Process.Signal(syscall.SIGSTOP)
		time.Sleep(d) // the fault itself: a host frozen this long
		server.cmd.Process.Signal(syscall.SIGCONT)
	}

	awaitHost(t, vars, "a bot scoring", 30*time.Second, func(map[string]any) bool {
		return slices.ContainsFunc(perPlayer(t, vars), func(p playerRow) bool { return p.Score > 0 })
	})
	freeze(3 * time.Second)
	if v := hostVars(t, vars); v["players"] != 3.0 || v["players_dropped"] != 0.0 {
		t.Errorf("after a 3 s freeze the host has %v players, %v dropped", v["players"], v["players_dropped"])
	}
	before := perPlayer(t, vars)
	freeze(15 * time.Second)
	thawed := time.Now()
	for range 3 {
		server.await(`msg="player came back"`, 10*time.Second)
	}
	back := time.Since(thawed)
	t.Logf("host awake → all three bots back in their places: %v", back.Round(time.Millisecond))
	// A try under way when the host wakes gets in at once; the next starts within 2 s.
	// Tries abandoned while it slept, read all at once as it wakes, must hold no turn.
	if back > 3*time.Second {
		t.Errorf("the bots took %v to get back in after the host woke", back)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		v := hostVars(t, vars)
		if n := v["players"].(float64); n > 3 {
			t.Fatalf("the host counts %v players after the freeze; there are 3: %v", n, perPlayer(t, vars))
		}
		if v["players_resumed"].(float64) >= 3 && v["players_away"] == 0.0 && !slices.ContainsFunc(perPlayer(t, vars), func(p playerRow) bool { return p.Away }) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("20 s after the freeze: resumed %v, away %v, players %v", v["players_resumed"], v["players_away"], perPlayer(t, vars))
		}
		time.Sleep(50 * time.Millisecond)
	}
	after := perPlayer(t, vars)
	if len(after) != 3 || len(before) != 3 {
		t.Fatalf("before the freeze %v, after %v", before, after)
	}
	for i := range after {
		b, a := before[i], after[i]
		if a.Round != b.Round { // seconds of play between the two looks; the simulated test keeps one round
			t.Logf("a round ended between the looks: %s's score is not compared", b.Name)
		}
		if a.ID != b.ID || a.Name != b.Name || a.Round == b.Round && a.Score < b.Score {
			t.Errorf("%s (id %d, %d in round %d) came back as %s (id %d, %d in round %d)",
				b.Name, b.ID, b.Score, b.Round, a.Name, a.ID, a.Score, a.Round)
		}
	}
	t.Logf("before the freeze %v, after %v", before, after)

	if code := bots.exitCode(40 * time.Second); code != 0 {
		t.Fatalf("bots exited %d", code)
	}
	var r comebackReport
	if err := json.Unmarshal([]byte(bots.out.String()), &r); err != nil {
		t.Fatalf("report %q: %v", bots.out.String(), err)
	}
	t.Logf("bots: %s", bots.out.String())
	if r.Reconnects != 3 || r.Resumed != 3 || r.Errors != 0 {
		t.Errorf("bots reconnected %d times, resumed %d, errors %d %v", r.Reconnects, r.Resumed, r.Errors, r.ErrorMessages)
	}
	if r.ChatDuplicate != 0 || r.ChatReceived != r.ChatExpected {
		t.Errorf("chat: %d lines of the %d relayed to the bots arrived, %d twice", r.ChatReceived, r.ChatExpected, r.ChatDuplicate)
	}
	t.Logf("frozen host: bots back in %.0f ms (p50) after noticing the drop; %d of their own lines went into the dead connections",
		r.ResumeP50ms, r.ChatLost)
}

// TestAKilledBotTakesItsPlaceBack kills a run of two bots (kill -9: no goodbye) and
// runs them again with the same config dir, where each kept its resume token: the
// host, which showed them away, gives both their places back (the same ids, never a
// third or fourth player). When they leave properly, the tokens are forgotten.
func TestAKilledBotTakesItsPlaceBack(t *testing.T) {
	_, addr, vars := startServer(t)
	dir := t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + dir}
	first := start(t, env, "-bots", "2", "-join", addr, "-duration", "60s")
	awaitPlayers(t, vars, 2)
	awaitHost(t, vars, "inputs from both bots", 10*time.Second, func(v map[string]any) bool {
		return v["datagrams_in"].(float64) > 100 // each sends one a frame from its welcome on
	})
	before := perPlayer(t, vars)
	first.cmd.Process.Kill()
	first.exitCode(5 * time.Second)
	awaitHost(t, vars, "both places waiting", 20*time.Second, func(v map[string]any) bool {
		return v["players_away"] == 2.0 // after the idle timeout
	})

	again := start(t, env, "-bots", "2", "-join", addr, "-duration", "2s")
	awaitVar(t, vars, "host", "players_resumed", 2)
	// The host publishes its players four times a second: wait for the list to say so too.
	awaitHost(t, vars, "both back in the players' list", 2*time.Second, func(map[string]any) bool {
		rows := perPlayer(t, vars)
		return len(rows) == 2 && rows[0].Resumes == 1 && rows[1].Resumes == 1
	})
	after := perPlayer(t, vars)
	if len(after) != 2 || after[0].ID != before[0].ID || after[1].ID != before[1].ID ||
		after[0].Name != before[0].Name || after[1].Name != before[1].Name || after[0].Away || after[1].Away {
		t.Errorf("before the kill %v; after the relaunch %v", before, after)
	}
	if code := again.exitCode(20 * time.Second); code != 0 {
		t.Fatalf("the relaunched bots exited %d", code)
	}
	var r comebackReport
	if err := json.Unmarshal([]byte(again.out.String()), &r); err != nil || r.Resumed != 2 || r.Errors != 0 {
		t.Errorf("the relaunched bots report %s (%v): want resumed 2, no errors", again.out.String(), err)
	}
	if v := hostVars(t, vars); v["players_joined"] != 2.0 || v["resume_refused"] != 0.0 {
		t.Errorf("the host counted %v joins and %v refused tokens; want 2 and 0", v["players_joined"], v["resume_refused"])
	}
	if b, err := os.ReadFile(filepath.Join(dir, "gemrush", "comebacks.json")); err == nil {
		t.Errorf("the bots left, yet their tokens are kept: %s", b)
	}
}
