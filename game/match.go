package game

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
)

// matchStopWait bounds how long closing a match waits for its goodbyes: leaving the
// host, and the host telling everyone the game ended (its own wait is shorter).
const matchStopWait = 3 * time.Second

// match is one game this window takes part in: the connection, and the host too when
// this window hosts. It starts connecting at once; Update picks up the result.
type match struct {
	log  *slog.Logger
	addr string // what the player asked to join, as typed

	server   *host.Server // nil unless hosting
	stopHost context.CancelFunc
	hostDone chan error
	joinAt   []string // where others can join, when hosting
	invite   string   // the invite code, when hosting

	cancelDial context.CancelFunc
	dialed     chan dialResult
	conn       *client.Conn
	view       *client.View
	startTick  int
}

type dialResult struct {
	conn *client.Conn
	err  error
}

// hostMatch starts a host on port and joins it through the same client code as
// everyone else. It fails when the port cannot be bound.
func hostMatch(cfg host.Config, player client.Config, tick int) (*match, error) {
	s, err := host.New(cfg)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &match{log: cfg.Logger, server: s, stopHost: cancel, hostDone: make(chan error, 1), startTick: tick}
	go func() { m.hostDone <- s.Run(ctx) }()
	port := s.Addr().Port
	m.joinAt, m.invite = session.JoinAddrs(port), s.Invite()
	cfg.Logger.Info("hosting", "port", port, "join", m.joinAt, "invite", m.invite, "fingerprint", s.Fingerprint())
	player.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	m.addr = player.Addr
	m.dial(player)
	return m, nil
}

// joinMatch starts joining the game at player.Addr.
func joinMatch(player client.Config, tick int) *match {
	m := &match{log: player.Logger, addr: player.Addr, startTick: tick}
	m.dial(player)
	return m
}

func (m *match) dial(cfg client.Config) {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancelDial, m.dialed = cancel, make(chan dialResult, 1)
	go func() {
		c, err := client.Dial(ctx, cfg)
		m.dialed <- dialResult{c, err}
	}()
}

// poll reports a finished dial: connected, or the error; ok is false while dialling.
func (m *match) poll() (err error, ok bool) {
	select {
	case r := <-m.dialed:
		if r.err != nil {
			return r.err, true
		}
		m.conn, m.view = r.conn, client.NewView(r.conn.Welcome())
		return nil, true
	default:
		return nil, false
	}
}

// close leaves the game and stops the host, off the game loop; the returned channel
// closes when both are done or matchStopWait has passed.
func (m *match) close() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.cancelDial()
		conn := m.conn
		if conn == nil {
			select { // a dial finishing as we give up still leaves properly
			case r := <-m.dialed:
				conn = r.conn
			case <-time.After(200 * time.Millisecond):
			}
		}
		if conn != nil {
			conn.Leave()
		}
		if m.stopHost != nil {
			m.stopHost()
			select {
			case <-m.hostDone:
			case <-time.After(matchStopWait):
				m.log.Warn("the host did not stop in time")
			}
		}
	}()
	return done
}

// hostPort is the port this window hosts on, or 0.
func (m *match) hostPort() int {
	if m.server == nil {
		return 0
	}
	return m.server.Addr().Port
}

func (m *match) describe() string {
	if m.server != nil {
		return fmt.Sprintf("hosting on port %d", m.hostPort())
	}
	return "playing at " + m.addr
}
