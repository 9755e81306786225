package netlab

import (
	"container/heap"
	"sync"
	"time"
)

// releaseClock is the real time of day as netsim.Clock, with one goroutine that runs
// everything scheduled in the order it falls due, and what falls due at the same
// instant in the order it was scheduled. Packets of one direction delayed alike
// thus leave in the order they came, as on a wire, where time.AfterFunc's goroutine
// per packet would let them overtake one another.
type releaseClock struct {
	mu    sync.Mutex
	queue releaseQueue
	seq   uint64
	wake  chan struct{}
	stop  chan struct{}
	done  chan struct{}
}

func newReleaseClock() *releaseClock {
	c := &releaseClock{wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *releaseClock) Now() time.Time { return time.Now() }

// AfterFunc runs f on the clock's goroutine once d has passed.
func (c *releaseClock) AfterFunc(d time.Duration, f func()) {
	c.mu.Lock()
	c.seq++
	heap.Push(&c.queue, release{at: time.Now().Add(max(d, 0)), seq: c.seq, f: f})
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// close stops the clock; what has not fallen due by then never runs.
func (c *releaseClock) close() {
	close(c.stop)
	<-c.done
}

func (c *releaseClock) run() {
	defer close(c.done)
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		wait := c.releaseDue(time.Now())
		timer.Reset(wait)
		select {
		case <-c.stop:
			return
		case <-c.wake:
		case <-timer.C:
		}
	}
}

// releaseDue runs everything due by now, and says how long until the next is.
func (c *releaseClock) releaseDue(now time.Time) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.queue) > 0 {
		next := c.queue[0]
		if next.at.After(now) {
			return next.at.Sub(now)
		}
		heap.Pop(&c.queue)
		c.mu.Unlock()
		next.f()
		c.mu.Lock()
	}
	return time.Hour
}

// release is one function waiting for its time.
type release struct {
	at  time.Time
	seq uint64
	f   func()
}

// releaseQueue orders releases by when they fall due, then by when they were
// scheduled.
type releaseQueue []release

func (q releaseQueue) Len() int { return len(q) }
func (q releaseQueue) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].seq < q[j].seq
}
func (q releaseQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *releaseQueue) Push(x any)   { *q = append(*q, x.(release)) }
func (q *releaseQueue) Pop() any {
	old := *q
	r := old[len(old)-1]
	*q = old[:len(old)-1]
	return r
}
