package portmap

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/huin/goupnp"
	"github.com/huin/goupnp/dcps/internetgateway2"
	"github.com/huin/goupnp/soap"
)

// upnpRouters are the UPnP Internet Gateway Devices that answer a search of the LAN:
// each one once, as the newest version of the service it offers.
func upnpRouters(ctx context.Context) []router {
	var (
		mu    sync.Mutex
		found = map[string]*upnp{} // by device
		wg    sync.WaitGroup
	)
	add := func(version string, rank int, c igd, sc *goupnp.ServiceClient) {
		mu.Lock()
		defer mu.Unlock()
		key := sc.RootDevice.Device.UDN
		if old, ok := found[key]; !ok || old.rank < rank {
			found[key] = &upnp{version: version, rank: rank, c: c, local: sc.LocalAddr()}
		}
	}
	wg.Go(func() {
		cs, _, _ := internetgateway2.NewWANIPConnection2ClientsCtx(ctx)
		for _, c := range cs {
			add("UPnP IGD v2", 3, c, &c.ServiceClient)
		}
	})
	wg.Go(func() {
		cs, _, _ := internetgateway2.NewWANIPConnection1ClientsCtx(ctx)
		for _, c := range cs {
			add("UPnP IGD v1", 2, c, &c.ServiceClient)
		}
	})
	wg.Go(func() {
		cs, _, _ := internetgateway2.NewWANPPPConnection1ClientsCtx(ctx)
		for _, c := range cs {
			add("UPnP IGD v1 (PPP)", 1, c, &c.ServiceClient)
		}
	})
	wg.Wait()
	out := make([]router, 0, len(found))
	for _, u := range found {
		out = append(out, u)
	}
	return out
}

// igd is what the UPnP connection services have in common.
type igd interface {
	AddPortMappingCtx(ctx context.Context, remoteHost string, externalPort uint16, protocol string,
		internalPort uint16, internalClient string, enabled bool, description string, lease uint32) error
	DeletePortMappingCtx(ctx context.Context, remoteHost string, externalPort uint16, protocol string) error
	GetExternalIPAddressCtx(ctx context.Context) (string, error)
}

// errOnlyPermanentLeases is the UPnP error a router answers a lease with when it
// keeps only permanent mappings (IGD's OnlyPermanentLeasesSupported): asked again
// with lease 0, it maps the port until it restarts or the mapping is deleted.
const errOnlyPermanentLeases = 725

type upnp struct {
	version string
	rank    int // the newer the service, the higher
	c       igd
	local   net.IP // this machine's address towards the router
}

func (u *upnp) name() string { return u.version }

func (u *upnp) add(ctx context.Context, port int, lease time.Duration) (time.Duration, error) {
	err := u.addFor(ctx, port, lease)
	if upnpErrorCode(err) == errOnlyPermanentLeases {
		return 0, u.addFor(ctx, port, 0)
	}
	return lease, err
}

func (u *upnp) addFor(ctx context.Context, port int, lease time.Duration) error {
	return u.c.AddPortMappingCtx(ctx, "", uint16(port), "UDP", uint16(port), u.local.String(), true,
		description, uint32(lease/time.Second))
}

func (u *upnp) external(ctx context.Context) (netip.Addr, error) {
	ext, err := u.c.GetExternalIPAddressCtx(ctx)
	if err != nil {
		return netip.Addr{}, err
	}
	a, err := netip.ParseAddr(ext)
	if err != nil {
		return netip.Addr{}, fmt.Errorf("the router gave its internet address as %q", ext)
	}
	return a.Unmap(), nil
}

func (u *upnp) remove(ctx context.Context, port int) error {
	return u.c.DeletePortMappingCtx(ctx, "", uint16(port), "UDP")
}

// upnpErrorCode is the UPnP error code a router's SOAP fault carries, or 0.
func upnpErrorCode(err error) int {
	var fault *soap.SOAPFaultError
	if errors.As(err, &fault) {
		return fault.Detail.UPnPError.Errorcode
	}
	return 0
}
