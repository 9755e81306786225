package main

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// target is one of the figures Gem Rush promises, as this run measured it.
type target struct {
	promise  string
	measured string // "" where this run did not measure it
	met      bool
}

// The targets' thresholds.
const (
	floorRatioMax    = 1.25 // host CPU per player-tick over the floor's, at floorPlayers
	floorPlayers     = 64
	tickP99MaxMs     = 2.0 // at tickPlayers
	tickPlayers      = 128
	downCleanMax     = 48.0 // kbit/s per player at downPlayers, on a clean link
	downPlayers      = 8
	downStruggleMax  = 24.0 // kbit/s per player when the link struggles: struggleLoss
	struggleLoss     = 0.05
	joinSnapshotMax  = 20 * time.Millisecond
	ownInputFrameMax = 1
)

// writeTargets is the table of the targets this run has figures for, each with
// its figure and whether it was met.
func writeTargets(w io.Writer, r *results) {
	ts := targets(r)
	if !slices.ContainsFunc(ts, func(t target) bool { return t.measured != "" }) {
		return
	}
	fmt.Fprint(w, "## Targets\n\n")
	table(w, 3, "target", "measured", "met")
	for _, t := range ts {
		switch {
		case t.measured == "":
			row(w, t.promise, "not measured in this run", "—")
		case t.met:
			row(w, t.promise, t.measured, "met")
		default:
			row(w, t.promise, t.measured, "**not met**")
		}
	}
	fmt.Fprintln(w)
}

func targets(r *results) []target {
	ts := []target{
		{promise: fmt.Sprintf("host CPU per player-tick at %d players ≤ %.2f× the bare quic-go floor", floorPlayers, floorRatioMax)},
		{promise: fmt.Sprintf("host tick p99 ≤ %.0f ms at %d players", tickP99MaxMs, tickPlayers)},
		{promise: fmt.Sprintf("downlink per player at %d players ≤ %.0f kbit/s on a clean link", downPlayers, downCleanMax)},
		{promise: fmt.Sprintf("downlink per player ≤ %.0f kbit/s when the link struggles (%s loss)", downStruggleMax, lossName(struggleLoss))},
		{promise: "own input → own screen in one frame at every condition"},
		{promise: fmt.Sprintf("no frozen frame at %s loss", lossName(struggleLoss))},
		{promise: fmt.Sprintf("join → first snapshot ≤ %d ms on loopback", joinSnapshotMax.Milliseconds())},
		{promise: "the TCP baseline's stalls at 2 % and 5 % loss shown beside Gem Rush's"},
	}
	if s, ok := scaleAt(r.Scale, floorPlayers); ok && s.FloorPerPlayerTickUs > 0 {
		ts[0].measured = fmt.Sprintf("%s µs against %s µs: %s", micros(s.PerPlayerTickUs), micros(s.FloorPerPlayerTickUs), ratio(s.Ratio()))
		ts[0].met = s.Ratio() <= floorRatioMax
	}
	if s, ok := scaleAt(r.Scale, tickPlayers); ok {
		ts[1].measured, ts[1].met = fixed1(s.TickP99ms)+" ms", s.TickP99ms <= tickP99MaxMs
	}
	if s, ok := scaleAt(r.Scale, downPlayers); ok {
		ts[2].measured, ts[2].met = fixed1(s.Bots.DownKbitS)+" kbit/s", s.Bots.DownKbitS <= downCleanMax
	}
	ours := slices.DeleteFunc(slices.Clone(r.Feel), func(f feelRow) bool { return f.Transport != quicName })
	struggling := slices.DeleteFunc(slices.Clone(ours), func(f feelRow) bool { return !lossIs(f, struggleLoss) })
	moving := slices.DeleteFunc(slices.Clone(r.Movement), func(f feelRow) bool { return !lossIs(f, struggleLoss) })
	if worst, ok := worstOf(moving, func(f feelRow) float64 { return f.DownKbitS }); ok {
		ts[3].measured = fmt.Sprintf("%s kbit/s moving only (%d silent bots, %s delay)", fixed1(worst.DownKbitS), worst.Bots.Bots, delayName(worst.Delay))
		if chatting, ok := worstOf(struggling, func(f feelRow) float64 { return f.DownKbitS }); ok {
			ts[3].measured += fmt.Sprintf("; %s kbit/s at most with %d chatting", fixed1(chatting.DownKbitS), chatting.Bots.Bots)
		}
		ts[3].met = worst.DownKbitS <= downStruggleMax
	} else if worst, ok := worstOf(struggling, func(f feelRow) float64 { return f.DownKbitS }); ok {
		ts[3].measured = fmt.Sprintf("%s kbit/s at most (%s delay)", fixed1(worst.DownKbitS), delayName(worst.Delay))
		ts[3].met = worst.DownKbitS <= downStruggleMax
	}
	checked := slices.DeleteFunc(slices.Clone(ours), func(f feelRow) bool { return f.Bots.OwnInputsChecked == 0 })
	if worst, ok := worstOf(checked, func(f feelRow) float64 { return float64(f.Bots.OwnInputFrames) }); ok {
		ts[4].met = worst.Bots.OwnInputFrames <= ownInputFrameMax
		ts[4].measured = fmt.Sprintf("%d frame at each of %d conditions", worst.Bots.OwnInputFrames, len(checked))
		if !ts[4].met {
			ts[4].measured = fmt.Sprintf("%d frames at %s loss and %s delay", worst.Bots.OwnInputFrames, lossName(worst.Loss), delayName(worst.Delay))
		}
	}
	if worst, ok := worstOf(struggling, func(f feelRow) float64 { return f.Bots.FrozenPct }); ok {
		ts[5].measured = fmt.Sprintf("%s %% of frames frozen at most (%s delay), the longest freeze %s ms",
			fixed1(worst.Bots.FrozenPct), delayName(worst.Delay), fixed1(worst.Bots.LongestFreezeMs))
		ts[5].met = worst.Bots.FrozenPct == 0
	}
	if r.Join != nil && len(r.Join.JoinToSnapshot) > 0 {
		most := slices.Max(r.Join.JoinToSnapshot)
		ts[6].measured = fmt.Sprintf("%s ms at most over %d joins", millis(most), len(r.Join.JoinToSnapshot))
		ts[6].met = most <= joinSnapshotMax
	}
	ts[7].measured, ts[7].met = stallsShown(r.Feel)
	return ts
}

// stallsShown is the longest freeze of each transport at 2 % and 5 % loss (the
// worst over the delays), and whether the TCP baseline has figures at both.
func stallsShown(rows []feelRow) (string, bool) {
	var parts []string
	shown := true
	for _, loss := range []float64{0.02, 0.05} {
		for _, name := range []string{tcpName, quicName} {
			at := slices.DeleteFunc(slices.Clone(rows), func(f feelRow) bool { return f.Transport != name || !lossIs(f, loss) })
			worst, ok := worstOf(at, func(f feelRow) float64 { return f.Bots.LongestFreezeMs })
			if !ok {
				shown = shown && name != tcpName
				continue
			}
			parts = append(parts, fmt.Sprintf("%s %s %s ms", shortName(name), lossName(loss), fixed1(worst.Bots.LongestFreezeMs)))
		}
	}
	if len(parts) == 0 {
		return "", false
	}
	return "longest freeze: " + strings.Join(parts, ", "), shown
}

func scaleAt(rows []scaleRow, players int) (scaleRow, bool) {
	i := slices.IndexFunc(rows, func(r scaleRow) bool { return r.Players == players })
	if i < 0 {
		return scaleRow{}, false
	}
	return rows[i], true
}

// worstOf is the row of rows with the largest figure, and false where there are
// none.
func worstOf(rows []feelRow, figure func(feelRow) float64) (feelRow, bool) {
	if len(rows) == 0 {
		return feelRow{}, false
	}
	return slices.MaxFunc(rows, func(a, b feelRow) int { return cmp.Compare(figure(a), figure(b)) }), true
}

// lossIs is whether f's loss is loss, give or take how a fraction is written.
func lossIs(f feelRow, loss float64) bool { return math.Abs(f.Loss-loss) < 1e-6 }
