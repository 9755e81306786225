package session

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/quic-go/quic-go"
)

// DatagramQueueLen is how many datagrams wait for the network at most, a connection.
// Movement goes stale in a few ticks, so when the network falls behind the oldest is
// dropped: a late snapshot is worth less than a fresh one.
const DatagramQueueLen = 8

// StuckAfter is how long one connection's datagrams may keep the sender before the
// sender leaves that connection to a goroutine of its own and goes on with the rest.
// quic-go's call blocks only while the connection's own queue (32 datagrams) is full,
// which a connection gets to when it cannot send at all (its congestion window is shut,
// its path is dead): the others must not wait for it.
const StuckAfter = 2 * time.Millisecond

// DatagramConn is what a Sender needs of a connection; *quic.Conn is one.
type DatagramConn interface {
	SendDatagram(b []byte) error
}

// Sender sends the datagrams of many connections from one goroutine. The host queues
// every player's snapshot during its tick and then calls Flush once: one goroutine
// wakes a tick, not one a player. Queueing never blocks, and one connection that
// blocks does not hold up the others: after StuckAfter on one connection's datagrams the
// goroutine stays with that connection until its queue is empty, and a new one
// carries on with the rest.
type Sender struct {
	mu      sync.Mutex
	ready   []*Lane // lanes with datagrams waiting that the worker has not reached
	batch   []*Lane // the lanes the worker is going through; next is the one it is at
	next    int
	worker  uint64    // which goroutine is the worker: a stuck one is replaced
	sending bool      // the worker is in a SendDatagram call
	at      *Lane     // the lane the worker is sending, since when
	since   time.Time //
	busy    bool      // the worker is going through lanes (the watchdog is armed)
	closed  bool
	wake    chan struct{}
	done    chan struct{}
	watch   *time.Timer
	stuck   time.Duration // StuckAfter, but in tests
}

// Lane is one connection's datagrams, sent by its Sender.
type Lane struct {
	s        *Sender
	conn     DatagramConn
	counters *SendCounters

	// Guarded by s.mu. queue is a ring of buffers reused datagram after datagram.
	queue  [DatagramQueueLen][]byte
	head   int
	n      int
	listed bool // in the sender's ready list, or in its batch at or after next
	own    bool // a goroutine of its own is sending it: it blocked the sender
	dead   bool // the connection is closed
}

// SendCounters count what Lanes did; several lanes may share one.
type SendCounters struct {
	Sent, SentBytes, DroppedFull, DroppedTooLarge atomic.Uint64
	Stuck                                         atomic.Uint64 // times a connection blocked the sender for StuckAfter
}

// NewSender starts the sending goroutine; Close stops it.
func NewSender() *Sender {
	s := &Sender{wake: make(chan struct{}, 1), done: make(chan struct{}), stuck: StuckAfter}
	s.watch = time.AfterFunc(time.Hour, s.check)
	s.watch.Stop()
	go s.run(0, nil)
	return s
}

// Lane adds a connection, whose datagrams count into counters.
func (s *Sender) Lane(conn DatagramConn, counters *SendCounters) *Lane {
	return &Lane{s: s, conn: conn, counters: counters}
}

// Queue copies b into the lane's queue, dropping the oldest waiting datagram when the
// queue is full; b is the caller's again at once. It goes out by the next Flush at the
// latest (sooner if the sender is busy with other lanes).
func (l *Lane) Queue(b []byte) {
	s := l.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if l.dead {
		return
	}
	if l.n == DatagramQueueLen {
		l.head = (l.head + 1) % DatagramQueueLen
		l.n--
		l.counters.DroppedFull.Add(1)
	}
	i := (l.head + l.n) % DatagramQueueLen
	l.queue[i] = append(l.queue[i][:0], b...)
	l.n++
	if !l.listed && !l.own {
		l.listed = true
		s.ready = append(s.ready, l)
	}
}

// Flush has the sender send what is queued.
func (s *Sender) Flush() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Close stops the sender; what is still queued is not sent.
func (s *Sender) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
		s.watch.Stop()
	}
}

// pop copies the lane's oldest datagram into buf. Called with s.mu held, n > 0.
func (l *Lane) pop(buf []byte) []byte {
	buf = append(buf[:0], l.queue[l.head]...)
	l.head = (l.head + 1) % DatagramQueueLen
	l.n--
	return buf
}

// sent counts what SendDatagram said of b. Called with s.mu held.
func (l *Lane) sent(err error, size int) {
	var tooLarge *quic.DatagramTooLargeError
	switch {
	case err == nil:
		l.counters.Sent.Add(1)
		l.counters.SentBytes.Add(uint64(size))
	case errors.As(err, &tooLarge):
		l.counters.DroppedTooLarge.Add(1)
	default: // the connection is closed
		l.dead, l.n = true, 0
	}
}

// run is the worker: it sends each ready lane's datagrams in turn until none are
// left, then waits for a Flush. A worker the watchdog replaced while it was stuck in
// a call keeps only that lane.
func (s *Sender) run(id uint64, buf []byte) {
	if id == 0 { // the first worker starts idle; those the watchdog starts, at work
		select {
		case <-s.wake:
		case <-s.done:
			return
		}
	}
	s.mu.Lock()
	for {
		if s.closed {
			s.mu.Unlock()
			return
		}
		if s.next == len(s.batch) {
			if len(s.ready) == 0 {
				s.busy, s.at = false, nil
				s.watch.Stop()
				s.mu.Unlock()
				select {
				case <-s.wake:
				case <-s.done:
					return
				}
				s.mu.Lock()
				continue
			}
			clear(s.batch)
			s.batch, s.ready, s.next = s.ready, s.batch[:0], 0
			if !s.busy {
				s.busy = true
				s.watch.Reset(s.stuck)
			}
		}
		l := s.batch[s.next]
		if l.n == 0 || l.dead {
			l.listed = false
			s.next++
			s.at = nil
			continue
		}
		if l != s.at { // a lane is timed whole: one whose every call is just short of StuckAfter still holds the rest up
			s.at, s.since = l, time.Now()
		}
		buf = l.pop(buf)
		s.sending = true
		s.mu.Unlock()
		err := l.conn.SendDatagram(buf)
		s.mu.Lock()
		l.sent(err, len(buf))
		if s.worker != id { // the watchdog gave the rest to a new worker: l is this one's now
			s.mu.Unlock()
			s.own(l, buf)
			return
		}
		s.sending = false
	}
}

// own sends l's datagrams until its queue is empty, then gives it back to the worker.
func (s *Sender) own(l *Lane, buf []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for l.n > 0 && !l.dead {
		buf = l.pop(buf)
		s.mu.Unlock()
		err := l.conn.SendDatagram(buf)
		s.mu.Lock()
		l.sent(err, len(buf))
	}
	l.own = false
}

// check is the watchdog: a worker that has been on one lane for StuckAfter, and is in
// a call, leaves that lane, and a new worker goes on with the rest.
func (s *Sender) check() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.busy || s.closed {
		return
	}
	if !s.sending {
		s.watch.Reset(s.stuck)
		return
	}
	if wait := s.stuck - time.Since(s.since); wait > 0 {
		s.watch.Reset(wait)
		return
	}
	l := s.batch[s.next]
	l.own, l.listed = true, false
	l.counters.Stuck.Add(1)
	s.next++
	s.worker++
	s.sending, s.at = false, nil
	go s.run(s.worker, nil)
	s.watch.Reset(s.stuck)
}
