package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gemrush/gemrush/game/bot"
)

// How long the loopback half of the join section waits. A bot process plays
// botPlays, then leaves; botRunLimit is that with room for starting, joining and
// the goodbye (client.CloseWait at most).
const (
	serverUpLimit = 20 * time.Second // a cold start of -server, certificate made and all
	botPlays      = time.Second
	botRunLimit   = botPlays + 15*time.Second
)

// hostingLine is the line -server logs once it listens: the port is its last word.
var hostingLine = regexp.MustCompile(`msg=hosting .* port=(\d+)`)

// startServer starts gemrush -server with args after the usual ones, through
// prefix (a command such as ip netns exec, or none), and returns it once it has
// logged its port. Ending ctx stops it as SIGTERM does, with its goodbyes; the caller
// waits for it.
func startServer(ctx context.Context, e *env, prefix []string, args ...string) (*exec.Cmd, string, error) {
	argv := slices.Concat(prefix, []string{e.bin, "-server", "-portmap=false", "-port", "0"}, args)
	cmd := e.command(ctx, argv[0], argv[1:]...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) } // killed WaitDelay later
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	m, _, err := awaitLine(follow(stderr), hostingLine, serverUpLimit)
	if err != nil {
		return cmd, "", fmt.Errorf("gemrush -server: %w", err)
	}
	return cmd, m[1], nil
}

// joinOnLoopback runs n processes of one bot each, one after another, against a
// server already running on loopback: the time from starting each process to its
// bot's first snapshot, and the bot's own dial to first snapshot.
func joinOnLoopback(e *env, n int) (start, dial []time.Duration, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), serverUpLimit+time.Duration(n)*botRunLimit)
	defer cancel()
	server, port, err := startServer(ctx, e, nil, "-lan=false", "-debug-addr", "127.0.0.1:0")
	if server != nil {
		defer func() { cancel(); server.Wait() }()
	}
	if err != nil {
		return nil, nil, err
	}
	for i := range n {
		r, began, err := oneBot(ctx, e, "127.0.0.1:"+port)
		if err != nil {
			return nil, nil, fmt.Errorf("bot process %d: %w", i+1, err)
		}
		first := time.UnixMicro(int64(r.FirstSnapshotUnixMs * 1000))
		start = append(start, first.Sub(began))
		dial = append(dial, time.Duration(r.JoinP50ms*float64(time.Millisecond)))
	}
	return start, dial, nil
}

// oneBot runs gemrush -bots 1 against addr for botPlays and returns its report and
// the wall-clock time just before the process was started, on the clock the report's
// first_snapshot_unix_ms is read from.
func oneBot(ctx context.Context, e *env, addr string) (bot.Report, time.Time, error) {
	ctx, cancel := context.WithTimeout(ctx, botRunLimit)
	defer cancel()
	cmd := e.command(ctx, e.bin, "-bots", "1", "-join", addr, "-duration", botPlays.String())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	began := time.Now().Round(0) // the wall clock only: the bot's stamp is a wall clock's
	if err := cmd.Run(); err != nil {
		return bot.Report{}, began, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var r bot.Report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return r, began, fmt.Errorf("report %q: %w", stdout.String(), err)
	}
	switch {
	case r.Errors != 0:
		return r, began, fmt.Errorf("the bot failed: %v", r.ErrorMessages)
	case r.FirstSnapshotUnixMs == 0:
		return r, began, fmt.Errorf("the bot's report has no first snapshot: %s", stdout.String())
	}
	return r, began, nil
}
