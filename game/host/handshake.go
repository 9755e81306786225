package host

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
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
	spoke(conn)
	if s.cfg.Password != "" && !s.awaitGuessTurn(ctx, req) {
		return
	}
	select {
	case s.joins <- *req:
	case <-ctx.Done():
		s.closeConn(conn, session.CodeHostEnded, "host ended the game")
	}
}

// awaitGuessTurn holds a try at the password until its address may have one checked
// (passwordGuard), or turns it away at once, with how long to wait, when its turn is
// too far off. It reports whether the try goes on to the loop.
func (s *Server) awaitGuessTurn(ctx context.Context, req *joinRequest) bool {
	addr := addrOf(req.conn.RemoteAddr())
	wait, ok := s.guard.try(addr, time.Now())
	if !ok {
		s.Stats().Rejected.Add(1)
		s.Stats().GuessesTurnedAway.Add(1)
		reason := fmt.Sprintf("too many wrong passwords from your address: try again in %d seconds", int(wait.Seconds())+1)
		s.log.Info("player turned away", "remote", req.conn.RemoteAddr(), "reason", reason)
		reject(req.control, session.CodeWrongPassword, reason)
		s.closeConn(req.conn, session.CodeWrongPassword, reason)
		return false
	}
	if passwordOK(req.hello.Password, s.cfg.Password) {
		s.guard.right(addr)
	}
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			s.closeConn(req.conn, session.CodeHostEnded, "host ended the game")
			return false
		case <-req.conn.Context().Done():
			return false // they gave up waiting
		}
	}
	return true
}

// passwordOK compares a given password with the room's in time that depends on
// neither's content nor length: both are hashed first.
func passwordOK(given, want string) bool {
	g, w := sha256.Sum256([]byte(given)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
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
