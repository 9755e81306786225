package host

import (
	"strings"
	"testing"

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
