package portmap

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fake is a router that answers as told and remembers what it holds.
type fake struct {
	proto  string
	ext    string
	err    error         // add fails with it
	extErr error         // external fails with it
	grant  time.Duration // the lease granted; 0 grants what was asked
	mu     sync.Mutex
	held   map[int]bool
	asked  bool
	adds   int
}

func (f *fake) name() string { return f.proto }

func (f *fake) add(_ context.Context, port int, lease time.Duration) (time.Duration, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = true
	if f.err != nil {
		return 0, f.err
	}
	f.adds++
	if f.held == nil {
		f.held = map[int]bool{}
	}
	f.held[port] = true
	if f.grant > 0 {
		return f.grant, nil
	}
	return lease, nil
}

func (f *fake) external(context.Context) (netip.Addr, error) {
	if f.extErr != nil {
		return netip.Addr{}, f.extErr
	}
	return netip.MustParseAddr(f.ext), nil
}

func (f *fake) remove(_ context.Context, port int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.held, port)
	return nil
}

func (f *fake) holds(port int) bool { f.mu.Lock(); defer f.mu.Unlock(); return f.held[port] }

func (f *fake) added() int { f.mu.Lock(); defer f.mu.Unlock(); return f.adds }

func (f *fake) wasAsked() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.asked }

// only is a source of routers that always finds rs.
func only(rs ...router) func(context.Context) []router {
	return func(context.Context) []router { return rs }
}

// settled waits until m has stopped trying.
func settled(t *testing.T, m *Mapper) Status {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); m.Status().State == Trying; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("still trying after 5 s")
		}
	}
	return m.Status()
}

// closed closes m as a game that ends does, with a few seconds for it.
func closed(m *Mapper) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m.Close(ctx)
}

// TestTheFirstRouterToOpenThePortHoldsIt: routers are asked in turn; the first to open
// the port holds it, and the next is not asked (one router's NAT-PMP and UPnP share
// one rule: removing either's would remove both).
func TestTheFirstRouterToOpenThePortHoldsIt(t *testing.T) {
	a := &fake{proto: "NAT-PMP", ext: "203.0.113.7"}
	b := &fake{proto: "UPnP IGD v2", ext: "203.0.113.7"}
	m := start(47777, "192.168.1.20", quiet, nil, Lease/2, only(a), only(b))
	s := settled(t, m)
	if s.State != Mapped || s.External != netip.MustParseAddrPort("203.0.113.7:47777") || s.Lease != Lease {
		t.Fatalf("status %+v", s)
	}
	if !a.holds(47777) || b.holds(47777) || b.wasAsked() {
		t.Errorf("the first router holds the port: %v; the second was asked: %v", a.holds(47777), b.wasAsked())
	}
	if got := s.Sentence(47777, "192.168.1.20"); got != "Internet: 203.0.113.7:47777 — port opened on your router; not yet confirmed by a player from the internet" {
		t.Errorf("sentence %q", got)
	}
	if got := s.Short(47777, "192.168.1.20"); got != "Internet: 203.0.113.7:47777 · port open, not yet confirmed" {
		t.Errorf("short %q", got)
	}
	s.Confirmed = true
	if got := s.Sentence(47777, "192.168.1.20"); got != "Internet: 203.0.113.7:47777 — port opened on your router; a player has joined from the internet" {
		t.Errorf("confirmed: %q", got)
	}
	closed(m)
	if a.holds(47777) || b.holds(47777) {
		t.Error("the mapping outlived the game")
	}
}

// TestWhyTheInternetCannotReachTheGame: each failure says why, and the hosting
// screen's few words say what to do next.
func TestWhyTheInternetCannotReachTheGame(t *testing.T) {
	for _, tc := range []struct {
		routers []router
		state   State
		words   string
		short   string
	}{
		{nil, NoRouter, "no router answered — forward UDP 47777 to 192.168.1.20 on your router by hand",
			"Internet: no router answered · forward UDP 47777 to 192.168.1.20 by hand (README)"},
		{[]router{&fake{proto: "NAT-PMP", err: errors.New("Non-zero result code 2")}, &fake{proto: "UPnP IGD v1", err: errNoRouter}}, Refused,
			"your router would not open the port", "Internet: your router refused · forward UDP 47777 to 192.168.1.20 by hand (README)"},
		{[]router{&fake{proto: "UPnP IGD v1", ext: "10.0.0.2"}}, Shared, "your router's own address (10.0.0.2) is private or shared",
			"Internet: not reachable · your router's own address is private (another router beyond it) · host from another network"},
		{[]router{&fake{proto: "UPnP IGD v1", ext: "100.72.1.9"}}, Shared, "(100.72.1.9) is private or shared",
			"Internet: not reachable · your router's own address is shared (CGNAT) · host from another network"},
	} {
		m := start(47777, "192.168.1.20", quiet, nil, Lease/2, only(tc.routers...))
		s := settled(t, m)
		if s.State != tc.state || !strings.Contains(s.Sentence(47777, "192.168.1.20"), tc.words) {
			t.Errorf("%v: %v, %q", tc.state, s.State, s.Sentence(47777, "192.168.1.20"))
		}
		if got := s.Short(47777, "192.168.1.20"); got != tc.short {
			t.Errorf("%v: the hosting screen says %q", tc.state, got)
		}
		closed(m)
	}
}

// TestARouterThatDoesNotSayItsAddressStillHoldsTheMapping: the port is opened, then
// the router fails to say its own address. It holds the mapping all the same (Close
// removes it), and the status says the port is open but not where.
func TestARouterThatDoesNotSayItsAddressStillHoldsTheMapping(t *testing.T) {
	r := &fake{proto: "UPnP IGD v1", extErr: errors.New("SOAP fault 501")}
	m := start(47777, "192.168.1.20", quiet, nil, Lease/2, only(r))
	s := settled(t, m)
	if s.State != Mapped || s.External.IsValid() || s.Err == nil || !r.holds(47777) {
		t.Fatalf("status %+v; the router holds the port: %v", s, r.holds(47777))
	}
	if got := s.Short(47777, "192.168.1.20"); got != "Internet: UDP 47777 open on your router (it did not say its address) · not yet confirmed" {
		t.Errorf("short %q", got)
	}
	closed(m)
	if r.holds(47777) {
		t.Error("the mapping outlived the game")
	}
}
