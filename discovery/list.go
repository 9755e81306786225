package discovery

import (
	"cmp"
	"net/netip"
	"slices"
	"time"
)

// ExpireAfter is how long a game stays listed without being seen again. Browsing
// asks again every QueryEvery, so a game that is there is seen several times within
// it; the library never reports a game leaving, so this is how departures show.
const (
	QueryEvery  = 700 * time.Millisecond
	ExpireAfter = 2 * time.Second
)

// list is the live list of games. It is not safe for concurrent use; time is passed
// in, so tests run it in simulated time.
type list struct {
	games map[string]*sighting
}

type sighting struct {
	game Game
	seen time.Time
}

func newList() *list { return &list{games: map[string]*sighting{}} }

// see records a sighting at now and reports whether the list changed. Addresses from
// every sighting of the same game are merged.
func (l *list) see(g Game, now time.Time) bool {
	s, ok := l.games[g.Key()]
	if !ok {
		g.Addrs = sortAddrs(g.Addrs)
		l.games[g.Key()] = &sighting{game: g, seen: now}
		return true
	}
	s.seen = now
	merged := sortAddrs(append(slices.Clone(s.game.Addrs), g.Addrs...))
	changed := !slices.Equal(merged, s.game.Addrs) || s.game.Players != g.Players ||
		s.game.MaxPlayers != g.MaxPlayers || s.game.Password != g.Password || s.game.Version != g.Version
	g.Addrs = merged
	s.game = g
	return changed
}

// expire drops the games not seen since now-ExpireAfter and reports whether any went.
func (l *list) expire(now time.Time) bool {
	gone := false
	for k, s := range l.games {
		if now.Sub(s.seen) > ExpireAfter {
			delete(l.games, k)
			gone = true
		}
	}
	return gone
}

// snapshot is the games, by name.
func (l *list) snapshot() []Game {
	out := make([]Game, 0, len(l.games))
	for _, s := range l.games {
		out = append(out, s.game)
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
