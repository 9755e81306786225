// Package hosttest runs a real host on loopback for other packages' tests.
package hosttest

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/host"
)

// Quiet is a logger that discards everything, for tests that judge by results.
var Quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// stopLimit bounds how long stopping a test host may take; its own shutdown is
// bounded well below this.
const stopLimit = 10 * time.Second

// Start runs a host on a free port of 127.0.0.1, with an identity of its own, until
// the test ends or stop is called; stop waits for the host to finish.
func Start(t *testing.T, cfg host.Config) (s *host.Server, stop func()) {
	t.Helper()
	cfg.Addr, cfg.CertDir = "127.0.0.1:0", t.TempDir()
	if cfg.Logger == nil {
		cfg.Logger = Quiet
	}
	if cfg.Name == "" {
		cfg.Name = "Test game"
	}
	s, err := host.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(stopLimit):
				t.Error("host did not stop")
			}
		})
	}
	t.Cleanup(stop)
	return s, stop
}
