package tcpgame

import (
	"net"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// readKernel is what Linux says of a TCP connection (TCP_INFO).
func readKernel(c net.Conn) (kernelInfo, bool) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return kernelInfo{}, false
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return kernelInfo{}, false
	}
	var info *unix.TCPInfo
	var ierr error
	if err := raw.Control(func(fd uintptr) { info, ierr = unix.GetsockoptTCPInfo(int(fd), syscall.SOL_TCP, syscall.TCP_INFO) }); err != nil || ierr != nil {
		return kernelInfo{}, false
	}
	us := func(v uint32) time.Duration { return time.Duration(v) * time.Microsecond }
	return kernelInfo{
		rtt: us(info.Rtt), rttDev: us(info.Rttvar), minRTT: us(info.Min_rtt),
		segmentsOut: uint64(info.Segs_out), retransmitted: uint64(info.Total_retrans),
	}, true
}
