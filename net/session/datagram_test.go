package session

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// fakeConn records the datagrams sent to it on a channel; with gate set, each call
// first waits for the gate to open, as quic-go's does while the connection's queue is
// full.
type fakeConn struct {
	got  chan string
	gate chan struct{}
	err  error
}

func newFakeConn() *fakeConn { return &fakeConn{got: make(chan string, 64)} }

func (c *fakeConn) SendDatagram(b []byte) error {
	if c.gate != nil {
		<-c.gate
	}
	if c.err != nil {
		return c.err
	}
	c.got <- string(b)
	return nil
}

// expect waits, boundedly, for the datagrams want in order.
func (c *fakeConn) expect(t *testing.T, name string, want ...string) {
	t.Helper()
	for _, w := range want {
		select {
		case got := <-c.got:
			if got != w {
				t.Fatalf("%s got %q, want %q", name, got, w)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: %q never sent", name, w)
		}
	}
}

func (c *fakeConn) expectNothing(t *testing.T, name string) {
	t.Helper()
	select {
	case got := <-c.got:
		t.Fatalf("%s got %q, want nothing more", name, got)
	default:
	}
}

func TestSenderSendsEveryLaneAfterOneFlushAndCopiesWhatItIsGiven(t *testing.T) {
	s := NewSender()
	defer s.Close()
	var counters SendCounters
	conns := make([]*fakeConn, 5)
	lanes := make([]*Lane, len(conns))
	for i := range conns {
		conns[i] = newFakeConn()
		lanes[i] = s.Lane(conns[i], &counters)
	}
	buf := make([]byte, 0, 16)
	for tick := range 3 {
		for i, l := range lanes {
			buf = fmt.Appendf(buf[:0], "p%d t%d", i, tick)
			l.Queue(buf) // the caller writes the next one into the same buffer at once
		}
	}
	s.Flush()
	for i, c := range conns {
		c.expect(t, fmt.Sprintf("lane %d", i), fmt.Sprintf("p%d t0", i), fmt.Sprintf("p%d t1", i), fmt.Sprintf("p%d t2", i))
	}
}

func TestALaneKeepsTheNewestDatagramsWhenItsQueueIsFull(t *testing.T) {
	s := NewSender()
	defer s.Close()
	var counters SendCounters
	c := newFakeConn()
	l := s.Lane(c, &counters)
	for i := range DatagramQueueLen + 2 {
		l.Queue(fmt.Append(nil, i))
	}
	s.Flush()
	for i := 2; i < DatagramQueueLen+2; i++ {
		c.expect(t, "lane", fmt.Sprint(i))
	}
	if got := counters.DroppedFull.Load(); got != 2 {
		t.Fatalf("DroppedFull = %d, want 2", got)
	}
}

// A connection whose SendDatagram blocks (its quic-go queue is full) holds the others
// up for StuckAfter at most, once: it is left to a goroutine of its own, which sends
// what it queued once it unblocks, and then it is the sender's again.
func TestABlockedConnectionDoesNotHoldUpTheOthers(t *testing.T) {
	s := NewSender()
	defer s.Close()
	var counters SendCounters
	blocked := newFakeConn()
	blocked.gate = make(chan struct{})
	others := []*fakeConn{newFakeConn(), newFakeConn()}
	stuck := s.Lane(blocked, &counters)
	lanes := []*Lane{s.Lane(others[0], &counters), s.Lane(others[1], &counters)}

	stuck.Queue([]byte("b0"))
	everyoneSends(t, s, lanes, others, 0)
	if got := counters.Stuck.Load(); got != 1 {
		t.Fatalf("Stuck = %d, want 1", got)
	}

	// While the blocked one stays blocked, the others' next datagrams go straight out.
	stuck.Queue([]byte("b1"))
	everyoneSends(t, s, lanes, others, 1)

	close(blocked.gate)
	blocked.expect(t, "the blocked lane", "b0", "b1")
	// Given back: the sender's worker sends its next one.
	stuck.Queue([]byte("b2"))
	s.Flush()
	blocked.expect(t, "the blocked lane", "b2")
	if got := counters.Stuck.Load(); got != 1 {
		t.Fatalf("Stuck = %d after it unblocked, want still 1", got)
	}
}

// everyoneSends queues a datagram of tick on each lane, flushes, and waits for each
// at its connection.
func everyoneSends(t *testing.T, s *Sender, lanes []*Lane, conns []*fakeConn, tick int) {
	t.Helper()
	for i, l := range lanes {
		l.Queue(fmt.Append(nil, "o", i, " t", tick))
	}
	s.Flush()
	for i, c := range conns {
		c.expect(t, fmt.Sprintf("lane %d", i), fmt.Sprint("o", i, " t", tick))
	}
}

func TestALaneOfAClosedConnectionDropsWhatItIsGiven(t *testing.T) {
	s := NewSender()
	defer s.Close()
	var counters SendCounters
	closed := newFakeConn()
	closed.err = errors.New("connection closed")
	open := newFakeConn()
	dead, live := s.Lane(closed, &counters), s.Lane(open, &counters)
	dead.Queue([]byte("x"))
	dead.Queue([]byte("y"))
	live.Queue([]byte("a"))
	s.Flush()
	open.expect(t, "the open lane", "a")
	dead.Queue([]byte("z"))
	live.Queue([]byte("b"))
	s.Flush()
	open.expect(t, "the open lane", "b")
	closed.expectNothing(t, "the closed lane")
}

// slowConn takes a while over every datagram, each call short of the sender's
// StuckAfter, as quic-go pacing a congested connection does.
type slowConn struct {
	*fakeConn
	each time.Duration
}

func (c slowConn) SendDatagram(b []byte) error {
	time.Sleep(c.each) // the cost being simulated, not synchronisation
	return c.fakeConn.SendDatagram(b)
}

// A connection whose every call is just short of StuckAfter is timed over its whole
// queue: with eight waiting it is left to a goroutine of its own, and the others go out
// without waiting for all eight.
func TestASlowConnectionIsTimedOverItsWholeQueue(t *testing.T) {
	s := NewSender()
	defer s.Close()
	s.stuck = 20 * time.Millisecond // eight calls of 15 ms: a watchdog late by 100 ms still sees the lane stuck
	var counters SendCounters
	slow := slowConn{fakeConn: newFakeConn(), each: s.stuck * 3 / 4}
	other := newFakeConn()
	sl, ol := s.Lane(slow, &counters), s.Lane(other, &counters)
	for i := range DatagramQueueLen {
		sl.Queue(fmt.Append(nil, i))
	}
	ol.Queue([]byte("o"))
	s.Flush()
	other.expect(t, "the other lane", "o")
	if got := len(slow.got); got >= DatagramQueueLen {
		t.Fatalf("the other lane waited for all %d of the slow one's datagrams", got)
	}
	for i := range DatagramQueueLen {
		slow.expect(t, "the slow lane", fmt.Sprint(i))
	}
	if got := counters.Stuck.Load(); got != 1 {
		t.Fatalf("Stuck = %d, want 1", got)
	}
}
