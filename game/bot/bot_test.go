package bot

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/netsim"
)

// TestBotsPlayAndEveryChatLineArrivesOnce runs three bots against a real host on
// loopback and judges the run by their report.
var quiet = hosttest.Quiet

func startHost(t *testing.T, cfg host.Config) *host.Server {
	t.Helper()
	s, _ := hosttest.Start(t, cfg)
	return s
}

// checkChat fails the test unless the run had no errors and every chat line sent
// reached every bot exactly once.
func checkChat(t *testing.T, r Report) {
	t.Helper()
	if r.Errors != 0 {
		t.Fatalf("errors: %v", r.ErrorMessages)
	}
	if r.ChatSent < 3 || r.ChatReceived != r.ChatExpected || r.ChatDuplicate != 0 {
		t.Errorf("chat sent %d, received %d, expected %d, duplicates %d", r.ChatSent, r.ChatReceived, r.ChatExpected, r.ChatDuplicate)
	}
}

func TestBotsPlayAndEveryChatLineArrivesOnce(t *testing.T) {
	s := startHost(t, host.Config{})

	// 4 s: each bot's first line comes within 1.5 ChatEvery, so three bots send three at least.
	r, err := Run(context.Background(), Config{Addr: s.Addr().String(), Count: 3, Duration: 4 * time.Second,
		Network: quicnet.Network{Logger: quiet}, Logger: quiet, Chat: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", r)
	checkChat(t, r)
	if r.ChatReceived < r.ChatSent { // every bot is there from start to end: each sees every line
		t.Errorf("received %d lines in all, but %d were sent to 3 bots", r.ChatReceived, r.ChatSent)
	}
	if r.SnapshotsPerS < 55 || r.SnapshotsPerS > 61 {
		t.Errorf("%.1f snapshots per second per bot; the host sends 60", r.SnapshotsPerS)
	}
	if r.DownBytesPerS <= 0 || r.UpBytesPerS <= 0 || r.RTTp50ms <= 0 {
		t.Errorf("measurements missing: %+v", r)
	}
	if got := s.Stats().Joined.Load(); got != 3 {
		t.Errorf("host saw %d joins", got)
	}
}

// TestBotsOverAPoorNetwork runs host and bots through the link conditioner: every
// packet either way may be lost, delayed, reordered or duplicated. Chat rides QUIC
// streams, so it must still arrive exactly once; snapshots are datagrams, so some are
// lost, but they keep coming.
func TestBotsOverAPoorNetwork(t *testing.T) {
	poor := netsim.Config{Loss: 0.10, Delay: 20 * time.Millisecond, Jitter: 10 * time.Millisecond, Duplicate: 0.02}
	var conns []*netsim.Conn
	var mu sync.Mutex
	wrap := func(seed uint64) func(net.PacketConn) net.PacketConn {
		return func(pc net.PacketConn) net.PacketConn {
			cfg := poor
			cfg.Seed = seed
			c := netsim.Wrap(pc, cfg)
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			return c
		}
	}
	s := startHost(t, host.Config{WrapConn: wrap(1)})

	r, err := Run(context.Background(), Config{Addr: s.Addr().String(), Count: 3, Duration: 4 * time.Second,
		Network: quicnet.Network{Logger: quiet, WrapConn: wrap(2)}, Logger: quiet, Seed: 3, Chat: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", r)
	checkChat(t, r)
	// The host lowers the rate a step each time it is sure of the loss, a hundred or two
	// packets in: over four seconds it sends 60, then 30, then 20 a second, 90 % of
	// which arrive; never lowered it would be 54.
	if r.SnapshotsPerS < 18 || r.SnapshotsPerS > 46 {
		t.Errorf("%.1f snapshots per second per bot through 10%% loss; expected 18 to 46", r.SnapshotsPerS)
	}
	if r.RTTp50ms < 40 {
		t.Errorf("round trip p50 %.1f ms; the link adds at least 40", r.RTTp50ms)
	}
	var lost uint64
	mu.Lock()
	for _, c := range conns {
		lost += c.Lost.Load()
	}
	mu.Unlock()
	if lost == 0 {
		t.Error("the conditioner lost nothing: the test did not test loss")
	}
}

func TestBotThatCannotJoinSaysWhy(t *testing.T) {
	_, err := Run(context.Background(), Config{Addr: "127.0.0.1:1", Count: 1, Network: quicnet.Network{Logger: quiet}, Logger: quiet})
	if err == nil || !strings.HasPrefix(err.Error(), "Bot 1 could not join: Nothing is listening at 127.0.0.1:1 (the port is closed)") {
		t.Fatalf("err = %v", err)
	}
}
