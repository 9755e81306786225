package discovery

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/grandcat/zeroconf"
)

// Timings of the mDNS service. A browse session asks once when it starts and then
// listens; sessions start every QueryEvery and last sessionLength, so one is always
// listening for a new host's announcement, and every game present is asked about
// often enough to stay listed (ExpireAfter).
const (
	sessionLength   = 2 * QueryEvery
	expireCheck     = 250 * time.Millisecond
	noInterfaceWait = 5 * time.Second // how often to look again for a usable interface
	goodbyeWait     = time.Second     // bounds sending the goodbye when an advert stops
)

// ErrNoInterface is returned when no network interface can carry multicast.
var ErrNoInterface = errors.New("no network interface that is up and can multicast")

// MDNS is the Service over multicast DNS, using github.com/grandcat/zeroconf.
type MDNS struct {
	Logger *slog.Logger
}

func (m MDNS) log() *slog.Logger {
	if m.Logger == nil {
		return slog.Default()
	}
	return m.Logger
}

// multicastInterfaces are the interfaces mDNS can use: up, multicast-capable, not
// loopback.
func multicastInterfaces() []net.Interface {
	all, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []net.Interface
	for _, ifc := range all {
		if ifc.Flags&net.FlagUp != 0 && ifc.Flags&net.FlagMulticast != 0 && ifc.Flags&net.FlagLoopback == 0 {
			out = append(out, ifc)
		}
	}
	return out
}

// Advertise registers g on every multicast interface until ctx ends.
func (m MDNS) Advertise(ctx context.Context, g Game) (Advert, error) {
	ifaces := multicastInterfaces()
	if len(ifaces) == 0 {
		return nil, ErrNoInterface
	}
	srv, err := zeroconf.Register(escapeInstance(g.Name), ServiceType, "local.", g.Port, encodeTXT(g), ifaces)
	if err != nil {
		return nil, err
	}
	a := &advert{updates: make(chan Game, 1), done: make(chan struct{})}
	go a.run(ctx, srv, m.log())
	return a, nil
}

// escapeInstance escapes what would otherwise split or end a DNS label.
func escapeInstance(name string) string {
	return strings.NewReplacer(`\`, `\\`, `.`, `\.`).Replace(name)
}

type advert struct {
	updates chan Game
	done    chan struct{}
}

func (a *advert) Update(g Game) {
	select { // keep only the newest
	case <-a.updates:
	default:
	}
	a.updates <- g
}

func (a *advert) Done() <-chan struct{} { return a.done }

// run owns the zeroconf server: it applies updates and, when ctx ends, sends the
// goodbye (the records again with a TTL of zero).
func (a *advert) run(ctx context.Context, srv *zeroconf.Server, log *slog.Logger) {
	defer close(a.done)
	for {
		select {
		case g := <-a.updates:
			srv.SetText(encodeTXT(g))
		case <-ctx.Done():
			bye := make(chan struct{})
			go func() { srv.Shutdown(); close(bye) }()
			select {
			case <-bye:
			case <-time.After(goodbyeWait):
				log.Warn("the LAN goodbye took too long")
			}
			return
		}
	}
}

// Browse keeps a live list of the games on every multicast interface.
func (m MDNS) Browse(ctx context.Context) <-chan []Game {
	out := make(chan []Game, 1)
	go m.browse(ctx, out)
	return out
}

func (m MDNS) browse(ctx context.Context, out chan []Game) {
	defer close(out)
	var sessions sync.WaitGroup
	defer sessions.Wait() // every session has drained its library channel
	sightings := make(chan Game, 64)
	l := newList()
	publish := func() {
		select { // replace a list the reader has not taken yet
		case <-out:
		default:
		}
		out <- l.snapshot()
	}
	publish()
	query := time.NewTimer(0)
	defer query.Stop()
	expire := time.NewTicker(expireCheck)
	defer expire.Stop()
	warned := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-query.C:
			ifaces := multicastInterfaces()
			if len(ifaces) == 0 {
				if !warned {
					m.log().Warn("LAN games cannot be found: " + ErrNoInterface.Error())
					warned = true
				}
				query.Reset(noInterfaceWait)
				continue
			}
			warned = false
			for _, ifc := range ifaces {
				sessions.Go(func() { m.session(ctx, ifc, sightings) })
			}
			query.Reset(QueryEvery)
		case g := <-sightings:
			if l.see(g, time.Now()) {
				publish()
			}
		case now := <-expire.C:
			if l.expire(now) {
				publish()
			}
		}
	}
}

// session browses on one interface for sessionLength, so that link-local IPv6
// addresses can be given that interface as their zone.
func (m MDNS) session(ctx context.Context, ifc net.Interface, sightings chan<- Game) {
	sctx, cancel := context.WithTimeout(ctx, sessionLength)
	defer cancel()
	r, err := zeroconf.NewResolver(zeroconf.SelectIfaces([]net.Interface{ifc}))
	if err != nil {
		m.log().Debug("cannot browse on interface", "iface", ifc.Name, "err", err)
		return
	}
	entries := make(chan *zeroconf.ServiceEntry, 16)
	if err := r.Browse(sctx, ServiceType, "local.", entries); err != nil {
		m.log().Debug("browse failed", "iface", ifc.Name, "err", err)
		return
	}
	for e := range entries { // the library closes it when sctx ends; drain it to the end
		g, err := fromEntry(e, ifc.Name)
		if err != nil {
			m.log().Debug("ignoring an entry that is not a Gem Rush game", "name", e.Instance, "err", err)
			continue
		}
		select {
		case sightings <- g:
		case <-ctx.Done():
		}
	}
}

// fromEntry reads a game from a browse result seen on interface zone.
func fromEntry(e *zeroconf.ServiceEntry, zone string) (Game, error) {
	g := Game{Name: unescape(e.Instance), Port: e.Port}
	if err := decodeTXT(&g, e.Text); err != nil {
		return g, err
	}
	for _, ip := range append(append([]net.IP{}, e.AddrIPv4...), e.AddrIPv6...) {
		a, ok := netip.AddrFromSlice(ip)
		if !ok {
			continue
		}
		a = a.Unmap()
		if a.Is6() && (a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast()) {
			a = a.WithZone(zone)
		}
		g.Addrs = append(g.Addrs, a)
	}
	if len(g.Addrs) == 0 || g.Port == 0 {
		return g, errors.New("no address or port")
	}
	return g, nil
}
