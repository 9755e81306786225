package host_test

import (
	"testing"

	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/wire"
)

// recordingLink keeps the datagrams the loop hands it, as the QUIC link would copy
// them, and takes every message.
type recordingLink struct {
	benchLink
	got [][]byte
}

func (k *recordingLink) Datagram(b []byte) { k.got = append(k.got, append([]byte(nil), b...)) }

// TestAJoinerGetsTheWorldBeforeTheNextTick: a player just welcomed is sent the world
// at once, with themself in it, not a tick later; the next tick's snapshot is whole
// too, since the first was never one the others got and cannot be a baseline.
func TestAJoinerGetsTheWorldBeforeTheNextTick(t *testing.T) {
	l := host.NewLoop(host.Config{Seed: 1, Logger: quiet})
	var ana, bo recordingLink
	l.Admit(&ana, &wire.Hello{Version: wire.Version, Name: "Ana"})
	l.Ticks(3)
	before := len(ana.got)
	p := l.Admit(&bo, &wire.Hello{Version: wire.Version, Name: "Bo"})
	if p == nil || len(bo.got) != 1 || len(ana.got) != before {
		t.Fatalf("on Bo's welcome: Bo got %d datagrams, Ana %d more; want 1 for Bo alone", len(bo.got), len(ana.got)-before)
	}
	m, err := wire.Parse(bo.got[0])
	s, ok := m.(*wire.Snapshot)
	if err != nil || !ok || len(s.Players) != 2 {
		t.Fatalf("Bo's first datagram: %T with %v (%v); want a whole snapshot of Ana and Bo", m, s, err)
	}
	l.Input(p, &wire.Input{Seq: 1, Snapshot: s.Tick, Moves: []wire.Move{{}}})
	l.Ticks(1)
	if m, err := wire.Parse(bo.got[len(bo.got)-1]); err != nil || m.Type() != wire.TypeSnapshot {
		t.Fatalf("the tick after Bo's welcome sent him %T (%v), want a whole snapshot", m, err)
	}
}
