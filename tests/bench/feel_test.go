package main

import (
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/tests/bench/netlab"
)

// steady is a direction that carried bytesPerS from began on, and asks were when it
// was asked.
type steady struct {
	began     time.Time
	bytesPerS float64
	asked     [2]time.Time
}

func (s *steady) Between(from, to time.Time) netlab.Tally {
	s.asked = [2]time.Time{from, to}
	if from.Before(s.began) {
		from = s.began
	}
	return netlab.Tally{Bytes: uint64(s.bytesPerS * to.Sub(from).Seconds())}
}

func TestPerPlayerCountsTheMeasuredWindow(t *testing.T) {
	first := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	row := feelRow{Bots: bot.Report{Bots: 4, DurationS: 12, FirstSnapshotUnixMs: float64(first.UnixMicro()) / 1000}}
	down := &steady{began: first, bytesPerS: 4 * 7000} // four players at 56 kbit/s each
	up := &steady{began: first, bytesPerS: 4 * 3000}
	if err := perPlayer(&row, down, up, 4*time.Second); err != nil {
		t.Fatal(err)
	}
	if from, to := down.asked[0], down.asked[1]; !from.Equal(first.Add(4*time.Second)) || !to.Equal(first.Add(16*time.Second)) {
		t.Errorf("counted %v to %v, want the 12 s after the 4 s of warm-up", from, to)
	}
	if row.DownKbitS != 56 || row.UpKbitS != 24 {
		t.Errorf("down %v up %v kbit/s per player, want 56 and 24", row.DownKbitS, row.UpKbitS)
	}
	if err := perPlayer(&feelRow{}, down, up, time.Second); err == nil {
		t.Error("a report without a first snapshot gave figures")
	}
}
