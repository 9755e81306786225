package settings

import (
	"fmt"
	"os"
	"os/exec"
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
		`","saved":"` + time.Now().Add(-2*comebackKeep).Format(time.RFC3339) + `"}]`
	os.WriteFile(filepath.Join(dir, comebackFile), []byte(old), 0o600)
	if _, ok := FindComeback(dir, "192.0.2.7:47777", "Cy"); ok {
		t.Error("a comeback two days old was offered")
	}
}

// TestAComebackInUseIsNotOffered: a token another running process plays with is left
// alone (two games under the same name must not take each other's places); once that
// process is gone, it is offered.
func TestAComebackInUseIsNotOffered(t *testing.T) {
	dir := t.TempDir()
	other := exec.Command("sleep", "30")
	if err := other.Start(); err != nil {
		t.Skip("cannot start a second process:", err)
	}
	entry := func(pid int) string {
		return `[{"addr":"192.0.2.7:47777","name":"Bo","fingerprint":"ab","token":"` + strings.Repeat("02", 16) +
			`","saved":"` + time.Now().Format(time.RFC3339) + `","pid":` + fmt.Sprint(pid) + `}]`
	}
	os.WriteFile(filepath.Join(dir, comebackFile), []byte(entry(other.Process.Pid)), 0o600)
	if _, ok := FindComeback(dir, "192.0.2.7:47777", "Bo"); ok {
		t.Error("a token another running game plays with was offered")
	}
	other.Process.Kill()
	other.Wait()
	if c, ok := FindComeback(dir, "192.0.2.7:47777", "Bo"); !ok || c.Token[0] != 2 {
		t.Errorf("the token of a game that is gone was not offered: %+v %v", c, ok)
	}
}
