package netsim

import (
	"net"
	"slices"
	"testing"
	"time"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestVirtualClockRunsInTimeOrder(t *testing.T) {
	c := NewVirtualClock(epoch)
	var got []string
	at := func(d time.Duration, name string) { c.AfterFunc(d, func() { got = append(got, name) }) }
	at(30*time.Millisecond, "c")
	at(10*time.Millisecond, "a")
	at(30*time.Millisecond, "d") // same instant as c, scheduled after it
	c.AfterFunc(20*time.Millisecond, func() {
		got = append(got, "b")
		at(5*time.Millisecond, "b+5") // scheduled from inside, due within this Advance
		if now := c.Now(); !now.Equal(epoch.Add(20 * time.Millisecond)) {
			t.Errorf("inside a timer the clock reads %v", now.Sub(epoch))
		}
	})
	at(50*time.Millisecond, "late")
	c.Advance(40 * time.Millisecond)
	if want := []string{"a", "b", "b+5", "c", "d"}; !slices.Equal(got, want) {
		t.Fatalf("ran %v, want %v", got, want)
	}
	if !c.Now().Equal(epoch.Add(40 * time.Millisecond)) {
		t.Errorf("clock at %v after advancing 40ms", c.Now().Sub(epoch))
	}
	c.Advance(10 * time.Millisecond)
	if got[len(got)-1] != "late" {
		t.Errorf("the last timer did not run: %v", got)
	}
	ticks := 0
	c.Every(time.Second/60, func() { ticks++ })
	c.Advance(time.Second)
	if ticks != 60 {
		t.Errorf("Every(1/60 s) ran %d times in a second", ticks)
	}
}

// TestConnOnAVirtualClock sends a real datagram through a conditioned socket whose
// delay is counted in simulated time: it leaves only when the clock passes the delay.
func TestConnOnAVirtualClock(t *testing.T) {
	recv, _ := net.ListenPacket("udp", "127.0.0.1:0")
	t.Cleanup(func() { recv.Close() })
	send, _ := net.ListenPacket("udp", "127.0.0.1:0")
	t.Cleanup(func() { send.Close() })
	clock := NewVirtualClock(epoch)
	c := Wrap(send, Config{Delay: 50 * time.Millisecond, Seed: 1, Clock: clock})
	c.WriteTo([]byte("x"), recv.LocalAddr())
	clock.Advance(49 * time.Millisecond)
	recv.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	if _, _, err := recv.ReadFrom(make([]byte, 4)); err == nil {
		t.Fatal("the datagram left before its delay had passed on the virtual clock")
	}
	clock.Advance(time.Millisecond)
	recv.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, _, err := recv.ReadFrom(make([]byte, 4)); err != nil {
		t.Fatalf("the datagram did not leave once its delay had passed: %v", err)
	}
}

func TestPathDatagramsMeetTheirFate(t *testing.T) {
	clock := NewVirtualClock(epoch)
	p := NewPath(Config{Loss: 0.2, Duplicate: 0.1, Delay: 40 * time.Millisecond, Jitter: 20 * time.Millisecond, Seed: 3, Clock: clock})
	const n = 2000
	arrived := 0
	var early, late time.Duration = time.Hour, 0
	for range n {
		sent := clock.Now()
		p.Datagram(func() {
			arrived++
			d := clock.Now().Sub(sent)
			early, late = min(early, d), max(late, d)
		})
		clock.Advance(time.Millisecond)
	}
	clock.Advance(time.Second)
	if lost := float64(p.Lost.Load()) / n; lost < 0.15 || lost > 0.25 {
		t.Errorf("lost %.1f%%, configured 20%%", 100*lost)
	}
	if want := n - int(p.Lost.Load()); arrived != want || p.Duplicated.Load() == 0 {
		t.Errorf("%d datagrams arrived, the path let %d through (%d duplicated, which QUIC discards)",
			arrived, want, p.Duplicated.Load())
	}
	if early < 40*time.Millisecond || late >= 60*time.Millisecond || late-early < 15*time.Millisecond {
		t.Errorf("delays from %v to %v; configured 40ms + up to 20ms", early, late)
	}
}

// TestPathStreamsArriveOnceInOrder sends frames on two streams over a path that loses
// a third of everything: each frame arrives exactly once, in its stream's order, and
// the losses cost retransmission time, not frames.
func TestPathStreamsArriveOnceInOrder(t *testing.T) {
	clock := NewVirtualClock(epoch)
	cfg := Config{Loss: 0.33, Duplicate: 0.1, Delay: 30 * time.Millisecond, Jitter: 10 * time.Millisecond, Seed: 5, Clock: clock}
	p := NewPath(cfg)
	got := map[int][]int{}
	var slowest time.Duration
	for i := range 300 {
		stream := i % 2
		sent := clock.Now()
		p.Stream(stream, func() {
			got[stream] = append(got[stream], i)
			slowest = max(slowest, clock.Now().Sub(sent))
		})
		clock.Advance(5 * time.Millisecond)
	}
	clock.Advance(10 * time.Second)
	for stream, frames := range got {
		if len(frames) != 150 || len(slices.Compact(slices.Clone(frames))) != 150 || !slices.IsSorted(frames) {
			t.Errorf("stream %d delivered %d frames, in order %v: %v", stream, len(frames), slices.IsSorted(frames), frames)
		}
	}
	// A third lost: some frame is lost twice in a row, and waits a doubled probe.
	if pto := 2*cfg.Delay + 3*cfg.Jitter + ackDelay; slowest < cfg.Delay+3*pto {
		t.Errorf("the slowest frame took %v: no loss in a row cost a doubled probe (%v, then %v)", slowest, pto, 2*pto)
	}
}
