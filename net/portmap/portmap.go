// Package portmap asks the home router to forward the game's UDP port to this machine,
// in the background, and keeps asking before the lease ends: UPnP IGD (v2 and v1, over
// IP and PPP connections, with github.com/huin/goupnp) and NAT-PMP (with
// github.com/jackpal/go-nat-pmp). NAT-PMP is asked first (one packet to the default
// gateway, answered at once by a router that speaks it), then UPnP (which needs a
// search of the LAN): one router's two protocols share one rule, so only one is used.
// It learns the router's own internet address from the same protocol, and says in
// words when the internet cannot reach the game: no router answered, the router
// refused, or the router's own address is private or shared (another NAT sits beyond
// it, where forwarding cannot help). Close removes the mapping.
package portmap

import (
	"context"
	"errors"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// How the mapping is kept.
const (
	// Lease is what the router is asked to keep the mapping for. It is renewed at half
	// of what the router granted (a NAT-PMP router may grant less), and at half of
	// Lease for a router that keeps only permanent mappings, in case it restarted.
	Lease = time.Hour
	// askTimeout bounds one round of asking the routers: NAT-PMP (pmpTimeout), then a
	// UPnP search of the LAN (two seconds) and its requests.
	askTimeout = 8 * time.Second
	// retryFirst and retryMost bound the wait before asking again after a failure; a
	// router that opened the port but did not say its address is asked again after
	// retryFirst too.
	retryFirst = 30 * time.Second
	retryMost  = 10 * time.Minute
	// removeTimeout bounds removing the mapping when hosting ends: a router on the
	// LAN answers in milliseconds.
	removeTimeout = time.Second
	description   = "Gem Rush"
)

// router is one protocol's way of opening a port.
type router interface {
	name() string
	// add asks for port to be forwarded for lease, and returns the lease the router
	// granted: 0 when it keeps only permanent mappings.
	add(ctx context.Context, port int, lease time.Duration) (time.Duration, error)
	// external is the router's own internet address.
	external(ctx context.Context) (netip.Addr, error)
	remove(ctx context.Context, port int) error
}

// errNoRouter is a protocol finding no router to ask.
var errNoRouter = errors.New("no router answered")

// Mapper keeps one UDP port forwarded while it runs.
type Mapper struct {
	port   int
	lan    string // this machine's address on the home network, for the log's sentences
	log    *slog.Logger
	status atomic.Pointer[Status]
	cancel context.CancelFunc
	done   chan struct{}

	mu   sync.Mutex
	held router // the router that holds the mapping, or nil
	// routers are where to look for routers, in the order they are asked; tests
	// replace them.
	routers []func(ctx context.Context) []router
	changed func(Status)
	renew   time.Duration // the longest wait between renewals: half the lease
}

// Start begins forwarding UDP port in the background; it never waits on the network.
// lan is this machine's address on the home network, named in what the log says to
// forward by hand. changed, if not nil, is called (on the Mapper's goroutine) each
// time the status changes.
func Start(port int, lan string, log *slog.Logger, changed func(Status)) *Mapper {
	return start(port, lan, log, changed, Lease/2, natPMPRouter, upnpRouters)
}

func start(port int, lan string, log *slog.Logger, changed func(Status), renew time.Duration, routers ...func(ctx context.Context) []router) *Mapper {
	ctx, cancel := context.WithCancel(context.Background())
	m := &Mapper{port: port, lan: lan, log: log, cancel: cancel, done: make(chan struct{}), routers: routers, changed: changed, renew: renew}
	m.set(Status{State: Trying})
	go m.run(ctx)
	return m
}

// Status is the mapping as it stands now.
func (m *Mapper) Status() Status { return *m.status.Load() }

func (m *Mapper) set(s Status) {
	s.Since = time.Now()
	m.status.Store(&s)
}

// run asks, keeps the mapping renewed, and asks again after failures, until ctx ends.
func (m *Mapper) run(ctx context.Context) {
	defer close(m.done)
	wait := retryFirst
	for {
		s := m.ask(ctx)
		if ctx.Err() != nil {
			return
		}
		m.report(s)
		next := wait
		switch {
		case s.State == Mapped && !s.External.IsValid(): // held, but where friends join is not known yet
			next, wait = min(retryFirst, m.renewal(s.Lease)), retryFirst
		case s.State == Mapped || s.State == Shared:
			next, wait = m.renewal(s.Lease), retryFirst
		default:
			wait = min(2*wait, retryMost)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(next):
		}
	}
}

// renewal is how long after a grant of lease the mapping is renewed: at half the
// lease, and at least every m.renew (a permanent mapping too, in case the router
// restarted and forgot it).
func (m *Mapper) renewal(lease time.Duration) time.Duration {
	if lease <= 0 {
		return m.renew
	}
	return min(m.renew, lease/2)
}

// report logs a status when it differs from the last; a failure's line carries the
// sentence that says what to do.
func (m *Mapper) report(s Status) {
	last := m.Status()
	m.set(s)
	if last.State == s.State && last.External == s.External {
		return
	}
	switch s.State {
	case Mapped:
		if !s.External.IsValid() {
			m.log.Warn("the router forwards the game's port, but did not say its internet address", "protocol", s.Protocol, "lease", s.Lease, "err", s.Err)
			break
		}
		m.log.Info("the router forwards the game's port", "protocol", s.Protocol, "internet", s.External, "lease", s.Lease)
	case Shared:
		m.log.Warn("the router forwards the game's port, but its own address is private or shared: players on the internet cannot reach it",
			"protocol", s.Protocol, "router_address", s.External.Addr(), "sentence", s.Sentence(m.port, m.lan))
	default:
		m.log.Warn("the router did not open the game's port", "state", s.State, "err", s.Err, "sentence", s.Sentence(m.port, m.lan))
	}
	if m.changed != nil {
		m.changed(s)
	}
}

// ask asks the router holding the mapping to renew it, or else each router found in
// turn, until one opens the port. The router that opened it holds it from then on,
// whether or not it then says its own address: Close removes what was added.
func (m *Mapper) ask(ctx context.Context) Status {
	ctx, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	m.mu.Lock()
	held := m.held
	m.held = nil
	m.mu.Unlock()
	sources := m.routers
	if held != nil {
		sources = []func(context.Context) []router{func(context.Context) []router { return []router{held} }}
	}
	best := Status{State: NoRouter, Err: errNoRouter}
	for _, source := range sources {
		for _, r := range source(ctx) {
			lease, err := r.add(ctx, m.port, Lease)
			if err != nil {
				if !errors.Is(err, errNoRouter) && best.State == NoRouter {
					best = Status{State: Refused, Protocol: r.name(), Err: err}
				}
				continue
			}
			m.mu.Lock()
			m.held = r
			m.mu.Unlock()
			s := Status{State: Mapped, Protocol: r.name(), Lease: lease}
			ext, err := r.external(ctx)
			switch {
			case err != nil:
				s.Err = err
			case unreachable(ext):
				s.State, s.External = Shared, netip.AddrPortFrom(ext, uint16(m.port))
			default:
				s.External = netip.AddrPortFrom(ext, uint16(m.port))
			}
			return s
		}
	}
	return best
}

// Close stops renewing and removes the mapping. It waits for a request in flight
// (NAT-PMP's is bounded by pmpTimeout), then gives the removal removeTimeout, and
// gives up on either when ctx ends.
func (m *Mapper) Close(ctx context.Context) {
	m.cancel()
	select {
	case <-m.done:
	case <-ctx.Done():
		m.log.Warn("the router was still being asked when hosting ended; a forwarding it made now is not removed")
		return
	}
	m.mu.Lock()
	held := m.held
	m.held = nil
	m.mu.Unlock()
	if held == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, removeTimeout)
	defer cancel()
	if err := held.remove(ctx, m.port); err != nil {
		if m.Status().Lease == 0 {
			m.log.Warn("could not remove the port forwarding from the router, which keeps it until it restarts (or it is removed in its settings)", "err", err)
		} else {
			m.log.Warn("could not remove the port forwarding from the router; it lapses by itself", "within", m.Status().Lease, "err", err)
		}
		return
	}
	m.log.Info("the router no longer forwards the game's port", "protocol", held.name())
}

// unreachable reports whether a router's own internet address is one the internet
// cannot reach: private (RFC 1918), shared (carrier-grade NAT, RFC 6598), or none.
func unreachable(a netip.Addr) bool { return !Public(a) }

// Public reports whether a is an address on the internet: not private (RFC 1918, or
// IPv6 unique local), shared (RFC 6598, carrier-grade NAT), loopback, link-local or
// unspecified.
func Public(a netip.Addr) bool {
	return a.IsValid() && !a.IsPrivate() && !a.IsLoopback() && !a.IsUnspecified() && !a.IsLinkLocalUnicast() &&
		!cgnat.Contains(a)
}
