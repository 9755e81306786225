package client

import (
	"context"
	"fmt"
	"time"
)

// How a player's game tries to get back into a game after its connection dropped.
const (
	// TryTimeout bounds one try's QUIC handshake. A try into a network that is still
	// down is given up after it and the next starts at once, so the restored network
	// is tried again within it, whatever QUIC's own retransmission backoff had grown
	// to. A try whose handshake is done has the usual HandshakeTimeout for the welcome:
	// on a slow link, the host has taken the place back by then.
	TryTimeout = 1500 * time.Millisecond
	// firstBackoff and mostBackoff bound the wait between the starts of two tries
	// that failed fast (a refusal, no route): it doubles from the first to the most.
	// The very first try starts at once.
	firstBackoff = 250 * time.Millisecond
	mostBackoff  = 2 * time.Second
	// DefaultGrace is how long a game keeps trying when the host's welcome did not
	// say how long it keeps places.
	DefaultGrace = 30 * time.Second
)

// Retry is when to try reconnecting, until a deadline: the first try at once, each
// later one when the last has failed and its backoff has passed since it started.
type Retry struct {
	Deadline time.Time
	tries    int
	last     time.Time // when the last try started
}

// NewRetry starts a schedule at now that gives up after grace.
func NewRetry(now time.Time, grace time.Duration) *Retry {
	return &Retry{Deadline: now.Add(grace)}
}

// Tries is how many tries have started.
func (r *Retry) Tries() int { return r.tries }

// Next is when the next try may start, and false once the deadline has passed.
func (r *Retry) Next() (time.Time, bool) {
	at := r.last
	if r.tries > 0 {
		at = at.Add(min(firstBackoff<<(r.tries-1), mostBackoff))
	}
	return at, at.Before(r.Deadline)
}

// Start records a try starting at now, and returns how long it may take in all: what
// is left before the deadline. (Its handshake has TryTimeout.)
func (r *Retry) Start(now time.Time) time.Duration {
	r.tries++
	r.last = now
	return r.Deadline.Sub(now)
}

// Resumable reports whether a game that ended with err may have a place to come back
// to: the connection dropped, or the last try to come back met silence, a fault of
// the network, a host too busy to take it just then or a closed port (the host's
// game may be starting again there). A host that ended the game, removed the player, refused them, or is
// not the same host any more leaves nothing to come back to.
func Resumable(err error) bool {
	switch ReasonOf(err) {
	case ReasonUnknown, ReasonNoAnswer, ReasonNotForwarded, ReasonNotFound, ReasonTimedOut, ReasonClosed, ReasonBusy, ReasonSilent,
		ReasonPortClosed:
		return true
	}
	return false
}

// Reconnecting is a match getting its player back into the game after the
// connection dropped: tries on the Retry schedule, each dialling the same host with
// the player's resume token, until one is welcomed or the grace period ends. It
// belongs to the goroutine that owns the match, which calls Poll each frame.
type Reconnecting struct {
	m      *Match
	cfg    Config
	retry  *Retry
	cancel context.CancelFunc
	dialed chan dialResult // the try under way, or nil
	grace  time.Duration
	over   bool  // Poll has said done
	final  error // and how
	// Err is why the last try failed, or why the connection ended before the first.
	Err error
}

// Reconnect starts getting the player back in after their connection ended with
// err, at now; the first try starts at the first Poll. It needs a State: the game
// must have been joined.
func (m *Match) Reconnect(now time.Time, err error) *Reconnecting {
	cfg := m.state.ResumeConfig(m.cfg)
	grace := m.state.Grace()
	m.log.Info("connection dropped: reconnecting", "err", err, "grace", grace)
	r := &Reconnecting{m: m, cfg: cfg, retry: NewRetry(now, grace), grace: grace, Err: err}
	m.reconnecting = r
	return r
}

// Left is how long is left of the grace period at now.
func (r *Reconnecting) Left(now time.Time) time.Duration { return max(r.retry.Deadline.Sub(now), 0) }

// Tries is how many tries have started.
func (r *Reconnecting) Tries() int { return r.retry.Tries() }

// Poll starts the next try when it is due and takes the result of one that finished.
// done with a nil error: the player is back, on a new connection the match's State
// now follows (its Welcome says whether the host gave their place back). done with an
// error: there is nothing to come back to (the grace period is over, or the host
// said no in a way another try would not change); err says why, in words.
func (r *Reconnecting) Poll(now time.Time) (done bool, err error) {
	if !r.over {
		done, err = r.poll(now)
		r.over, r.final = done, err
	}
	return r.over, r.final
}

func (r *Reconnecting) poll(now time.Time) (done bool, err error) {
	if r.dialed != nil {
		select {
		case res := <-r.dialed:
			r.dialed = nil
			r.cancel()
			if res.err == nil {
				r.m.state.Resume(res.t)
				r.m.reconnecting = nil
				r.m.log.Info("back in the game", "tries", r.retry.Tries(), "resumed", res.t.Welcome().Resumed)
				return true, nil
			}
			r.Err = res.err
			r.m.log.Debug("reconnecting: try failed", "try", r.retry.Tries(), "err", res.err)
			if !Resumable(res.err) {
				r.m.reconnecting = nil
				return true, res.err
			}
		default:
			return false, nil
		}
	}
	at, ok := r.retry.Next()
	if !ok {
		r.m.reconnecting = nil
		return true, &Error{Reason: ReasonTimedOut, Err: r.Err, Sentence: fmt.Sprintf(
			"The host is gone: %d seconds of trying to reconnect to %s got no answer.", int(r.grace.Seconds()), r.m.addr)}
	}
	if now.Before(at) {
		return false, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.retry.Start(now))
	r.cancel, r.dialed = cancel, make(chan dialResult, 1)
	go func(d chan dialResult) {
		t, err := r.m.net.Dial(ctx, r.cfg)
		d <- dialResult{t, err}
	}(r.dialed)
	return false, nil
}

// stop gives up reconnecting; a try that succeeds after all is left at once. With
// goodbye, the player is leaving on purpose while the host keeps their place: one
// more try, bounded by farewellWait, takes the place back only to say goodbye, so
// the others see them leave rather than a greyed disc for the rest of the grace
// period. The channel is closed once that try is over.
func (r *Reconnecting) stop(goodbye bool) <-chan struct{} {
	if !r.over {
		r.over, r.final = true, &Error{Reason: ReasonLeft, Sentence: "You left the game."}
	}
	if r.dialed != nil {
		r.cancel()
		go func(d chan dialResult) {
			if res := <-d; res.t != nil {
				res.t.Leave()
			}
		}(r.dialed)
		r.dialed = nil
	}
	done := make(chan struct{})
	if !goodbye {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		ctx, cancel := context.WithTimeout(context.Background(), farewellWait)
		defer cancel()
		if t, err := r.m.net.Dial(ctx, r.cfg); err == nil {
			t.Leave()
		}
	}()
	return done
}

// farewellWait bounds the try that says goodbye for a player who gives up
// reconnecting: a try's handshake, and the welcome on a quick link. A host still out
// of reach keeps the place until its grace period ends.
const farewellWait = TryTimeout + 500*time.Millisecond

// ResumeConfig is cfg, how the player joined, made into how they come back: with
// their resume token, the first chat line they have not had, and the host's identity.
func (s *State) ResumeConfig(cfg Config) Config {
	cfg.Token, cfg.TokenFor, cfg.NextChat = s.Welcome.Token, s.t.Fingerprint(), s.nextChat
	cfg.Fingerprint, cfg.Pin = s.t.Fingerprint(), PinComeback
	cfg.HandshakeWithin = TryTimeout
	return cfg
}

// Grace is how long the host keeps this player's place after a drop, as its welcome said.
func (s *State) Grace() time.Duration {
	if g := s.Welcome.Grace; g > 0 {
		return time.Duration(g) * time.Second
	}
	return DefaultGrace
}

// Resume carries the game on over t, the new connection of a player coming back
// after a drop, and releases the old one. The chat log carries over, and chat lines
// the host no longer had to send again are counted as missed; the players, snapshots,
// prediction and inputs start afresh from what the host says on t, as on joining.
// When the host no longer had the player's place (t's Welcome is not Resumed), they
// are in as a new player, and the log says so.
func (s *State) Resume(t Transport) {
	old := *s
	*s = *NewState(t)
	s.Log, s.OnMessage, s.ChatMissed = old.Log, old.OnMessage, old.ChatMissed
	if first := s.Welcome.NextChatSeq; s.Welcome.Resumed && first > old.nextChat {
		missed := int(first - old.nextChat)
		s.ChatMissed += missed
		s.Notice(fmt.Sprintf("Reconnected. %d chat %s sent meanwhile could not be recovered.", missed, plural(missed, "line", "lines")))
	} else if s.Welcome.Resumed {
		s.Notice("Reconnected: you have your place back.")
	} else {
		s.Notice("Reconnected, but your place had been given up: you joined again as a new player.")
	}
	old.t.Leave()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
