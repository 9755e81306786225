// Package quicnet carries Gem Rush over QUIC for a player's machine: Dial joins a
// host and returns a Conn, the client.Transport the State steps through; Network
// dials and also starts a host in this process, for a player who hosts. main hands a
// Network to the window and the bots; the window itself never sees quic-go.
package quicnet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// eventQueueLen is how many control and chat messages may wait for the State. A
// State that falls this far behind stops the readers, and QUIC's flow control slows
// the host down for this player alone.
const eventQueueLen = 1024

// closeReasonWait is how long a failed join waits for the connection's own close,
// which carries the host's reason, before settling for the stream's error: a close
// is usually a round trip behind the stream reset it explains.
const closeReasonWait = 100 * time.Millisecond

// Options is how a player's connections are made.
type Options struct {
	Session  session.Options
	WrapConn func(net.PacketConn) net.PacketConn // link conditioner, or nil
	Logger   *slog.Logger
}

// Conn is a player's QUIC connection to a host. It moves bytes and nothing else: two
// reader goroutines queue control and chat messages, a receiver parses datagrams and
// queues every newer snapshot stamped with its arrival time, and non-blocking
// writers send inputs and chat.
type Conn struct {
	addr        string
	log         *slog.Logger
	ep          *session.Endpoint
	conn        *quic.Conn
	welcome     wire.Welcome
	fingerprint string
	chat        *session.FrameWriter
	sender      *session.Sender // the datagrams' sender, one lane: the inputs
	dgram       *session.Lane

	events    chan wire.Message
	snapshots *client.SnapshotQueue
	arrived   client.Signal
	done      chan struct{}
	err       error
	inBuf     []byte

	out session.SendCounters

	opts        Options
	remote      *net.UDPAddr // the host's address as dialled: quic-go's changes under a migration
	mu          sync.Mutex
	paths       []*session.Endpoint // sockets the connection may live on besides ep: closed with it
	pendingEP   *session.Endpoint   // a new network's socket whose probe is not answered yet
	pendingPath *quic.Path
	left        bool // Leave has begun: no new socket is kept

	otherVersion bool // the host agreed only on "gemrush", not this version's ALPN
	migrations   atomic.Uint64
}

// Dial connects to the host at cfg.Addr and joins the game. It returns when the host
// has welcomed the player, turned them away, or nobody answered within the connect
// timeout; a failure is a *client.Error.
func Dial(ctx context.Context, cfg client.Config, opts Options) (*Conn, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	addr := cfg.Addr
	var inv *invite.Invite
	if invite.IsCode(addr) {
		code, err := invite.Parse(addr)
		switch {
		case errors.Is(err, invite.ErrOldCode):
			return nil, &client.Error{Reason: client.ReasonBadInvite, Err: err,
				Sentence: "That invite code was made by an older Gem Rush release, which this one cannot play with. Ask your friend for a fresh code from the same release as yours."}
		case err != nil:
			return nil, &client.Error{Reason: client.ReasonBadInvite, Err: err,
				Sentence: "That invite code has a typo in it: check it letter by letter."}
		}
		inv, addr = &code, code.Addrs[0].String()
	}
	ep, err := session.NewEndpoint(":0", opts.Session, opts.WrapConn)
	if err != nil {
		return nil, AsError(err, addr)
	}
	c := &Conn{
		addr: addr, log: opts.Logger, ep: ep, opts: opts,
		events:    make(chan wire.Message, eventQueueLen),
		snapshots: client.NewSnapshotQueue(),
		arrived:   client.NewSignal(),
		done:      make(chan struct{}),
	}
	if err := c.join(ctx, cfg, inv); err != nil {
		if c.conn != nil {
			// Only the player's own Cancel is a goodbye. A join that failed otherwise
			// (the welcome came too late, a stream broke) gives up on this try alone:
			// a place it took back stays kept for the next.
			if errors.Is(ctx.Err(), context.Canceled) {
				c.conn.CloseWithError(session.CodeLeft, "player gave up joining")
			} else {
				c.conn.CloseWithError(session.CodeGaveUp, "player gave up on a try to join")
			}
		}
		ep.Close()
		e := AsError(err, addr)
		if c.otherVersion && e.Reason == client.ReasonProtocolViolation {
			// An older host cannot read this version's hello, and says only that; the
			// handshake already told which it is.
			e = &client.Error{Reason: client.ReasonVersionMismatch, Err: err, Sentence: fmt.Sprintf(
				"Version mismatch: the game at %s runs another Gem Rush protocol version than yours (%d); both players need the same Gem Rush release.",
				addr, wire.Version)}
		}
		if r := e.Reason; errors.Is(ctx.Err(), context.DeadlineExceeded) && (r == client.ReasonLeft || r == client.ReasonUnknown) {
			// The caller's time ran out, and we hung up: to the player, nobody answered in time.
			e = AsError(fmt.Errorf("the host did not answer in time: %w", context.DeadlineExceeded), addr)
		}
		return nil, e
	}
	return c, nil
}

// join dials, checks the host is the one an invite names, opens the two streams,
// says Hello and waits for the answer.
func (c *Conn) join(ctx context.Context, cfg client.Config, inv *invite.Invite) error {
	dctx := ctx
	if cfg.HandshakeWithin > 0 {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(ctx, cfg.HandshakeWithin)
		defer cancel()
	}
	var conn *quic.Conn
	var err error
	if inv != nil {
		conn, err = c.dialInvite(dctx, inv)
	} else {
		conn, err = c.ep.Dial(dctx, c.addr, &c.fingerprint)
	}
	if err != nil {
		return err
	}
	c.conn = conn
	c.remote, _ = conn.RemoteAddr().(*net.UDPAddr)
	// A player who gives up joining (Cancel, a closing window) hangs up at once rather
	// than leave a connection the host would keep a disc for. A try at reconnecting
	// that took too long hangs up too, but that is no goodbye: a place it took back
	// stays kept for the next try.
	stop := context.AfterFunc(ctx, func() {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) { // a try that took too long: another may follow
			conn.CloseWithError(session.CodeGaveUp, "player gave up on a try to join")
		} else {
			conn.CloseWithError(session.CodeLeft, "player gave up joining")
		}
	})
	defer stop()
	token := cfg.Token // only ever to the host that gave it
	if cfg.TokenFor != c.fingerprint || cfg.TokenFor == "" {
		token = wire.Token{}
	}
	if cfg.Fingerprint != c.fingerprint || cfg.Fingerprint == "" {
		if cfg.Pin != client.PinNone { // before anything is sent: the password, the name
			e := &client.IdentityError{Addr: c.addr, Want: cfg.Fingerprint, Got: c.fingerprint, Pin: cfg.Pin}
			return &client.Error{Reason: client.ReasonIdentityChanged, Sentence: e.Sentence(), Err: e}
		}
	}
	if proto := conn.ConnectionState().TLS.NegotiatedProtocol; proto != wire.ALPN {
		c.log.Debug("host speaks another protocol version", "alpn", proto)
		c.otherVersion = true
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
		&wire.Hello{Version: wire.Version, Colour: cfg.Colour, Name: wire.Clip(cfg.Name), Password: wire.Clip(cfg.Password),
			Token: token, NextChat: cfg.NextChat})
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
	c.sender = session.NewSender()
	context.AfterFunc(conn.Context(), c.sender.Close)
	c.dgram = c.sender.Lane(conn, &c.out)
	var readers sync.WaitGroup
	readers.Go(func() { c.readEvents(ctrlIn) })
	readers.Go(func() { c.readEvents(session.NewFrameReader(chat)) })
	go c.receiveSnapshots()
	go c.followNetwork()
	go func() {
		<-conn.Context().Done()
		readers.Wait() // every event the host sent before closing is queued first
		c.err = AsError(context.Cause(conn.Context()), c.addr)
		close(c.done)
		c.arrived.Notify()
	}()
	return nil
}

// closedOr prefers the connection's own error (the host's reason) over a stream's.
func (c *Conn) closedOr(err error) error {
	select {
	case <-c.conn.Context().Done():
		return context.Cause(c.conn.Context())
	case <-time.After(closeReasonWait):
	}
	if session.IsTimeout(err) {
		return fmt.Errorf("the host did not answer the hello: %w", context.DeadlineExceeded)
	}
	return err
}

func (c *Conn) Welcome() wire.Welcome             { return c.welcome }
func (c *Conn) Addr() string                      { return c.addr }
func (c *Conn) Fingerprint() string               { return c.fingerprint }
func (c *Conn) Events() <-chan wire.Message       { return c.events }
func (c *Conn) Snapshots() <-chan client.Snapshot { return c.snapshots.C() }
func (c *Conn) Arrived() <-chan struct{}          { return c.arrived }
func (c *Conn) Done() <-chan struct{}             { return c.done }
func (c *Conn) SendChat(text string) error        { return c.chat.Send(&wire.ChatSend{Text: wire.Clip(text)}) }

// Err is why the connection ended, as a *client.Error; nil before Done.
func (c *Conn) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}

// Leave closes the connection, telling the host the player left, and releases the
// socket. After the connection has ended by itself it only releases the socket.
func (c *Conn) Leave() {
	c.conn.CloseWithError(session.CodeLeft, "player left")
	<-c.done
	c.ep.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.left = true
	for _, ep := range c.paths {
		ep.Close()
	}
}

// SendInput sends an Input datagram. It never blocks: the datagram sender drops the
// oldest waiting datagram when the network falls behind.
func (c *Conn) SendInput(m *wire.Input) {
	var err error
	c.inBuf, err = wire.AppendMessage(c.inBuf[:0], m)
	if err != nil {
		c.log.Error("cannot encode input", "err", err)
		return
	}
	c.dgram.Queue(c.inBuf)
	c.sender.Flush()
}

// Stats is what the connection and QUIC measured.
func (c *Conn) Stats() client.NetStats {
	q := c.conn.ConnectionStats()
	ip := uint64(ipUDPHeader(c.remote))
	st := client.NetStats{
		RTT: q.SmoothedRTT, LatestRTT: q.LatestRTT, MinRTT: q.MinRTT, RTTDev: q.MeanDeviation,
		IdleTimeout: session.IdleTimeout, PacketsSent: q.PacketsSent, PacketsLost: q.PacketsLost, PacketsReceived: q.PacketsReceived,
		BytesReceived: q.BytesReceived + ip*q.PacketsReceived, BytesSent: q.BytesSent + ip*q.PacketsSent,
		DatagramsOut: c.out.Sent.Load(), DatagramBytesOut: c.out.SentBytes.Load(),
		DroppedSendFull: c.out.DroppedFull.Load(), DroppedTooLarge: c.out.DroppedTooLarge.Load(),
		Migrations: c.migrations.Load(),
	}
	c.snapshots.Count(&st)
	return st
}

// readEvents queues each message of one stream. A stream that breaks the protocol
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
		case *wire.PlayerJoined, *wire.PlayerLeft, *wire.PlayerAway, *wire.PlayerBack, *wire.Scored,
			*wire.RoundOver, *wire.RoundStart, *wire.Chat, *wire.Notice, *wire.Standings:
		default:
			c.conn.CloseWithError(session.CodeProtocolViolation,
				fmt.Sprintf("protocol violation: unexpected message type %#02x", byte(m.Type())))
			return
		}
		select {
		case c.events <- m:
			c.arrived.Notify()
		case <-c.conn.Context().Done():
			return
		}
	}
}

// receiveSnapshots hands every datagram to the snapshot queue as it arrives.
func (c *Conn) receiveSnapshots() {
	for {
		b, err := c.conn.ReceiveDatagram(c.conn.Context())
		if err != nil {
			return
		}
		if c.snapshots.Receive(b, time.Now()) {
			c.arrived.Notify()
		}
	}
}

// ipUDPHeader is what each packet to or from addr costs beyond what QUIC counts: the
// UDP header and the IP header (IPv4's 20 bytes, IPv6's 40).
func ipUDPHeader(u *net.UDPAddr) int {
	if u != nil && u.IP.To4() == nil {
		return 40 + 8
	}
	return 20 + 8
}
