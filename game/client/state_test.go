package client

import (
	"errors"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// fakeTransport is a Transport whose arrivals a test queues by hand.
type fakeTransport struct {
	welcome wire.Welcome
	events  chan wire.Message
	snaps   *SnapshotQueue
	arrived Signal
	done    chan struct{}
	err     error
	inputs  []wire.Input
	chat    []string
	gone    chan struct{} // closed by Leave

	fingerprint string
}

func newFake(w wire.Welcome) *fakeTransport {
	return &fakeTransport{welcome: w, events: make(chan wire.Message, 64), snaps: NewSnapshotQueue(),
		arrived: NewSignal(), done: make(chan struct{}), gone: make(chan struct{})}
}

func (f *fakeTransport) Welcome() wire.Welcome       { return f.welcome }
func (f *fakeTransport) Addr() string                { return "fake:1" }
func (f *fakeTransport) Fingerprint() string         { return f.fingerprint }
func (f *fakeTransport) Events() <-chan wire.Message { return f.events }
func (f *fakeTransport) Snapshots() <-chan Snapshot  { return f.snaps.C() }
func (f *fakeTransport) Arrived() <-chan struct{}    { return f.arrived }
func (f *fakeTransport) Done() <-chan struct{}       { return f.done }
func (f *fakeTransport) Err() error                  { return f.err }
func (f *fakeTransport) SendChat(text string) error  { f.chat = append(f.chat, text); return nil }
func (f *fakeTransport) Stats() NetStats             { return NetStats{Snapshots: uint64(len(f.snaps.C()))} }
func (f *fakeTransport) Leave()                      { close(f.gone) }
func (f *fakeTransport) SendInput(m *wire.Input) {
	f.inputs = append(f.inputs, wire.Input{Seq: m.Seq, Moves: append([]wire.Move(nil), m.Moves...)})
}

func (f *fakeTransport) end(err error) { f.err = err; close(f.done); f.arrived.Notify() }

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestStateFollowsTheHost(t *testing.T) {
	f := newFake(wire.Welcome{You: 1, TargetScore: 20, NextChatSeq: 5})
	s := NewState(f)
	for _, m := range []wire.Message{
		&wire.PlayerJoined{ID: 1, Colour: 0, Name: "Ana"},
		&wire.PlayerJoined{ID: 2, Colour: 1, Score: 4, Name: "Bo"},
		&wire.PlayerJoined{ID: 3, Colour: 2, Name: "Cy"},
		&wire.Scored{ID: 3, Score: 5},
		&wire.Chat{Seq: 5, From: 2, Name: "Bo", Text: "hi"},
		&wire.PlayerLeft{ID: 2, Reason: wire.LeftTimedOut},
		&wire.RoundOver{Winner: 3, Round: 1, NextIn: 240},
	} {
		f.events <- m
	}
	var seen []wire.Type
	s.OnMessage = func(m wire.Message) { seen = append(seen, m.Type()) }
	if err := s.Step(epoch); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 7 {
		t.Errorf("OnMessage saw %d messages, want 7", len(seen))
	}
	if s.Players[2] != nil || len(s.Players) != 2 {
		t.Fatalf("players after Bo left: %v", s.Players)
	}
	if r := s.Ranking(); r[0].Name != "Cy" || r[0].Score != 5 || r[1].Name != "Ana" {
		t.Errorf("ranking %v %v", r[0], r[1])
	}
	want := []Line{
		{Text: "You joined as Ana", Notice: true},
		{Text: "Bo joined", Notice: true},
		{Text: "Cy joined", Notice: true},
		{Seq: 5, From: 2, Name: "Bo", Text: "hi"},
		{Text: "Bo did not come back", Notice: true},
		{Text: "Cy won round 1!", Notice: true},
	}
	if len(s.Log) != len(want) {
		t.Fatalf("log %+v", s.Log)
	}
	for i := range want {
		if s.Log[i] != want[i] {
			t.Errorf("log[%d] = %+v, want %+v", i, s.Log[i], want[i])
		}
	}
	if s.Phase != sim.RoundOver || s.Winner != 3 {
		t.Errorf("phase %v winner %v", s.Phase, s.Winner)
	}
	f.events <- &wire.RoundStart{Round: 2}
	s.Step(epoch)
	if s.Phase != sim.Playing || s.Players[3].Score != 0 || s.Round != 2 {
		t.Errorf("after RoundStart: phase %v, Cy's score %d, round %d", s.Phase, s.Players[3].Score, s.Round)
	}
}

func TestStateIgnoresOldSnapshots(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 10, Ack: 7, Players: []wire.PlayerState{{ID: 1, X: 100, Y: 200}}}, epoch})
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 9, Ack: 6, Players: []wire.PlayerState{{ID: 1, X: 1, Y: 2}}}, epoch.Add(time.Millisecond)})
	s.Step(epoch.Add(time.Second))
	if me := s.Me(); me.Pos != (sim.Vec{X: 100, Y: 200}) || !me.Placed || s.Ack != 7 || s.Tick != 10 || !s.At.Equal(epoch) {
		t.Fatalf("me %+v ack %d tick %d at %v", me, s.Ack, s.Tick, s.At)
	}
}

func TestStateLogIsBounded(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	for i := range uint32(3 * logLen) {
		s.apply(&wire.Chat{Seq: i + 1, Text: "x"})
	}
	if len(s.Log) != logLen || s.Log[len(s.Log)-1].Seq != 3*logLen {
		t.Fatalf("log holds %d lines ending at seq %d", len(s.Log), s.Log[len(s.Log)-1].Seq)
	}
}

// TestStepTakesEverythingBeforeTheEnd ends a connection with events still queued:
// Step takes them all in, then reports the end, and keeps reporting it.
func TestStepTakesEverythingBeforeTheEnd(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	f.events <- &wire.PlayerJoined{ID: 1, Name: "Ana"}
	f.events <- &wire.Chat{Seq: 1, From: 1, Name: "Ana", Text: "bye"}
	ended := &Error{Reason: ReasonHostEnded, Sentence: "Host ended the game."}
	f.end(ended)
	if err := s.Step(epoch); !errors.Is(err, ended) || len(s.Log) != 2 || s.Log[1].Text != "bye" { // "You joined as Ana", then the chat
		t.Fatalf("Step = %v with %d lines; want the end after the last line", err, len(s.Log))
	}
	if err := s.Step(epoch.Add(time.Second)); ReasonOf(err) != ReasonHostEnded {
		t.Fatalf("second Step = %v", err)
	}
}

// TestInputsAreStampedAndRepeated sends inputs: each datagram carries the newest
// InputRedundancy, newest first; each input keeps the time it was sampled until the
// host acknowledges it; and the newest InputRedundancy stay for the datagrams.
func TestInputsAreStampedAndRepeated(t *testing.T) {
	f := newFake(wire.Welcome{You: 1})
	s := NewState(f)
	for i := range 20 {
		s.Input(sim.Input{X: int8(i + 1)}, epoch.Add(time.Duration(i)*time.Second/60))
	}
	last := f.inputs[len(f.inputs)-1]
	if last.Seq != 20 || len(last.Moves) != InputRedundancy || last.Moves[0].X != 20 || last.Moves[7].X != 13 {
		t.Fatalf("the 20th datagram is %+v", last)
	}
	if first := f.inputs[0]; first.Seq != 1 || len(first.Moves) != 1 {
		t.Fatalf("the first datagram is %+v", first)
	}
	if h := s.inputs.sent; len(h) != 20 || h[4].Seq != 5 || !h[4].At.Equal(epoch.Add(4*time.Second/60)) {
		t.Fatalf("history %+v", h)
	}
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 30, Ack: 15}, epoch})
	s.Step(epoch)
	if h := s.inputs.sent; len(h) != 8 || h[0].Seq != 13 {
		t.Fatalf("after ack 15 the history starts at %d and holds %d (want 13 and 8)", h[0].Seq, len(h))
	}
	f.snaps.Add(Snapshot{&wire.Snapshot{Tick: 31, Ack: 10}, epoch}) // an older ack changes nothing
	s.Step(epoch)
	s.Input(sim.Input{}, epoch)
	if h := s.inputs.sent; len(h) != 9 || h[0].Seq != 13 || s.LastInputSeq() != 21 {
		t.Fatalf("history %d long from %d, last seq %d", len(h), h[0].Seq, s.LastInputSeq())
	}
	for range 2 * inputHistoryLen { // the host never answers: the history stays bounded
		s.Input(sim.Input{}, epoch)
	}
	if n := len(s.inputs.sent); n > inputHistoryLen {
		t.Fatalf("history grew to %d", n)
	}
}

func TestSnapshotQueueDropsTheOldest(t *testing.T) {
	q := NewSnapshotQueue()
	for tick := range uint32(SnapshotQueueLen + 5) {
		q.Add(Snapshot{&wire.Snapshot{Tick: tick + 1}, epoch})
	}
	var st NetStats
	if q.Count(&st); st.DroppedBehind != 5 {
		t.Fatalf("dropped %d, want 5", st.DroppedBehind)
	}
	if first := <-q.C(); first.Tick != 6 {
		t.Fatalf("the oldest kept is tick %d, want 6", first.Tick)
	}
}

// TestSnapshotQueueReceives takes datagrams as a Transport hands them over: each
// newer snapshot is queued with its arrival time; a malformed datagram, another
// message, a replayed or an older snapshot is dropped and counted.
func TestSnapshotQueueReceives(t *testing.T) {
	q := NewSnapshotQueue()
	snap := func(tick uint32) []byte {
		b, err := wire.AppendMessage(nil, &wire.Snapshot{Tick: tick})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	input, _ := wire.AppendMessage(nil, &wire.Input{Seq: 1, Moves: []wire.Move{{}}})
	for i, tt := range []struct {
		b      []byte
		queued bool
	}{
		{snap(5), true},
		{snap(5), false}, // the same again
		{snap(4), false}, // overtaken
		{snap(5)[:6], false},
		{input, false},
		{snap(7), true},
	} {
		if got := q.Receive(tt.b, epoch.Add(time.Duration(i)*time.Millisecond)); got != tt.queued {
			t.Errorf("datagram %d: queued %v, want %v", i, got, tt.queued)
		}
	}
	var st NetStats
	q.Count(&st)
	if st.DatagramsIn != 6 || st.Snapshots != 2 || st.DroppedStale != 2 || st.DroppedMalformed != 2 || st.DroppedBehind != 0 {
		t.Errorf("counted %+v", st)
	}
	if a, b := <-q.C(), <-q.C(); a.Tick != 5 || !a.At.Equal(epoch) || b.Tick != 7 || !b.At.Equal(epoch.Add(5*time.Millisecond)) {
		t.Errorf("queued tick %d at %v and tick %d at %v", a.Tick, a.At, b.Tick, b.At)
	}
}

func TestSnapshotQueueCountsMissedSnapshots(t *testing.T) {
	// At 20 a second (every third tick) ticks 3, 6, 15 arrive: 9 and 12 were lost.
	q := NewSnapshotQueue()
	for _, tick := range []uint32{3, 6, 15} {
		b, _ := wire.AppendMessage(nil, &wire.Snapshot{Tick: tick, Interval: 3})
		q.Receive(b, epoch)
	}
	var st NetStats
	q.Count(&st)
	if st.Snapshots != 3 || st.SnapshotsMissed != 2 {
		t.Fatalf("%d snapshots, %d missed; want 3 and 2", st.Snapshots, st.SnapshotsMissed)
	}
}
