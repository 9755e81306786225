package main

import (
	"os"
	"testing"
)

func TestParseGoBench(t *testing.T) {
	// Captured from go test -bench . -benchmem -count 3 over game/sim and net/wire; the
	// wire's snapshot benchmarks report a metric of their own, bytes/snapshot.
	captured, err := os.ReadFile("testdata/gobench.txt")
	if err != nil {
		t.Fatal(err)
	}
	const (
		sim  = "github.com/gemrush/gemrush/game/sim"
		wire = "github.com/gemrush/gemrush/net/wire"
	)
	rows := parseGoBench(string(captured))
	if len(rows) != 14 {
		t.Fatalf("%d rows, want 2 of sim and 12 of wire: %+v", len(rows), rows)
	}
	for _, tc := range []struct {
		at   int
		want goBench
	}{
		{0, goBench{Pkg: sim, Name: "Step/players=8", Runs: 3, NsPerOp: 805.2}},
		{1, goBench{Pkg: sim, Name: "Step/players=64", Runs: 3, NsPerOp: 6235}},
		{2, goBench{Pkg: wire, Name: "SnapshotAppend/players=8", Runs: 3, NsPerOp: 99.18}},
		{4, goBench{Pkg: wire, Name: "SnapshotAppend/players=128", Runs: 3, NsPerOp: 1195}},
		{7, goBench{Pkg: wire, Name: "SnapshotParse/players=128", Runs: 3, NsPerOp: 6635, BytesPerOp: 928, AllocsPerOp: 4}},
		{10, goBench{Pkg: wire, Name: "SnapshotDeltaAppend/players=128", Runs: 3, NsPerOp: 7773, BytesPerOp: 1648, AllocsPerOp: 4}},
		{13, goBench{Pkg: wire, Name: "SnapshotDeltaApply/players=128", Runs: 3, NsPerOp: 6405, BytesPerOp: 2568, AllocsPerOp: 8}},
	} {
		if got := rows[tc.at]; got != tc.want {
			t.Errorf("row %d = %+v, want %+v", tc.at, got, tc.want)
		}
	}
}

func TestParseGoBenchEdges(t *testing.T) {
	for _, tc := range []struct {
		name, out string
		want      []goBench
	}{
		{"an even count takes the mean of the middle two", `pkg: p
BenchmarkTick/players=8-2   100   10 ns/op   4 B/op   1 allocs/op
BenchmarkTick/players=8-2   100   30 ns/op   8 B/op   1 allocs/op
BenchmarkTick/players=8-2   100   20 ns/op   4 B/op   1 allocs/op
BenchmarkTick/players=8-2   100   90 ns/op   8 B/op   3 allocs/op
`, []goBench{{Pkg: "p", Name: "Tick/players=8", Runs: 4, NsPerOp: 25, BytesPerOp: 6, AllocsPerOp: 1}}},
		{"GOMAXPROCS 1 has no suffix, and a name printed before its log is no result", `pkg: p
BenchmarkStep
    step_test.go:9: warming up
BenchmarkStep   	  1000	      1234 ns/op
`, []goBench{{Pkg: "p", Name: "Step", Runs: 1, NsPerOp: 1234}}},
		{"the same name in two packages is two rows; unknown units are ignored", `pkg: a
BenchmarkX-8   5   1.5 ns/op   99 widgets/op
pkg: b
BenchmarkX-8   5   2.5 ns/op
--- FAIL: BenchmarkY-8
`, []goBench{{Pkg: "a", Name: "X", Runs: 1, NsPerOp: 1.5}, {Pkg: "b", Name: "X", Runs: 1, NsPerOp: 2.5}}},
		{"no results", "PASS\nok  \tp\t0.1s\n", []goBench{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseGoBench(tc.out)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("row %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}
