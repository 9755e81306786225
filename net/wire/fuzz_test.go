package wire

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary datagrams and frame bodies to Parse: it must never panic,
// and whatever it accepts must encode back to the very same bytes.
func FuzzParse(f *testing.F) {
	for _, g := range golden {
		b, _ := hex.DecodeString(strings.ReplaceAll(g.hex, " ", ""))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		again, err := AppendMessage(nil, m)
		if err != nil {
			t.Fatalf("parsed %+v but cannot encode it: %v", m, err)
		}
		if h, ok := m.(*Hello); ok && h.Version != Version {
			b = b[:3] // another version's hello is read as far as its version, and re-encoded as this version lays it out
			again = again[:3]
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoded %x, input was %x", again, b)
		}
	})
}

// FuzzReadFrame feeds arbitrary stream bytes to ReadFrame: no panic, no frame larger
// than the limit, and every frame it accepts re-encodes to the bytes it consumed.
func FuzzReadFrame(f *testing.F) {
	var stream []byte
	for _, g := range golden {
		stream, _ = AppendFrame(stream, g.msg)
	}
	f.Add(stream)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bufio.NewReader(bytes.NewReader(b))
		for range 64 {
			m, err := ReadFrame(r)
			if err != nil {
				return
			}
			if _, err := AppendFrame(nil, m); err != nil {
				t.Fatalf("accepted %+v that cannot be re-framed: %v", m, err)
			}
			if _, ok := m.(interface{ Type() Type }); !ok || reflect.ValueOf(m).IsNil() {
				t.Fatal("nil message without error")
			}
		}
	})
}

// fuzzBaseline is the snapshot FuzzSnapshotDelta's deltas are applied to: the golden
// delta's baseline tick, players at the arena's corners and inside, three gems, an ack
// near the top of its range so that an offset can run past it.
var fuzzBaseline = &Snapshot{Tick: 9, Ack: 0xFFFFFF00, Round: 1, Interval: 1, Queue: 2,
	Players: []PlayerState{{ID: 1, X: 0x100, Y: 0x200}, {ID: 2}, {ID: 3, X: 0xFFFF, Y: 0xFFFF}, {ID: 9, X: 5000, Y: 40}},
	Gems:    []GemState{{ID: 7, X: 3, Y: 4}, {ID: 8, X: 900, Y: 900}, {ID: 11, X: 0xFFFF}}}

// FuzzSnapshotDelta applies whatever parses as a SnapshotDelta to a fixed baseline: no
// panic, the bytes back as they came, the baseline untouched, and a result that encodes
// as a full snapshot and that the host's own delta, written against the same baseline,
// rebuilds exactly in no more bytes than the input — leaving out the ids, the header
// and the ack's high bytes whenever the input left them out.
func FuzzSnapshotDelta(f *testing.F) {
	for _, d := range []*SnapshotDelta{goldenDelta, goldenDeltaCommon, goldenDeltaQueue, goldenDeltaAckBehind} {
		b, _ := AppendMessage(nil, d)
		f.Add(b)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 64 {
		cur, _ := randomPair(rng)
		cur.Tick = fuzzBaseline.Tick + 1 + rng.Uint32N(10)
		if i%2 == 0 { // the baseline's players, moved: ids left out
			cur.Players = cur.Players[:0]
			for _, p := range fuzzBaseline.Players {
				cur.Players = append(cur.Players, PlayerState{ID: p.ID, X: p.X/2 + uint16(rng.IntN(300)), Y: p.Y})
			}
		}
		if i%4 < 2 { // the baseline's header: left out
			cur.Round, cur.Phase, cur.Winner = fuzzBaseline.Round, fuzzBaseline.Phase, fuzzBaseline.Winner
			cur.Interval, cur.Queue = fuzzBaseline.Interval, fuzzBaseline.Queue
			if i%8 == 1 { // but for the queue: all of it travels
				cur.Queue++
			}
		}
		if i%8 < 4 { // a few inputs on: an offset
			cur.Ack = fuzzBaseline.Ack + rng.Uint32N(0x100)
		}
		if b, err := AppendMessage(nil, NewSnapshotDelta(cur, fuzzBaseline)); err == nil {
			f.Add(b)
		}
	}
	before := cloneSnapshot(fuzzBaseline)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		d, ok := m.(*SnapshotDelta)
		if !ok {
			return
		}
		if enc, err := AppendMessage(nil, d); err != nil || !bytes.Equal(enc, b) {
			t.Fatalf("parsed %+v, which encodes as %x, %v; input was %x", d, enc, err, b)
		}
		got, err := d.Apply(fuzzBaseline)
		if !sameSnapshot(fuzzBaseline, before) {
			t.Fatalf("Apply changed the baseline to %+v", fuzzBaseline)
		}
		if err != nil {
			return
		}
		if _, err := AppendMessage(nil, got); err != nil {
			t.Fatalf("Apply gave %+v, which cannot be sent whole: %v", got, err)
		}
		// Same moves, gems matched at least as well, ids, header and ack left out at least
		// as often: the host's delta can only be smaller (the baseline's gem ids are
		// distinct; an offset of five bytes is longer than the ack).
		again := NewSnapshotDelta(got, fuzzBaseline)
		if d.SameIDs && !again.SameIDs || d.SameHeader && !again.SameHeader ||
			d.AckOffset && uvarintLen(d.Ack) <= 4 && !again.AckOffset {
			t.Fatalf("%x leaves out more than the host's delta %+v", b, again)
		}
		enc, err := AppendMessage(nil, again)
		if err != nil || len(enc) > len(b) {
			t.Fatalf("the host's delta for what %x rebuilds is %x, %v", b, enc, err)
		}
		m, err = Parse(enc)
		if err != nil {
			t.Fatalf("re-encoded delta %x: %v", enc, err)
		}
		if s, err := m.(*SnapshotDelta).Apply(fuzzBaseline); err != nil || !sameSnapshot(s, got) {
			t.Fatalf("re-encoded delta %x applies as %+v, %v; want %+v", enc, s, err, got)
		}
	})
}
