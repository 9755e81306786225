package portmap

import (
	"fmt"
	"net/netip"
	"time"
)

// State is where the mapping stands.
type State int

const (
	Trying   State = iota // asking the router
	Mapped                // the router forwards the port; External is where friends join (when the router said)
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
	External netip.AddrPort // the router's internet address and the forwarded port; not valid when the router did not say
	// Lease is how long the router keeps the mapping unless it is renewed, as the
	// router granted it; 0 for a router that keeps only permanent mappings.
	Lease time.Duration
	Err   error     // why it failed, or why the router's address is not known, for the log
	Since time.Time // when it came to stand so
	// Confirmed: a player has joined from the internet, so the way in is known to
	// work (the caller, which sees the players, says so).
	Confirmed bool
}

// cgnat is the shared address space of RFC 6598: a router with an address there sits
// behind its provider's carrier-grade NAT.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Sentence is the status in one line for the person hosting, port being the game's
// UDP port and lan this machine's address on the home network.
func (s Status) Sentence(port int, lan string) string {
	switch s.State {
	case Mapped:
		where := s.External.String() + " — port opened on your router"
		if !s.External.IsValid() {
			where = fmt.Sprintf("UDP %d opened on your router, which did not say its internet address (friends join at that address, port %d)", port, port)
		}
		if s.Confirmed {
			return "Internet: " + where + "; a player has joined from the internet"
		}
		return "Internet: " + where + "; not yet confirmed by a player from the internet"
	case Shared:
		return fmt.Sprintf("Internet: not reachable — your router's own address (%s) is private or shared, so forwarding cannot help; host from another network", s.External.Addr())
	case NoRouter:
		return fmt.Sprintf("Internet: no router answered — forward UDP %d to %s on your router by hand (see the README)", port, lan)
	case Refused:
		return fmt.Sprintf("Internet: your router would not open the port — forward UDP %d to %s by hand (see the README)", port, lan)
	}
	return "Internet: asking your router to open the port…"
}

// Short is the status in a few words, with the next step, for the hosting screen's
// row of its own: port is the game's UDP port, lan this machine's address on the
// home network.
func (s Status) Short(port int, lan string) string {
	switch s.State {
	case Mapped:
		where := s.External.String() + " · port open, "
		if !s.External.IsValid() {
			where = fmt.Sprintf("UDP %d open on your router (it did not say its address) · ", port)
		}
		if s.Confirmed {
			return "Internet: " + where + "a player came in through it"
		}
		return "Internet: " + where + "not yet confirmed"
	case Shared:
		if cgnat.Contains(s.External.Addr()) {
			return "Internet: not reachable · your router's own address is shared (CGNAT) · host from another network"
		}
		return "Internet: not reachable · your router's own address is private (another router beyond it) · host from another network"
	case NoRouter:
		return fmt.Sprintf("Internet: no router answered · forward UDP %d to %s by hand (README)", port, lan)
	case Refused:
		return fmt.Sprintf("Internet: your router refused · forward UDP %d to %s by hand (README)", port, lan)
	}
	return "Internet: asking your router to open the port…"
}
