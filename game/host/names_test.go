package host

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gemrush/gemrush/game/sim"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Ana  ", "Ana"},
		{"Bo\x00b\x1b[31m", "Bob[31m"},
		{"a \t\n  b", "a b"},
		{"ééééééééééééééééééé", "éééééééééééééééé"},
		{"\u202eevil", "evil"},
		{"\xff\xfe", ""},
		{"fifteen chars xy z", "fifteen chars xy"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in, sim.MaxNameRunes); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := cleanText(strings.Repeat("x", 500), sim.MaxChatRunes); len(got) != sim.MaxChatRunes {
		t.Errorf("chat cut to %d runes", len(got))
	}
}

func TestUniqueName(t *testing.T) {
	taken := map[string]bool{"Ana": true, "Ana 2": true, "Sixteen-letters!": true}
	has := func(s string) bool { return taken[s] }
	for in, want := range map[string]string{"Ana": "Ana 3", "Bo": "Bo", "Sixteen-letters!": "Sixteen-letter 2"} {
		if got := uniqueName(in, has); got != want {
			t.Errorf("uniqueName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNamesPeopleCanTellApart: a name that looks like one taken (another script's
// look-alike letters, another case) is made unique as the same name would be; a letter
// keeps at most two combining marks; the same name typed composed or decomposed is one.
func TestNamesPeopleCanTellApart(t *testing.T) {
	taken := []string{"Bot 2", "Ana", "José"}
	has := func(n string) bool {
		for _, p := range taken {
			if lookalike(p) == lookalike(n) {
				return true
			}
		}
		return false
	}
	for in, want := range map[string]string{
		"\u0412ot 2": "\u0412ot 2 2", // a Cyrillic В
		"ana":        "ana 2",
		"Jose\u0301": "José 2",     // decomposed: the same name
		"\u0410na":   "\u0410na 2", // a Cyrillic А
		"Bot 3":      "Bot 3",
		"Zoë":        "Zoë",
	} {
		if got := uniqueName(cleanName(in), has); got != want {
			t.Errorf("%q joins as %q, want %q", in, got, want)
		}
	}
	stacked := "a" + strings.Repeat("\u0301", 15) + "b"
	if got := cleanName(stacked); got != "á\u0301b" {
		t.Errorf("a letter with 15 accents is kept as %q (%d runes)", got, utf8.RuneCountInString(got))
	}
	if got := cleanName("\u3164\u2800"); got != "" {
		t.Errorf("a name drawn as nothing is kept as %q", got)
	}
	if got := cleanName("Vi\u1EC7t"); got != "Việt" { // two marks on one letter: kept
		t.Errorf("Việt is kept as %q", got)
	}
}

func TestRenamedSaysWhy(t *testing.T) {
	for _, tc := range []struct{ typed, asked, got, want string }{
		{"Ana", "Ana", "Ana", ""},
		{"  Ana ", "Ana", "Ana", ""},
		{"Ana", "Ana", "Ana 2", "Someone here is already called Ana, or something that looks just like it: you play as Ana 2."},
		{"a" + strings.Repeat("\u0301", 9), "á\u0301", "á\u0301", "Your name could not be kept exactly as typed: you play as á\u0301."},
		{"", "", "Player 3", ""},
	} {
		if got := renamed(tc.typed, tc.asked, tc.got); got != tc.want {
			t.Errorf("renamed(%q, %q, %q) = %q", tc.typed, tc.asked, tc.got, got)
		}
	}
}
