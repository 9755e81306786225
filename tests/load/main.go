// Command load is the bench harness behind `make bench`: it builds gemrush, runs
// -server, runs -bots N against it for a while, and reports what the host cost: tick
// duration p99 (from /debug/vars), CPU (from /proc); and what the bots measured: bytes
// per second per client (every header counted), snapshot rate and gaps, how far behind
// the others were drawn, prediction corrections. -netsim conditions both the host's
// and the bots' sending, so the round trip sees it twice.
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
	"strconv"
	"strings"
	"time"

	"github.com/gemrush/gemrush/tests/internal/hostproc"
)

func main() {
	var o options
	flag.IntVar(&o.bots, "bots", 32, "bot players")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how long the bots play, warm-up included")
	flag.DurationVar(&o.warmup, "warmup", 0, "how long the bots play before their figures count")
	flag.StringVar(&o.netsim, "netsim", "", "condition what the host and the bots send (see gemrush -h)")
	flag.BoolVar(&o.chat, "chat", false, "the bots chat every couple of seconds (gemrush -bot-chat)")
	flag.BoolVar(&o.soak, "soak", false, "report the host's goroutines and memory every minute, and fail if they grow or chat is lost")
	flag.Parse()
	if err := run(o); err != nil {
		log.Fatal("load: ", err)
	}
}

// options is one run of the harness.
type options struct {
	bots             int
	duration, warmup time.Duration
	netsim           string
	chat             bool
	soak             bool
}

func run(o options) error {
	bots, duration := o.bots, o.duration
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

	conditioned := func(args ...string) []string {
		if o.netsim != "" {
			args = append(args, "-netsim", o.netsim)
		}
		return args
	}
	server := exec.Command(bin, conditioned("-server", "-lan=false", "-portmap=false", "-port", "0", "-debug-addr", "127.0.0.1:0", "-max-players", strconv.Itoa(bots))...)
	server.Env = env
	stderr, _ := server.StderrPipe()
	if err := server.Start(); err != nil {
		return err
	}
	defer server.Process.Kill()
	vars, port, err := hostproc.ServerAddrs(stderr)
	if err != nil {
		return err
	}
	go func() { // keep draining the server's log
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
		}
	}()

	botsCmd := exec.Command(bin, conditioned("-bots", strconv.Itoa(bots), "-join", "127.0.0.1:"+port, "-duration", duration.String(),
		"-bot-warmup", o.warmup.String(), fmt.Sprintf("-bot-chat=%v", o.chat))...)
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
	var queues []float64 // each player's usual input queue, sampled once a second
	var cpuStart, cpuEnd float64
	var tStart, tEnd time.Time
	var soak []sample // once a minute, with -soak
	full := false
	for ctx.Err() == nil {
		v, err := hostproc.HostVars(vars)
		if err != nil {
			return err
		}
		players := v["players"].(float64)
		if players == float64(bots) {
			if !full {
				full, cpuStart, tStart = true, hostproc.CPUSeconds(server.Process.Pid), time.Now()
			} else {
				p99 = max(p99, v["tick_p99_ms"].(float64))
				cpuEnd, tEnd = hostproc.CPUSeconds(server.Process.Pid), time.Now()
				if time.Since(tStart) > o.warmup {
					queues = append(queues, inputQueues(v)...)
				}
				if o.soak && time.Since(tStart) >= time.Duration(len(soak))*time.Minute {
					s := sample{at: time.Since(tStart).Round(time.Second), rss: hostproc.RSSMB(server.Process.Pid), goroutines: goroutines(vars)}
					fmt.Printf("  soak %7s   host RSS %5.1f MB   goroutines %d\n", s.at, s.rss, s.goroutines)
					soak = append(soak, s)
				}
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
	link := "a clean loopback"
	if o.netsim != "" {
		link = o.netsim + " each way"
	}
	fmt.Printf("host with %d bots for %s (figures after %s) over %s, on %d cores:\n", bots, duration, o.warmup, link, numCPU())
	fmt.Printf("  tick p99          %.3f ms   (target ≤ 4 ms)\n", p99)
	fmt.Printf("  host CPU          %.1f %% of one core\n", cpu)
	fmt.Printf("  down per client   %.0f bytes/s = %.1f kbit/s, every header counted, in %.1f packets a second\n",
		r["down_bytes_per_s"], r["down_kbit_s"], r["down_packets_per_s"])
	fmt.Printf("  up per client     %.0f bytes/s = %.1f kbit/s\n", r["up_bytes_per_s"], r["up_kbit_s"])
	fmt.Printf("  snapshots         %.1f a second per client, longest gap %.0f ms\n", r["snapshot_hz"], r["max_snapshot_gap_ms"])
	fmt.Printf("  others drawn      %.0f ms behind the host (buffer %.0f ms)\n", r["render_delay_ms"], r["interp_buffer_ms"])
	fmt.Printf("  corrections       %.2f a second per client, largest %.1f px\n", r["corrections_per_s"], r["correction_max"])
	fmt.Printf("  input queue       %s at the host (1: applied on the next tick)\n", spread(queues))
	fmt.Printf("  rtt p50 / p99     %.2f / %.2f ms\n", r["rtt_ms_p50"], r["rtt_ms_p99"])
	fmt.Printf("  chat              %v sent, %v received of %v expected, %v errors\n",
		r["chat_sent"], r["chat_received"], r["chat_expected"], r["errors"])
	if o.soak {
		return judgeSoak(soak, r)
	}
	return nil
}

// sample is the host's resources at one moment of a soak.
type sample struct {
	at         time.Duration
	rss        float64 // MB
	goroutines int
}

// judgeSoak fails a soak whose chat was lost or repeated, or whose host grew: over
// the run after its first minute, goroutines may not rise at all (beyond a handful
// come and gone, as handshakes are) and memory by no more than a tenth.
func judgeSoak(soak []sample, r map[string]any) error {
	if len(soak) < 3 {
		return fmt.Errorf("soak: %d samples; run for three minutes at least", len(soak))
	}
	if r["chat_received"] != r["chat_expected"] || r["chat_duplicate"] != 0.0 || r["errors"] != 0.0 {
		return fmt.Errorf("soak: chat %v of %v, %v twice, %v errors", r["chat_received"], r["chat_expected"], r["chat_duplicate"], r["errors"])
	}
	first, last := soak[1], soak[len(soak)-1]
	fmt.Printf("  soak: from %s to %s, RSS %.1f → %.1f MB, goroutines %d → %d\n", first.at, last.at, first.rss, last.rss, first.goroutines, last.goroutines)
	if last.goroutines > first.goroutines+8 || last.rss > first.rss*1.1 {
		return fmt.Errorf("soak: the host grew: RSS %.1f → %.1f MB, goroutines %d → %d", first.rss, last.rss, first.goroutines, last.goroutines)
	}
	return nil
}

// goroutines is how many goroutines the host runs, from its /debug/vars.
func goroutines(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	var all struct{ Goroutines int }
	if json.NewDecoder(resp.Body).Decode(&all) != nil {
		return -1
	}
	return all.Goroutines
}

func numCPU() int {
	b, _ := os.ReadFile("/proc/cpuinfo")
	return strings.Count(string(b), "processor\t:")
}

// inputQueues is each player's usual input queue depth from the host's /debug/vars.
func inputQueues(v map[string]any) []float64 {
	var out []float64
	players, _ := v["per_player"].([]any)
	for _, p := range players {
		if m, ok := p.(map[string]any); ok {
			if q, ok := m["input_queue_usual"].(float64); ok {
				out = append(out, q)
			}
		}
	}
	return out
}

// spread says what values were seen: their mean and range.
func spread(vs []float64) string {
	if len(vs) == 0 {
		return "not measured"
	}
	lo, hi, sum := vs[0], vs[0], 0.0
	for _, v := range vs {
		lo, hi, sum = min(lo, v), max(hi, v), sum+v
	}
	return fmt.Sprintf("%.2f deep on average (%.0f to %.0f)", sum/float64(len(vs)), lo, hi)
}
