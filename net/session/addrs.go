package session

import (
	"net"
	"net/netip"
	"strconv"
)

// JoinAddrs lists the addresses other players can join this machine's game at:
// every non-loopback unicast address of an up interface, with port, IPv4 first.
// It only reads the interface table; nothing is sent.
func JoinAddrs(port int) []string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var v4, v6 []string
	for _, iface := range ifaces {
		if iface.Flags&net.FlagUp == 0 || iface.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := iface.Addrs()
		for _, a := range addrs {
			prefix, err := netip.ParsePrefix(a.String())
			if err != nil {
				continue
			}
			ip := prefix.Addr()
			switch {
			case ip.Is4():
				v4 = append(v4, net.JoinHostPort(ip.String(), strconv.Itoa(port)))
			case ip.IsLinkLocalUnicast():
				v6 = append(v6, net.JoinHostPort(ip.WithZone(iface.Name).String(), strconv.Itoa(port)))
			case ip.IsGlobalUnicast():
				v6 = append(v6, net.JoinHostPort(ip.String(), strconv.Itoa(port)))
			}
		}
	}
	return append(v4, v6...)
}

// OwnNetworks are the networks this machine has an address on, loopback included.
func OwnNetworks() []netip.Prefix {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var own []netip.Prefix
	for _, a := range addrs {
		if p, err := netip.ParsePrefix(a.String()); err == nil {
			own = append(own, p.Masked())
		}
	}
	return own
}
