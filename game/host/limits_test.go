package host

import (
	"testing"
	"time"
)

// TestTokenBucketAllowsABurstThenARate: ChatBurst lines at once, then ChatPerSecond a
// second; time that goes back (a clock stepped) gives nothing back.
func TestTokenBucketAllowsABurstThenARate(t *testing.T) {
	t0 := time.Unix(1000, 0)
	b := newTokenBucket(2, 8)
	allowed := func(at time.Time, n int) int {
		ok := 0
		for range n {
			if b.take(at) {
				ok++
			}
		}
		return ok
	}
	if n := allowed(t0, 20); n != 8 {
		t.Fatalf("a burst of 20 at once: %d allowed, want 8", n)
	}
	if n := allowed(t0.Add(time.Second), 20); n != 2 {
		t.Errorf("a second later: %d allowed, want 2", n)
	}
	if n := allowed(t0.Add(1500*time.Millisecond), 20); n != 1 {
		t.Errorf("half a second after that: %d allowed, want 1", n)
	}
	if n := allowed(t0, 20); n != 0 {
		t.Errorf("with the clock gone back: %d allowed, want 0", n)
	}
	if n := allowed(t0.Add(time.Hour), 20); n != 8 {
		t.Errorf("after an hour: %d allowed, want the burst of 8", n)
	}
}
