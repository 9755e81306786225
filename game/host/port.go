package host

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"

	"github.com/gemrush/gemrush/net/session"
)

// nearbyPorts is how many ports after a taken one a host tries, with
// Config.NearbyPort, before it takes any free one: a second game on one machine
// lands beside the first, where a friend told "47777" would try next.
const nearbyPorts = 4

// PortTakenError is a host's port being in use by another program, perhaps another
// Gem Rush game on this machine.
type PortTakenError struct {
	Port int
	Err  error
}

func (e *PortTakenError) Error() string {
	return fmt.Sprintf("UDP port %d is taken by another program on this machine (another Gem Rush game, perhaps)", e.Port)
}

func (e *PortTakenError) Unwrap() error { return e.Err }

// bind opens the host's socket on cfg.Addr. A taken port is a *PortTakenError,
// unless cfg.NearbyPort lets the host move to one of the nearbyPorts after it, or
// else to any free port: Server.Addr says which it got.
func bind(cfg Config, opts session.Options) (*session.Endpoint, error) {
	ep, err := session.NewEndpoint(cfg.Addr, opts, cfg.WrapConn)
	if err == nil {
		return ep, nil
	}
	ip, p, _ := net.SplitHostPort(cfg.Addr)
	port, _ := strconv.Atoi(p)
	if !errors.Is(err, syscall.EADDRINUSE) || port == 0 {
		return nil, fmt.Errorf("cannot listen on UDP %s: %w", cfg.Addr, err)
	}
	taken := &PortTakenError{Port: port, Err: err}
	if !cfg.NearbyPort {
		return nil, taken
	}
	for try := port + 1; try <= min(port+nearbyPorts, 65535); try++ {
		if ep, err := session.NewEndpoint(net.JoinHostPort(ip, strconv.Itoa(try)), opts, cfg.WrapConn); err == nil {
			return ep, nil
		}
	}
	if ep, err := session.NewEndpoint(net.JoinHostPort(ip, "0"), opts, cfg.WrapConn); err == nil {
		return ep, nil
	}
	return nil, taken
}
