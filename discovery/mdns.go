package discovery

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/betamos/zeroconf"
	grandcat "github.com/grandcat/zeroconf"
)

// Timings of the mDNS service.
const (
	noInterfaceWait = 5 * time.Second // how often to look again for a usable interface
	goodbyeWait     = time.Second     // bounds sending the goodbye when an advert stops
)

// ErrNoInterface is returned when no network interface can carry multicast.
var ErrNoInterface = errors.New("no network interface that is up and can multicast")

// MDNS is the Service over multicast DNS. It advertises with github.com/grandcat/zeroconf,
// whose responder can change the TXT record (the player count) of a live advert and
// says goodbye when it stops; it browses with github.com/betamos/zeroconf, whose
// browser reports a game leaving (a goodbye at once, silence after ExpireAfter), which
// grandcat's does not.
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
	srv, err := grandcat.Register(escapeInstance(instanceName(g)), ServiceType, "local.", g.Port, encodeTXT(g), ifaces)
	if err != nil {
		return nil, err
	}
	a := &advert{updates: make(chan Game, 1), done: make(chan struct{})}
	go a.run(ctx, srv, m.log())
	return a, nil
}

// instanceName is g's mDNS instance name: its name, ended with the start of its host's
// fingerprint, since mDNS keeps one service per instance name and two games of the
// same name on one network would otherwise be taken for one. Browsing takes the
// suffix off again. A name too long for the one DNS label it must fit in (63 bytes)
// is cut, by whole characters.
func instanceName(g Game) string {
	name, suffix := []rune(g.Name), instanceSuffix(g.Fingerprint)
	for len(string(name))+len(suffix) > maxLabel {
		name = name[:len(name)-1]
	}
	return string(name) + suffix
}

// maxLabel is the longest DNS label, in bytes.
const maxLabel = 63

// instanceSuffix is what ends the instance name of a game whose host has fingerprint.
func instanceSuffix(fingerprint string) string {
	return " [" + fingerprint[:min(len(fingerprint), 8)] + "]"
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
func (a *advert) run(ctx context.Context, srv *grandcat.Server, log *slog.Logger) {
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

// browse owns the browsing client and the list. The client (betamos/zeroconf) reports
// a game that says goodbye at once and one that stops answering once ExpireAfter has
// passed; asking again every QueryEvery keeps the player counts fresh (a host
// announces a new count as a TXT record alone, which the client does not take as a
// sighting) and picks up interfaces that came or went.
func (m MDNS) browse(ctx context.Context, out chan []Game) {
	defer close(out)
	events := make(chan zeroconf.Event, 64)
	l := newList()
	publish := func() {
		select { // replace a list the reader has not taken yet
		case <-out:
		default:
		}
		out <- l.snapshot()
	}
	publish()
	var client *zeroconf.Client
	defer func() {
		if client != nil {
			client.Close() // its callback returns at once now that ctx is done
		}
	}()
	open := time.NewTimer(0)
	defer open.Stop()
	ask := time.NewTicker(QueryEvery)
	defer ask.Stop()
	warned := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-open.C:
			if len(multicastInterfaces()) == 0 {
				if !warned {
					m.log().Warn("LAN games cannot be found: " + ErrNoInterface.Error())
					warned = true
				}
				open.Reset(noInterfaceWait)
				continue
			}
			c, err := zeroconf.New().Logger(m.log().With("mdns", "browse")).
				Interfaces(func() ([]net.Interface, error) { return multicastInterfaces(), nil }).
				Expiry(ExpireAfter).
				Browse(func(e zeroconf.Event) {
					select {
					case events <- e:
					case <-ctx.Done():
					}
				}, serviceType).Open()
			if err != nil {
				m.log().Warn("LAN games cannot be found", "err", err)
				open.Reset(noInterfaceWait)
				continue
			}
			client, warned = c, false
		case <-ask.C:
			if client != nil {
				client.Reload()
			}
		case e := <-events:
			if l.apply(e, multicastInterfaces()) {
				publish()
			}
		}
	}
}

// serviceType is ServiceType in the browsing library's terms.
var serviceType = zeroconf.NewType(ServiceType)

// fromService reads a game from a browse result. ifaces are this machine's multicast
// interfaces: an IPv6 link-local address can only be dialled with the interface it
// is on as its zone, which the library does not say, so such an address is kept
// only when there is one interface it can be on.
func fromService(s *zeroconf.Service, ifaces []net.Interface) (Game, error) {
	g := Game{Name: s.Name, Port: int(s.Port)}
	if err := decodeTXT(&g, s.Text); err != nil {
		return g, err
	}
	g.Name = strings.TrimSuffix(g.Name, instanceSuffix(g.Fingerprint))
	for _, a := range s.Addrs {
		a = a.Unmap()
		if a.Is6() && (a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast()) {
			if len(ifaces) != 1 {
				continue
			}
			a = a.WithZone(ifaces[0].Name)
		}
		g.Addrs = append(g.Addrs, a)
	}
	if len(g.Addrs) == 0 || g.Port == 0 {
		return g, errors.New("no address or port")
	}
	return g, nil
}
