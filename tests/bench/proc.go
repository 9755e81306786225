package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// cpuSeconds is the user+system CPU time a process has used, from /proc.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	return (utime + stime) / 100 // USER_HZ is 100 on Linux
}

// rssMB is a process's resident memory, from /proc.
func rssMB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

var varsClient = &http.Client{Timeout: 5 * time.Second}

// hostVars is the host's part of a server's /debug/vars.
func hostVars(url string) (map[string]any, error) {
	resp, err := varsClient.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var all struct{ Host map[string]any }
	err = json.NewDecoder(resp.Body).Decode(&all)
	return all.Host, err
}
