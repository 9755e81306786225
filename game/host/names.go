package host

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
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

// cleanName is the name a player asked for as the game keeps it: cleanText, with no
// more than mostMarks combining marks on any one letter (a name of one letter and
// fifteen stacked accents draws over its neighbours), composed (NFC) so that the same
// name typed two ways is one.
func cleanName(s string) string {
	var b strings.Builder
	marks := 0
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) || r == '\u2800' {
			continue // drawn as nothing (a Hangul filler, a braille blank): a name of them looks empty
		}
		if unicode.In(r, unicode.Mn, unicode.Me) {
			if marks++; marks > mostMarks {
				continue
			}
		} else {
			marks = 0
		}
		b.WriteRune(r)
	}
	return cleanText(norm.NFC.String(b.String()), sim.MaxNameRunes)
}

// lookalike is what two names share when people cannot tell them apart: the Unicode
// confusable skeleton (TR39: "Вot" with a Cyrillic В is "Bot"), without case.
func lookalike(name string) string { return strings.ToLower(confusables.Skeleton(name)) }

// renamed is what a player is told when the name they play under is not the one
// they typed (asked is it as the game keeps it), or "".
func renamed(typed, asked, got string) string {
	switch {
	case got == strings.TrimSpace(typed):
		return ""
	case asked != "" && got != asked:
		return fmt.Sprintf("Someone here is already called %s, or something that looks just like it: you play as %s.", asked, got)
	case asked != "":
		return fmt.Sprintf("Your name could not be kept exactly as typed: you play as %s.", got)
	}
	return ""
}
