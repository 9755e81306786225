// Command load is the bench harness behind `make bench`: it builds gemrush, runs
// -server, runs -bots N against it for a while, and reports what the host cost: tick
// duration p99 (from /debug/vars), CPU (from /proc), and bytes per second per client
// (from the bots' report, as QUIC counts them).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func main() {
	bots := flag.Int("bots", 32, "bot players")
	duration := flag.Duration("duration", 10*time.Second, "how long the bots play")
	flag.Parse()
	if err := run(*bots, *duration); err != nil {
		log.Fatal("load: ", err)
	}
}

func run(bots int, duration time.Duration) error {
	dir, err := os.MkdirTemp("", "gemrush-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "gemrush")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))

	server := exec.Command(bin, "-server", "-lan=false", "-port", "0", "-debug-addr", "127.0.0.1:0", "-max-players", strconv.Itoa(bots))
	server.Env = env
	stderr, _ := server.StderrPipe()
	if err := server.Start(); err != nil {
		return err
	}
	defer server.Process.Kill()
	vars, port, err := serverAddrs(stderr)
	if err != nil {
		return err
	}
	go func() { // keep draining the server's log
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
		}
	}()

	botsCmd := exec.Command(bin, "-bots", strconv.Itoa(bots), "-join", "127.0.0.1:"+port, "-duration", duration.String())
	botsCmd.Env = env
	botsCmd.Stderr = os.Stderr
	var report strings.Builder
	botsCmd.Stdout = &report
	if err := botsCmd.Start(); err != nil {
		return err
	}

	// While every bot is in, sample the host's tick p99 and CPU time once a second.
	ctx, cancel := context.WithTimeout(context.Background(), duration+30*time.Second)
	defer cancel()
	var p99 float64
	var cpuStart, cpuEnd float64
	var tStart, tEnd time.Time
	full := false
	for ctx.Err() == nil {
		v, err := hostVars(vars)
		if err != nil {
			return err
		}
		players := v["players"].(float64)
		if players == float64(bots) {
			if !full {
				full, cpuStart, tStart = true, cpuSeconds(server.Process.Pid), time.Now()
			} else {
				p99 = max(p99, v["tick_p99_ms"].(float64))
				cpuEnd, tEnd = cpuSeconds(server.Process.Pid), time.Now()
			}
		} else if full {
			break // the bots are leaving
		}
		time.Sleep(time.Second)
	}
	if err := botsCmd.Wait(); err != nil {
		return fmt.Errorf("bots: %w", err)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(report.String()), &r); err != nil {
		return fmt.Errorf("bots report %q: %w", report.String(), err)
	}
	cpu := 100 * (cpuEnd - cpuStart) / tEnd.Sub(tStart).Seconds()
	fmt.Printf("host with %d bots for %s on %d cores:\n", bots, duration, numCPU())
	fmt.Printf("  tick p99          %.3f ms   (target ≤ 4 ms)\n", p99)
	fmt.Printf("  host CPU          %.1f %% of one core\n", cpu)
	fmt.Printf("  down per client   %.0f bytes/s\n", r["down_bytes_per_s"])
	fmt.Printf("  up per client     %.0f bytes/s\n", r["up_bytes_per_s"])
	fmt.Printf("  snapshots/s       %.1f per client\n", r["snapshot_hz"])
	fmt.Printf("  rtt p50 / p99     %.2f / %.2f ms\n", r["rtt_ms_p50"], r["rtt_ms_p99"])
	fmt.Printf("  chat              %v sent, %v received of %v expected, %v errors\n",
		r["chat_sent"], r["chat_received"], r["chat_expected"], r["errors"])
	return nil
}

var (
	varsLine = regexp.MustCompile(`msg="debug server" vars=(\S+)`)
	portLine = regexp.MustCompile(`msg=hosting .* port=(\d+)`)
)

func serverAddrs(stderr interface{ Read([]byte) (int, error) }) (vars, port string, err error) {
	sc := bufio.NewScanner(stderr)
	for (vars == "" || port == "") && sc.Scan() {
		if m := varsLine.FindStringSubmatch(sc.Text()); m != nil {
			vars = m[1]
		}
		if m := portLine.FindStringSubmatch(sc.Text()); m != nil {
			port = m[1]
		}
	}
	if vars == "" || port == "" {
		return "", "", fmt.Errorf("the server did not log its addresses")
	}
	return vars, port, nil
}

func hostVars(url string) (map[string]any, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var all struct{ Host map[string]any }
	err = json.NewDecoder(resp.Body).Decode(&all)
	return all.Host, err
}

// cpuSeconds is the user+system CPU time a process has used, from /proc.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	return (utime + stime) / 100 // USER_HZ is 100 on Linux
}

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}
