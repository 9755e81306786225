package main

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// How many times each measure of the join section is taken: a bot process plays a
// second each time, a LAN host is up for well under one.
const (
	joinRuns, joinRunsQuick     = 10, 3
	browseRuns, browseRunsQuick = 5, 2
)

// measureJoin is the join section: a -bots 1 process started → its first snapshot,
// with the bot's own dial → first snapshot beside it, against a server on loopback;
// then -server started → listed by -browse across a LAN of two namespaces, which is
// skipped, with a note, where namespaces cannot be made.
func measureJoin(e *env) (*joinRow, error) {
	runs, browses := joinRuns, browseRuns
	if e.quick {
		runs, browses = joinRunsQuick, browseRunsQuick
	}
	var row joinRow
	var err error
	row.StartToSnapshot, row.JoinToSnapshot, err = joinOnLoopback(e, runs)
	if err != nil {
		return nil, fmt.Errorf("on loopback: %w", err)
	}
	say("join: process start → first snapshot %s", spread(row.StartToSnapshot))
	say("join: dial → first snapshot, in the bot  %s", spread(row.JoinToSnapshot))
	row.HostToBrowse, err = hostToBrowse(e, browses)
	switch {
	case errors.Is(err, errNotRoot):
		say("join: host start → listed by -browse %v", err)
	case err != nil:
		return nil, fmt.Errorf("on the LAN: %w", err)
	default:
		say("join: host start → listed by -browse %s", spread(row.HostToBrowse))
	}
	return &row, nil
}

// spread is how ds fell, for the person watching the bench: p50, p99 and the worst.
func spread(ds []time.Duration) string {
	s := slices.Sorted(slices.Values(ds))
	at := func(p float64) time.Duration { return s[min(int(float64(len(s))*p), len(s)-1)] }
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("p50 %s, p99 %s, max %s over %d", ms(at(0.5)), ms(at(0.99)), ms(s[len(s)-1]), len(s))
}
