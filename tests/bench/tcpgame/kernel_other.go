//go:build !linux

package tcpgame

import "net"

// readKernel knows nothing of a connection outside Linux.
func readKernel(net.Conn) (kernelInfo, bool) { return kernelInfo{}, false }
