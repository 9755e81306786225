package netlab

import (
	"bytes"
	"encoding/binary"
	"io"
	"net/netip"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/netsim"
)

var start = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// packet is an IPv4 packet of n bytes from src to dst, numbered seq.
func packet(src, dst string, seq uint32, n int) []byte {
	b := make([]byte, max(n, 24))
	b[0] = 0x45
	copy(b[12:16], addr4(src))
	copy(b[16:20], addr4(dst))
	binary.BigEndian.PutUint32(b[20:], seq)
	return b
}

func addr4(s string) []byte {
	a := netip.MustParseAddr(s).As4()
	return a[:]
}

// sink keeps what a direction writes, in order.
type sink struct{ got [][]byte }

func (s *sink) Write(b []byte) (int, error) { s.got = append(s.got, b); return len(b), nil }

func seqs(bs [][]byte) []uint32 {
	var out []uint32
	for _, b := range bs {
		out = append(out, binary.BigEndian.Uint32(b[20:]))
	}
	return out
}

func TestDirectionDelaysInOrder(t *testing.T) {
	clock := netsim.NewVirtualClock(start)
	out := &sink{}
	d := newDirection(netsim.Config{Delay: 50 * time.Millisecond, Seed: 1}, clock, out, start)
	for i := range 10 {
		d.carry(packet(HostAddr, BotsAddr, uint32(i), 100))
		clock.Advance(time.Millisecond)
	}
	clock.Advance(39 * time.Millisecond) // the first is due at 50 ms
	if len(out.got) != 0 {
		t.Fatalf("%d packets arrived before their delay", len(out.got))
	}
	clock.Advance(time.Millisecond)
	if got := seqs(out.got); len(got) != 1 || got[0] != 0 {
		t.Fatalf("at 50 ms got %v, want [0]", got)
	}
	clock.Advance(time.Second)
	for i, s := range seqs(out.got) {
		if s != uint32(i) {
			t.Fatalf("out of order: %v", seqs(out.got))
		}
	}
	if got := d.Between(start, start.Add(time.Second)); got != (Tally{Packets: 10, Bytes: 1000}) {
		t.Errorf("tally %+v, want 10 packets of 1000 bytes", got)
	}
	if got := d.Between(start.Add(100*time.Millisecond), start.Add(time.Second)); got != (Tally{}) {
		t.Errorf("nothing was delivered after 60 ms, yet %+v", got)
	}
}

func TestDirectionLosesAsTheModelSays(t *testing.T) {
	clock := netsim.NewVirtualClock(start)
	out := &sink{}
	d := newDirection(netsim.Config{Loss: 0.05, Seed: 7}, clock, out, start)
	const n = 10000
	for i := range n {
		d.carry(packet(BotsAddr, HostAddr, uint32(i), 60))
	}
	clock.Advance(time.Millisecond)
	lost := n - len(out.got)
	if lost < 400 || lost > 600 || uint64(lost) != d.Lost() {
		t.Errorf("lost %d of %d (the path counted %d), want about 5 %%", lost, n, d.Lost())
	}
	prev := int64(-1)
	for _, s := range seqs(out.got) {
		if int64(s) <= prev {
			t.Fatalf("packet %d after %d", s, prev)
		}
		prev = int64(s)
	}
}

func TestDirectionCarriesOnlyTheLabsSubnet(t *testing.T) {
	clock := netsim.NewVirtualClock(start)
	out := &sink{}
	d := newDirection(netsim.Config{Seed: 1}, clock, out, start)
	ipv6 := make([]byte, 40)
	ipv6[0] = 0x60
	for _, b := range [][]byte{
		packet(HostAddr, "203.0.113.9", 1, 40), // out of the lab
		packet("192.0.2.1", BotsAddr, 2, 40),
		ipv6,
		{0x45, 0, 0},                      // too short for a header
		packet(HostAddr, BotsAddr, 3, 40), // the lab's own
	} {
		d.carry(b)
	}
	clock.Advance(time.Millisecond)
	if got := seqs(out.got); len(got) != 1 || got[0] != 3 || d.Refused.Load() != 4 {
		t.Errorf("carried %v and refused %d, want [3] and 4", got, d.Refused.Load())
	}
}

func TestReleaseClockKeepsOrder(t *testing.T) {
	c := newReleaseClock()
	defer c.close()
	order := make(chan int, 64)
	c.AfterFunc(30*time.Millisecond, func() { order <- 100 }) // later than everything below
	for i := range 50 {
		c.AfterFunc(5*time.Millisecond, func() { order <- i })
	}
	c.AfterFunc(0, func() { order <- -1 }) // due at once: overtakes the rest
	var got []int
	timeout := time.After(5 * time.Second)
	for len(got) < 52 {
		select {
		case v := <-order:
			got = append(got, v)
		case <-timeout:
			t.Fatalf("released %v by the timeout", got)
		}
	}
	if got[0] != -1 || got[51] != 100 {
		t.Fatalf("order %v", got)
	}
	for i, v := range got[1:51] {
		if v != i {
			t.Fatalf("equal delays released out of order: %v", got)
		}
	}
}

// pipe is an in-memory device: each write is one packet a read gets whole.
type pipe struct {
	packets chan []byte
	closed  chan struct{}
}

func newPipe() *pipe { return &pipe{packets: make(chan []byte, 256), closed: make(chan struct{})} }

func (p *pipe) Write(b []byte) (int, error) {
	p.packets <- append([]byte(nil), b...)
	return len(b), nil
}

func (p *pipe) Read(b []byte) (int, error) {
	select {
	case pk := <-p.packets:
		return copy(b, pk), nil
	case <-p.closed:
		return 0, io.EOF
	}
}

func TestPumpCarriesBetweenDevices(t *testing.T) {
	from, to := newPipe(), newPipe()
	c := newReleaseClock()
	defer c.close()
	d := newDirection(netsim.Config{Delay: 2 * time.Millisecond, Seed: 1}, c, to, time.Now())
	pumped := make(chan struct{})
	go func() { d.pump(from); close(pumped) }()
	for i := range 20 {
		from.Write(packet(HostAddr, BotsAddr, uint32(i), 80))
	}
	timeout := time.After(5 * time.Second)
	for i := range 20 {
		select {
		case pk := <-to.packets:
			if !bytes.Equal(pk, packet(HostAddr, BotsAddr, uint32(i), 80)) {
				t.Fatalf("packet %d arrived as %x", i, pk)
			}
		case <-timeout:
			t.Fatalf("%d of 20 packets arrived", i)
		}
	}
	close(from.closed)
	<-pumped
}
