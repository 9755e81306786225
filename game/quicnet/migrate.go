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
	// probeTimeout bounds the check that the host answers on the new path; past it
	// the connection stays where it is, and if it dies there the game reconnects.
	probeTimeout = 3 * time.Second
)

// followNetwork moves the connection when this machine's address towards the host
// changes under a live game (Wi-Fi to wired, a new DHCP lease): it opens a socket on
// the new network and moves the connection onto it with QUIC's connection migration:
// the path is added, probed (the host must answer a challenge on it) and switched
// to. The host sees the same connection from a new address; nothing is re-sent and
// nobody reconnects. It runs until the connection ends.
func (c *Conn) followNetwork() {
	tick := time.NewTicker(pathCheckEvery)
	defer tick.Stop()
	from := c.localAddrToHost()
	for {
		select {
		case <-c.conn.Context().Done():
			return
		case <-tick.C:
		}
		to := c.localAddrToHost()
		if !to.IsValid() || to == from {
			continue // no route (yet): nothing to move to
		}
		start := time.Now()
		if err := c.migrate(); err != nil {
			c.log.Warn("the network changed, and the connection could not move to it; if it drops, the game reconnects",
				"from", from, "to", to, "err", err)
			continue // tried again at the next check while the address stays new
		}
		c.log.Info("the network changed: the connection moved to the new address", "from", from, "to", to,
			"took_ms", float64(time.Since(start).Microseconds())/1000)
		from = to
	}
}

// localAddrToHost is the address this machine would send to the host from now, or
// the zero Addr when it has no route there.
func (c *Conn) localAddrToHost() netip.Addr {
	remote, ok := c.conn.RemoteAddr().(*net.UDPAddr)
	if !ok {
		return netip.Addr{}
	}
	u, err := net.DialUDP("udp", nil, remote) // connects a socket; sends nothing
	if err != nil {
		return netip.Addr{}
	}
	defer u.Close()
	return u.LocalAddr().(*net.UDPAddr).AddrPort().Addr().Unmap()
}

// migrate moves the connection to a new socket: add the path, probe it, switch.
func (c *Conn) migrate() error {
	ep, err := session.NewEndpoint(":0", c.opts.Session, c.opts.WrapConn)
	if err != nil {
		return err
	}
	path, err := ep.AddPath(c.conn)
	if err != nil {
		ep.Close()
		return err
	}
	ctx, cancel := context.WithTimeout(c.conn.Context(), probeTimeout)
	defer cancel()
	if err := path.Probe(ctx); err != nil {
		path.Close()
		ep.Close()
		return fmt.Errorf("the host did not answer on the new path: %w", err)
	}
	if err := path.Switch(); err != nil {
		path.Close()
		ep.Close()
		return err
	}
	c.mu.Lock()
	c.paths = append(c.paths, ep) // the connection lives on it now: closed when the connection is
	c.mu.Unlock()
	c.migrations.Add(1)
	return nil
}
