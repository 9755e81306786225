package game

import (
	"strings"

	"github.com/atotto/clipboard"
)

// clipboardPipe copies and pastes off the game loop: on Linux the clipboard is
// reached through xclip, xsel or wl-copy, a process start away. The results come
// back through channels that Update polls.
type clipboardPipe struct {
	pasted chan string
	copied chan error
}

func newClipboardPipe() clipboardPipe {
	return clipboardPipe{pasted: make(chan string, 1), copied: make(chan error, 1)}
}

func (c clipboardPipe) paste() {
	go func() {
		s, err := clipboard.ReadAll()
		if err != nil {
			return // nothing to paste
		}
		s = strings.TrimSpace(strings.SplitN(s, "\n", 2)[0]) // one line: these are one-line fields
		select {
		case c.pasted <- s:
		default:
		}
	}()
}

func (c clipboardPipe) copy(s string) {
	go func() {
		select {
		case c.copied <- clipboard.WriteAll(s):
		default:
		}
	}()
}

// poll delivers a finished paste into in, and reports a finished copy.
func (c clipboardPipe) poll(in *intents) (copied bool, err error) {
	select {
	case s := <-c.pasted:
		in.pasted = s
	default:
	}
	select {
	case err := <-c.copied:
		return true, err
	default:
		return false, nil
	}
}

// clipboardAdvice turns a copy failure into what to do about it.
func clipboardAdvice(err error) string {
	if strings.Contains(err.Error(), "No clipboard utilities") {
		return "Copying needs xclip, xsel or wl-clipboard: sudo apt-get install xclip"
	}
	return "Could not copy: " + err.Error()
}
