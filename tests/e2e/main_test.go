// Package e2e starts the real gemrush binary the way a person or a script would and
// judges what it does from the outside: its log, its JSON report, its /debug/vars,
// its exit code, and what its window shows.
package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// binary is the gemrush built for this run.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gemrush-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "gemrush")
	build := exec.Command("go", "build", "-o", binary, "../..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building gemrush: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a running gemrush whose log lines can be awaited.
type proc struct {
	t     *testing.T
	cmd   *exec.Cmd
	lines chan string
	done  chan struct{}
	mu    sync.Mutex
	log   []string
	out   strings.Builder // stdout; read it after the process has exited
}

// start runs gemrush with args and a config dir of its own; env adds variables. LAN
// discovery and asking the router for a port are off: outside the namespaces a test
// makes for itself, multicast and the router's protocols would leave this machine.
func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	return launch(t, exec.Command(binary, append([]string{"-lan=false", "-portmap=false"}, args...)...), env, strings.Join(args, " "))
}

// launch starts cmd with a config dir of its own and env added, keeps its log for
// await and for the test's report if it fails, and kills it when the test ends.
func launch(t *testing.T, cmd *exec.Cmd, env []string, label string) *proc {
	t.Helper()
	cmd.Env = append(append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir()), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd, lines: make(chan string, 1024), done: make(chan struct{})}
	cmd.Stdout = &p.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.log = append(p.log, sc.Text())
			p.mu.Unlock()
			select {
			case p.lines <- sc.Text():
			default: // nobody is waiting for lines now; the log keeps them
			}
		}
	}()
	go func() { cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			p.mu.Lock()
			t.Logf("gemrush %s log:\n%s", label, strings.Join(p.log, "\n"))
			p.mu.Unlock()
		}
	})
	return p
}

// logText is what the process has logged so far.
func (p *proc) logText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.log, "\n")
}

// await returns the submatches of the first log line matching re.
func (p *proc) await(re string, limit time.Duration) []string {
	p.t.Helper()
	rx := regexp.MustCompile(re)
	timeout := time.After(limit)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("gemrush exited before logging %q", re)
			}
			if m := rx.FindStringSubmatch(l); m != nil {
				return m
			}
		case <-timeout:
			p.t.Fatalf("no log line matching %q within %v", re, limit)
		}
	}
}

// exitCode waits for the process to end.
func (p *proc) exitCode(limit time.Duration) int {
	p.t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		p.t.Fatalf("gemrush still running after %v", limit)
		return -1
	}
}

// hostVars reads the host's part of /debug/vars.
func hostVars(t *testing.T, url string) map[string]any { t.Helper(); return debugVars(t, url, "host") }

// clientVars reads the player's part of /debug/vars (a window's connection).
func clientVars(t *testing.T, url string) map[string]any {
	t.Helper()
	return debugVars(t, url, "client")
}

func debugVars(t *testing.T, url, part string) map[string]any {
	t.Helper()
	return debugVarsIn(t, "", url, part)
}

// debugVarsIn reads /debug/vars of a gemrush in network namespace ns ("" for this
// one): inside a namespace its loopback address is only reachable from there.
func debugVarsIn(t *testing.T, ns, url, part string) map[string]any {
	t.Helper()
	var body []byte
	if ns == "" {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if body, err = io.ReadAll(resp.Body); err != nil {
			t.Fatal(err)
		}
	} else {
		out, err := exec.Command("ip", "netns", "exec", ns, "curl", "-sf", "--max-time", "5", url).Output()
		if err != nil {
			t.Fatalf("curl %s in %s: %v", url, ns, err)
		}
		body = out
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatal(err)
	}
	var vars map[string]any
	json.Unmarshal(all[part], &vars)
	return vars
}

// xdotool runs xdotool on display, bounded in time, and returns its output.
func xdotool(t *testing.T, display string, args ...string) string {
	t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("xdotool %v did not finish", args)
	}
	if err != nil {
		t.Fatalf("xdotool %v: %v", args, err)
	}
	return string(out)
}

// awaitVar asks /debug/vars until part's key equals want. The game is another
// process, so its state can only be asked for; each ask is answered at once.
func awaitVar(t *testing.T, url, part, key string, want float64) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if got := debugVars(t, url, part)[key]; got == want {
			return
		} else if time.Now().After(deadline) {
			t.Fatalf("%s %s is %v, want %v", part, key, got, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// awaitPlayers waits until the host has want players.
func awaitPlayers(t *testing.T, url string, want float64) {
	t.Helper()
	awaitVar(t, url, "host", "players", want)
}

// BotReport is the JSON line -bots prints.
type BotReport struct {
	Bots          int      `json:"bots"`
	SnapshotsPerS float64  `json:"snapshot_hz"`
	ChatSent      int      `json:"chat_sent"`
	ChatReceived  int      `json:"chat_received"`
	ChatExpected  int      `json:"chat_expected"`
	ChatDuplicate int      `json:"chat_duplicate"`
	RTTp50ms      float64  `json:"rtt_ms_p50"`
	RTTp99ms      float64  `json:"rtt_ms_p99"`
	DownBytesPerS float64  `json:"down_bytes_per_s"`
	UpBytesPerS   float64  `json:"up_bytes_per_s"`
	Errors        int      `json:"errors"`
	ErrorMessages []string `json:"error_messages"`
}

// runBots runs gemrush -bots to the end and returns its report.
func runBots(t *testing.T, addr string, n int, d time.Duration) BotReport {
	t.Helper()
	cmd := exec.Command(binary, "-bots", fmt.Sprint(n), "-bot-chat", "-join", addr, "-duration", d.String())
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gemrush -bots: %v\n%s", err, stderr.String())
	}
	var r BotReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("report %q: %v", out, err)
	}
	t.Logf("bots report: %s", strings.TrimSpace(string(out)))
	return r
}
