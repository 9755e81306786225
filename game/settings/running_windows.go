package settings

import "os"

// running reports whether a process with this pid is alive: Windows finds only those.
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
