package e2e

import (
	"encoding/json"
	"fmt"
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
}

func perPlayer(t *testing.T, vars string) []playerRow {
	t.Helper()
	b, _ := json.Marshal(hostVars(t, vars)["per_player"])
	var rows []playerRow
	json.Unmarshal(b, &rows)
	slices.SortFunc(rows, func(a, b playerRow) int { return a.ID - b.ID })
	return rows
}

// comebackReport is what -bots says about drops.
type comebackReport struct {
	BotReport
	Reconnects  int     `json:"reconnects"`
	Resumed     int     `json:"resumed"`
	ResumeP50ms float64 `json:"resume_ms_p50"`
}

// TestAFrozenHostKeepsEveryone stops the host process (SIGSTOP) under three bots:
// for 3 s, which nobody notices beyond a connection problem, then for 15 s, past the
// idle timeout, after which every bot reconnects by itself and gets its own place
// back: the same ids and names, scores kept, and never a fourth player.
func TestAFrozenHostKeepsEveryone(t *testing.T) {
	server, addr, vars := startServer(t)
	bots := start(t, nil, "-bots", "3", "-join", addr, "-duration", "40s")
	awaitPlayers(t, vars, 3)
	freeze := func(d time.Duration) {
		server.cmd.Process.Signal(syscall.SIGSTOP)
		time.Sleep(d) // the fault itself: a host frozen this long
		server.cmd.Process.Signal(syscall.SIGCONT)
	}

	time.Sleep(2 * time.Second) // some play first, so there are scores to keep
	freeze(3 * time.Second)
	if v := hostVars(t, vars); v["players"] != 3.0 || v["players_dropped"] != 0.0 {
		t.Errorf("after a 3 s freeze the host has %v players, %v dropped", v["players"], v["players_dropped"])
	}
	before := perPlayer(t, vars)
	freeze(15 * time.Second)
	deadline := time.Now().Add(20 * time.Second)
	for {
		v := hostVars(t, vars)
		if n := v["players"].(float64); n > 3 {
			t.Fatalf("the host counts %v players after the freeze; there are 3: %v", n, perPlayer(t, vars))
		}
		if v["players_resumed"] == 3.0 && v["players_away"] == 0.0 {
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
	if r.ChatDuplicate != 0 {
		t.Errorf("%d chat lines arrived twice", r.ChatDuplicate)
	}
	fmt.Printf("frozen host: bots back in %.0f ms (p50) after noticing the drop\n", r.ResumeP50ms)
}
