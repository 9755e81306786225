package host

import (
	"testing"
	"time"
)

func TestPacerCatchesUpWhatATickerDropped(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := NewPacer(start)
	at := func(ticks float64) time.Time { return start.Add(time.Duration(ticks * float64(tick))) }
	for _, c := range []struct {
		at   float64
		want int
	}{
		{1, 1}, {2, 1}, {2.9, 1}, // on time, or a hair early or late
		{8, 5},    // a stall of five ticks: the four missed and this one
		{9, 1},    // back on time
		{40, 8},   // a stall past maxCatchUp: eight run, the rest given up
		{41, 1},   // and the count carries on from there
		{41.2, 1}, // a tick that comes twice still runs one
	} {
		if got := p.Due(at(c.at)); got != c.want {
			t.Errorf("at tick %.1f: %d due, want %d", c.at, got, c.want)
		}
	}
}
