package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// machine is the one line the report gives the computer it was measured on: a
// figure means little without it.
func machine() string {
	parts := []string{}
	if cpu := procField("/proc/cpuinfo", "model name"); cpu != "" {
		parts = append(parts, cpu)
	}
	parts = append(parts, fmt.Sprintf("%d cores", runtime.NumCPU()),
		runtime.GOOS+"/"+runtime.GOARCH, runtime.Version())
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		parts = append(parts, "kernel "+strings.TrimSpace(string(b)))
	}
	if kb, err := strconv.ParseFloat(strings.TrimSuffix(procField("/proc/meminfo", "MemTotal"), " kB"), 64); err == nil {
		parts = append(parts, fmt.Sprintf("%.1f GB memory", kb/1024/1024))
	}
	return strings.Join(parts, ", ")
}

// procField is the value of the first "key: value" line of a /proc file that has
// key, or "" where there is no such file (on Windows and macOS) or line.
func procField(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		k, v, ok := strings.Cut(lines.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// The files the report is made of, in its folder.
const (
	resultsFile = "results.json" // everything measured, for -from
	goRawFile   = "go.txt"       // the Go benchmarks' own output, for benchstat
	readmeFile  = "README.md"
)

// write makes the report in out: the results as JSON (so the report can be written
// again with -from, without measuring), the raw Go benchmark output, the plots, and
// README.md, which shows only the sections r has.
func write(out string, r *results) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, resultsFile), append(b, '\n'), 0o644); err != nil {
		return err
	}
	if r.GoRaw != "" {
		if err := os.WriteFile(filepath.Join(out, goRawFile), []byte(r.GoRaw), 0o644); err != nil {
			return err
		}
	}
	plots, err := drawPlots(out, r)
	if err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	var md bytes.Buffer
	writeReadme(&md, r, plots)
	return os.WriteFile(filepath.Join(out, readmeFile), md.Bytes(), 0o644)
}

// rewrite writes the report in out again from a results.json that write made,
// measuring nothing: for -from.
func rewrite(out, from string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var r results
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s: %w", from, err)
	}
	return write(out, &r)
}
