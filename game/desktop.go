package game

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

//go:embed linuxlibs.txt
var linuxLibs string

// ErrNoDisplay is returned by Run when there is no desktop to open a window on.
var ErrNoDisplay = errors.New("no display found: the Gem Rush window needs a desktop session. " +
	"To host a game without a window, run: gemrush -server")

// checkDisplay fails early, in words, where a window cannot open.
func checkDisplay() error {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return ErrNoDisplay
		}
	}
	return nil
}

// explainStartError turns a failure to open the window into advice: a missing
// shared library is named with the package that provides it.
func explainStartError(err error) error {
	msg := err.Error()
	for _, line := range strings.Split(linuxLibs, "\n") {
		fields := strings.Fields(line)
		if len(fields) != 2 || strings.HasPrefix(line, "#") {
			continue
		}
		if stem, _, _ := strings.Cut(fields[0], ".so"); strings.Contains(msg, stem+".so") {
			return fmt.Errorf("the window needs %s, which is not installed. On Debian or Ubuntu: sudo apt-get install %s (%w)",
				fields[0], fields[1], err)
		}
	}
	return fmt.Errorf("cannot open the window: %w", err)
}
