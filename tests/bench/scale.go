package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/tests/internal/hostproc"
)

// scaleRow is the host with one number of bots, and the bare quic-go sender of the
// same datagrams measured just after it.
type scaleRow struct {
	Players              int
	TickP50ms, TickP99ms float64 // the host's own tick, from its /debug/vars
	CPUPct               float64 // of one core, over the measured window
	PerPlayerTickUs      float64 // CPU per player per tick
	RSSMB                float64
	SnapshotBytes        float64 // the mean snapshot datagram's payload
	InputBytes           float64 // the mean input datagram's payload
	InputHz              float64 // input datagrams a player sends a second
	Bots                 bot.Report
	FloorCPUPct          float64
	FloorPerPlayerTickUs float64
}

// Ratio is the host's CPU per player-tick over the floor's.
func (r scaleRow) Ratio() float64 {
	if r.FloorPerPlayerTickUs == 0 {
		return 0
	}
	return r.PerPlayerTickUs / r.FloorPerPlayerTickUs
}

// The scale section's timings: the bots play settle before the window measured.
const (
	scaleSettle = 2 * time.Second
	scaleWindow = 8 * time.Second
	floorWindow = 6 * time.Second
)

var scalePlayers = []int{8, 16, 32, 64, 128}

// scaleRounds is how many times the host and the floor are each measured at each
// size, one after the other; the cheaper of each counts. What else the machine does
// only ever adds to a process's CPU, so the least of a few runs is the nearest to
// its own cost.
const scaleRounds = 2

// bestOf is the host's row of whichever of best and r cost the host less, with the
// floor of whichever cost the floor less; r alone when first.
func bestOf(best, r scaleRow, first bool) scaleRow {
	if first {
		return r
	}
	floorCPU, floorUs := best.FloorCPUPct, best.FloorPerPlayerTickUs
	if r.FloorPerPlayerTickUs < floorUs {
		floorCPU, floorUs = r.FloorCPUPct, r.FloorPerPlayerTickUs
	}
	if r.PerPlayerTickUs < best.PerPlayerTickUs {
		best = r
	}
	best.FloorCPUPct, best.FloorPerPlayerTickUs = floorCPU, floorUs
	return best
}

// onlyPlayers narrows the scale section to some of scalePlayers, to look at one.
var onlyPlayers = flag.String("players", "", "the scale section's numbers of players, comma-separated (default 8,16,32,64,128)")

// measureScale runs the host with each number of bots, then the floor beside it.
func measureScale(e *env) ([]scaleRow, error) {
	players, window, floorW := scalePlayers, scaleWindow, floorWindow
	if e.quick {
		players, window, floorW = []int{8, 32}, 3*time.Second, 2*time.Second
	}
	if *onlyPlayers != "" {
		players = nil
		for _, f := range strings.Split(*onlyPlayers, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("-players: %q is not a number of players", f)
			}
			players = append(players, n)
		}
	}
	rounds := scaleRounds
	if e.quick {
		rounds = 1
	}
	var rows []scaleRow
	for _, n := range players {
		var r scaleRow
		for i := range rounds {
			ri, err := measureHost(e, n, window)
			if err != nil {
				return nil, fmt.Errorf("%d bots: %w", n, err)
			}
			if err := measureFloor(e, &ri, floorW); err != nil {
				return nil, fmt.Errorf("the floor at %d: %w", n, err)
			}
			r = bestOf(r, ri, i == 0)
		}
		say("scale %3d players: tick p99 %.2f ms, %.1f µs/player-tick (floor %.1f, ×%.2f), down %.1f kbit/s",
			n, r.TickP99ms, r.PerPlayerTickUs, r.FloorPerPlayerTickUs, r.Ratio(), r.Bots.DownKbitS)
		rows = append(rows, r)
	}
	return rows, nil
}

// measureHost runs gemrush -server and n bots in another process, and measures the
// host over window once every bot is in and has played scaleSettle.
func measureHost(e *env, n int, window time.Duration) (scaleRow, error) {
	r := scaleRow{Players: n}
	ctx, cancel := context.WithTimeout(context.Background(), window+time.Minute)
	defer cancel()
	server := e.pinned(ctx, hostCore, e.bin, "-server", "-lan=false", "-portmap=false", "-port", "0",
		"-debug-addr", "127.0.0.1:0", "-max-players", strconv.Itoa(n))
	logs, err := server.StderrPipe()
	if err != nil {
		return r, err
	}
	if err := server.Start(); err != nil {
		return r, err
	}
	defer server.Wait()
	defer server.Process.Kill()
	vars, port, err := hostproc.ServerAddrs(logs)
	if err != nil {
		return r, err
	}
	go io.Copy(io.Discard, logs)

	bots := e.command(ctx, e.bin, "-bots", strconv.Itoa(n), "-join", "127.0.0.1:"+port,
		"-duration", (scaleSettle + window + time.Second).String(), "-bot-warmup", scaleSettle.String())
	var report strings.Builder
	bots.Stdout = &report
	if err := bots.Start(); err != nil {
		return r, err
	}
	defer bots.Process.Kill()
	if err := waitFor(ctx, func() (bool, error) {
		v, err := hostproc.HostVars(vars)
		return err == nil && v["players"] == float64(n), err
	}); err != nil {
		return r, fmt.Errorf("waiting for every bot to join: %w", err)
	}
	if err := sleep(ctx, scaleSettle); err != nil {
		return r, err
	}
	pid := server.Process.Pid
	v0, err := hostproc.HostVars(vars)
	if err != nil {
		return r, err
	}
	cpu0, t0 := hostproc.CPUSeconds(pid), time.Now()
	if err := sleep(ctx, window); err != nil {
		return r, err
	}
	v1, err := hostproc.HostVars(vars)
	if err != nil {
		return r, err
	}
	cpu, secs := hostproc.CPUSeconds(pid)-cpu0, time.Since(t0).Seconds()
	r.RSSMB = hostproc.RSSMB(pid)
	r.TickP50ms, r.TickP99ms = v1["tick_p50_ms"].(float64), v1["tick_p99_ms"].(float64)
	r.CPUPct = 100 * cpu / secs
	ticks := v1["tick"].(float64) - v0["tick"].(float64)
	r.PerPlayerTickUs = cpu * 1e6 / (ticks * float64(n))
	delta := func(k string) float64 { return v1[k].(float64) - v0[k].(float64) }
	r.SnapshotBytes = delta("bytes_out") / max(delta("datagrams_out"), 1)
	r.InputBytes = delta("bytes_in") / max(delta("datagrams_in"), 1)
	r.InputHz = delta("datagrams_in") / float64(n) / secs
	if err := bots.Wait(); err != nil {
		return r, fmt.Errorf("bots: %w", err)
	}
	if err := json.Unmarshal([]byte(report.String()), &r.Bots); err != nil {
		return r, fmt.Errorf("the bots' report %q: %w", report.String(), err)
	}
	if r.Bots.Errors > 0 {
		return r, fmt.Errorf("bots: %v", r.Bots.ErrorMessages)
	}
	return r, nil
}

// measureFloor runs the bare sender with r's players and datagrams and measures it
// over window.
func measureFloor(e *env, r *scaleRow, window time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), window+time.Minute)
	defer cancel()
	host := e.pinned(ctx, hostCore, e.self, "role", "floor-host", "-players", strconv.Itoa(r.Players),
		"-size", strconv.Itoa(int(r.SnapshotBytes+0.5)), "-hz", "60")
	out, err := host.StdoutPipe()
	if err != nil {
		return err
	}
	if err := host.Start(); err != nil {
		return err
	}
	defer host.Wait()
	defer host.Process.Kill()
	lines := bufio.NewScanner(out)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "port=") {
		return fmt.Errorf("the floor's host did not say its port")
	}
	hz := max(int(r.InputHz+0.5), 1)
	clients := e.command(ctx, e.self, "role", "floor-clients", "-players", strconv.Itoa(r.Players),
		"-addr", "127.0.0.1:"+strings.TrimPrefix(lines.Text(), "port="),
		"-size", strconv.Itoa(int(r.InputBytes+0.5)), "-hz", strconv.Itoa(hz))
	if err := clients.Start(); err != nil {
		return err
	}
	defer clients.Wait()
	defer clients.Process.Kill()
	if !lines.Scan() || lines.Text() != "ready" {
		return fmt.Errorf("the floor's clients did not all connect")
	}
	if err := sleep(ctx, time.Second); err != nil {
		return err
	}
	pid := host.Process.Pid
	cpu0, t0 := hostproc.CPUSeconds(pid), time.Now()
	if err := sleep(ctx, window); err != nil {
		return err
	}
	cpu, secs := hostproc.CPUSeconds(pid)-cpu0, time.Since(t0).Seconds()
	r.FloorCPUPct = 100 * cpu / secs
	r.FloorPerPlayerTickUs = cpu * 1e6 / (secs * 60 * float64(r.Players))
	return nil
}

// hostCore is where the scale section runs the host, and the floor's host: one core
// of their own, as a small server would, when the machine has two or more and
// taskset. Their players run unpinned, so a hundred bots' games get what they need to
// keep up, and the host is still measured on one core whoever else runs.
const hostCore = "0"

// pinned is e.command run on cores by taskset, or as it is where pinning cannot be
// done.
func (e *env) pinned(ctx context.Context, cores, name string, args ...string) *exec.Cmd {
	if _, err := exec.LookPath("taskset"); err != nil || runtime.NumCPU() < 2 {
		return e.command(ctx, name, args...)
	}
	return e.command(ctx, "taskset", append([]string{"-c", cores, name}, args...)...)
}

// sleep waits d, or less if ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// waitFor polls ok every 100 ms until it is true, fails, or ctx ends.
func waitFor(ctx context.Context, ok func() (bool, error)) error {
	for {
		done, err := ok()
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("%w (last: %v)", ctx.Err(), err)
			}
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
