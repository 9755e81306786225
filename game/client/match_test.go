package client

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// waitLimit bounds every wait here; the fakes answer at once.
const waitLimit = 5 * time.Second

// fakeNetwork answers each dial with what a test sends on answers, and hosts games
// that run until stopped.
type fakeNetwork struct {
	stubborn bool // dials ignore their cancel, like one already past the point of no return
	dialled  chan Config
	answers  chan dialResult
	hosts    chan *fakeHost
}

func newFakeNetwork() *fakeNetwork {
	return &fakeNetwork{dialled: make(chan Config, 4), answers: make(chan dialResult, 4), hosts: make(chan *fakeHost, 1)}
}

func (n *fakeNetwork) Dial(ctx context.Context, cfg Config) (Transport, error) {
	n.dialled <- cfg
	select {
	case r := <-n.answers:
		return r.t, r.err
	case <-ctx.Done():
		if n.stubborn {
			r := <-n.answers
			return r.t, r.err
		}
		select { // an answer already there wins over the cancel
		case r := <-n.answers:
			return r.t, r.err
		default:
			return nil, ctx.Err()
		}
	}
}

func (n *fakeNetwork) Host(hc HostConfig) (Host, error) {
	if hc.Port == 1 {
		return nil, errors.New("port 1 is taken")
	}
	h := &fakeHost{port: 4000, stopped: make(chan struct{})}
	n.hosts <- h
	return h, nil
}

type fakeHost struct {
	port    int
	stopped chan struct{}
}

func (h *fakeHost) Run(ctx context.Context) error    { <-ctx.Done(); close(h.stopped); return nil }
func (h *fakeHost) Port() int                        { return h.port }
func (h *fakeHost) JoinAddrs() []string              { return []string{"192.0.2.1:4000"} }
func (h *fakeHost) Internet() string                 { return "" }
func (h *fakeHost) Invite() string                   { return "GEM-TEST" }
func (h *fakeHost) Fingerprint() string              { return "ab" }
func (h *fakeHost) Vars() map[string]any             { return nil }
func (h *fakeHost) Kick(context.Context, uint8) bool { return false }

func await[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(waitLimit):
		t.Fatalf("no %s", what)
		var zero T
		return zero
	}
}

func TestJoinReportsWhenReady(t *testing.T) {
	n := newFakeNetwork()
	m := Join(n, Config{Addr: "192.0.2.9:47777", Name: "Ana"}, quiet)
	if cfg := await(t, n.dialled, "dial"); cfg.Name != "Ana" || cfg.Addr != "192.0.2.9:47777" {
		t.Fatalf("dialled %+v", cfg)
	}
	if done, _ := m.Ready(); done || m.State() != nil {
		t.Fatal("ready before the host answered")
	}
	f := newFake(wire.Welcome{You: 3})
	n.answers <- dialResult{t: f}
	if err := m.Wait(context.Background()); err != nil || m.State() == nil || m.State().Welcome.You != 3 {
		t.Fatalf("Wait = %v, state %v", err, m.State())
	}
	if done, err := m.Ready(); !done || err != nil || m.Hosting() {
		t.Fatalf("Ready = %v %v, hosting %v", done, err, m.Hosting())
	}
	await(t, m.Close(), "close")
	await(t, f.gone, "leave: closing the match did not leave the game")
}

func TestHostAndJoinJoinsItsOwnGameAndStopsIt(t *testing.T) {
	n := newFakeNetwork()
	if _, err := HostAndJoin(n, HostConfig{Port: 1}, Config{Name: "Ana"}, quiet); err == nil {
		t.Fatal("a port that cannot be bound did not fail")
	}
	m, err := HostAndJoin(n, HostConfig{Port: 0}, Config{Name: "Ana"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	h := await(t, n.hosts, "host")
	if cfg := await(t, n.dialled, "dial"); cfg.Addr != "127.0.0.1:4000" || m.Addr() != cfg.Addr || !m.Hosting() {
		t.Fatalf("the host's player dialled %q (match at %q, hosting %v)", cfg.Addr, m.Addr(), m.Hosting())
	}
	n.answers <- dialResult{t: newFake(wire.Welcome{You: 1})}
	if err := m.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	await(t, m.Close(), "close")
	select {
	case <-h.stopped:
	default:
		t.Fatal("the match closed without stopping its host")
	}
}

// TestClosingWhileDiallingStillLeaves gives up on a dial that succeeds just then:
// the player who got in leaves properly rather than haunting the game.
func TestClosingWhileDiallingStillLeaves(t *testing.T) {
	n := newFakeNetwork()
	m := Join(n, Config{Addr: "192.0.2.9:1"}, quiet)
	await(t, n.dialled, "dial")
	f := newFake(wire.Welcome{You: 2})
	n.answers <- dialResult{t: f} // the answer is on its way as the player gives up
	await(t, m.Close(), "close")
	await(t, f.gone, "leave: a dial that finished as the player gave up did not leave")
}

// TestADialThatFinishesLongAfterClosingStillLeaves: a dial that gets in well after
// the player gave up (its cancel came too late) leaves as soon as it returns.
func TestADialThatFinishesLongAfterClosingStillLeaves(t *testing.T) {
	n := newFakeNetwork()
	n.stubborn = true
	m := Join(n, Config{Addr: "192.0.2.9:1"}, quiet)
	await(t, n.dialled, "dial")
	await(t, m.Close(), "close") // gives up on the dial after dialGiveUpWait
	f := newFake(wire.Welcome{You: 2})
	n.answers <- dialResult{t: f}
	await(t, f.gone, "leave: a dial that got in after the close haunts the game")
}

// TestAJoinWaitsForABusyHost: a host taking no new connections just then is asked
// again, a little later each time, and the join gets in.
func TestAJoinWaitsForABusyHost(t *testing.T) {
	n := newFakeNetwork()
	m := Join(n, Config{Addr: "192.0.2.9:47777", Name: "Bo"}, quiet)
	busy := &Error{Reason: ReasonBusy, Sentence: "busy"}
	for range 2 {
		await(t, n.dialled, "a dial")
		n.answers <- dialResult{err: busy}
	}
	await(t, n.dialled, "the third dial")
	n.answers <- dialResult{t: newFake(wire.Welcome{You: 2})}
	if err := m.Wait(context.Background()); err != nil {
		t.Fatalf("a join refused twice as busy, then welcomed: %v", err)
	}
	await(t, m.Close(), "close")
}
