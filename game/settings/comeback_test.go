package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// TestComebacksAreKeptPerGameAndPlayerUntilForgotten: a token saved for an address and
// a name is found again (after a restart, from the file), replaced by a newer one,
// and gone once forgotten; the file is readable only by the user; an entry too old to
// stand for a place is not offered.
func TestComebacksAreKeptPerGameAndPlayerUntilForgotten(t *testing.T) {
	dir := t.TempDir()
	a := Comeback{Addr: "192.0.2.7:47777", Name: "Bo", Fingerprint: "ab", Token: wire.Token{1, 2, 3}}
	b := Comeback{Addr: "192.0.2.7:47777", Name: "Bot 2", Fingerprint: "ab", Token: wire.Token{9}}
	for _, c := range []Comeback{a, b} {
		if err := SaveComeback(dir, c); err != nil {
			t.Fatal(err)
		}
	}
	if got, ok := FindComeback(dir, a.Addr, "Bo"); !ok || got.Token != a.Token || got.Fingerprint != "ab" {
		t.Fatalf("found %+v, %v", got, ok)
	}
	a.Token = wire.Token{4}
	SaveComeback(dir, a)
	if got, _ := FindComeback(dir, a.Addr, "Bo"); got.Token != a.Token {
		t.Errorf("a newer token did not replace the old: %v", got.Token)
	}
	if _, ok := FindComeback(dir, "192.0.2.8:47777", "Bo"); ok {
		t.Error("a comeback was found for another game")
	}
	info, err := os.Stat(filepath.Join(dir, comebackFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the file's mode is %v (%v), want 0600", info.Mode().Perm(), err)
	}
	ForgetComeback(dir, a.Addr, "Bo")
	if _, ok := FindComeback(dir, a.Addr, "Bo"); ok {
		t.Error("a forgotten comeback is still found")
	}
	if _, ok := FindComeback(dir, b.Addr, "Bot 2"); !ok {
		t.Error("forgetting one comeback lost another")
	}
	old := `[{"addr":"192.0.2.7:47777","name":"Cy","fingerprint":"ab","token":"` + strings.Repeat("01", 16) +
		`","saved":"` + time.Now().Add(-time.Hour).Format(time.RFC3339) + `"}]`
	os.WriteFile(filepath.Join(dir, comebackFile), []byte(old), 0o600)
	if _, ok := FindComeback(dir, "192.0.2.7:47777", "Cy"); ok {
		t.Error("an hour-old comeback was offered")
	}
}
