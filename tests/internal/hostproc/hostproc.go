// Package hostproc reads what the load harness and the bench measure of a running
// gemrush -server: its CPU time and memory from /proc, its /debug/vars, and the
// addresses its log names.
package hostproc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// CPUSeconds is the user+system CPU time a process has used, from /proc.
func CPUSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	return (utime + stime) / 100 // USER_HZ is 100 on Linux
}

// RSSMB is a process's resident memory, from /proc.
func RSSMB(pid int) float64 {
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

// HostVars is the host's part of a server's /debug/vars.
func HostVars(url string) (map[string]any, error) {
	resp, err := varsClient.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var all struct{ Host map[string]any }
	err = json.NewDecoder(resp.Body).Decode(&all)
	return all.Host, err
}

var (
	varsLine = regexp.MustCompile(`msg="debug server" vars=(\S+)`)
	portLine = regexp.MustCompile(`msg=hosting .* port=(\d+)`)
)

// ServerAddrs reads a server's log until it has said where its /debug/vars and its
// game are.
func ServerAddrs(logs io.Reader) (vars, port string, err error) {
	sc := bufio.NewScanner(logs)
	for (vars == "" || port == "") && sc.Scan() {
		if m := varsLine.FindStringSubmatch(sc.Text()); m != nil {
			vars = m[1]
		}
		if m := portLine.FindStringSubmatch(sc.Text()); m != nil {
			port = m[1]
		}
	}
	if vars == "" || port == "" {
		return "", "", fmt.Errorf("the server did not log its addresses")
	}
	return vars, port, nil
}
