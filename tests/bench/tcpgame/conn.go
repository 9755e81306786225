package tcpgame

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// eventQueueLen is how many control and chat messages wait for the State; past it the
// reader stops, and TCP holds the host back.
const eventQueueLen = 1024

// Network is client.Network over TCP: it dials hosts, and hosts nothing itself.
type Network struct{}

// Dial joins the game at cfg.Addr.
func (Network) Dial(ctx context.Context, cfg client.Config) (client.Transport, error) {
	c, err := Dial(ctx, cfg)
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return c, nil
}

// Host is not offered: the TCP host is a Server of its own.
func (Network) Host(client.HostConfig) (client.Host, error) {
	return nil, errors.New("tcpgame: a player's game does not host over TCP")
}

// Conn is a player's TCP connection to a host, as the State sees it. One goroutine
// reads lines, queueing chat and control in order and snapshots stamped with their
// arrival; one writes the player's lines from a bounded queue.
type Conn struct {
	addr    string
	conn    net.Conn
	welcome wire.Welcome
	in      *lineReader
	out     *lineWriter

	events    chan wire.Message
	snapshots *client.SnapshotQueue
	arrived   client.Signal
	done      chan struct{}
	endOnce   sync.Once
	err       error
	snaps     atomic.Uint64
	inputs    atomic.Uint64
}

// Dial connects to cfg.Addr and says hello; it returns once the host has welcomed
// the player or turned them away (a *client.Error says why), or helloWait has passed.
func Dial(ctx context.Context, cfg client.Config) (*Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, helloWait)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, quicnet.AsError(err, cfg.Addr)
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c := &Conn{
		addr: cfg.Addr, conn: conn, in: newLineReader(conn),
		events: make(chan wire.Message, eventQueueLen), snapshots: client.NewSnapshotQueue(),
		arrived: client.NewSignal(), done: make(chan struct{}),
	}
	hello, err := AppendLine(nil, &wire.Hello{Version: wire.Version, Colour: cfg.Colour, Name: wire.Clip(cfg.Name), Password: wire.Clip(cfg.Password)})
	if err != nil {
		conn.Close()
		return nil, quicnet.AsError(err, cfg.Addr)
	}
	if _, err := conn.Write(hello); err != nil {
		conn.Close()
		return nil, c.failure(ctx, err)
	}
	m, err := c.in.read()
	if err != nil {
		conn.Close()
		return nil, c.failure(ctx, err)
	}
	switch m := m.(type) {
	case *wire.Welcome:
		c.welcome = *m
	case *wire.Reject:
		conn.Close()
		return nil, hostsReason(m, cfg.Addr)
	default:
		conn.Close()
		return nil, quicnet.AsError(fmt.Errorf("the host answered with %T instead of a welcome", m), cfg.Addr)
	}
	c.out = newLineWriter(conn, nil)
	go c.read()
	return c, nil
}

// failure is a join that broke off: the caller's time ran out, or the connection.
func (c *Conn) failure(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		err = fmt.Errorf("the host did not answer the hello: %w", context.DeadlineExceeded)
	}
	return quicnet.AsError(err, c.addr)
}

// hostsReason is a reject line in the game's words, as the same close over QUIC.
func hostsReason(m *wire.Reject, addr string) *client.Error {
	return quicnet.AsError(&quic.ApplicationError{Remote: true, ErrorCode: session.Code(m.Code), ErrorMessage: m.Reason}, addr)
}

// read takes in the host's lines until the connection ends.
func (c *Conn) read() {
	for {
		m, err := c.in.read()
		if err != nil {
			c.end(err)
			return
		}
		switch m := m.(type) {
		case *wire.Snapshot:
			c.snaps.Add(1)
			c.snapshots.Add(client.Snapshot{Snapshot: m, At: time.Now()})
			c.arrived.Notify()
		case *wire.Reject: // the host's last word
			c.end(hostsReason(m, c.addr))
			return
		case *wire.PlayerJoined, *wire.PlayerLeft, *wire.PlayerAway, *wire.PlayerBack, *wire.Scored,
			*wire.RoundOver, *wire.RoundStart, *wire.Chat, *wire.Notice, *wire.Standings:
			select {
			case c.events <- m:
				c.arrived.Notify()
			case <-c.done: // the player left while the State was not taking events in
				return
			}
		default:
			c.end(&client.Error{Reason: client.ReasonProtocolViolation, Sentence: fmt.Sprintf("The host sent %T after its welcome.", m)})
			return
		}
	}
}

// end ends the connection with err, once: every event read before it is queued.
func (c *Conn) end(err error) {
	c.endOnce.Do(func() {
		switch {
		case errors.Is(err, io.EOF):
			err = &client.Error{Reason: client.ReasonClosed, Sentence: "The host closed the connection.", Err: err}
		case err != nil:
			err = quicnet.AsError(err, c.addr)
		}
		c.err = err
		c.out.close()
		close(c.done)
		c.arrived.Notify()
	})
}

func (c *Conn) Welcome() wire.Welcome             { return c.welcome }
func (c *Conn) Addr() string                      { return c.addr }
func (c *Conn) Fingerprint() string               { return "" }
func (c *Conn) Events() <-chan wire.Message       { return c.events }
func (c *Conn) Snapshots() <-chan client.Snapshot { return c.snapshots.C() }
func (c *Conn) Arrived() <-chan struct{}          { return c.arrived }
func (c *Conn) Done() <-chan struct{}             { return c.done }

// Err is why the connection ended, as a *client.Error; nil before Done.
func (c *Conn) Err() error {
	select {
	case <-c.done:
		return c.err
	default:
		return nil
	}
}

// SendInput sends the newest move alone, acknowledging no snapshot: TCP delivers
// every line, so there is nothing to repeat, and the host sends whole snapshots.
// A line that finds the queue full is dropped.
func (c *Conn) SendInput(m *wire.Input) {
	if len(m.Moves) == 0 {
		return
	}
	if ok, _ := c.out.send(&wire.Input{Seq: m.Seq, Moves: m.Moves[:1]}); ok {
		c.inputs.Add(1)
	}
}

// SendChat queues a chat line; it fails once the connection has ended, or when the
// writer has fallen a whole queue behind.
func (c *Conn) SendChat(text string) error {
	if err := c.Err(); err != nil {
		return err
	}
	ok, err := c.out.send(&wire.ChatSend{Text: wire.Clip(text)})
	if err == nil && !ok {
		err = &client.Error{Reason: client.ReasonTooSlow, Sentence: "The connection could not keep up with the chat."}
	}
	return err
}

// Stats is what the connection counted, and the kernel's round trip. Bytes are the
// lines' bytes: TCP's and IP's headers are not seen from here.
func (c *Conn) Stats() client.NetStats {
	st := client.NetStats{
		IdleTimeout: session.IdleTimeout, PacketsReceived: c.in.lines.Load(),
		BytesReceived: c.in.bytes.Load(), BytesSent: c.out.bytes.Load(),
		DatagramsOut: c.inputs.Load(), DroppedSendFull: c.out.dropped.Load(),
	}
	c.snapshots.Count(&st)
	st.Snapshots = c.snaps.Load()
	if k, ok := readKernel(c.conn); ok {
		st.RTT, st.LatestRTT, st.MinRTT, st.RTTDev = k.rtt, k.rtt, k.minRTT, k.rttDev
	}
	return st
}

// Leave hangs up; the host sees the player go.
func (c *Conn) Leave() {
	c.end(&client.Error{Reason: client.ReasonLeft, Sentence: "You left the game."})
	<-c.out.done
}
