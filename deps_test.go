package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering keeps the packages' walls where the design puts them: the rules and
// the wire format use only the standard library, nothing below the window imports
// ebiten, the window and the client state know nothing of QUIC (the transport plugs
// in from main), and discovery knows nothing of the game or the network code.
func TestLayering(t *testing.T) {
	const mod = "github.com/gemrush/gemrush/"
	const quic = "github.com/quic-go/"
	rules := []struct {
		pkg       string
		stdOnly   bool
		forbidden []string
	}{
		{pkg: "game/sim", stdOnly: true},
		{pkg: "net/wire", stdOnly: true},
		{pkg: "assets", stdOnly: true},
		{pkg: "game", forbidden: []string{quic, mod + "game/host", mod + "game/quicnet", mod + "net/session"}},
		{pkg: "game/client", forbidden: []string{"github.com/hajimehoshi/ebiten", quic}},
		{pkg: "game/quicnet", forbidden: []string{"github.com/hajimehoshi/ebiten"}},
		{pkg: "game/nettest", forbidden: []string{"github.com/hajimehoshi/ebiten"}},
		{pkg: "game/host", forbidden: []string{"github.com/hajimehoshi/ebiten"}},
		{pkg: "game/bot", forbidden: []string{"github.com/hajimehoshi/ebiten"}},
		{pkg: "net/session", forbidden: []string{"github.com/hajimehoshi/ebiten", mod + "game"}},
		{pkg: "net/netsim", forbidden: []string{"github.com/hajimehoshi/ebiten", mod + "game"}},
		{pkg: "discovery", forbidden: []string{mod + "game", mod + "net"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}}", "./"+r.pkg).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "directory not found") || strings.Contains(string(out), "no Go files") {
				continue // not written yet
			}
			t.Fatalf("go list %s: %v\n%s", r.pkg, err, out)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			path, std, _ := strings.Cut(line, " ")
			if r.stdOnly && std != "true" && !strings.HasPrefix(path, mod) {
				t.Errorf("%s must use only the standard library, but depends on %s", r.pkg, path)
			}
			for _, f := range r.forbidden {
				if strings.HasPrefix(path, f) {
					t.Errorf("%s must not depend on %s, but depends on %s", r.pkg, f, path)
				}
			}
		}
	}
}
