//go:build !linux

package portmap

import (
	"net"

	"github.com/jackpal/gateway"
)

// defaultGateway is the IPv4 default route's gateway, as github.com/jackpal/gateway
// finds it: the routing table on macOS and the BSDs, `route print` on Windows.
func defaultGateway() (net.IP, bool) {
	gw, err := gateway.DiscoverGateway()
	if err != nil || gw.To4() == nil || gw.IsUnspecified() {
		return nil, false
	}
	return gw.To4(), true
}
