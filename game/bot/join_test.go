package bot

import (
	"context"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
)

// slowDial is a network on which one player's dial waits a while before it starts,
// as a join held up by a busy host would.
type slowDial struct {
	client.Network
	slow string
	by   time.Duration
}

func (n slowDial) Dial(ctx context.Context, cfg client.Config) (client.Transport, error) {
	if cfg.Name == n.slow {
		select {
		case <-time.After(n.by):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return n.Network.Dial(ctx, cfg)
}

// TestJoinIsTimedToTheFirstSnapshotOfEachBot: the bots join one after another, and
// the second takes slow to get in. The first bot's join is timed by its own first
// snapshot, which came while the second was still dialling, not by the newest queued
// when play began; the second's includes its slow dial.
func TestJoinIsTimedToTheFirstSnapshotOfEachBot(t *testing.T) {
	const slow = 400 * time.Millisecond
	s := startHost(t, host.Config{})
	began := time.Now()
	r, err := Run(context.Background(), Config{Addr: s.Addr().String(), Count: 3, Duration: 200 * time.Millisecond,
		Network: slowDial{Network: quicnet.Network{Logger: quiet}, slow: "Bot 2", by: slow}, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("join p50 %.1f ms, max %.1f ms, first snapshot %.1f ms after Run began",
		r.JoinP50ms, r.JoinMaxMs, r.FirstSnapshotUnixMs-float64(began.UnixMicro())/1000)
	if r.Errors != 0 {
		t.Fatalf("errors: %v", r.ErrorMessages)
	}
	limit := float64(slow.Milliseconds())
	if r.JoinP50ms <= 0 || r.JoinP50ms >= limit/2 { // bots 1 and 3 dialled at once
		t.Errorf("join p50 %.1f ms; two of the three bots dialled at once on loopback", r.JoinP50ms)
	}
	if r.JoinMaxMs < limit || r.JoinMaxMs > limit+1000 {
		t.Errorf("join max %.1f ms; bot 2 waited %v before dialling", r.JoinMaxMs, slow)
	}
	first := time.UnixMicro(int64(r.FirstSnapshotUnixMs * 1000))
	if first.Before(began.Add(-time.Millisecond)) || first.After(began.Add(slow/2)) {
		t.Errorf("bot 1's first snapshot came %v after Run began; it was in before bot 2 dialled", first.Sub(began))
	}
}

// TestBotsThatAreInKeepMovingWhileTheOthersJoin: the host closes a connected player
// who sends no moves for SilentLimit; the bots already in stand still and say so
// every tick while a slow one joins, so none of them is taken for a stalled game.
func TestBotsThatAreInKeepMovingWhileTheOthersJoin(t *testing.T) {
	const limit = 300 * time.Millisecond
	s := startHost(t, host.Config{SilentLimit: limit})
	r, err := Run(context.Background(), Config{Addr: s.Addr().String(), Count: 3, Duration: 200 * time.Millisecond,
		Network: slowDial{Network: quicnet.Network{Logger: quiet}, slow: "Bot 3", by: 8 * limit}, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if r.Errors != 0 || r.Reconnects != 0 {
		t.Fatalf("errors %v, reconnects %d: a bot waiting for the others was closed", r.ErrorMessages, r.Reconnects)
	}
	if n := s.Stats().Silent.Load(); n != 0 {
		t.Fatalf("the host found %d bots silent while the last one joined", n)
	}
}
