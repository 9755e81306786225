package host

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quic-go/quic-go"
)

// TestTokenBucketAllowsABurstThenARate: ChatBurst lines at once, then ChatPerSecond a
// second; time that goes back (a clock stepped) gives nothing back.
func TestTokenBucketAllowsABurstThenARate(t *testing.T) {
	t0 := time.Unix(1000, 0)
	b := newTokenBucket(2, 8)
	allowed := func(at time.Time, n int) int {
		ok := 0
		for range n {
			if b.take(at) {
				ok++
			}
		}
		return ok
	}
	if n := allowed(t0, 20); n != 8 {
		t.Fatalf("a burst of 20 at once: %d allowed, want 8", n)
	}
	if n := allowed(t0.Add(time.Second), 20); n != 2 {
		t.Errorf("a second later: %d allowed, want 2", n)
	}
	if n := allowed(t0.Add(1500*time.Millisecond), 20); n != 1 {
		t.Errorf("half a second after that: %d allowed, want 1", n)
	}
	if n := allowed(t0, 20); n != 0 {
		t.Errorf("with the clock gone back: %d allowed, want 0", n)
	}
	if n := allowed(t0.Add(time.Hour), 20); n != 8 {
		t.Errorf("after an hour: %d allowed, want the burst of 8", n)
	}
}

// TestPasswordGuessesSlowDown: three tries from an address are free; after that each
// is checked later than the one before (0.5, 1, 2, 4 s apart), and one that would wait
// over 4 s is turned away unchecked. Another address, and the right password, are
// not held up.
func TestPasswordGuessesSlowDown(t *testing.T) {
	var g passwordGuard
	t0 := time.Unix(1000, 0)
	mallory, ana := netip.MustParseAddr("198.51.100.7"), netip.MustParseAddr("203.0.113.9")
	var waits []time.Duration
	refused := 0
	for range 10 { // ten tries at once, as from ten connections
		if d, ok := g.try(mallory, t0); ok {
			waits = append(waits, d)
		} else {
			refused++
		}
	}
	want := []time.Duration{0, 0, 0, 500 * time.Millisecond, 1500 * time.Millisecond, 3500 * time.Millisecond}
	if !slices.Equal(waits, want) || refused != 4 {
		t.Errorf("ten tries at once wait %v and %d are turned away; want %v and 4", waits, refused, want)
	}
	if d, ok := g.try(mallory, t0.Add(3500*time.Millisecond)); !ok || d != 4*time.Second {
		t.Errorf("a try at 3.5 s waits %v (%v); want 4 s, the most", d, ok)
	}
	if d, ok := g.try(mallory, t0.Add(3500*time.Millisecond+guessMemory+time.Second)); !ok || d != 0 {
		t.Errorf("a try after guessMemory without one waits %v (%v); its old tries are forgiven", d, ok)
	}
	g.right(mallory)
	if d, ok := g.try(ana, t0); !ok || d != 0 {
		t.Errorf("another address waits %v (%v)", d, ok)
	}
	v6a, v6b := netip.MustParseAddr("2001:db8:1:2::1"), netip.MustParseAddr("2001:db8:1:2:ffff::9")
	for range freeGuesses {
		g.try(v6a, t0)
	}
	if d, ok := g.try(v6b, t0); !ok || d == 0 {
		t.Errorf("a fourth try from the same IPv6 /64 waits %v; tries from one /64 count together", d)
	}
	g.right(mallory)
	if d, ok := g.try(mallory, t0.Add(4*time.Second)); !ok || d != 0 {
		t.Errorf("after the right password, a try waits %v (%v)", d, ok)
	}
	if d, ok := g.try(ana, t0.Add(time.Hour)); !ok || d != 0 {
		t.Errorf("an hour later: %v %v", d, ok)
	}
}

func TestPasswordComparison(t *testing.T) {
	for _, tc := range []struct {
		given, want string
		ok          bool
	}{{"gems", "gems", true}, {"gem", "gems", false}, {"gemss", "gems", false}, {"", "gems", false}, {"GEMS", "gems", false}} {
		if got := passwordOK(tc.given, tc.want); got != tc.ok {
			t.Errorf("passwordOK(%q, %q) = %v", tc.given, tc.want, got)
		}
	}
}

// TestStrangersAreCounted: all together mostStrangers connections not yet welcomed
// are taken on, mostStrangersFrom from one address; a welcome or a closed connection
// counts one off; a Retry is asked of an address with validateFrom at the door, and
// of everyone above validateAbove; one address knocking fast is shed before it
// spends everyone's handshakes, and so is a crowd beyond the rate.
func TestStrangersAreCounted(t *testing.T) {
	st := &Stats{}
	s := newStrangers(st)
	s.rate = newTokenBucket(1e6, 1e6) // the counts first; the rates at the end
	from := func(ip string) *quic.ClientInfo {
		return &quic.ClientInfo{RemoteAddr: &net.UDPAddr{IP: net.ParseIP(ip), Port: 4000}}
	}
	var open []context.CancelFunc
	admit := func(ip string) (context.Context, error) {
		ctx, cancel := context.WithCancel(context.Background())
		open = append(open, cancel)
		return s.Admit(ctx, from(ip))
	}
	udp := func(ip string) net.Addr { return &net.UDPAddr{IP: net.ParseIP(ip), Port: 4000} }
	var in []context.Context
	for i := range mostStrangersFrom {
		if retry := s.Validate(udp("198.51.100.7")); retry != (i >= validateFrom) {
			t.Errorf("attempt %d from one address: asked to prove it %v", i, retry)
		}
		ctx, err := admit("198.51.100.7")
		if err != nil {
			t.Fatalf("attempt %d from one address: %v", i, err)
		}
		in = append(in, ctx)
	}
	if s.Validate(udp("198.51.100.9")) {
		t.Error("another address was asked for a Retry")
	}
	if _, err := admit("198.51.100.7"); !errors.Is(err, errBusy) {
		t.Errorf("one more from the same address: %v", err)
	}
	in[0].Value(strangerKey{}).(*stranger).welcomed() // welcomed: a player now
	if _, err := admit("198.51.100.7"); err != nil {
		t.Errorf("after one was welcomed: %v", err)
	}
	open[1]() // a stranger's connection closed
	waitFor(t, func() bool { return s.count() == mostStrangersFrom-1 })
	if _, err := admit("198.51.100.7"); err != nil {
		t.Errorf("after one closed: %v", err)
	}
	for i := 0; s.count() < mostStrangers; i++ {
		if _, err := admit(fmt.Sprintf("203.0.113.%d", 1+i/mostStrangersFrom)); err != nil {
			t.Fatalf("stranger %d: %v", s.count(), err)
		}
	}
	if !s.Validate(udp("192.0.2.99")) {
		t.Error("no Retry asked for with the door full")
	}
	refused := st.StrangersRefused.Load()
	if _, err := admit("192.0.2.99"); !errors.Is(err, errBusy) || st.StrangersRefused.Load() != refused+1 {
		t.Errorf("one more than mostStrangers: %v", err)
	}
	for _, cancel := range open {
		cancel()
	}
	waitFor(t, func() bool { return s.count() == 0 })

	// The rates: each attempt welcomed at once, so only a rate can refuse it.
	s = newStrangers(st)
	knock := func(ip string) bool {
		ctx, err := s.Admit(context.Background(), from(ip))
		if err == nil {
			ctx.Value(strangerKey{}).(*stranger).welcomed()
		}
		return err == nil
	}
	took := 0
	for range 2 * handshakeBurstFrom {
		if knock("198.51.100.7") {
			took++
		}
	}
	if took != handshakeBurstFrom {
		t.Errorf("one address knocking %d times at once: %d taken, want its burst of %d", 2*handshakeBurstFrom, took, handshakeBurstFrom)
	}
	took = 0
	for i := range handshakesPerSecond {
		if knock(fmt.Sprintf("192.0.2.%d", 1+i%200)) {
			took++
		}
	}
	if took != handshakeBurst-handshakeBurstFrom || st.HandshakesShed.Load() == 0 {
		t.Errorf("a crowd of %d at once after that: %d taken, want what is left of the burst of %d", handshakesPerSecond, took, handshakeBurst)
	}
}

// waitFor waits, boundedly, for cond: context.AfterFunc runs its function on a
// goroutine of its own.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatal("condition not met")
		}
	}
}

// TestSilentStrangersMakeWay: with an address's turns all taken, a stranger whose
// handshake finished over helloGrace ago without a hello is hung up on to let the
// next one in; one still within it is not, nor one that said hello and waits for
// its password's turn, and the knock is refused.
func TestSilentStrangersMakeWay(t *testing.T) {
	st := &Stats{}
	s := newStrangers(st)
	info := &quic.ClientInfo{RemoteAddr: &net.UDPAddr{IP: net.ParseIP("198.51.100.7"), Port: 4000}}
	var hungUp atomic.Int32
	var in []*stranger
	for range mostStrangersFrom {
		ctx, err := s.Admit(context.Background(), info)
		if err != nil {
			t.Fatal(err)
		}
		x := ctx.Value(strangerKey{}).(*stranger)
		x.handshaken, x.hangUp = time.Now(), func() { hungUp.Add(1) }
		in = append(in, x)
	}
	if _, err := s.Admit(context.Background(), info); !errors.Is(err, errBusy) {
		t.Errorf("a knock with every stranger within helloGrace: %v", err)
	}
	in[5].handshaken, in[5].spoke = time.Now().Add(-helloGrace-time.Second), true // waits on the host
	if _, err := s.Admit(context.Background(), info); !errors.Is(err, errBusy) || in[5].gone {
		t.Errorf("a knock with a stranger that spoke and waits its turn: %v; it is gone %v", err, in[5].gone)
	}
	in[3].handshaken = time.Now().Add(-helloGrace - time.Second) // silent since long enough
	if _, err := s.Admit(context.Background(), info); err != nil || !in[3].gone || st.StrangersEvicted.Load() != 1 {
		t.Errorf("a knock with a stranger silent past helloGrace: %v; it is gone %v", err, in[3].gone)
	}
	waitFor(t, func() bool { return hungUp.Load() == 1 })
}
