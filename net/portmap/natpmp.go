package portmap

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"

	natpmp "github.com/jackpal/go-nat-pmp"
)

// natPMPRouter is the default gateway, asked over NAT-PMP.
func natPMPRouter(context.Context) []router {
	if gw, ok := defaultGateway(); ok {
		return []router{&pmp{gateway: gw}}
	}
	return nil
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

// add asks for the mapping and returns the lifetime the router granted, which may be
// shorter than asked (RFC 6886 §3.3); a router that says 0 is taken at what was asked.
func (p *pmp) add(ctx context.Context, port int, lease time.Duration) (time.Duration, error) {
	c := p.client(ctx)
	res, err := c.AddPortMapping("udp", port, port, int(lease/time.Second))
	if err != nil {
		return 0, pmpError(err)
	}
	if int(res.MappedExternalPort) != port {
		c.AddPortMapping("udp", port, 0, 0)
		return 0, fmt.Errorf("the router offered port %d instead of %d", res.MappedExternalPort, port)
	}
	if granted := time.Duration(res.PortMappingLifetimeInSeconds) * time.Second; granted > 0 {
		return granted, nil
	}
	return lease, nil
}

func (p *pmp) external(ctx context.Context) (netip.Addr, error) {
	ext, err := p.client(ctx).GetExternalAddress()
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
