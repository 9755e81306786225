// Package client is what a player's machine runs: it connects to a host, says hello,
// sends the player's inputs and chat, and receives events, chat and snapshots. The
// window and the bots both use it, and so does the host's own player, who joins its
// own game like everyone else.
//
// Conn does the I/O on its own goroutines and hands results over channels; View is
// the picture of the game built from them, owned by whoever polls those channels.
package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// InputRedundancy is how many of the newest inputs each Input datagram carries. At 60
// ticks a second, eight cover a burst of loss of over 130 ms.
const InputRedundancy = 8

// eventQueueLen is how many control and chat messages may wait for the consumer. A
// consumer that falls this far behind stops reading, and QUIC's flow control slows
// the host down for this player alone.
const eventQueueLen = 1024

// Config is how a player connects.
type Config struct {
	Addr     string // host:port, [ipv6]:port, or a host name (default port)
	Name     string
	Colour   uint8  // preferred colour, or wire.NoColour
	Password string // the room's password, if it has one
	Session  session.Options
	WrapConn func(net.PacketConn) net.PacketConn // link conditioner, or nil
	Logger   *slog.Logger
}

// Conn is a player's connection to a host.
type Conn struct {
	cfg         Config
	log         *slog.Logger
	ep          *session.Endpoint
	conn        *quic.Conn
	welcome     wire.Welcome
	fingerprint string
	chat        *session.FrameWriter
	dgram       *session.DatagramSender

	events    chan wire.Message
	snapshots chan *wire.Snapshot
	done      chan struct{}
	err       error

	inputMu sync.Mutex
	seq     uint32
	history []wire.Move // newest first
	inBuf   []byte

	stats Stats
}

// Stats counts what a player's connection did.
type Stats struct {
	DatagramsIn, BytesIn, Snapshots atomic.Uint64
	DroppedMalformed, DroppedStale  atomic.Uint64
	Out                             session.SendCounters
}

// Error is why a connection failed or ended. Its text is a sentence for the person
// playing; Err is the cause for errors.As.
type Error struct {
	Addr string
	Err  error
}

func (e *Error) Error() string { return session.Describe(e.Err, e.Addr) }
func (e *Error) Unwrap() error { return e.Err }

// Dial connects to the host at cfg.Addr and joins the game. It returns when the host
// has welcomed the player, turned them away (the error says why), or nobody answered
// within the connect timeout.
func Dial(ctx context.Context, cfg Config) (*Conn, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	var inv *invite.Invite
	if invite.IsCode(cfg.Addr) {
		code, err := invite.Parse(cfg.Addr)
		if err != nil {
			return nil, &Error{Addr: cfg.Addr, Err: &session.SentenceError{Sentence: "That invite code has a typo in it: check it letter by letter."}}
		}
		inv, cfg.Addr = &code, code.Addr.String()
	}
	ep, err := session.NewEndpoint(":0", cfg.Session, cfg.WrapConn)
	if err != nil {
		return nil, &Error{Addr: cfg.Addr, Err: err}
	}
	c := &Conn{
		cfg: cfg, log: cfg.Logger, ep: ep,
		events:    make(chan wire.Message, eventQueueLen),
		snapshots: make(chan *wire.Snapshot, 1),
		done:      make(chan struct{}),
	}
	if err := c.join(ctx, inv); err != nil {
		if c.conn != nil {
			c.conn.CloseWithError(session.CodeLeft, "")
		}
		ep.Close()
		return nil, &Error{Addr: cfg.Addr, Err: err}
	}
	return c, nil
}

// join dials, checks the host is the one an invite names, opens the two streams,
// says Hello and waits for the answer.
func (c *Conn) join(ctx context.Context, inv *invite.Invite) error {
	conn, err := c.ep.Dial(ctx, c.cfg.Addr, &c.fingerprint)
	if err != nil {
		return err
	}
	c.conn = conn
	if inv != nil && !inv.Matches(c.fingerprint) {
		return &session.SentenceError{Sentence: fmt.Sprintf(
			"The game at %s is not the one this invite code was made for. Ask your friend for a fresh code.", c.cfg.Addr)}
	}
	if proto := conn.ConnectionState().TLS.NegotiatedProtocol; proto != wire.ALPN {
		c.log.Debug("host speaks another protocol version", "alpn", proto)
	}
	control, err := conn.OpenStream()
	if err != nil {
		return err
	}
	chat, err := conn.OpenStream()
	if err != nil {
		return err
	}
	hello, err := wire.AppendFrame([]byte{byte(wire.StreamControl)},
		&wire.Hello{Version: wire.Version, Colour: c.cfg.Colour, Name: wire.Clip(c.cfg.Name), Password: wire.Clip(c.cfg.Password)})
	if err != nil {
		return err
	}
	deadline := time.Now().Add(session.HandshakeTimeout)
	control.SetDeadline(deadline)
	chat.SetDeadline(deadline)
	if _, err := control.Write(hello); err != nil {
		return c.closedOr(err)
	}
	if _, err := chat.Write([]byte{byte(wire.StreamChat)}); err != nil {
		return c.closedOr(err)
	}
	ctrlIn := session.NewFrameReader(control)
	m, err := ctrlIn.Read()
	if err != nil {
		return c.closedOr(err)
	}
	switch m := m.(type) {
	case *wire.Welcome:
		c.welcome = *m
	case *wire.Reject:
		return &quic.ApplicationError{Remote: true, ErrorCode: session.Code(m.Code), ErrorMessage: m.Reason}
	default:
		return fmt.Errorf("the host answered with message type %#02x instead of a welcome", byte(m.Type()))
	}
	control.SetDeadline(time.Time{})
	chat.SetDeadline(time.Time{})
	c.chat = session.NewFrameWriter(chat)
	c.dgram = session.NewDatagramSender(conn, &c.stats.Out)
	var readers sync.WaitGroup
	readers.Go(func() { c.readEvents(ctrlIn) })
	readers.Go(func() { c.readEvents(session.NewFrameReader(chat)) })
	go c.receiveSnapshots()
	go func() {
		<-conn.Context().Done()
		readers.Wait() // every event the host sent before closing is delivered first
		c.err = context.Cause(conn.Context())
		close(c.done)
	}()
	return nil
}

// closedOr prefers the connection's own error (the host's reason) over a stream's.
func (c *Conn) closedOr(err error) error {
	select {
	case <-c.conn.Context().Done():
		return context.Cause(c.conn.Context())
	case <-time.After(100 * time.Millisecond): // a close is usually a round trip behind
	}
	if session.IsTimeout(err) {
		return fmt.Errorf("the host did not answer the hello: %w", context.DeadlineExceeded)
	}
	return err
}

// NeedsPassword reports whether err is a host refusing a missing or wrong password.
func NeedsPassword(err error) bool {
	var app *quic.ApplicationError
	return errors.As(err, &app) && app.Remote && app.ErrorCode == session.CodeWrongPassword
}

// Welcome is the host's answer to the hello: the player's id and the game's settings.
func (c *Conn) Welcome() wire.Welcome { return c.welcome }

// Fingerprint is the SHA-256 fingerprint of the host's certificate.
func (c *Conn) Fingerprint() string { return c.fingerprint }

// Addr is the address that was dialled.
func (c *Conn) Addr() string { return c.cfg.Addr }

// Events delivers control and chat messages in the order each stream carried them.
func (c *Conn) Events() <-chan wire.Message { return c.events }

// Snapshots holds the newest snapshot not yet taken; older ones are replaced.
func (c *Conn) Snapshots() <-chan *wire.Snapshot { return c.snapshots }

// Done is closed when the connection has ended and every event before the end has
// been queued; Err then says why.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Err is why the connection ended, as a sentence for the player; nil before Done.
func (c *Conn) Err() error {
	select {
	case <-c.done:
		return &Error{Addr: c.cfg.Addr, Err: c.err}
	default:
		return nil
	}
}

// Stats returns the connection's counters.
func (c *Conn) Stats() *Stats { return &c.stats }

// QUICStats is what QUIC measured: round-trip time and bytes each way.
func (c *Conn) QUICStats() quic.ConnectionStats { return c.conn.ConnectionStats() }

// Leave closes the connection, telling the host the player left, and releases the
// socket. After the connection has ended by itself it only releases the socket.
func (c *Conn) Leave() {
	c.conn.CloseWithError(session.CodeLeft, "player left")
	<-c.done
	c.ep.Close()
}

// SendInput sends this tick's input, with the ones before it. It never blocks.
func (c *Conn) SendInput(in sim.Input) {
	c.inputMu.Lock()
	defer c.inputMu.Unlock()
	c.seq++
	c.history = append([]wire.Move{{X: in.X, Y: in.Y}}, c.history[:min(len(c.history), InputRedundancy-1)]...)
	var err error
	c.inBuf, err = wire.AppendMessage(c.inBuf[:0], &wire.Input{Seq: c.seq, Moves: c.history})
	if err != nil {
		c.log.Error("cannot encode input", "err", err)
		return
	}
	c.dgram.Send(append([]byte(nil), c.inBuf...))
}

// LastInputSeq is the seq of the newest input sent.
func (c *Conn) LastInputSeq() uint32 {
	c.inputMu.Lock()
	defer c.inputMu.Unlock()
	return c.seq
}

// SendChat queues a line for the host to relay. It never blocks.
func (c *Conn) SendChat(text string) error {
	return c.chat.Send(&wire.ChatSend{Text: wire.Clip(text)})
}

// readEvents forwards each message of one stream. A stream that breaks the protocol
// ends the connection.
func (c *Conn) readEvents(r *session.FrameReader) {
	for {
		m, err := r.Read()
		if err != nil {
			if c.conn.Context().Err() == nil && !errors.Is(err, net.ErrClosed) {
				c.conn.CloseWithError(session.CodeProtocolViolation, "protocol violation: "+err.Error())
			}
			return
		}
		switch m.(type) {
		case *wire.PlayerJoined, *wire.PlayerLeft, *wire.Scored, *wire.RoundOver, *wire.RoundStart, *wire.Chat:
		default:
			c.conn.CloseWithError(session.CodeProtocolViolation,
				fmt.Sprintf("protocol violation: unexpected message type %#02x", byte(m.Type())))
			return
		}
		select {
		case c.events <- m:
		case <-c.conn.Context().Done():
			return
		}
	}
}

// receiveSnapshots keeps the newest snapshot; malformed and out-of-date datagrams are
// dropped and counted.
func (c *Conn) receiveSnapshots() {
	var newest uint32
	for {
		b, err := c.conn.ReceiveDatagram(c.conn.Context())
		if err != nil {
			return
		}
		c.stats.DatagramsIn.Add(1)
		c.stats.BytesIn.Add(uint64(len(b)))
		m, err := wire.Parse(b) // an oversized snapshot fails to parse
		snap, ok := m.(*wire.Snapshot)
		if err != nil || !ok {
			c.stats.DroppedMalformed.Add(1)
			continue
		}
		if snap.Tick <= newest {
			c.stats.DroppedStale.Add(1)
			continue
		}
		newest = snap.Tick
		c.stats.Snapshots.Add(1)
		select { // replace whatever the consumer has not taken yet
		case <-c.snapshots:
		default:
		}
		c.snapshots <- snap
	}
}

// Vars is the connection's state for /debug/vars.
func (c *Conn) Vars() map[string]any {
	q := c.conn.ConnectionStats()
	return map[string]any{
		"connected":     c.conn.Context().Err() == nil,
		"host":          c.cfg.Addr,
		"player":        c.welcome.You,
		"fingerprint":   c.fingerprint,
		"snapshots":     c.stats.Snapshots.Load(),
		"datagrams_in":  c.stats.DatagramsIn.Load(),
		"bytes_in":      c.stats.BytesIn.Load(),
		"datagrams_out": c.stats.Out.Sent.Load(),
		"bytes_out":     c.stats.Out.SentBytes.Load(),
		"rtt_ms":        float64(q.SmoothedRTT.Microseconds()) / 1000,
		"datagrams_dropped": map[string]uint64{
			"malformed":       c.stats.DroppedMalformed.Load(),
			"stale":           c.stats.DroppedStale.Load(),
			"send_queue_full": c.stats.Out.DroppedFull.Load(),
			"too_large":       c.stats.Out.DroppedTooLarge.Load(),
		},
	}
}
