package host

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
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
// within sim.MaxNameRunes.
func uniqueName(name string, taken func(string) bool) string {
	if !taken(name) {
		return name
	}
	for i := 2; ; i++ {
		suffix := " " + strconv.Itoa(i)
		base := []rune(name)
		if len(base)+len([]rune(suffix)) > sim.MaxNameRunes {
			base = base[:sim.MaxNameRunes-len([]rune(suffix))]
		}
		if candidate := string(base) + suffix; !taken(candidate) {
			return candidate
		}
	}
}
