package session

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Endpoint is one UDP socket with QUIC on it: a host listens on it, a player dials
// from it.
type Endpoint struct {
	udp  *net.UDPConn
	tr   *quic.Transport
	opts Options
}

// NewEndpoint binds addr (":0" for any free port). wrap, if not nil, wraps the socket
// before QUIC sees it: the link conditioner uses it to add loss, delay and jitter.
func NewEndpoint(addr string, opts Options, wrap func(net.PacketConn) net.PacketConn) (*Endpoint, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, err
	}
	udp, err := net.ListenUDP("udp", ua)
	if err != nil {
		return nil, err
	}
	var pc net.PacketConn = udp
	if wrap != nil {
		pc = wrap(udp)
	}
	// A stateless reset tells a peer at once that its connection is gone here (a host
	// that already gave up on a player whose machine slept, say), instead of leaving
	// it to find out at its own idle timeout.
	var reset quic.StatelessResetKey
	rand.Read(reset[:])
	return &Endpoint{udp: udp, tr: &quic.Transport{Conn: pc, StatelessResetKey: &reset}, opts: opts}, nil
}

// Addr is the local address, with the port the system chose for ":0".
func (e *Endpoint) Addr() *net.UDPAddr { return e.udp.LocalAddr().(*net.UDPAddr) }

// Gate decides, before any cryptography is done, which connection attempts a
// listening endpoint takes on: the host's defence against strangers.
type Gate interface {
	// Admit is asked for each new connection; an error refuses it (QUIC's
	// CONNECTION_REFUSED). The context it returns is the connection's: it ends when
	// the connection does.
	Admit(ctx context.Context, info *quic.ClientInfo) (context.Context, error)
	// Validate reports whether an attempt from addr must first prove it is there
	// (QUIC's Retry, one more round trip): asked under a storm of handshakes, where
	// spoofed addresses would otherwise cost the host a handshake each.
	Validate(addr net.Addr) bool
}

// Listen accepts players on this endpoint, through gate when it is not nil.
func (e *Endpoint) Listen(cert tls.Certificate, gate Gate) (*quic.Listener, error) {
	if gate != nil { // before the transport's first use, which is now
		e.tr.ConnContext, e.tr.VerifySourceAddress = gate.Admit, gate.Validate
	}
	return e.tr.Listen(ServerTLS(cert), e.opts.listenConfig())
}

// Dial connects to a host. fingerprint, if not nil, receives the host's certificate
// fingerprint. The dial gives up when nobody answers the handshake for
// HandshakeTimeout, after DialTimeout in all, or when ctx ends.
func (e *Endpoint) Dial(ctx context.Context, addr string, fingerprint *string) (*quic.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, DialTimeout)
	defer cancel()
	ua, err := ResolveAddr(ctx, addr)
	if err != nil {
		return nil, err
	}
	// A closed port ends the dial at once (see portClosed); silence waits for the
	// handshake timeout.
	dctx, stop := context.WithCancelCause(ctx)
	probed := make(chan struct{})
	go func() {
		defer close(probed)
		if portClosed(dctx, ua) {
			stop(ErrRefused)
		}
	}()
	conn, err := e.tr.Dial(dctx, ua, ClientTLS(fingerprint), e.opts.quicConfig())
	refused := errors.Is(context.Cause(dctx), ErrRefused)
	stop(nil)
	<-probed
	switch {
	case err != nil && refused:
		return nil, fmt.Errorf("%w: %s", ErrRefused, ua)
	case err != nil && IsTimeout(err): // during the handshake quic-go reports silence as idleness
		return nil, fmt.Errorf("%w: %w", ErrNoAnswer, err)
	case err != nil:
		return nil, err
	}
	go watchSilence(conn, e.opts.idle())
	return conn, nil
}

// AddPath readies conn, dialled from another endpoint, to move onto this one's socket
// (QUIC's connection migration): probe the path it returns, then switch to it.
func (e *Endpoint) AddPath(conn *quic.Conn) (*quic.Path, error) { return conn.AddPath(e.tr) }

// ErrNoAnswer is returned by Dial when nothing answered at the address in time.
var ErrNoAnswer = errors.New("nobody answered")

// IsTimeout reports whether err is a deadline or a timeout of any kind.
func IsTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &t) && t.Timeout()
}

// Close closes the socket and every connection on it.
func (e *Endpoint) Close() error {
	err := e.tr.Close()
	e.udp.Close()
	return err
}

// ResolveAddr turns what a person typed into a UDP address: host:port, [ipv6]:port,
// or a bare host name or address, which gets the default port.
func ResolveAddr(ctx context.Context, addr string) (*net.UDPAddr, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil { // no port: a bare name, IPv4 or IPv6 address
		host, port = strings.Trim(addr, "[]"), strconv.Itoa(wire.DefaultPort)
	}
	if host == "" {
		return nil, fmt.Errorf("no host in address %q", addr)
	}
	p, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return nil, fmt.Errorf("bad port in address %q", addr)
	}
	ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return nil, err
	}
	best := ips[0] // prefer IPv4: it crosses more home routers
	for _, ip := range ips {
		if ip.IP.To4() != nil {
			best = ip
			break
		}
	}
	return &net.UDPAddr{IP: best.IP, Port: int(p), Zone: best.Zone}, nil
}
