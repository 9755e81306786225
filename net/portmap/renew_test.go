package portmap

import (
	"context"
	"testing"
	"time"

	"github.com/huin/goupnp/soap"
)

// awaitAdds waits until r has been asked to add the mapping n times.
func awaitAdds(t *testing.T, r *fake, n int, within time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(within); r.added() < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("added %d times in %v, want %d", r.added(), within, n)
		}
	}
}

// TestTheMappingIsRenewedAndRemoved: the router that holds the mapping is asked again
// each renewal interval (here 10 ms, half an hour in the game), and the mapping goes
// when the Mapper closes.
func TestTheMappingIsRenewedAndRemoved(t *testing.T) {
	r := &fake{proto: "NAT-PMP", ext: "203.0.113.7"}
	looked := make(chan struct{}, 16)
	m := start(47777, "192.168.1.20", quiet, nil, 10*time.Millisecond, func(context.Context) []router {
		looked <- struct{}{}
		return []router{r}
	})
	awaitAdds(t, r, 3, 5*time.Second)
	closed(m)
	if r.holds(47777) || len(looked) != 1 {
		t.Errorf("after closing the router holds the port: %v; routers were looked for %d times (want once, then renewed)", r.holds(47777), len(looked))
	}
}

// TestTheMappingIsRenewedAtHalfWhatTheRouterGranted: a NAT-PMP router may grant less
// than the hour asked; the mapping is renewed at half of what it granted (here 300
// ms), not at half an hour.
func TestTheMappingIsRenewedAtHalfWhatTheRouterGranted(t *testing.T) {
	r := &fake{proto: "NAT-PMP", ext: "203.0.113.7", grant: 300 * time.Millisecond}
	m := start(47777, "192.168.1.20", quiet, nil, Lease/2, only(r))
	defer closed(m)
	if s := settled(t, m); s.Lease != 300*time.Millisecond {
		t.Fatalf("the lease granted: %v", s.Lease)
	}
	began := time.Now()
	awaitAdds(t, r, 3, 3*time.Second)
	if took := time.Since(began); took < 250*time.Millisecond {
		t.Errorf("renewed twice in %v: sooner than half the lease each", took)
	}
}

// fakeIGD is a UPnP connection service that keeps only permanent mappings, as some
// routers do, and remembers what it holds.
type fakeIGD struct {
	leases  []uint32 // the leases it was asked for, in turn
	held    map[uint16]bool
	deleted int
}

func (f *fakeIGD) AddPortMappingCtx(_ context.Context, _ string, port uint16, _ string, _ uint16, _ string, _ bool, _ string, lease uint32) error {
	f.leases = append(f.leases, lease)
	if lease != 0 {
		fault := &soap.SOAPFaultError{FaultCode: "s:Client", FaultString: "UPnPError"}
		fault.Detail.UPnPError.Errorcode = 725
		fault.Detail.UPnPError.ErrorDescription = "OnlyPermanentLeasesSupported"
		return fault
	}
	if f.held == nil {
		f.held = map[uint16]bool{}
	}
	f.held[port] = true
	return nil
}

func (f *fakeIGD) DeletePortMappingCtx(_ context.Context, _ string, port uint16, _ string) error {
	f.deleted++
	delete(f.held, port)
	return nil
}

func (f *fakeIGD) GetExternalIPAddressCtx(context.Context) (string, error) { return "203.0.113.7", nil }

// TestARouterThatKeepsOnlyPermanentMappingsIsAskedForOne: a UPnP router that answers
// a lease with error 725 is asked again for a permanent mapping, which holds the port
// and goes when the game ends.
func TestARouterThatKeepsOnlyPermanentMappingsIsAskedForOne(t *testing.T) {
	igd := &fakeIGD{}
	u := &upnp{version: "UPnP IGD v1", c: igd}
	m := start(47777, "192.168.1.20", quiet, nil, Lease/2, only(u))
	s := settled(t, m)
	if s.State != Mapped || s.Protocol != "UPnP IGD v1" || s.Lease != 0 || !igd.held[47777] {
		t.Fatalf("status %+v; leases asked %v", s, igd.leases)
	}
	if len(igd.leases) != 2 || igd.leases[0] != uint32(Lease/time.Second) || igd.leases[1] != 0 {
		t.Errorf("leases asked: %v, want an hour's and then a permanent one", igd.leases)
	}
	closed(m)
	if igd.held[47777] || igd.deleted != 1 {
		t.Errorf("after the game the router holds the port: %v (deleted %d times)", igd.held[47777], igd.deleted)
	}
}
