package main

import (
	"fmt"
	"math"
	"time"
)

// How the report writes its figures: milliseconds, percentages and kilobits to one
// decimal; bytes and counts whole; microseconds and nanoseconds whole from 100 up,
// where a decimal would be noise, and with a decimal or two below.

func fixed1(v float64) string { return fmt.Sprintf("%.1f", v) }

func whole(v float64) string { return fmt.Sprintf("%.0f", v) }

func micros(v float64) string {
	if math.Abs(v) >= 100 {
		return whole(v)
	}
	return fixed1(v)
}

func nanos(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return whole(v)
	case a >= 10:
		return fixed1(v)
	}
	return fmt.Sprintf("%.2f", v)
}

func millis(d time.Duration) string { return fixed1(float64(d.Microseconds()) / 1000) }

// ratio is the host's cost over the floor's; 0 is a floor not measured.
func ratio(v float64) string {
	if v == 0 {
		return "—"
	}
	return fmt.Sprintf("×%.2f", v)
}

func lossName(loss float64) string { return fmt.Sprintf("%g %%", math.Round(loss*1000)/10) }

func delayName(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }

// ownInput is the most frames a new input took to move a bot's own disc, or a dash
// where no bot checked one.
func ownInput(frames, checked int) string {
	if checked == 0 {
		return "—"
	}
	return fmt.Sprint(frames)
}
