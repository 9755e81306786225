package host

import (
	"net/netip"
	"sync"
	"time"
)

// passwordGuard slows password guessing from any one address (see freeGuesses):
// every try counts until one has the password. Time is passed in. It is safe for
// concurrent use: each connection's handshake asks it before its Hello reaches the
// loop, and the loop tells it of the right password.
type passwordGuard struct {
	mu    sync.Mutex
	addrs map[netip.Prefix]*guesses
}

type guesses struct {
	tries int       // since the address last gave the password
	last  time.Time // the last try
	next  time.Time // the earliest the next try may be checked
}

// guardKey is the address a try is counted against: an IPv4 address, or the /64 an
// IPv6 address is in.
func guardKey(a netip.Addr) netip.Prefix {
	a = a.Unmap()
	bits := 32
	if a.Is6() {
		bits = 64
	}
	p, _ := a.Prefix(bits)
	return p
}

// try counts a try from a at now and says how long it must wait before its password
// is checked; ok is false when that would be longer than mostGuessWait, and the try
// is to be turned away at once, to come back after d.
func (g *passwordGuard) try(a netip.Addr, now time.Time) (d time.Duration, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.addrs == nil {
		g.addrs = map[netip.Prefix]*guesses{}
	}
	if len(g.addrs) >= guardForgetAt {
		g.forget(now)
	}
	k := guardKey(a)
	q := g.addrs[k]
	if q == nil || now.Sub(q.last) > guessMemory { // new, or its old tries are forgiven
		q = &guesses{}
		g.addrs[k] = q
	}
	q.last = now
	if q.tries < freeGuesses {
		if q.tries++; q.tries == freeGuesses {
			q.next = now.Add(guessDelay) // the first try that is not free waits
		}
		return 0, true
	}
	at := later(q.next, now)
	if wait := at.Sub(now); wait > mostGuessWait {
		return wait, false // not counted: it is never checked
	}
	q.tries++
	q.next = at.Add(min(guessDelay<<min(q.tries-freeGuesses, 16), mostGuessDelay))
	return at.Sub(now), true
}

// right forgives a, whose try had the password.
func (g *passwordGuard) right(a netip.Addr) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.addrs, guardKey(a))
}

// forget drops the addresses that have not tried for guessMemory, so the map holds
// only recent guessers.
func (g *passwordGuard) forget(now time.Time) {
	for k, q := range g.addrs {
		if now.Sub(q.last) > guessMemory {
			delete(g.addrs, k)
		}
	}
}

// guardForgetAt is how many addresses the guard holds before it looks for ones to forget.
const guardForgetAt = 256

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
