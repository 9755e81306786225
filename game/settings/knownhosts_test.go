package settings

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestKnownHostsTrustOnFirstUse: an address unknown has no host; once trusted it has
// that one, until the player trusts another; the file is the user's alone, and what
// in it is not an address with a whole fingerprint is left out.
func TestKnownHostsTrustOnFirstUse(t *testing.T) {
	dir := t.TempDir()
	a, b := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	if _, ok := KnownHostAt(dir, "192.0.2.9:47777"); ok {
		t.Fatal("an address never joined has a known host")
	}
	if err := TrustHost(dir, "192.0.2.9:47777", a); err != nil {
		t.Fatal(err)
	}
	TrustHost(dir, "198.51.100.4:47777", b)
	if fp, ok := KnownHostAt(dir, "192.0.2.9:47777"); !ok || fp != a {
		t.Errorf("after trusting it: %q %v", fp, ok)
	}
	if fp, ok := KnownHostAt(dir, "192.0.2.9"); !ok || fp != a {
		t.Errorf("the same address without its default port: %q %v", fp, ok)
	}
	TrustHost(dir, "192.0.2.9:47777", b) // the player trusted the new one
	if fp, _ := KnownHostAt(dir, "192.0.2.9:47777"); fp != b {
		t.Errorf("after trusting a new one: %q", fp)
	}
	if fi, err := os.Stat(filepath.Join(dir, knownHostsFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("known hosts file: %v %v", fi, err)
	}
	got := parseKnownHosts([]byte(`[{"addr":"x:1","fingerprint":"` + a + `"},{"addr":"","fingerprint":"` + a + `"},
		{"addr":"y:1","fingerprint":"abc"},{"addr":"z:1","fingerprint":"` + strings.Repeat("zz", 32) + `"}]`))
	if len(got) != 1 || got[0].Addr != "x:1" {
		t.Errorf("parsed %+v", got)
	}
}

// FuzzParseKnownHosts: whatever the file holds, reading it never fails the game, and
// every entry kept is an address with a whole fingerprint.
func FuzzParseKnownHosts(f *testing.F) {
	f.Add([]byte(`[{"addr":"192.0.2.9:47777","fingerprint":"` + strings.Repeat("ab", 32) + `","seen":"2026-01-01T00:00:00Z"}]`))
	f.Add([]byte(`[{"addr":1}]`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		kept := parseKnownHosts(data)
		again, _ := json.Marshal(kept) // what was kept reads back as it is, as the game would write it
		if back := parseKnownHosts(again); !slices.EqualFunc(kept, back, func(a, b KnownHost) bool {
			return a.Addr == b.Addr && a.Fingerprint == b.Fingerprint && a.Seen.Equal(b.Seen)
		}) {
			t.Fatalf("kept %+v, which reads back as %+v", kept, back)
		}
		for _, h := range kept {
			if h.Addr == "" || len(h.Fingerprint) != 64 || strings.ToLower(h.Fingerprint) != h.Fingerprint {
				t.Fatalf("kept %+v", h)
			}
		}
	})
}

// FuzzParseSettings: whatever the settings file holds, what the game takes from it is
// in range.
func FuzzParseSettings(f *testing.F) {
	f.Add([]byte(`{"name":"Ana","colour":3,"recent_servers":["192.0.2.9:47777"],"window_width":1280,"window_height":720,"last_port":47777,"volume":40,"mute":true}`))
	f.Add([]byte(`{"volume":-5,"mute":1}`))
	f.Add([]byte(`{"colour":-1,"window_width":99999,"last_port":70000,"name":"` + strings.Repeat("é", 40) + `"}`))
	f.Add([]byte("{\"nAme\":\" 0\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\xc3 \"}")) // found by the fuzzer: spaces around 16 letters, and a byte that is no letter

	f.Fuzz(func(t *testing.T, data []byte) {
		s, _ := parse(data)
		if s.Colour < 0 || s.Colour >= 8 || s.Port < 0 || s.Port > 65535 || len(s.Recent) > maxRecent ||
			s.WindowWidth < 320 || s.WindowWidth > 8192 || len([]rune(s.Name)) > 16 || !utf8.ValidString(s.Name) ||
			s.Volume < 0 || s.Volume > MaxVolume {
			t.Fatalf("out of range: %+v", s)
		}
	})
}
