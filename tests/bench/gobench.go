package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// goBench is one Go benchmark's result, the median of its runs.
type goBench struct {
	Pkg         string // import path, e.g. github.com/gemrush/gemrush/net/wire
	Name        string // without the Benchmark prefix and the -GOMAXPROCS suffix, e.g. SnapshotAppend/players=32
	Runs        int    // how many runs the median is of
	NsPerOp     float64
	BytesPerOp  float64
	AllocsPerOp float64
}

// goBenchPackages are the packages whose benchmarks the report shows: the rules, the
// wire, the player's interpolation and prediction, the host's tick. The others that
// have benchmarks measure the test harness (game/nettest) or the window's sound.
var goBenchPackages = []string{"./game/sim", "./net/wire", "./game/client", "./game/host"}

// How the Go benchmarks run: goBenchRuns runs of goBenchTime each, about 25 benchmarks
// in all, so the section takes a minute and a half on two cores; -quick runs each
// once, briefly. goBenchLimit bounds the whole go test, builds included.
const (
	goBenchRuns       = 5
	goBenchTime       = "500ms"
	goBenchQuickRuns  = 1
	goBenchQuickTime  = "100ms"
	goBenchLimit      = 8 * time.Minute
	goBenchErrorLines = 40 // of go test's output, kept in the error when it fails
)

// goBenchmarks runs the Go benchmarks; the raw output (for benchstat) is kept in
// results.GoRaw.
func goBenchmarks(e *env) ([]goBench, string, error) {
	runs, benchtime := goBenchRuns, goBenchTime
	if e.quick {
		runs, benchtime = goBenchQuickRuns, goBenchQuickTime
	}
	ctx, cancel := context.WithTimeout(context.Background(), goBenchLimit)
	defer cancel()
	args := append([]string{"test", "-run", "^$", "-bench", ".", "-benchmem",
		"-count", strconv.Itoa(runs), "-benchtime", benchtime}, goBenchPackages...)
	// Not e.command: go needs the person's own HOME for its build and module caches.
	c := exec.CommandContext(ctx, "go", args...)
	c.Stderr = os.Stderr
	c.WaitDelay = 5 * time.Second
	out, err := c.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	say("go: %d runs of %s each of the benchmarks in %s", runs, benchtime, strings.Join(goBenchPackages, " "))
	if err := c.Start(); err != nil {
		return nil, "", err
	}
	var raw bytes.Buffer
	followGoTest(io.TeeReader(out, &raw))
	if err := c.Wait(); err != nil {
		return nil, raw.String(), fmt.Errorf("go test: %v\n%s", err, lastLines(raw.String(), goBenchErrorLines))
	}
	rows := parseGoBench(raw.String())
	if len(rows) == 0 {
		return nil, raw.String(), fmt.Errorf("go test printed no benchmark results")
	}
	for _, r := range rows {
		say("go: %s %s: %.0f ns/op, %.0f B/op, %.0f allocs/op", path.Base(r.Pkg), r.Name, r.NsPerOp, r.BytesPerOp, r.AllocsPerOp)
	}
	return rows, raw.String(), nil
}

// followGoTest reads go test's output as it comes and tells how far it has got: a line as
// each package finishes.
func followGoTest(r io.Reader) {
	lines := bufio.NewScanner(r)
	results := 0
	for lines.Scan() {
		line := lines.Text()
		if _, ok := parseGoBenchLine(line); ok {
			results++
		}
		if f := strings.Fields(line); len(f) >= 2 && (f[0] == "ok" || f[0] == "FAIL") {
			say("go: %s %s, %d results", f[0], f[1], results)
			results = 0
		}
	}
	io.Copy(io.Discard, r) // a line too long for the scanner: the rest still goes to raw
}

// lastLines is the end of s, n lines at most.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// parseGoBench reads go test -bench -benchmem output: each benchmark of each package
// (from the pkg: line before it), in the order they first appear, with the median of
// their runs. Metrics other than ns/op, B/op and allocs/op (a benchmark's own, from
// ReportMetric) are left to benchstat.
func parseGoBench(out string) []goBench {
	type key struct{ pkg, name string }
	var order []key
	samples := map[key][]goBenchLine{}
	pkg := ""
	for line := range strings.Lines(out) {
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		r, ok := parseGoBenchLine(line)
		if !ok {
			continue
		}
		k := key{pkg, r.name}
		if _, seen := samples[k]; !seen {
			order = append(order, k)
		}
		samples[k] = append(samples[k], r)
	}
	rows := make([]goBench, 0, len(order))
	for _, k := range order {
		s := samples[k]
		median := func(v func(goBenchLine) float64) float64 {
			xs := make([]float64, len(s))
			for i, r := range s {
				xs[i] = v(r)
			}
			slices.Sort(xs)
			n := len(xs)
			return (xs[(n-1)/2] + xs[n/2]) / 2
		}
		rows = append(rows, goBench{Pkg: k.pkg, Name: k.name, Runs: len(s),
			NsPerOp:     median(func(r goBenchLine) float64 { return r.ns }),
			BytesPerOp:  median(func(r goBenchLine) float64 { return r.bytes }),
			AllocsPerOp: median(func(r goBenchLine) float64 { return r.allocs }),
		})
	}
	return rows
}

// goBenchLine is one run of one benchmark, as go test prints it.
type goBenchLine struct {
	name              string
	ns, bytes, allocs float64
}

// parseGoBenchLine reads a result line such as
//
//	BenchmarkSnapshotAppend/players=8-2   5578305   49.38 ns/op   105.0 bytes/snapshot   0 B/op   0 allocs/op
//
// ok is false for any other line, a benchmark's name printed alone before its log
// among them.
func parseGoBenchLine(line string) (r goBenchLine, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "Benchmark") {
		return r, false
	}
	if _, err := strconv.ParseUint(f[1], 10, 64); err != nil {
		return r, false
	}
	r.name = strings.TrimPrefix(f[0], "Benchmark")
	if i := strings.LastIndexByte(r.name, '-'); i > 0 {
		if _, err := strconv.Atoi(r.name[i+1:]); err == nil {
			r.name = r.name[:i] // the GOMAXPROCS suffix, there when it is not 1
		}
	}
	found := false
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return r, false
		}
		switch f[i+1] {
		case "ns/op":
			r.ns, found = v, true
		case "B/op":
			r.bytes = v
		case "allocs/op":
			r.allocs = v
		}
	}
	return r, found
}
