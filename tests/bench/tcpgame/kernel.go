package tcpgame

import (
	"net"
	"sync"
	"time"
)

// kernelInfo is what the operating system measured of one TCP connection.
type kernelInfo struct {
	rtt, rttDev, minRTT        time.Duration
	segmentsOut, retransmitted uint64
}

// Kernel is what the kernel said of the connections a host had, added up as each
// closed: the segments they sent and how many of those went again.
type Kernel struct {
	SegmentsOut   uint64 `json:"segments_out"`
	Retransmitted uint64 `json:"retransmitted"`
	Connections   int    `json:"connections"`
}

// KernelCounts adds up Kernel as connections close. Safe from any goroutine.
type KernelCounts struct {
	mu  sync.Mutex
	sum Kernel
}

func (k *KernelCounts) add(c net.Conn) {
	info, ok := readKernel(c)
	if !ok || k == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.sum.SegmentsOut += info.segmentsOut
	k.sum.Retransmitted += info.retransmitted
	k.sum.Connections++
}

// Sum is the counts so far.
func (k *KernelCounts) Sum() Kernel {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.sum
}
