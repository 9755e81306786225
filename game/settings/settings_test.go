package settings

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gemrush/gemrush/game/sim"
)

func TestSaveAndLoad(t *testing.T) {
	dir := t.TempDir()
	s := Defaults()
	s.Name, s.Colour, s.Port, s.WindowWidth, s.WindowHeight = "Ana", 3, 5000, 1600, 900
	s.Volume, s.Mute = 35, true
	for _, a := range []string{"a:1", "b:2", "c:3", "d:4", "e:5", "f:6", "c:3"} {
		s.AddRecent(RecentGame{Addr: a, Name: "Game at " + a})
	}
	if err := s.Save(dir); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	got := Load(dir, slog.New(slog.NewTextHandler(&logged, nil)))
	want := s
	want.Recent = nil
	for _, a := range []string{"c:3", "f:6", "e:5", "d:4", "b:2"} {
		want.Recent = append(want.Recent, RecentGame{Addr: a, Name: "Game at " + a})
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded %+v, want %+v", got, want)
	}
	if logged.Len() != 0 {
		t.Errorf("logged %q loading a good file", logged.String())
	}
}

func TestEmptyRecentListIsWrittenAsAList(t *testing.T) {
	dir := t.TempDir()
	if err := Defaults().Save(dir); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, fileName))
	if !strings.Contains(string(data), `"recent_servers": []`) {
		t.Errorf("settings file:\n%s", data)
	}
}

func TestMissingFileGivesDefaultsSilently(t *testing.T) {
	var logged bytes.Buffer
	if got := Load(t.TempDir(), slog.New(slog.NewTextHandler(&logged, nil))); !reflect.DeepEqual(got, Defaults()) || logged.Len() != 0 {
		t.Fatalf("got %+v, logged %q", got, logged.String())
	}
}

func TestCorruptFileIsReportedOnceAndReplaced(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, fileName), []byte(`{"name": "Ana", "colour": `), 0o600)
	var logged bytes.Buffer
	got := Load(dir, slog.New(slog.NewTextHandler(&logged, nil)))
	if !reflect.DeepEqual(got, Defaults()) {
		t.Errorf("got %+v", got)
	}
	if n := strings.Count(logged.String(), "unreadable"); n != 1 {
		t.Errorf("logged %d times: %q", n, logged.String())
	}
	if err := got.Save(dir); err != nil {
		t.Fatal(err)
	}
	logged.Reset()
	Load(dir, slog.New(slog.NewTextHandler(&logged, nil)))
	if logged.Len() != 0 {
		t.Errorf("the rewritten file is still reported: %q", logged.String())
	}
}

func TestOutOfRangeValuesAreMended(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, fileName), []byte(`{"name": "A name far longer than sixteen", "colour": 42,
		"window_width": 5, "window_height": 99999, "last_port": 70000, "recent_servers": ["", "x:1"]}`), 0o600)
	got := Load(dir, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	d := Defaults()
	if got.Colour != d.Colour || got.WindowWidth != d.WindowWidth || got.Port != d.Port ||
		len([]rune(got.Name)) != sim.MaxNameRunes || !reflect.DeepEqual(got.Recent, []RecentGame{{Addr: "x:1"}}) {
		t.Fatalf("got %+v", got)
	}
}

// TestOneEntryPerHost: one host joined three ways is one recent game, under the
// address last used; another host at an address once used replaces nothing else.
func TestOneEntryPerHost(t *testing.T) {
	fp, other := strings.Repeat("ab", 32), strings.Repeat("cd", 32)
	s := Defaults()
	s.AddRecent(RecentGame{Addr: "127.0.0.1:5000", Name: "Ana's game", Fingerprint: fp})
	s.AddRecent(RecentGame{Addr: "192.0.2.7:4000", Name: "Bo's game", Fingerprint: other})
	s.AddRecent(RecentGame{Addr: "localhost:5000", Name: "Ana's game", Fingerprint: fp})
	s.AddRecent(RecentGame{Addr: "[::1]:5000", Name: "Ana's game", Fingerprint: fp})
	want := []RecentGame{{Addr: "[::1]:5000", Name: "Ana's game", Fingerprint: fp}, {Addr: "192.0.2.7:4000", Name: "Bo's game", Fingerprint: other}}
	if !reflect.DeepEqual(s.Recent, want) {
		t.Fatalf("recent games %+v, want %+v", s.Recent, want)
	}
	if !s.InRecent("[::1]:5000") || s.InRecent("127.0.0.1:5000") {
		t.Errorf("InRecent does not follow the list %+v", s.Recent)
	}
	// A second game on Ana's machine shows the same certificate on another port: it
	// is another game, kept beside hers.
	s.AddRecent(RecentGame{Addr: "127.0.0.1:5001", Name: "Ana's other game", Fingerprint: fp})
	if len(s.Recent) != 3 || !s.InRecent("[::1]:5000") {
		t.Errorf("a second game on one machine replaced the first: %+v", s.Recent)
	}
}

// TestBareAddressesAreMigrated: a settings file of an older release lists bare
// addresses; they become entries, each with the identity known hosts kept for it,
// and one host kept under two addresses becomes one entry.
func TestBareAddressesAreMigrated(t *testing.T) {
	dir := t.TempDir()
	fp := strings.Repeat("ab", 32)
	for _, a := range []string{"localhost:5000", "127.0.0.1:5000"} {
		if err := TrustHost(dir, a, fp); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, fileName), []byte(`{"name": "Ana", "recent_servers": ["localhost:5000", "x:1", "127.0.0.1:5000"]}`), 0o600)
	var logged bytes.Buffer
	got := Load(dir, slog.New(slog.NewTextHandler(&logged, nil)))
	want := []RecentGame{{Addr: "localhost:5000", Fingerprint: fp}, {Addr: "x:1"}}
	if !reflect.DeepEqual(got.Recent, want) || logged.Len() != 0 {
		t.Fatalf("recent games %+v (logged %q), want %+v", got.Recent, logged.String(), want)
	}
}

func TestVolumeIsKeptAndMendedAlone(t *testing.T) {
	for _, c := range []struct {
		file       string
		volume     int
		mute       bool
		unreadable bool
	}{
		{`{"name": "Ana"}`, 70, false, false},               // a file from before there was sound: the default
		{`{"volume": 0}`, 0, false, false},                  // silent is a volume like any other
		{`{"volume": 100, "mute": true}`, 100, true, false}, // muted keeps the volume for unmuting
		{`{"volume": 101, "mute": true}`, 70, true, false},  // out of range: the default, the rest kept
		{`{"volume": -3}`, 70, false, false},
		{`{"volume": "loud"}`, 70, false, true}, // not a number: the whole file is replaced
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, fileName), []byte(c.file), 0o600)
		var logged bytes.Buffer
		got := Load(dir, slog.New(slog.NewTextHandler(&logged, nil)))
		if got.Volume != c.volume || got.Mute != c.mute || (logged.Len() > 0) != c.unreadable {
			t.Errorf("%s: volume %d mute %v, logged %q; want volume %d mute %v", c.file, got.Volume, got.Mute, logged.String(), c.volume, c.mute)
		}
	}
}
