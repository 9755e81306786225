package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// writeReadme is the report in Markdown: what was measured on, how to measure it
// again, the targets, then a section for each part of the bench r has, each with
// its table and its plots.
func writeReadme(w io.Writer, r *results, plots map[string][]figure) {
	fmt.Fprintf(w, "# Gem Rush bench report\n\n")
	fmt.Fprintf(w, "- Machine: %s\n", r.Machine)
	fmt.Fprintf(w, "- Measured: %s\n", r.When.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "- The run took %s\n\n", r.Took.Round(time.Second))
	fmt.Fprint(w, reproduce)
	writeTargets(w, r)
	if len(r.Scale) > 0 {
		writeScale(w, r.Scale)
		embed(w, plots["scale"])
	}
	if len(r.Feel) > 0 {
		writeFeel(w, r.Feel)
		embed(w, plots["feel"])
	}
	if len(r.Movement) > 0 {
		writeMovement(w, r.Movement)
	}
	if r.Join != nil {
		writeJoin(w, r.Join)
	}
	if len(r.Go) > 0 {
		writeGo(w, r.Go)
	}
}

const reproduce = "## How to reproduce\n\n" +
	"```sh\n" +
	"make bench                                           # every section, about 8 minutes on 2 cores (as root); writes docs/bench\n" +
	"go run ./tests/bench -only scale,feel -quick         # short runs, to check the bench itself\n" +
	"go run ./tests/bench -from docs/bench/results.json   # write this report again from its results, measuring nothing\n" +
	"make benchcmp OLD=old/go.txt NEW=docs/bench/go.txt   # compare two runs' Go benchmarks with benchstat\n" +
	"```\n\n"

// figure is one plot of the report: its file, beside README.md, and its title.
type figure struct{ file, title string }

func embed(w io.Writer, figs []figure) {
	for _, f := range figs {
		fmt.Fprintf(w, "![%s](%s)\n\n", f.title, f.file)
	}
}

func writeScale(w io.Writer, rows []scaleRow) {
	fmt.Fprint(w, "## Scale\n\n"+
		"`gemrush -server` with bots in a process of their own, beside a bare quic-go program sending the same datagrams "+
		"from one ticking goroutine, measured in the same run (the floor). The host and the floor each run on one core of "+
		"their own (taskset), their players on every core; each is measured twice at each size, one after the other, and "+
		"the cheaper run counts. Bytes each way are per player, on the wire: payload, QUIC, UDP and IP headers.\n\n")
	table(w, 0, "players", "tick p50 ms", "tick p99 ms", "CPU % of a core", "µs per player-tick",
		"floor µs per player-tick", "host ÷ floor", "RSS MB", "down kbit/s", "up kbit/s", "snapshot B", "input B")
	for _, r := range rows {
		row(w, fmt.Sprint(r.Players), fixed1(r.TickP50ms), fixed1(r.TickP99ms), fixed1(r.CPUPct), micros(r.PerPlayerTickUs),
			micros(r.FloorPerPlayerTickUs), ratio(r.Ratio()), fixed1(r.RSSMB), fixed1(r.Bots.DownKbitS), fixed1(r.Bots.UpKbitS),
			whole(r.SnapshotBytes), whole(r.InputBytes))
	}
	fmt.Fprintln(w)
}

func writeFeel(w io.Writer, rows []feelRow) {
	fmt.Fprint(w, "## Feel under loss\n\n"+
		"A few bots over the link conditioner, loss each way and one-way delay. Each condition's rows sit together: "+
		"Gem Rush over QUIC datagrams, then the baseline a beginner's tutorial builds, one TCP connection per player "+
		"carrying JSON lines. Frozen frames are those that drew another player held still past the interpolation buffer. "+
		"Kilobits are per player, on the wire, as the conditioner counted them. On the plots with a log scale, "+
		"a figure under 1 ms is drawn at 1 ms.\n\n")
	table(w, 1, "transport", "loss", "delay", "own input → screen, frames (max)", "remote render delay ms",
		"frozen frames %", "longest freeze ms", "largest jump px", "snapshot gap p99 ms", "chat p50 ms", "chat p99 ms",
		"down kbit/s", "up kbit/s")
	for _, r := range byCondition(rows) {
		b := r.Bots
		row(w, r.Transport, lossName(r.Loss), delayName(r.Delay), ownInput(b.OwnInputFrames, b.OwnInputsChecked),
			fixed1(b.RenderDelayMs), fixed1(b.FrozenPct), fixed1(b.LongestFreezeMs), fixed1(b.LargestJumpPx),
			fixed1(b.SnapshotGapP99Ms), fixed1(b.ChatP50ms), fixed1(b.ChatP99ms), fixed1(r.DownKbitS), fixed1(r.UpKbitS))
	}
	fmt.Fprintln(w)
}

func writeJoin(w io.Writer, j *joinRow) {
	fmt.Fprint(w, "## Join and discovery\n\n")
	table(w, 1, "measure", "runs", "p50 ms", "max ms")
	for _, m := range []struct {
		name string
		ds   []time.Duration
	}{
		{"`-bots 1` process started → its first snapshot, on loopback", j.StartToSnapshot},
		{"the bot's dial → first snapshot, timed inside the process", j.JoinToSnapshot},
		{"`-server` started → listed by `-browse`, across a LAN of two network namespaces", j.HostToBrowse},
	} {
		if len(m.ds) == 0 {
			row(w, m.name, "0", "not measured", "not measured")
			continue
		}
		row(w, m.name, fmt.Sprint(len(m.ds)), millis(median(m.ds)), millis(slices.Max(m.ds)))
	}
	fmt.Fprintln(w)
}

// writeMovement is the table of the movement runs: silent bots, so the traffic is the
// movement stream's and QUIC's own.
func writeMovement(w io.Writer, rows []feelRow) {
	fmt.Fprint(w, "## Downlink, movement only\n\n"+
		"Gem Rush over the same conditioned link with silent bots, after a warm-up long enough for the host to settle "+
		"on the rate the link takes: what moving costs a player, with no chat and no acknowledgements of it.\n\n")
	table(w, 0, "loss", "delay", "bots", "snapshots a second", "snapshot gap p99 ms", "frozen frames %", "down kbit/s", "up kbit/s")
	for _, r := range byCondition(rows) {
		b := r.Bots
		row(w, lossName(r.Loss), delayName(r.Delay), fmt.Sprint(b.Bots), fixed1(b.SnapshotsPerS), fixed1(b.SnapshotGapP99Ms),
			fixed1(b.FrozenPct), fixed1(r.DownKbitS), fixed1(r.UpKbitS))
	}
	fmt.Fprintln(w)
}

func writeGo(w io.Writer, bs []goBench) {
	fmt.Fprintf(w, "## Go benchmarks\n\n`go test -bench -benchmem`, the median of each benchmark's runs; the raw output is [%s](%s).\n\n",
		goRawFile, goRawFile)
	table(w, 2, "package", "benchmark", "ns/op", "B/op", "allocs/op")
	for _, b := range bs {
		row(w, strings.TrimPrefix(b.Pkg, "github.com/gemrush/gemrush/"), b.Name, nanos(b.NsPerOp), whole(b.BytesPerOp), whole(b.AllocsPerOp))
	}
	fmt.Fprintln(w)
}

// byCondition is rows in the order the feel table and plots show them: by loss,
// then delay, then Gem Rush before the TCP baseline, so one condition's rows sit
// side by side.
func byCondition(rows []feelRow) []feelRow {
	return slices.SortedStableFunc(slices.Values(rows), func(a, b feelRow) int {
		return cmp.Or(cmp.Compare(a.Loss, b.Loss), cmp.Compare(a.Delay, b.Delay),
			cmp.Compare(transportRank(a.Transport), transportRank(b.Transport)), strings.Compare(a.Transport, b.Transport))
	})
}

func transportRank(name string) int {
	switch name {
	case quicName:
		return 0
	case tcpName:
		return 1
	}
	return 2
}

// table starts a table whose first text columns are words, left-aligned, and the
// rest figures, right-aligned.
func table(w io.Writer, text int, header ...string) {
	row(w, header...)
	dashes := make([]string, len(header))
	for i := range dashes {
		dashes[i] = "---"
		if i >= text {
			dashes[i] = "--:"
		}
	}
	row(w, dashes...)
}

func row(w io.Writer, cells ...string) { fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | ")) }

func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}
