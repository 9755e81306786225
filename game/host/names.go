package host

import (
	"github.com/gemrush/gemrush/net/wire"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what players type; the wire allows more, the screen does not.
const (
	maxNameRunes = 16
	maxChatRunes = 160
)

// cleanText keeps printable characters, folds runs of white space into one space,
// trims, and cuts to limit runes (and to what the wire can carry).
func cleanText(s string, limit int) string {
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			continue
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if n >= limit {
			break
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
			if n >= limit {
				break
			}
		}
		b.WriteRune(r)
		n++
	}
	return wire.Clip(b.String())
}

// uniqueName makes name unique among taken by adding " 2", " 3", … and keeps it
// within maxNameRunes.
func uniqueName(name string, taken func(string) bool) string {
	if !taken(name) {
		return name
	}
	for i := 2; ; i++ {
		suffix := " " + strconv.Itoa(i)
		base := []rune(name)
		if len(base)+len([]rune(suffix)) > maxNameRunes {
			base = base[:maxNameRunes-len([]rune(suffix))]
		}
		if candidate := string(base) + suffix; !taken(candidate) {
			return candidate
		}
	}
}
