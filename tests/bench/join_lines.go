package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"time"
)

// line is one line a process of the join section printed, and when it was read.
type line struct {
	text string
	at   time.Time
}

// followLen is how many unread lines a follower keeps: far more than a server or a
// browser prints while the section waits for one of them.
const followLen = 256

// follow reads r line by line as the process writes them, stamping each as it is
// read. A reader that falls behind loses lines rather than hold up the process on
// a full pipe; the channel closes when the process closes r (it has exited).
func follow(r io.Reader) <-chan line {
	out := make(chan line, followLen)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			select {
			case out <- line{text: sc.Text(), at: time.Now()}:
			default:
			}
		}
	}()
	return out
}

// awaitLine returns the submatches of the first line that re matches, and when that
// line was read; it fails once limit has passed or the process has closed its end.
func awaitLine(lines <-chan line, re *regexp.Regexp, limit time.Duration) ([]string, time.Time, error) {
	timeout := time.NewTimer(limit)
	defer timeout.Stop()
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return nil, time.Time{}, fmt.Errorf("it exited before printing a line like %q", re)
			}
			if m := re.FindStringSubmatch(l.text); m != nil {
				return m, l.at, nil
			}
		case <-timeout.C:
			return nil, time.Time{}, fmt.Errorf("no line like %q within %v", re, limit)
		}
	}
}
