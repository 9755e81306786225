package quicnet

import (
	"context"
	"log/slog"
	"net"
	"strconv"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
)

// Network is the client.Network over QUIC: it dials hosts and hosts games in this
// process.
type Network struct {
	Session  session.Options
	WrapConn func(net.PacketConn) net.PacketConn // link conditioner, or nil
	CertDir  string                              // where a hosted game keeps its TLS identity
	LAN      discovery.Service                   // advertises hosted games; nil keeps them private
	PortMap  bool                                // a hosted game may ask the home router to forward its port (if its HostConfig asks too)
	Logger   *slog.Logger
}

func (n Network) options() Options {
	return Options{Session: n.Session, WrapConn: n.WrapConn, Logger: n.Logger}
}

// Dial joins the game at cfg.Addr.
func (n Network) Dial(ctx context.Context, cfg client.Config) (client.Transport, error) {
	c, err := Dial(ctx, cfg, n.options())
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return c, nil
}

// Host binds hc.Port and readies a game there.
func (n Network) Host(hc client.HostConfig) (client.Host, error) {
	s, err := host.New(host.Config{
		Addr: ":" + strconv.Itoa(hc.Port), NearbyPort: hc.NearbyPort, Name: hc.Name, MaxPlayers: hc.MaxPlayers, Password: hc.Password,
		TargetScore: hc.TargetScore, CertDir: n.CertDir, LAN: n.LAN, Session: n.Session, WrapConn: n.WrapConn, Logger: n.Logger, PortMap: n.PortMap && hc.PortMap,
	})
	if err != nil {
		return nil, err
	}
	return hosted{s}, nil
}

// hosted is a host.Server as a client.Host.
type hosted struct{ *host.Server }

func (h hosted) Port() int           { return h.Addr().Port }
func (h hosted) JoinAddrs() []string { return session.JoinAddrs(h.Port()) }
func (h hosted) Internet() string    { return h.InternetShort() }
