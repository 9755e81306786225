// Package portmap asks the home router to forward the game's UDP port to this machine,
// in the background, and keeps asking before the lease ends: UPnP IGD (v2 and v1, over
// IP and PPP connections, with github.com/huin/goupnp) and NAT-PMP (with
// github.com/jackpal/go-nat-pmp). NAT-PMP is asked first (one packet to the default
// gateway, answered at once by a router that speaks it), then UPnP (which needs a
// search of the LAN): one router's two protocols share one rule, so only one is used. It learns the router's own internet address from the same protocol, and
// says in words when the internet cannot reach the game: no router answered, the
// router refused, or the router's own address is private or shared (another NAT sits
// beyond it, where forwarding cannot help). Close removes the mapping.
package portmap

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// How the mapping is kept.
const (
	// Lease is what the router is asked to keep the mapping for; it is renewed at half.
	Lease = time.Hour
	// askTimeout bounds one round of asking the routers: NAT-PMP, then a UPnP search
	// of the LAN and its requests.
	askTimeout = 8 * time.Second
	// retryFirst and retryMost bound the wait before asking again after a failure.
	retryFirst = 30 * time.Second
	retryMost  = 10 * time.Minute
	// removeTimeout bounds removing the mapping when hosting ends.
	removeTimeout = 2 * time.Second
	description   = "Gem Rush"
)

// State is where the mapping stands.
type State int

const (
	Trying   State = iota // asking the router
	Mapped                // the router forwards the port; External is where friends join
	NoRouter              // no router answered UPnP or NAT-PMP
	Refused               // a router answered and would not open the port
	Shared                // the router opened the port, but its own address is private or shared: forwarding cannot reach it
)

var stateNames = [...]string{"trying", "mapped", "no_router", "refused", "shared"}

func (s State) String() string { return stateNames[s] }

// Status is the mapping as it stands, for the log, the HUD and /debug/vars.
type Status struct {
	State    State
	Protocol string         // "UPnP IGD v2", "UPnP IGD v1", "NAT-PMP", or ""
	External netip.AddrPort // the router's internet address and the forwarded port, when known
	Err      error          // why it failed, for the log
	Since    time.Time      // when it came to stand so
	// Confirmed: a player has joined from the internet, so the way in is known to
	// work (the caller, which sees the players, says so).
	Confirmed bool
}

// Sentence is the status in one line for the person hosting, port being the game's
// UDP port and lan this machine's address on the home network.
func (s Status) Sentence(port int, lan string) string {
	switch s.State {
	case Mapped:
		if s.Confirmed {
			return fmt.Sprintf("Internet: %s — port opened on your router; a player has joined from the internet", s.External)
		}
		return fmt.Sprintf("Internet: %s — port opened on your router; not yet confirmed by a player from the internet", s.External)
	case Shared:
		return fmt.Sprintf("Internet: not reachable — your router's own address (%s) is private or shared, so forwarding cannot help; host from another network", s.External.Addr())
	case NoRouter:
		return fmt.Sprintf("Internet: no router answered — forward UDP %d to %s on your router by hand (see the README)", port, lan)
	case Refused:
		return fmt.Sprintf("Internet: your router would not open the port — forward UDP %d to %s by hand (see the README)", port, lan)
	}
	return "Internet: asking your router to open the port…"
}

// Short is the status in a few words, for the hosting screen's top bar (which shows
// the LAN address beside it).
func (s Status) Short(port int) string {
	switch s.State {
	case Mapped:
		if s.Confirmed {
			return fmt.Sprintf("Internet: %s · port open, a player came in through it", s.External)
		}
		return fmt.Sprintf("Internet: %s · port open, not yet confirmed", s.External)
	case Shared:
		return "Internet: unreachable · the router's own address is private or shared"
	case NoRouter:
		return fmt.Sprintf("Internet: no router answered · forward UDP %d by hand (README)", port)
	case Refused:
		return fmt.Sprintf("Internet: the router refused · forward UDP %d by hand (README)", port)
	}
	return "Internet: asking your router to open the port…"
}

// router is one protocol's way of opening a port.
type router interface {
	name() string
	// add asks for port to be forwarded for lease, and returns the router's internet address.
	add(ctx context.Context, port int, lease time.Duration) (netip.Addr, error)
	remove(ctx context.Context, port int) error
}

// errNoRouter is a protocol finding no router to ask.
var errNoRouter = errors.New("no router answered")

// Mapper keeps one UDP port forwarded while it runs.
type Mapper struct {
	port   int
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
	renew   time.Duration // how often a mapping is renewed: half the lease
}

// Start begins forwarding UDP port in the background; it never waits on the network.
// changed, if not nil, is called (on the Mapper's goroutine) each time the status
// changes.
func Start(port int, log *slog.Logger, changed func(Status)) *Mapper {
	return start(port, log, changed, Lease/2, natPMPRouter, upnpRouters)
}

func start(port int, log *slog.Logger, changed func(Status), renew time.Duration, routers ...func(ctx context.Context) []router) *Mapper {
	ctx, cancel := context.WithCancel(context.Background())
	m := &Mapper{port: port, log: log, cancel: cancel, done: make(chan struct{}), routers: routers, changed: changed, renew: renew}
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
		if s.State == Mapped || s.State == Shared {
			next, wait = m.renew, retryFirst
		} else {
			wait = min(2*wait, retryMost)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(next):
		}
	}
}

// report logs a status when it differs from the last.
func (m *Mapper) report(s Status) {
	last := m.Status()
	m.set(s)
	if last.State == s.State && last.External == s.External {
		return
	}
	switch s.State {
	case Mapped:
		m.log.Info("the router forwards the game's port", "protocol", s.Protocol, "internet", s.External)
	case Shared:
		m.log.Warn("the router forwards the game's port, but its own address is private or shared: players on the internet cannot reach it",
			"protocol", s.Protocol, "router_address", s.External.Addr())
	default:
		m.log.Warn("the router did not open the game's port", "state", s.State, "err", s.Err)
	}
	if m.changed != nil {
		m.changed(s)
	}
}

// ask asks the router holding the mapping to renew it, or else each router found in
// turn, until one opens the port.
func (m *Mapper) ask(ctx context.Context) Status {
	ctx, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	m.mu.Lock()
	held := m.held
	m.mu.Unlock()
	sources := m.routers
	if held != nil {
		sources = []func(context.Context) []router{func(context.Context) []router { return []router{held} }}
	}
	best := Status{State: NoRouter, Err: errNoRouter}
	var won router
	for _, source := range sources {
		for _, r := range source(ctx) {
			ext, err := r.add(ctx, m.port, Lease)
			switch {
			case err == nil:
				won = r
				best = Status{State: Mapped, Protocol: r.name(), External: netip.AddrPortFrom(ext, uint16(m.port))}
				if unreachable(ext) {
					best.State = Shared
				}
			case !errors.Is(err, errNoRouter) && best.State == NoRouter:
				best = Status{State: Refused, Protocol: r.name(), Err: err}
			}
			if won != nil {
				break
			}
		}
		if won != nil {
			break
		}
	}
	m.mu.Lock()
	m.held = won
	m.mu.Unlock()
	return best
}

// Close stops renewing and removes the mapping, within a couple of seconds.
func (m *Mapper) Close() {
	m.cancel()
	<-m.done
	m.mu.Lock()
	held := m.held
	m.held = nil
	m.mu.Unlock()
	if held == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), removeTimeout)
	defer cancel()
	if err := held.remove(ctx, m.port); err != nil {
		m.log.Warn("could not remove the port forwarding from the router; it lapses by itself within the hour", "err", err)
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
		!netip.MustParsePrefix("100.64.0.0/10").Contains(a)
}
