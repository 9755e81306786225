package host

import (
	"testing"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

func TestSnapshotsGoEveryIntervalTicks(t *testing.T) {
	s := sending{rateControl: rateControl{interval: 3}}
	var sent []uint32
	for tick := uint32(1); tick <= 12; tick++ {
		if s.due(tick) {
			sent = append(sent, tick)
			s.lastSent = tick
		}
	}
	if want := []uint32{1, 4, 7, 10}; len(sent) != len(want) || sent[1] != 4 || sent[3] != 10 {
		t.Fatalf("sent at ticks %v, want %v", sent, want)
	}
}

func TestAnAckBeyondWhatWasSentIsNotBelieved(t *testing.T) {
	s := sending{lastSent: 40}
	s.acknowledge(30)
	s.acknowledge(0xFFFFFFFF) // a lie, or a bug: it must not pin the baseline
	s.acknowledge(20)         // late and older: the newest stays
	if s.acked != 40 {
		t.Fatalf("acked %d, want at most the last sent (40)", s.acked)
	}
}

func TestDeltasAreWrittenAgainstWhatThePlayerHas(t *testing.T) {
	// Two players get the same world, each with their own ack and interval. Each delta
	// must apply to the snapshot as that player received it, not as the other did.
	l := NewLoop(Config{})
	a := &Peer{id: 1, sending: sending{rateControl: rateControl{interval: 1}}}
	b := &Peer{id: 2, sending: sending{rateControl: rateControl{interval: 1}}}
	got := map[*Peer]*wire.Snapshot{}
	send := func(tick uint32, p *Peer, ack uint32) []byte {
		s := &wire.Snapshot{Tick: tick, Ack: ack, Interval: 1, Players: []wire.PlayerState{{ID: 1, X: uint16(100 + tick)}}}
		if p == a {
			l.history.put(s)
		}
		p.sending.lastSent = tick
		p.sending.sent[tick%historyLen] = sentHeader{tick: tick, ack: ack, interval: 1}
		return l.encodeFor(p, s)
	}
	for _, p := range []*Peer{a, b} {
		m, _ := wire.Parse(send(5, p, uint32(p.id)*100))
		got[p] = m.(*wire.Snapshot) // no baseline yet: whole
		p.sending.acknowledge(5)
	}
	for _, p := range []*Peer{a, b} {
		m, err := wire.Parse(send(6, p, uint32(p.id)*100+1))
		d, ok := m.(*wire.SnapshotDelta)
		if err != nil || !ok {
			t.Fatalf("player %d: tick 6 not a delta (%v)", p.id, err)
		}
		full, err := d.Apply(got[p])
		if err != nil || full.Ack != uint32(p.id)*100+1 {
			t.Fatalf("player %d: delta applied to what they have gives ack %d (%v), want %d", p.id, full.Ack, err, uint32(p.id)*100+1)
		}
	}
}

func TestTheMostPlayersFitADatagram(t *testing.T) {
	// A full game's whole snapshot, every gem out, fits in one datagram; one player
	// more would not, and the host refuses to be set up for them.
	most := MostPlayers()
	s := &wire.Snapshot{Players: make([]wire.PlayerState, most), Gems: make([]wire.GemState, sim.MaxGems)}
	b, err := wire.AppendMessage(nil, s)
	if err != nil || len(b) > wire.MaxDatagramSize {
		t.Fatalf("%d players: %d bytes, %v", most, len(b), err)
	}
	s.Players = append(s.Players, wire.PlayerState{})
	if _, err := wire.AppendMessage(nil, s); err == nil {
		t.Fatalf("%d players fit too: MostPlayers is not the most", most+1)
	}
	if _, err := New(Config{MaxPlayers: most + 1, Addr: "127.0.0.1:0", CertDir: t.TempDir()}); err == nil {
		t.Fatalf("a host for %d players was set up", most+1)
	}
	t.Logf("at most %d players: %d bytes", most, len(b))
}
