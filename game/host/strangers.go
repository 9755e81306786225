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
// packet until they are welcomed or gone, by address, and turns away what is beyond
// the limits (mostStrangers, handshakesPerSecond) before any cryptography is done.
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

// stranger is one connection being counted; welcomed or closed, it is counted off once.
type stranger struct {
	s    *strangers
	key  netip.Prefix
	once sync.Once
}

type strangerKey struct{}

// Admit counts a new connection in, or refuses it over the limits.
func (s *strangers) Admit(ctx context.Context, info *quic.ClientInfo) (context.Context, error) {
	key := guardKey(addrOf(info.RemoteAddr))
	s.mu.Lock()
	switch {
	case s.total >= mostStrangers || s.byAddr[key] >= mostStrangersFrom:
		s.mu.Unlock()
		s.stats.StrangersRefused.Add(1)
		return nil, errBusy
	case !s.rate.take(time.Now()):
		s.mu.Unlock()
		s.stats.HandshakesShed.Add(1)
		return nil, errBusy
	}
	s.total++
	s.byAddr[key]++
	s.mu.Unlock()
	x := &stranger{s: s, key: key}
	context.AfterFunc(ctx, x.welcomed) // the connection ended before it was welcomed
	return context.WithValue(ctx, strangerKey{}, x), nil
}

// Validate asks for a Retry once many strangers are at the door.
func (s *strangers) Validate(net.Addr) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total >= validateAbove
}

// count is how many strangers are counted now.
func (s *strangers) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// welcomed counts the stranger off.
func (x *stranger) welcomed() {
	x.once.Do(func() {
		x.s.mu.Lock()
		defer x.s.mu.Unlock()
		x.s.total--
		if x.s.byAddr[x.key]--; x.s.byAddr[x.key] <= 0 {
			delete(x.s.byAddr, x.key)
		}
	})
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
