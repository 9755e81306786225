package quicnet

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/gemrush/gemrush/net/session"
)

// How a player's connection follows the machine to a new network.
const (
	// pathCheckEvery is how often the game asks which of this machine's addresses now
	// reaches the host. Asking costs no packet: it is the routing table's answer.
	pathCheckEvery = 500 * time.Millisecond
	// probeTimeout bounds one check that the host answers on the new path; past it
	// the connection stays where it is, and if it dies there the game reconnects.
	probeTimeout = 3 * time.Second
	// mostMigrationWait is the longest wait between two tries at moving to a new
	// network that does not answer yet (a Wi-Fi still associating, a slow lease):
	// the wait doubles from pathCheckEvery up to it.
	mostMigrationWait = 30 * time.Second
)

// followNetwork moves the connection when this machine's address towards the host
// changes under a live game (Wi-Fi to wired, a new DHCP lease): it opens a socket on
// the new network and moves the connection onto it with QUIC's connection migration:
// the path is added, probed (the host must answer a challenge on it) and switched
// to. The host sees the same connection from a new address; nothing is re-sent and
// nobody reconnects. It runs until the connection ends.
func (c *Conn) followNetwork() {
	from := c.localAddrToHost()
	wait := pathCheckEvery
	for failures := 0; ; {
		select {
		case <-c.conn.Context().Done():
			return
		case <-time.After(wait):
		}
		to := c.localAddrToHost()
		if !to.IsValid() || to == from {
			failures, wait = 0, pathCheckEvery
			continue // no route (yet), or no change: nothing to move to
		}
		start := time.Now()
		if err := c.migrate(probeTimeout); err != nil {
			if failures == 0 {
				c.log.Warn("the network changed, and the connection could not move to it yet; if it drops, the game reconnects",
					"from", from, "to", to, "err", err)
			}
			failures++
			wait = min(pathCheckEvery<<failures, mostMigrationWait)
			continue
		}
		c.log.Info("the network changed: the connection moved to the new address", "from", from, "to", to,
			"took_ms", float64(time.Since(start).Microseconds())/1000)
		from, failures, wait = to, 0, pathCheckEvery
	}
}

// localAddrToHost is the address this machine would send to the host from now, or
// the zero Addr when it has no route there.
func (c *Conn) localAddrToHost() netip.Addr {
	u, err := net.DialUDP("udp", nil, c.remote) // connects a socket; sends nothing
	if err != nil {
		return netip.Addr{}
	}
	defer u.Close()
	return u.LocalAddr().(*net.UDPAddr).AddrPort().Addr().Unmap()
}

// migrate moves the connection to a new socket: add the path, probe it, switch. A
// path whose probe went unanswered is kept for the next try: quic-go has tied the
// connection to its socket, which must stay open while the connection lives.
func (c *Conn) migrate(timeout time.Duration) error {
	c.mu.Lock()
	ep, path := c.pendingEP, c.pendingPath
	c.mu.Unlock()
	if path == nil {
		var err error
		if ep, err = session.NewEndpoint(":0", c.opts.Session, c.opts.WrapConn); err != nil {
			return err
		}
		if path, err = ep.AddPath(c.conn); err != nil {
			ep.Close() // no probe sent: the connection is not tied to it yet
			return err
		}
		if !c.keep(ep) {
			return net.ErrClosed
		}
		c.mu.Lock()
		c.pendingEP, c.pendingPath = ep, path
		c.mu.Unlock()
	}
	ctx, cancel := context.WithTimeout(c.conn.Context(), timeout)
	defer cancel()
	if err := path.Probe(ctx); err != nil {
		return fmt.Errorf("the host did not answer on the new path: %w", err)
	}
	if err := path.Switch(); err != nil {
		return err
	}
	c.mu.Lock()
	c.pendingEP, c.pendingPath = nil, nil
	c.mu.Unlock()
	c.migrations.Add(1)
	return nil
}

// keep records ep as a socket the connection may live on, to be closed when it is; it
// closes ep at once and reports false when the connection is already being left.
func (c *Conn) keep(ep *session.Endpoint) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.left {
		ep.Close()
		return false
	}
	c.paths = append(c.paths, ep)
	return true
}
