package portmap

import (
	"bufio"
	"strings"
	"testing"
)

// TestTheDefaultGatewayIsReadFromTheRouteTable: the default route's gateway, passing
// over a default route with none (a VPN's "default dev tun0").
func TestTheDefaultGatewayIsReadFromTheRouteTable(t *testing.T) {
	table := `Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
eth0	0071A8C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
tun0	00000000	00000000	0001	0	0	0	00000000	0	0	0
eth0	00000000	0171A8C0	0003	0	0	0	00000000	0	0	0
`
	gw, ok := parseRoutes(bufio.NewScanner(strings.NewReader(table)))
	if !ok || gw.String() != "192.168.113.1" {
		t.Fatalf("gateway %v, %v (a default route through a tunnel, with no gateway, comes first)", gw, ok)
	}
	if _, ok := parseRoutes(bufio.NewScanner(strings.NewReader(strings.Split(table, "\n")[1]))); ok {
		t.Error("a table without a default route gave a gateway")
	}
}
