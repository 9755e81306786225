package host

import (
	"net/netip"
	"testing"

	"github.com/gemrush/gemrush/net/portmap"
)

// TestOnlyAPlayerFromTheInternetConfirmsTheWayIn: a join confirms the router's
// forwarding only when the port is forwarded and the player came from a public IPv4
// address on none of the host's networks: not a LAN player over the host's global
// IPv6 address, nor one of a LAN numbered with public addresses.
func TestOnlyAPlayerFromTheInternetConfirmsTheWayIn(t *testing.T) {
	own := []netip.Prefix{
		netip.MustParsePrefix("192.168.1.0/24"),
		netip.MustParsePrefix("203.0.113.0/24"), // a LAN numbered with public addresses
		netip.MustParsePrefix("2001:db8:1::/64"),
	}
	mapped := portmap.Status{State: portmap.Mapped, External: netip.MustParseAddrPort("198.51.100.1:47777")}
	for _, tc := range []struct {
		from string
		st   portmap.Status
		want bool
	}{
		{"198.51.100.20", mapped, true},
		{"::ffff:198.51.100.20", mapped, true}, // IPv4 on a dual-stack socket
		{"198.51.100.20", portmap.Status{State: portmap.NoRouter}, false},
		{"198.51.100.20", portmap.Status{State: portmap.Shared}, false},
		{"198.51.100.20", portmap.Status{State: portmap.Trying}, false},
		{"2001:db8:1::42", mapped, false}, // a LAN player over the host's global IPv6 address
		{"2001:db8:9::42", mapped, false}, // IPv6 does not go through the IPv4 forwarding
		{"203.0.113.9", mapped, false},    // on the host's own network
		{"192.168.1.30", mapped, false},
		{"100.72.1.9", mapped, false},
		{"127.0.0.1", mapped, false},
	} {
		if got := fromTheInternet(netip.MustParseAddr(tc.from), tc.st, own); got != tc.want {
			t.Errorf("a player from %s while %v: confirms %v, want %v", tc.from, tc.st.State, got, tc.want)
		}
	}
}
