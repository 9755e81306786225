package main

import (
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The report's sections, each with its table's header, and the plots each draws.
var reportSections = []struct {
	heading, header string
	plots           []string
	has             func(*results) bool
}{
	{"## Scale", "| players | tick p50 ms | tick p99 ms | CPU % of a core | µs per player-tick |",
		[]string{"scale_cpu.png", "scale_tick.png"}, func(r *results) bool { return len(r.Scale) > 0 }},
	{"## Feel under loss", "| transport | loss | delay | own input → screen, frames (max) |",
		[]string{"feel_gap.png", "feel_freeze.png", "feel_frozen.png", "feel_down.png"}, func(r *results) bool { return len(r.Feel) > 0 }},
	{"## Downlink, movement only", "| loss | delay | bots | snapshots a second |", nil, func(r *results) bool { return len(r.Movement) > 0 }},
	{"## Join and discovery", "| measure | runs | p50 ms | max ms |", nil, func(r *results) bool { return r.Join != nil }},
	{"## Go benchmarks", "| package | benchmark | ns/op | B/op | allocs/op |", nil, func(r *results) bool { return len(r.Go) > 0 }},
	{"## Targets", "| target | measured | met |", nil, func(r *results) bool { return len(r.Scale)+len(r.Feel) > 0 || r.Join != nil }},
}

func TestWriteEverySection(t *testing.T) {
	r := fabricated()
	out := t.TempDir()
	if err := write(out, r); err != nil {
		t.Fatal(err)
	}
	readme := checkSections(t, out, r)
	for _, want := range []string{r.Machine, "2026-03-14", "9m12s", "make bench", "make benchcmp OLD=", "(scale_cpu.png)",
		"| ×2.06 |", "**not met**", "| met |", "| 5 % | 100 ms |"} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md has no %q", want)
		}
	}
	lines := strings.Split(readme, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "| "+quicName+" | 2 % | 50 ms |") && !strings.HasPrefix(lines[i+1], "| "+tcpName+" | 2 % | 50 ms |") {
			t.Errorf("the TCP row of 2 %% loss and 50 ms does not follow Gem Rush's: %q", lines[i+1])
		}
	}
	b, err := os.ReadFile(filepath.Join(out, resultsFile))
	if err != nil {
		t.Fatal(err)
	}
	var back results
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, r) {
		t.Errorf("results.json read back is\n%+v\nnot\n%+v", back, *r)
	}
	if raw, err := os.ReadFile(filepath.Join(out, goRawFile)); err != nil || string(raw) != r.GoRaw {
		t.Errorf("go.txt is %q (%v), not the raw output %q", raw, err, r.GoRaw)
	}
}

func TestWriteOnlyTheSectionsMeasured(t *testing.T) {
	every := fabricated()
	for name, r := range map[string]*results{
		"one number of players, and go": {Machine: every.Machine, When: every.When, Scale: every.Scale[:1], Go: every.Go, GoRaw: every.GoRaw},
		"one condition of the link":     {Machine: every.Machine, When: every.When, Feel: every.Feel[:2]},
		"join on loopback":              {Machine: every.Machine, When: every.When, Join: &joinRow{JoinToSnapshot: every.Join.JoinToSnapshot}},
		"go":                            {Machine: every.Machine, When: every.When, Go: every.Go, GoRaw: every.GoRaw},
	} {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			if err := write(out, r); err != nil {
				t.Fatal(err)
			}
			checkSections(t, out, r)
			if _, err := os.Stat(filepath.Join(out, goRawFile)); (err == nil) != (r.GoRaw != "") {
				t.Errorf("go.txt there: %v, with raw output: %v", err == nil, r.GoRaw != "")
			}
		})
	}
}

// checkSections checks that the report in out has the sections r has, with their
// tables and plots, and no others, and returns its README.md.
func checkSections(t *testing.T, out string, r *results) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, readmeFile))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, s := range reportSections {
		want := s.has(r)
		if got := strings.Contains(readme, s.heading+"\n"); got != want {
			t.Errorf("README.md has %q: %v, want %v", s.heading, got, want)
		}
		if want && !strings.Contains(readme, s.header) {
			t.Errorf("README.md has no table header %q", s.header)
		}
		for _, file := range s.plots {
			checkPlot(t, filepath.Join(out, file), want)
			if got := strings.Contains(readme, "]("+file+")"); got != want {
				t.Errorf("README.md embeds %s: %v, want %v", file, got, want)
			}
		}
	}
	return readme
}

// checkPlot checks that file is a PNG of the plots' size, or is not there.
func checkPlot(t *testing.T, file string, there bool) {
	t.Helper()
	f, err := os.Open(file)
	if !there {
		if err == nil {
			f.Close()
			t.Errorf("%s is there, for a section not measured", filepath.Base(file))
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(file), err)
	}
	if b := img.Bounds(); b.Dx() != plotWidthPx || b.Dy() != plotHeightPx {
		t.Errorf("%s is %d×%d, want %d×%d", filepath.Base(file), b.Dx(), b.Dy(), plotWidthPx, plotHeightPx)
	}
}
