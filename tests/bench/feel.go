package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/tests/bench/netlab"
	"github.com/gemrush/gemrush/tests/bench/tcpgame"
)

// The feel section: feelBots chatting bots play each transport over a link of each
// condition, feelWarmup not counted then feelWindow measured; Gem Rush and the TCP
// baseline of one condition run side by side, each over a lab of its own.
const (
	feelBots   = 4
	feelWarmup = 4 * time.Second
	feelWindow = 12 * time.Second
	// feelLimit bounds one run beyond its play: starting, joining over a slow
	// link, the echoes and the goodbyes.
	feelLimit = time.Minute
)

// The movement runs: movementBots silent bots on a clean link and on a struggling
// one, warmed up for long enough that the host has settled on the rate the link
// takes.
const (
	movementBots   = 8
	movementWarmup = 20 * time.Second
)

var movementConditions = []feelCondition{{0, 20 * time.Millisecond}, {0.05, 50 * time.Millisecond}}

// feelCondition is one way the link behaves, the same each way.
type feelCondition struct {
	loss  float64
	delay time.Duration
}

func feelConditions(quick bool) []feelCondition {
	if quick {
		return []feelCondition{{0, 20 * time.Millisecond}, {0.05, 100 * time.Millisecond}}
	}
	var cs []feelCondition
	for _, loss := range []float64{0, 0.02, 0.05} {
		for _, d := range []time.Duration{20, 50, 100} {
			cs = append(cs, feelCondition{loss, d * time.Millisecond})
		}
	}
	return cs
}

// measureFeel is the feel section: for each condition, a row for Gem Rush and one
// for the TCP baseline.
func measureFeel(e *env) ([]feelRow, error) {
	warmup, window := feelWarmup, feelWindow
	if e.quick {
		warmup, window = time.Second, 4*time.Second
	}
	// Stopped by a signal, every run ends its processes and removes its lab.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var rows []feelRow
	for _, c := range feelConditions(e.quick) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("stopped: %w", err)
		}
		var pair [2]feelRow
		var errs [2]error
		var wg sync.WaitGroup
		for i, transport := range []string{quicName, tcpName} {
			wg.Go(func() { pair[i], errs[i] = feelRun(ctx, e, transport, c, feelPlayers{feelBots, true}, warmup, window) })
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("stopped: %w", err)
		}
		if err := errors.Join(errs[:]...); err != nil {
			if errors.Is(err, netlab.ErrNotRoot) {
				return nil, fmt.Errorf("cannot condition the link: %w", netlab.ErrNotRoot)
			}
			return nil, fmt.Errorf("loss %.0f %%, delay %s: %w", 100*c.loss, c.delay, err)
		}
		for _, r := range pair {
			b := r.Bots
			say("feel %-26s loss %2.0f %% delay %3d ms: gap p99 %5.1f ms, frozen %4.1f %% (longest %3.0f ms), jump %3.0f px, own input %d frames, chat p99 %4.0f ms, down %5.1f up %5.1f kbit/s%s",
				r.Transport, 100*r.Loss, r.Delay.Milliseconds(), b.SnapshotGapP99Ms, b.FrozenPct, b.LongestFreezeMs, b.LargestJumpPx,
				b.OwnInputFrames, b.ChatP99ms, r.DownKbitS, r.UpKbitS, retransmits(r))
			if b.Errors > 0 {
				say("feel %s: the bots had errors: %v", r.Transport, b.ErrorMessages)
			}
		}
		rows = append(rows, pair[:]...)
	}
	return rows, nil
}

// measureMovement plays Gem Rush with silent bots under each of movementConditions,
// side by side, for the movement stream's own traffic.
func measureMovement(e *env) ([]feelRow, error) {
	warmup, window := movementWarmup, feelWindow
	if e.quick {
		warmup, window = 2*time.Second, 3*time.Second
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rows := make([]feelRow, len(movementConditions))
	errs := make([]error, len(movementConditions))
	var wg sync.WaitGroup
	for i, c := range movementConditions {
		wg.Go(func() {
			rows[i], errs[i] = feelRun(ctx, e, quicName, c, feelPlayers{bots: movementBots}, warmup, window)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("movement only: %w", err)
	}
	for _, r := range rows {
		say("feel, movement only: %d silent bots, loss %2.0f %% delay %3d ms: %.1f snapshots a second, down %5.1f up %5.1f kbit/s",
			r.Bots.Bots, 100*r.Loss, r.Delay.Milliseconds(), r.Bots.SnapshotsPerS, r.DownKbitS, r.UpKbitS)
	}
	return rows, nil
}

// feelPlayers is who plays a feel run: how many bots, and whether they chat.
type feelPlayers struct {
	bots int
	chat bool
}

func retransmits(r feelRow) string {
	if r.Transport != tcpName {
		return ""
	}
	return fmt.Sprintf(", host's segments sent again %.1f %%", r.RetransmitPct)
}

// feelRun plays one transport over a lab of condition c and measures it.
func feelRun(ctx context.Context, e *env, transport string, c feelCondition, who feelPlayers, warmup, window time.Duration) (feelRow, error) {
	row := feelRow{Transport: transport, Loss: c.loss, Delay: c.delay}
	link := netsim.Config{Loss: c.loss, Delay: c.delay}
	lab, err := netlab.New(link, link)
	if err != nil {
		return row, err
	}
	defer lab.Close() // last: every process in the lab has ended by then
	ctx, cancel := context.WithTimeout(ctx, warmup+window+feelLimit)
	defer cancel()
	var kernel func() (string, error)
	var port string
	if transport == quicName {
		server, p, err := startServer(ctx, e, netlab.Exec(lab.Host), "-lan=false")
		if server != nil {
			defer func() { cancel(); server.Wait() }()
		}
		if err != nil {
			return row, err
		}
		port = p
	} else {
		h, p, out, err := startTCPHost(ctx, e, lab.Host)
		if h != nil {
			defer func() { cancel(); h.Wait() }()
		}
		if err != nil {
			return row, err
		}
		port, kernel = p, func() (string, error) { return stopTCPHost(h, out) }
	}
	addr := net.JoinHostPort(netlab.HostAddr, port)
	duration := (warmup + window).String()
	n := strconv.Itoa(who.bots)
	argv := []string{e.bin, "-bots", n, "-bot-chat=" + strconv.FormatBool(who.chat), "-join", addr, "-duration", duration, "-bot-warmup", warmup.String()}
	if transport == tcpName {
		argv = []string{e.self, "role", "tcp-bots", "-bots", n, "-chat=" + strconv.FormatBool(who.chat), "-join", addr, "-duration", duration, "-warmup", warmup.String()}
	}
	argv = netlab.Exec(lab.Bots, argv...)
	bots := e.command(ctx, argv[0], argv[1:]...)
	var stdout, stderr bytes.Buffer
	bots.Stdout, bots.Stderr = &stdout, &stderr
	if err := bots.Run(); err != nil {
		return row, fmt.Errorf("%s bots: %v: %s", transport, err, strings.TrimSpace(stderr.String()))
	}
	if err := json.Unmarshal(stdout.Bytes(), &row.Bots); err != nil {
		return row, fmt.Errorf("%s bots' report %q: %w", transport, stdout.String(), err)
	}
	if err := perPlayer(&row, lab.Down, lab.Up, warmup); err != nil {
		return row, fmt.Errorf("%s: %w", transport, err)
	}
	if kernel != nil {
		line, err := kernel()
		if err != nil {
			return row, fmt.Errorf("the TCP host: %w", err)
		}
		var k tcpgame.Kernel
		if err := json.Unmarshal([]byte(line), &k); err != nil {
			return row, fmt.Errorf("the TCP host's last line %q: %w", line, err)
		}
		if k.SegmentsOut > 0 {
			row.RetransmitPct = 100 * float64(k.Retransmitted) / float64(k.SegmentsOut)
		}
	}
	return row, nil
}

// perPlayer fills in the row's traffic per player from what the lab carried while
// the bots' figures counted: their warm-up ends warmup after the first bot's first
// snapshot (every bot is in by then), and they measured for the report's duration.
func perPlayer(row *feelRow, down, up tallies, warmup time.Duration) error {
	r := row.Bots
	if r.FirstSnapshotUnixMs == 0 || r.DurationS <= 0 || r.Bots == 0 {
		return fmt.Errorf("the bots' report says nothing of when they played: %+v", r)
	}
	from := time.UnixMicro(int64(r.FirstSnapshotUnixMs * 1000)).Add(warmup)
	to := from.Add(time.Duration(r.DurationS * float64(time.Second)))
	kbits := func(t netlab.Tally) float64 {
		return float64(t.Bytes) * 8 / 1000 / to.Sub(from).Seconds() / float64(r.Bots)
	}
	row.DownKbitS, row.UpKbitS = kbits(down.Between(from, to)), kbits(up.Between(from, to))
	return nil
}

// tallies is what a lab's direction counted, window by window.
type tallies interface {
	Between(from, to time.Time) netlab.Tally
}

// startTCPHost starts the tcp-host role in namespace ns and returns it once it has
// said its port, with its output, where its last line will come.
func startTCPHost(ctx context.Context, e *env, ns string) (*exec.Cmd, string, *bufio.Reader, error) {
	argv := netlab.Exec(ns, e.self, "role", "tcp-host", "-addr", net.JoinHostPort(netlab.HostAddr, "0"))
	cmd := e.command(ctx, argv[0], argv[1:]...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", nil, err
	}
	out := bufio.NewReader(stdout)
	first, err := readLine(out, serverUpLimit)
	if err != nil || !strings.HasPrefix(first, "port=") {
		return cmd, "", nil, fmt.Errorf("the TCP host did not say its port: %q %v", first, err)
	}
	return cmd, strings.TrimPrefix(first, "port="), out, nil
}

// stopTCPHost stops the host as SIGTERM does and returns its last line.
func stopTCPHost(h *exec.Cmd, out *bufio.Reader) (string, error) {
	if err := h.Process.Signal(syscall.SIGTERM); err != nil {
		return "", err
	}
	return readLine(out, serverUpLimit)
}

// readLine is the next line of r, without its newline, within limit.
func readLine(r *bufio.Reader, limit time.Duration) (string, error) {
	got := make(chan string, 1)
	fail := make(chan error, 1)
	go func() {
		s, err := r.ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && s != "") {
			fail <- err
			return
		}
		got <- strings.TrimSuffix(s, "\n")
	}()
	select {
	case s := <-got:
		return s, nil
	case err := <-fail:
		return "", err
	case <-time.After(limit):
		return "", fmt.Errorf("nothing within %s", limit)
	}
}
