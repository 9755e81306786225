// Package discovery finds Gem Rush games on the local network and makes a host's
// game findable, over multicast DNS (DNS-SD service _gemrush._udp in local.). The
// rest of Gem Rush sees only Service, Game and Advert, so the mDNS library behind
// them can be swapped. It knows nothing of the game or its network code: a Game is
// just what a list of games shows and what a player needs to dial.
package discovery

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// ServiceType is the DNS-SD service every Gem Rush host advertises.
const ServiceType = "_gemrush._udp"

// Game is one game on the network, as advertised.
type Game struct {
	Name        string       // the instance name: the game's name
	Addrs       []netip.Addr // IPv4 first; IPv6 link-local ones carry their interface zone
	Port        int
	Version     int // protocol version
	Players     int
	MaxPlayers  int
	Password    bool
	Fingerprint string // SHA-256 of the host's certificate, hex
}

// JoinAddr is the address to dial: the first IPv4 address, else the first IPv6 one.
func (g Game) JoinAddr() string {
	if len(g.Addrs) == 0 {
		return ""
	}
	return net.JoinHostPort(g.Addrs[0].String(), strconv.Itoa(g.Port))
}

// Key identifies a game across sightings: a host may be seen on several interfaces.
func (g Game) Key() string { return g.Name + "\x00" + g.Fingerprint + "\x00" + strconv.Itoa(g.Port) }

// Service advertises and browses games.
type Service interface {
	// Advertise makes g findable until ctx ends, then says goodbye.
	Advertise(ctx context.Context, g Game) (Advert, error)
	// Browse sends the current list of games whenever it changes, until ctx ends;
	// then it closes the channel.
	Browse(ctx context.Context) <-chan []Game
}

// Advert is a game being advertised.
type Advert interface {
	// Update changes what is advertised (the player count, mostly). It never blocks.
	Update(g Game)
	// Done is closed once the advert has stopped and its goodbye was sent.
	Done() <-chan struct{}
}

// TXT record keys.
const (
	txtVersion     = "v"
	txtPlayers     = "players"
	txtMaxPlayers  = "max"
	txtPassword    = "pw"
	txtFingerprint = "fp"
)

// encodeTXT is g's TXT record: key=value strings.
func encodeTXT(g Game) []string {
	pw := "0"
	if g.Password {
		pw = "1"
	}
	return []string{
		txtVersion + "=" + strconv.Itoa(g.Version),
		txtPlayers + "=" + strconv.Itoa(g.Players),
		txtMaxPlayers + "=" + strconv.Itoa(g.MaxPlayers),
		txtPassword + "=" + pw,
		txtFingerprint + "=" + g.Fingerprint,
	}
}

// decodeTXT fills g from a TXT record. A record without a version is not a Gem Rush
// game and is refused; unknown keys are ignored, for the versions to come.
func decodeTXT(g *Game, txt []string) error {
	seen := false
	for _, kv := range txt {
		k, v, _ := strings.Cut(kv, "=")
		var err error
		switch k {
		case txtVersion:
			g.Version, err = strconv.Atoi(v)
			seen = err == nil
		case txtPlayers:
			g.Players, err = strconv.Atoi(v)
		case txtMaxPlayers:
			g.MaxPlayers, err = strconv.Atoi(v)
		case txtPassword:
			g.Password = v == "1"
		case txtFingerprint:
			g.Fingerprint = v
		}
		if err != nil {
			return fmt.Errorf("TXT %q: %w", kv, err)
		}
	}
	switch {
	case !seen:
		return fmt.Errorf("TXT record has no version")
	case g.Players < 0 || g.MaxPlayers < 0 || g.MaxPlayers > 255 || g.Players > g.MaxPlayers:
		return fmt.Errorf("TXT record has %d of %d players", g.Players, g.MaxPlayers)
	case !isFingerprint(g.Fingerprint): // a game a player cannot check is not listed
		return fmt.Errorf("TXT record has a fingerprint that is not SHA-256 in hex: %q", g.Fingerprint)
	}
	return nil
}

// isFingerprint reports whether s is a SHA-256 digest in lower-case hex.
func isFingerprint(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
