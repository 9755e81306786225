//go:build !windows

package settings

import (
	"errors"
	"syscall"
)

// running reports whether a process with this pid is alive (signal 0 asks without
// sending anything).
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
