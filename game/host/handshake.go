package host

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// HelloTimeout is how long a new connection has to open its streams and say Hello.
// It is as long as the connect timeout: an honest player does it in one round trip.
const HelloTimeout = session.HandshakeTimeout

// joinRequest carries a player who said a valid Hello to the loop, which admits them
// or not.
type joinRequest struct {
	conn    *quic.Conn
	hello   *wire.Hello
	control *quic.Stream
	chat    *quic.Stream
	ctrlIn  *session.FrameReader
	chatIn  *session.FrameReader
}

// handshake accepts a connection's two streams and its Hello, then hands it to the loop.
func (s *Server) handshake(ctx context.Context, conn *quic.Conn) {
	hctx, cancel := context.WithTimeout(ctx, HelloTimeout)
	defer cancel()
	req, code, err := s.readHello(hctx, conn)
	if err != nil {
		if ctx.Err() != nil {
			s.closeConn(conn, session.CodeHostEnded, "host ended the game")
			return
		}
		s.Stats().Rejected.Add(1)
		s.log.Info("player turned away", "remote", conn.RemoteAddr(), "err", err)
		if req != nil && req.control != nil {
			if code == session.CodeVersionMismatch || code == session.CodeProtocolViolation {
				reject(req.control, code, err.Error())
			}
		}
		s.closeConn(conn, code, err.Error())
		return
	}
	select {
	case s.joins <- *req:
	case <-ctx.Done():
		s.closeConn(conn, session.CodeHostEnded, "host ended the game")
	}
}

// readHello reads the stream kinds and the Hello. On failure it returns the code the
// connection is to be closed with and an error whose text is the reason.
func (s *Server) readHello(ctx context.Context, conn *quic.Conn) (*joinRequest, session.Code, error) {
	req := &joinRequest{conn: conn}
	for req.control == nil || req.chat == nil {
		st, err := conn.AcceptStream(ctx)
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				return req, session.CodeNoHello, errors.New("did not say hello in time")
			}
			return req, session.CodeProtocolViolation, err
		}
		st.SetReadDeadline(time.Now().Add(HelloTimeout))
		r := session.NewFrameReader(st)
		kind, err := r.ReadKind()
		if err != nil {
			return req, session.CodeNoHello, errors.New("did not say hello in time")
		}
		switch {
		case kind == wire.StreamControl && req.control == nil:
			req.control, req.ctrlIn = st, r
		case kind == wire.StreamChat && req.chat == nil:
			req.chat, req.chatIn = st, r
		default:
			return req, session.CodeProtocolViolation, fmt.Errorf("unexpected stream of kind %#02x", byte(kind))
		}
	}
	m, err := req.ctrlIn.Read()
	if err != nil {
		if session.IsTimeout(err) {
			return req, session.CodeNoHello, errors.New("did not say hello in time")
		}
		return req, session.CodeProtocolViolation, fmt.Errorf("bad hello: %w", err)
	}
	hello, ok := m.(*wire.Hello)
	if !ok {
		return req, session.CodeProtocolViolation, fmt.Errorf("expected a hello, got message type %#02x", byte(m.Type()))
	}
	if hello.Version != wire.Version {
		return req, session.CodeVersionMismatch, fmt.Errorf(
			"version mismatch: this game runs Gem Rush protocol version %d and you have version %d; both players need the same Gem Rush release",
			wire.Version, hello.Version)
	}
	req.control.SetReadDeadline(time.Time{})
	req.chat.SetReadDeadline(time.Time{})
	req.hello = hello
	return req, 0, nil
}
