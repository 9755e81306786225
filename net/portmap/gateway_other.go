//go:build !linux

package portmap

import "net"

// defaultGateway is not looked up off Linux: UPnP, which finds the router itself, is
// asked alone there.
func defaultGateway() (net.IP, bool) { return nil, false }
