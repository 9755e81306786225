package session

import (
	"context"
	"errors"
	"net"
	"syscall"
	"time"
)

// A closed port is told apart from silence by the system's own answer: a datagram to
// a UDP port nothing listens on comes back as ICMP "port unreachable", which Linux,
// macOS and the BSDs hand to a connected UDP socket as ECONNREFUSED. QUIC's socket is
// unconnected (it serves every path of the connection) and never hears of it, so the
// dial has a small socket of its own, connected to the host's address, that sends a
// few one-byte probes alongside the handshake. A probe's first byte has QUIC's two
// high bits clear, so a Gem Rush host's QUIC stack discards it as "not QUIC" before
// any other work: no connection, no stranger counted, no reply. Windows and networks
// that swallow ICMP give no answer, and the dial waits for the handshake timeout as
// before.
const (
	probeEvery = 100 * time.Millisecond // between probes, in case one or its answer is lost
	probes     = 3
	// probeFor is how long the answer is listened for: a round trip to a host across
	// the internet, with room; a closed port is told well within a second.
	probeFor = time.Second
)

// ErrRefused is returned by Dial when the system said nothing listens at the address.
var ErrRefused = errors.New("nothing is listening at the port")

// portClosed reports whether addr's system answers that nothing listens on its UDP
// port, within probeFor or until ctx ends.
func portClosed(ctx context.Context, addr *net.UDPAddr) bool {
	ctx, cancel := context.WithTimeout(ctx, probeFor)
	defer cancel()
	udp, err := net.DialUDP("udp", nil, addr)
	if err != nil {
		return false
	}
	defer udp.Close()
	stop := context.AfterFunc(ctx, func() { udp.SetReadDeadline(time.Now()) })
	defer stop()
	refused := make(chan bool, 1)
	go func() { // the answer comes as an error on a read
		buf := make([]byte, 1)
		for {
			_, err := udp.Read(buf)
			if err != nil {
				refused <- errors.Is(err, syscall.ECONNREFUSED)
				return
			}
		}
	}()
	tick := time.NewTicker(probeEvery)
	defer tick.Stop()
	for sent := 0; ; {
		if sent < probes {
			if _, err := udp.Write([]byte{0}); errors.Is(err, syscall.ECONNREFUSED) {
				return true // the answer to an earlier probe, told on this write
			}
			sent++
		}
		select {
		case r := <-refused:
			return r
		case <-tick.C:
		}
	}
}
