package host

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/quic-go/quic-go"
)

// strangers is the host's session.Gate: it counts connections from their first
// packet until they are welcomed or gone, and turns away what is beyond the limits.
// New attempts beyond mostStrangers, or beyond handshakesPerSecond, are refused
// before any cryptography is done. Per address it counts only connections whose
// handshake is done (mostStrangersFrom): an address is proven then, and attempts
// that never finish (a player's own tries at reconnecting, abandoned while the host
// was frozen and read all at once when it wakes) hold nobody's turn.
type strangers struct {
	stats *Stats

	mu     sync.Mutex
	total  int
	byAddr map[netip.Prefix]int
	rate   tokenBucket
}

func newStrangers(stats *Stats) *strangers {
	return &strangers{stats: stats, byAddr: map[netip.Prefix]int{}, rate: newTokenBucket(handshakesPerSecond, handshakeBurst)}
}

// errBusy refuses a connection attempt over the limits.
var errBusy = errors.New("the host is taking no more new connections just now")

// stranger is one connection being counted; welcomed or closed, it is counted off
// once. Its fields are the strangers' mutex's.
type stranger struct {
	s    *strangers
	key  netip.Prefix
	from bool // counted against its address too: its handshake is done
	gone bool // counted off
}

type strangerKey struct{}

// Admit counts a new connection in, or refuses it over the limits.
func (s *strangers) Admit(ctx context.Context, info *quic.ClientInfo) (context.Context, error) {
	s.mu.Lock()
	switch {
	case s.total >= mostStrangers:
		s.mu.Unlock()
		s.stats.StrangersRefused.Add(1)
		return nil, errBusy
	case !s.rate.take(time.Now()):
		s.mu.Unlock()
		s.stats.HandshakesShed.Add(1)
		return nil, errBusy
	}
	s.total++
	s.mu.Unlock()
	x := &stranger{s: s, key: guardKey(addrOf(info.RemoteAddr))}
	context.AfterFunc(ctx, x.welcomed) // the connection ended before it was welcomed
	return context.WithValue(ctx, strangerKey{}, x), nil
}

// Validate asks for a Retry once many strangers are at the door.
func (s *strangers) Validate(net.Addr) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total >= validateAbove
}

// handshaken counts the connection whose context ctx is, its handshake done, against
// its address, and reports whether it may go on to say hello: false when its address
// has mostStrangersFrom such connections already.
func (s *strangers) handshaken(ctx context.Context) bool {
	x, ok := ctx.Value(strangerKey{}).(*stranger)
	if !ok {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case x.gone: // it closed as its handshake ended, before it was looked at
		return false
	case s.byAddr[x.key] >= mostStrangersFrom:
		s.stats.StrangersRefused.Add(1)
		return false
	}
	x.from = true
	s.byAddr[x.key]++
	return true
}

// count is how many strangers are counted now.
func (s *strangers) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// welcomed counts the stranger off, the first time it is called.
func (x *stranger) welcomed() {
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.gone {
		return
	}
	x.gone = true
	x.s.total--
	if !x.from {
		return
	}
	if x.s.byAddr[x.key]--; x.s.byAddr[x.key] <= 0 {
		delete(x.s.byAddr, x.key)
	}
}

// welcome counts conn's stranger off: they are a player now.
func welcome(conn *quic.Conn) {
	if x, ok := conn.Context().Value(strangerKey{}).(*stranger); ok {
		x.welcomed()
	}
}

// addrOf is the IP address of a, or the zero Addr.
func addrOf(a net.Addr) netip.Addr {
	if u, ok := a.(*net.UDPAddr); ok {
		return u.AddrPort().Addr().Unmap()
	}
	return netip.Addr{}
}
