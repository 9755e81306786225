// Package session carries Gem Rush over QUIC: one UDP socket per endpoint, TLS 1.3
// with the host's self-signed certificate, the timeouts, the application error codes
// a connection is closed with, and the senders that keep the game loop from ever
// waiting on the network.
package session

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/quic-go/quic-go"
	"github.com/quic-go/quic-go/qlog"
	"github.com/quic-go/quic-go/qlogwriter"
)

// Timeouts. A player connecting gives up after HandshakeTimeout with nobody answering;
// the whole dial, the host name's lookup included, after DialTimeout, twice that.
// Once connected, both sides send a keep-alive every KeepAlivePeriod when otherwise
// quiet; it is a fifth of IdleTimeout, so four lost keep-alives in a row are survived,
// and a peer that has vanished is declared gone IdleTimeout after its last packet.
const (
	HandshakeTimeout = 5 * time.Second
	DialTimeout      = 2 * HandshakeTimeout
	KeepAlivePeriod  = 2 * time.Second
	IdleTimeout      = 10 * time.Second
)

// Options tunes an endpoint; the zero value is the game as shipped. Tests shorten
// the idle timeout to see a vanished peer go without waiting the full time.
type Options struct {
	IdleTimeout time.Duration
	// StreamWindow and ConnectionWindow, if set, are how many bytes a listening
	// endpoint lets a peer have in flight on one stream, and in all: what one
	// connection can make it hold. quic-go's own start at 512 KiB a stream and grow.
	StreamWindow, ConnectionWindow uint64
}

// idle is the idle timeout: IdleTimeout unless the options shorten it.
func (o Options) idle() time.Duration {
	if o.IdleTimeout > 0 {
		return o.IdleTimeout
	}
	return IdleTimeout
}

// quicConfig is the QUIC configuration both sides use.
func (o Options) quicConfig() *quic.Config {
	idle := o.idle()
	return &quic.Config{
		HandshakeIdleTimeout:  HandshakeTimeout,
		MaxIdleTimeout:        idle,
		KeepAlivePeriod:       min(KeepAlivePeriod, idle/5),
		EnableDatagrams:       true,
		MaxIncomingStreams:    4, // control and chat; a peer opening more is refused by QUIC itself
		MaxIncomingUniStreams: -1,
		Tracer:                qlogTracer(),
	}
}

// listenConfig is the QUIC configuration of a host: a player's, with the receive
// windows the host sets (Options.StreamWindow, Options.ConnectionWindow), when it
// sets them.
func (o Options) listenConfig() *quic.Config {
	c := o.quicConfig()
	if o.StreamWindow > 0 {
		c.InitialStreamReceiveWindow, c.MaxStreamReceiveWindow = o.StreamWindow, o.StreamWindow
	}
	if o.ConnectionWindow > 0 {
		c.InitialConnectionReceiveWindow, c.MaxConnectionReceiveWindow = o.ConnectionWindow, o.ConnectionWindow
	}
	return c
}

// qlogTracer writes a qlog of every connection, host's and player's, into the folder
// QLOGDIR names, one file per connection, for qvis to draw when a game misbehaves on
// the wire. The variable is read at each Listen and Dial; unset, there is no tracer,
// so a connection records nothing and pays nothing.
func qlogTracer() func(context.Context, bool, quic.ConnectionID) qlogwriter.Trace {
	dir := os.Getenv("QLOGDIR")
	if dir == "" {
		return nil
	}
	// quic-go's tracer would end the process if it could not make the folder itself.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		slog.Warn("cannot make QLOGDIR; connections will not be logged", "path", dir, "err", err)
		return nil
	}
	return qlog.DefaultConnectionTracer
}
