package main

import "errors"

// goBench is one Go benchmark's result, the median of its runs.
type goBench struct {
	Pkg         string // import path, e.g. github.com/gemrush/gemrush/net/wire
	Name        string // without the Benchmark prefix and the -GOMAXPROCS suffix, e.g. SnapshotAppend/players=32
	Runs        int    // how many runs the median is of
	NsPerOp     float64
	BytesPerOp  float64
	AllocsPerOp float64
}

// goBenchmarks runs the Go benchmarks; the raw output (for benchstat) is kept in
// results.GoRaw.
func goBenchmarks(e *env) ([]goBench, string, error) {
	return nil, "", errors.New("not written yet")
}
