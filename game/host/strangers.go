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
// packet until they are welcomed or gone, in all and by address, and turns away what
// is beyond the limits before any cryptography is done.
//
// An address that has validateFrom attempts at the door already must prove it is
// there (QUIC's Retry) for the next: so no one can fill an address's turns with
// packets that only claim to come from it, and attempts nobody will finish (a
// player's own tries at reconnecting, abandoned while the host was frozen and read
// all at once when it wakes) hold at most that many turns.
type strangers struct {
	stats *Stats

	mu     sync.Mutex
	total  int
	byAddr map[netip.Prefix]*door
	rate   tokenBucket // every address's new handshakes
	in     map[*stranger]struct{}
}

// door is one address's strangers: how many are in, and how fast it knocks.
type door struct {
	in   int
	rate tokenBucket
}

func newStrangers(stats *Stats) *strangers {
	return &strangers{stats: stats, byAddr: map[netip.Prefix]*door{}, in: map[*stranger]struct{}{},
		rate: newTokenBucket(handshakesPerSecond, handshakeBurst)}
}

// errBusy refuses a connection attempt over the limits.
var errBusy = errors.New("the host is taking no more new connections just now")

// stranger is one connection being counted; welcomed or closed, it is counted off
// once. Its fields are the strangers' mutex's.
type stranger struct {
	s          *strangers
	key        netip.Prefix
	gone       bool      // counted off
	handshaken time.Time // its handshake finished then; zero before
	spoke      bool      // it said hello: it waits on the host (its password's turn), not the host on it
	hangUp     func()    // closes it, once its handshake is done
}

type strangerKey struct{}

// doorOf is key's door, made if need be. A host knocked on by very many addresses
// (spoofed ones cost nothing to claim) forgets those with nobody in.
func (s *strangers) doorOf(key netip.Prefix) *door {
	d := s.byAddr[key]
	if d == nil {
		if len(s.byAddr) >= mostDoors {
			for k, o := range s.byAddr {
				if o.in == 0 {
					delete(s.byAddr, k)
				}
			}
		}
		d = &door{rate: newTokenBucket(handshakesPerSecondFrom, handshakeBurstFrom)}
		s.byAddr[key] = d
	}
	return d
}

// Admit counts a new connection in, or refuses it over the limits.
func (s *strangers) Admit(ctx context.Context, info *quic.ClientInfo) (context.Context, error) {
	key := guardKey(addrOf(info.RemoteAddr))
	now := time.Now()
	s.mu.Lock()
	d := s.doorOf(key)
	if s.total >= mostStrangers || d.in >= mostStrangersFrom {
		s.evict(key, d.in >= mostStrangersFrom, now) // a stranger who had their chance to say hello makes way
	}
	switch {
	case s.total >= mostStrangers || d.in >= mostStrangersFrom:
		s.mu.Unlock()
		s.stats.StrangersRefused.Add(1)
		return nil, errBusy
	case !d.rate.take(now) || !s.rate.take(now): // one address may not spend everyone's
		s.mu.Unlock()
		s.stats.HandshakesShed.Add(1)
		return nil, errBusy
	}
	s.total++
	d.in++
	x := &stranger{s: s, key: key}
	s.in[x] = struct{}{}
	s.mu.Unlock()
	context.AfterFunc(ctx, x.welcomed) // the connection ended before it was welcomed
	return context.WithValue(ctx, strangerKey{}, x), nil
}

// evict makes room at the door, for someone from key (only from among key's own when
// fromKey): the stranger whose handshake finished longest ago, if that was more than
// helloGrace ago and it has not said hello since, is hung up on and counted off. A
// player says hello the moment their handshake is done; one still silent after that
// is no player. One that spoke and waits for its password's turn stays: the password
// guard keeps such waits few and short. Called with s.mu held.
func (s *strangers) evict(key netip.Prefix, fromKey bool, now time.Time) {
	var oldest *stranger
	for x := range s.in {
		if x.handshaken.IsZero() || x.spoke || now.Sub(x.handshaken) < helloGrace || fromKey && x.key != key {
			continue
		}
		if oldest == nil || x.handshaken.Before(oldest.handshaken) {
			oldest = x
		}
	}
	if oldest == nil {
		return
	}
	s.stats.StrangersEvicted.Add(1)
	go oldest.hangUp() // quic-go's close waits for its goodbye to be sent
	oldest.countOff()
}

// handshaken records that conn's handshake is done: from helloGrace on, it may be
// hung up on to make room.
func (s *strangers) handshaken(conn *quic.Conn, hangUp func()) {
	x, ok := conn.Context().Value(strangerKey{}).(*stranger)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	x.handshaken, x.hangUp = time.Now(), hangUp
}

// spoke records that conn's stranger said hello: it is no longer hung up on as silent.
func spoke(conn *quic.Conn) {
	if x, ok := conn.Context().Value(strangerKey{}).(*stranger); ok {
		x.s.mu.Lock()
		defer x.s.mu.Unlock()
		x.spoke = true
	}
}

// Validate asks for a Retry once many strangers are at the door, or once this
// address has a few there already.
func (s *strangers) Validate(addr net.Addr) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	retry := s.total >= validateAbove
	if d := s.byAddr[guardKey(addrOf(addr))]; d != nil && d.in >= validateFrom {
		retry = true
	}
	if retry {
		s.stats.Retries.Add(1)
	}
	return retry
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
	x.countOff()
}

// countOff counts the stranger off, once. Called with the strangers' mutex held.
func (x *stranger) countOff() {
	if x.gone {
		return
	}
	x.gone = true
	delete(x.s.in, x)
	x.s.total--
	if d := x.s.byAddr[x.key]; d != nil {
		d.in--
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
