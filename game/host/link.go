package host

import (
	"sync"
	"time"

	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// Link is how the loop reaches one player. No method waits on the network: over
// QUIC each stream has a writer goroutine with a bounded queue, and every player's
// datagrams go out through one sender the server flushes after each tick; a test's
// in-memory link delivers in simulated time.
type Link interface {
	Control(m wire.Message) error            // queues m on the control stream; session.ErrTooSlow when the player is not keeping up
	Chat(m wire.Message) error               // the same on the chat stream
	Datagram(b []byte)                       // queues a copy of b (b is the caller's again at once); the oldest waiting datagram is dropped when the queue is full
	Refuse(code session.Code, reason string) // turns away a player the loop has not admitted, telling them why
	Close(code session.Code, reason string)  // ends the connection; the player is told reason. Safe from any goroutine
	Quality() LinkQuality                    // what the link has measured of its path to the player
	String() string                          // the player's address, for the log
}

// rejectWriteTimeout bounds the write of a Reject to a player being turned away;
// the close that follows carries the same reason, so a slow reader loses nothing.
const rejectWriteTimeout = time.Second

// quicLink is a player's QUIC connection as a Link.
type quicLink struct {
	conn    *quic.Conn
	ctrl    *quic.Stream // for a Reject, which goes out before the connection closes
	control *session.FrameWriter
	chat    *session.FrameWriter
	dgram   *session.Lane
	refusal *sync.WaitGroup // a stopping host waits for its refusals to be said
}

func newQUICLink(req *joinRequest, datagrams *session.Lane, refusals *sync.WaitGroup) *quicLink {
	return &quicLink{
		conn: req.conn, ctrl: req.control, refusal: refusals,
		control: session.NewFrameWriter(req.control),
		chat:    session.NewFrameWriter(req.chat),
		dgram:   datagrams,
	}
}

func (q *quicLink) Control(m wire.Message) error { return q.control.Send(m) }
func (q *quicLink) Chat(m wire.Message) error    { return q.chat.Send(m) }
func (q *quicLink) Datagram(b []byte)            { q.dgram.Queue(b) }
func (q *quicLink) String() string               { return q.conn.RemoteAddr().String() }

func (q *quicLink) Quality() LinkQuality {
	st := q.conn.ConnectionStats()
	return LinkQuality{RTT: st.SmoothedRTT, RTTDev: st.MeanDeviation, PacketsLost: st.PacketsLost, PacketsReceived: st.PacketsReceived}
}

// Close closes the connection off the caller's goroutine: quic-go's close waits
// until the goodbye has been sent.
func (q *quicLink) Close(code session.Code, reason string) { go q.conn.CloseWithError(code, reason) }

func (q *quicLink) Refuse(code session.Code, reason string) {
	q.refusal.Go(func() {
		reject(q.ctrl, code, reason)
		q.conn.CloseWithError(code, reason)
	})
}

// reject tells the player why before the connection closes; the close carries the
// same reason, so the player sees it whichever arrives first.
func reject(st *quic.Stream, code session.Code, reason string) {
	b, err := wire.AppendFrame(nil, &wire.Reject{Code: uint8(code), Reason: wire.Clip(reason)})
	if err != nil {
		return
	}
	st.SetWriteDeadline(time.Now().Add(rejectWriteTimeout))
	st.Write(b)
}
