package portmap

import (
	"bufio"
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
	proto string
	ext   string
	err   error
	mu    sync.Mutex
	held  map[int]bool
	asked bool
	adds  int
}

func (f *fake) name() string { return f.proto }

func (f *fake) add(_ context.Context, port int, _ time.Duration) (netip.Addr, error) {
	f.asked = true
	if f.err != nil {
		return netip.Addr{}, f.err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.adds++
	if f.held == nil {
		f.held = map[int]bool{}
	}
	f.held[port] = true
	return netip.MustParseAddr(f.ext), nil
}

func (f *fake) remove(_ context.Context, port int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.held, port)
	return nil
}

func (f *fake) holds(port int) bool { f.mu.Lock(); defer f.mu.Unlock(); return f.held[port] }

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

// TestTheFirstRouterToOpenThePortHoldsIt: routers are asked in turn; the first to open
// the port holds it, and the next is not asked (one router's NAT-PMP and UPnP share
// one rule: removing either's would remove both).
func TestTheFirstRouterToOpenThePortHoldsIt(t *testing.T) {
	a := &fake{proto: "NAT-PMP", ext: "203.0.113.7"}
	b := &fake{proto: "UPnP IGD v2", ext: "203.0.113.7"}
	m := start(47777, quiet, nil, Lease/2, func(context.Context) []router { return []router{a} }, func(context.Context) []router { return []router{b} })
	s := settled(t, m)
	if s.State != Mapped || s.External != netip.MustParseAddrPort("203.0.113.7:47777") {
		t.Fatalf("status %+v", s)
	}
	if !a.holds(47777) || b.holds(47777) || b.asked {
		t.Errorf("the first router holds the port: %v; the second was asked: %v", a.holds(47777), b.asked)
	}
	if got := s.Sentence(47777, "192.168.1.20"); got != "Internet: 203.0.113.7:47777 — port opened on your router; not yet confirmed by a player from the internet" {
		t.Errorf("sentence %q", got)
	}
	s.Confirmed = true
	if got := s.Sentence(47777, "192.168.1.20"); got != "Internet: 203.0.113.7:47777 — port opened on your router; a player has joined from the internet" {
		t.Errorf("confirmed: %q", got)
	}
	m.Close()
	if a.holds(47777) || b.holds(47777) {
		t.Error("the mapping outlived the game")
	}
}

func TestWhyTheInternetCannotReachTheGame(t *testing.T) {
	for _, tc := range []struct {
		routers []router
		state   State
		words   string
	}{
		{nil, NoRouter, "no router answered — forward UDP 47777 to 192.168.1.20 on your router by hand"},
		{[]router{&fake{proto: "NAT-PMP", err: errors.New("Non-zero result code 2")}, &fake{proto: "UPnP IGD v1", err: errNoRouter}}, Refused, "your router would not open the port"},
		{[]router{&fake{proto: "UPnP IGD v1", ext: "10.0.0.2"}}, Shared, "your router's own address (10.0.0.2) is private or shared"},
		{[]router{&fake{proto: "UPnP IGD v1", ext: "100.72.1.9"}}, Shared, "(100.72.1.9) is private or shared"},
	} {
		m := start(47777, quiet, nil, Lease/2, func(context.Context) []router { return tc.routers })
		s := settled(t, m)
		if s.State != tc.state || !strings.Contains(s.Sentence(47777, "192.168.1.20"), tc.words) {
			t.Errorf("%v: %v, %q", tc.state, s.State, s.Sentence(47777, "192.168.1.20"))
		}
		m.Close()
	}
}

func TestTheDefaultGatewayIsReadFromTheRouteTable(t *testing.T) {
	table := `Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
eth0	0071A8C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
eth0	00000000	0171A8C0	0003	0	0	0	00000000	0	0	0
`
	gw, ok := parseRoutes(bufio.NewScanner(strings.NewReader(table)))
	if !ok || gw.String() != "192.168.113.1" {
		t.Fatalf("gateway %v, %v", gw, ok)
	}
	if _, ok := parseRoutes(bufio.NewScanner(strings.NewReader(strings.Split(table, "\n")[1]))); ok {
		t.Error("a table without a default route gave a gateway")
	}
}

// TestTheMappingIsRenewedAndRemoved: the router that holds the mapping is asked again
// each renewal interval (here 10 ms, half an hour in the game), and the mapping goes
// when the Mapper closes.
func TestTheMappingIsRenewedAndRemoved(t *testing.T) {
	r := &fake{proto: "NAT-PMP", ext: "203.0.113.7"}
	asked := 0
	m := start(47777, quiet, nil, 10*time.Millisecond, func(context.Context) []router { asked++; return []router{r} })
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		r.mu.Lock()
		adds := r.adds
		r.mu.Unlock()
		if adds >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("renewed %d times in 5 s", adds)
		}
	}
	m.Close()
	if r.holds(47777) || asked != 1 {
		t.Errorf("after closing the router holds the port: %v; routers were looked for %d times (want once, then renewed)", r.holds(47777), asked)
	}
}
