package discovery

import (
	"cmp"
	"net"
	"net/netip"
	"reflect"
	"slices"
	"time"

	"github.com/betamos/zeroconf"
)

// QueryEvery is how often browsing asks the network again: new player counts show
// within it. ExpireAfter is how long a game that stops answering (its host crashed
// or left the network) stays listed; a game whose host says goodbye leaves at once.
const (
	QueryEvery  = 700 * time.Millisecond
	ExpireAfter = 2 * time.Second
)

// list is the live list of games, by mDNS instance name. It is not safe for
// concurrent use.
type list struct {
	games map[string]Game
}

func newList() *list { return &list{games: map[string]Game{}} }

// apply takes in what the browser reported and says whether the list changed. A game
// removed, or no longer a Gem Rush game, leaves it. ifaces are this machine's
// multicast interfaces, for fromService.
func (l *list) apply(e zeroconf.Event, ifaces []net.Interface) bool {
	key := e.Service.String()
	old, listed := l.games[key]
	g, err := fromService(e.Service, ifaces)
	if e.Op == zeroconf.OpRemoved || err != nil {
		delete(l.games, key)
		return listed
	}
	g.Addrs = sortAddrs(g.Addrs)
	l.games[key] = g
	return !listed || !reflect.DeepEqual(old, g)
}

// snapshot is the games, by name.
func (l *list) snapshot() []Game {
	out := make([]Game, 0, len(l.games))
	for _, g := range l.games {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b Game) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Key(), b.Key())) })
	return out
}

// sortAddrs removes duplicates and puts IPv4 first, then global IPv6, then link-local.
func sortAddrs(addrs []netip.Addr) []netip.Addr {
	rank := func(a netip.Addr) int {
		switch {
		case a.Is4():
			return 0
		case !a.IsLinkLocalUnicast():
			return 1
		}
		return 2
	}
	slices.SortFunc(addrs, func(a, b netip.Addr) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), a.Compare(b)) })
	return slices.Compact(addrs)
}
