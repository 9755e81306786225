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
	for _, a := range []string{"a:1", "b:2", "c:3", "d:4", "e:5", "f:6", "c:3"} {
		s.AddRecent(a)
	}
	if err := s.Save(dir); err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	got := Load(dir, slog.New(slog.NewTextHandler(&logged, nil)))
	want := s
	want.Recent = []string{"c:3", "f:6", "e:5", "d:4", "b:2"}
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
		len([]rune(got.Name)) != sim.MaxNameRunes || !reflect.DeepEqual(got.Recent, []string{"x:1"}) {
		t.Fatalf("got %+v", got)
	}
}
