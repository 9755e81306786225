package netsim

import (
	"container/heap"
	"sync"
	"time"
)

// Clock is where the conditioner's time comes from: the real clock, or a VirtualClock
// that a test advances by hand, so that delays cost no waiting and every run of a
// test is the same.
type Clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func())
}

// RealClock is the time of day; delayed packets leave on timer goroutines.
type RealClock struct{}

func (RealClock) Now() time.Time                      { return time.Now() }
func (RealClock) AfterFunc(d time.Duration, f func()) { time.AfterFunc(d, f) }

// VirtualClock is simulated time. Nothing it schedules happens until Advance moves the
// clock past it; then each function runs on the goroutine that called Advance, in time
// order, and functions due at the same instant run in the order they were scheduled.
// Scheduling is safe from any goroutine.
type VirtualClock struct {
	mu        sync.Mutex
	advancing bool
	now       time.Time
	seq       uint64
	queue     timerQueue
}

// NewVirtualClock starts simulated time at start.
func NewVirtualClock(start time.Time) *VirtualClock { return &VirtualClock{now: start} }

// Now is the simulated time: while a scheduled function runs, the instant it was due.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc runs f once the clock has been advanced by d from now.
func (c *VirtualClock) AfterFunc(d time.Duration, f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	heap.Push(&c.queue, timer{at: c.now.Add(max(d, 0)), seq: c.seq, f: f})
}

// Every runs f every period, the first time one period from now, for as long as the
// clock is advanced.
func (c *VirtualClock) Every(period time.Duration, f func()) {
	var again func()
	again = func() {
		f()
		c.AfterFunc(period, again)
	}
	c.AfterFunc(period, again)
}

// Advance moves the clock forward by d, running everything that falls due on the way,
// including what those functions schedule within the same stretch. Time has one
// driver: Advance must not be called from a scheduled function, or from two
// goroutines at once.
func (c *VirtualClock) Advance(d time.Duration) {
	c.mu.Lock()
	if c.advancing {
		c.mu.Unlock()
		panic("netsim: VirtualClock.Advance called while it was advancing")
	}
	c.advancing = true
	defer func() { c.mu.Lock(); c.advancing = false; c.mu.Unlock() }()
	end := c.now.Add(d)
	for len(c.queue) > 0 && !c.queue[0].at.After(end) {
		t := heap.Pop(&c.queue).(timer)
		c.now = t.at
		c.mu.Unlock()
		t.f()
		c.mu.Lock()
	}
	c.now = end
	c.mu.Unlock()
}

// timer is one scheduled function.
type timer struct {
	at  time.Time
	seq uint64
	f   func()
}

// timerQueue orders timers by when they are due, then by when they were scheduled.
type timerQueue []timer

func (q timerQueue) Len() int { return len(q) }
func (q timerQueue) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].seq < q[j].seq
}
func (q timerQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *timerQueue) Push(x any)   { *q = append(*q, x.(timer)) }
func (q *timerQueue) Pop() any {
	old := *q
	t := old[len(old)-1]
	*q = old[:len(old)-1]
	return t
}
