package portmap

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/huin/goupnp"
	"github.com/huin/goupnp/dcps/internetgateway2"
	natpmp "github.com/jackpal/go-nat-pmp"
)

// natPMPRouter is the default gateway, asked over NAT-PMP; none off Linux, where the
// gateway is not looked up.
func natPMPRouter(context.Context) []router {
	if gw, ok := defaultGateway(); ok {
		return []router{&pmp{gateway: gw}}
	}
	return nil
}

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

type upnp struct {
	version string
	rank    int // the newer the service, the higher
	c       igd
	local   net.IP // this machine's address towards the router
}

func (u *upnp) name() string { return u.version }

func (u *upnp) add(ctx context.Context, port int, lease time.Duration) (netip.Addr, error) {
	if err := u.c.AddPortMappingCtx(ctx, "", uint16(port), "UDP", uint16(port), u.local.String(), true,
		description, uint32(lease/time.Second)); err != nil {
		return netip.Addr{}, err
	}
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

type pmp struct{ gateway net.IP }

// pmpTimeout bounds one NAT-PMP request: the library's retries at 250 and 500 ms fit.
const pmpTimeout = 1500 * time.Millisecond

func (p *pmp) name() string { return "NAT-PMP" }

// client is a NAT-PMP client that gives up within ctx's time.
func (p *pmp) client(ctx context.Context) *natpmp.Client {
	timeout := pmpTimeout // a gateway that speaks NAT-PMP answers at once; one that does not leaves time for UPnP
	if d, ok := ctx.Deadline(); ok {
		timeout = max(min(time.Until(d), timeout), 100*time.Millisecond)
	}
	return natpmp.NewClientWithTimeout(p.gateway, timeout)
}

func (p *pmp) add(ctx context.Context, port int, lease time.Duration) (netip.Addr, error) {
	c := p.client(ctx)
	res, err := c.AddPortMapping("udp", port, port, int(lease/time.Second))
	if err != nil {
		return netip.Addr{}, pmpError(err)
	}
	if int(res.MappedExternalPort) != port {
		c.AddPortMapping("udp", port, 0, 0)
		return netip.Addr{}, fmt.Errorf("the router offered port %d instead of %d", res.MappedExternalPort, port)
	}
	ext, err := c.GetExternalAddress()
	if err != nil {
		return netip.Addr{}, pmpError(err)
	}
	return netip.AddrFrom4(ext.ExternalIPAddress), nil
}

func (p *pmp) remove(ctx context.Context, port int) error {
	_, err := p.client(ctx).AddPortMapping("udp", port, 0, 0) // lifetime 0 removes it
	return err
}

// pmpError tells a gateway that does not speak NAT-PMP (silence, or a closed port)
// from a refusal.
func pmpError(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, syscall.ECONNREFUSED) ||
		strings.HasPrefix(strings.ToLower(err.Error()), "timed out trying to contact gateway") {
		return errNoRouter
	}
	return err
}
