package client

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// TestRetryTriesAtOnceThenBacksOff: the first try starts at once; tries that fail
// fast wait 0.25, 0.5, 1, 2, 2 s between starts; a slow failure is followed at once
// by the next try when its backoff has passed; nothing starts after the deadline.
func TestRetryTriesAtOnceThenBacksOff(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := NewRetry(t0, 6*time.Second)
	var starts []time.Duration
	for {
		at, ok := r.Next()
		if !ok {
			break
		}
		if at.Before(t0) {
			at = t0
		}
		r.Start(at)
		starts = append(starts, at.Sub(t0))
	}
	want := []time.Duration{0, 250 * time.Millisecond, 750 * time.Millisecond, 1750 * time.Millisecond,
		3750 * time.Millisecond, 5750 * time.Millisecond}
	if len(starts) != len(want) {
		t.Fatalf("tries started at %v, want %v", starts, want)
	}
	for i := range want {
		if starts[i] != want[i] {
			t.Fatalf("tries started at %v, want %v", starts, want)
		}
	}
	late := NewRetry(t0, 6*time.Second)
	if d := late.Start(t0.Add(5500 * time.Millisecond)); d != 500*time.Millisecond {
		t.Errorf("a try 0.5 s before the deadline may take %v", d)
	}
}

// TestReconnectingResumesTheState: after a drop, the match dials at once with the
// player's token, the first chat line they have not had, and the host's fingerprint;
// a try that meets silence is followed by another; the one that is welcomed carries
// the same State on, and the dead connection is released.
func TestReconnectingResumesTheState(t *testing.T) {
	n := newFakeNetwork()
	m := Join(n, Config{Addr: "192.0.2.9:47777", Name: "Bo"}, quiet)
	await(t, n.dialled, "dial")
	token := wire.Token{1, 2, 3}
	old := newFake(wire.Welcome{You: 4, Token: token, Grace: 30, NextChatSeq: 7})
	old.fingerprint = "ab12"
	n.answers <- dialResult{t: old}
	if err := m.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := m.State()
	st.Step(time.Now())
	old.events <- &wire.Chat{Seq: 7, From: 1, Name: "Ana", Text: "hi"}
	st.Step(time.Now())

	dropped := &Error{Reason: ReasonTimedOut, Sentence: "Connection lost."}
	now := time.Now()
	r := m.Reconnect(now, dropped)
	if done, _ := r.Poll(now); done {
		t.Fatal("reconnecting gave up before trying")
	}
	cfg := await(t, n.dialled, "first try")
	if cfg.Token != token || cfg.NextChat != 8 || cfg.Fingerprint != "ab12" || cfg.Name != "Bo" {
		t.Fatalf("the try dialled %+v", cfg)
	}
	n.answers <- dialResult{err: &Error{Reason: ReasonNoAnswer, Sentence: "Nobody answered."}}
	waitPoll(t, r, now) // the failure is taken in; the next try waits for its backoff
	select {
	case <-n.dialled:
		t.Fatal("the second try started without waiting")
	default:
	}
	later := now.Add(time.Second)
	if done, err := r.Poll(later); done {
		t.Fatalf("gave up after a try met silence: %v", err)
	}
	await(t, n.dialled, "second try")
	back := newFake(wire.Welcome{You: 4, Token: token, Resumed: true, Grace: 30, NextChatSeq: 8})
	n.answers <- dialResult{t: back}
	if err := waitDone(t, r, later); err != nil {
		t.Fatalf("reconnecting failed: %v", err)
	}
	if m.State() != st || st.Transport() != back || st.Welcome.You != 4 || len(st.Log) != 2 {
		t.Fatalf("after coming back: same State %v, transport %v, log %v", m.State() == st, st.Transport() == back, st.Log)
	}
	await(t, old.gone, "the dead connection released")
	await(t, m.Close(), "close")
	await(t, back.gone, "leave")
}

// TestReconnectingGivesUp: a refusal that another try would not change ends it at
// once; otherwise it ends when the grace period does, saying the host is gone.
func TestReconnectingGivesUp(t *testing.T) {
	for _, tc := range []struct {
		answer error
		reason Reason
	}{
		{&Error{Reason: ReasonHostEnded, Sentence: "Host ended the game."}, ReasonHostEnded},
		{&Error{Reason: ReasonNoAnswer, Sentence: "Nobody answered."}, ReasonTimedOut},
	} {
		n := newFakeNetwork()
		m := Join(n, Config{Addr: "192.0.2.9:47777", Name: "Bo"}, quiet)
		await(t, n.dialled, "dial")
		n.answers <- dialResult{t: newFake(wire.Welcome{You: 4, Token: wire.Token{1}, Grace: 2})}
		m.Wait(context.Background())
		now := time.Now()
		r := m.Reconnect(now, errors.New("dropped"))
		var err error
		for clock := now; ; clock = clock.Add(100 * time.Millisecond) {
			done, e := r.Poll(clock)
			if done {
				err = e
				break
			}
			if r.dialed != nil { // a try started: it fails
				await(t, n.dialled, "a try")
				n.answers <- dialResult{err: tc.answer}
				waitPoll(t, r, clock)
			}
			if clock.Sub(now) > time.Minute {
				t.Fatal("reconnecting never ended")
			}
		}
		if ReasonOf(err) != tc.reason {
			t.Errorf("after %v: ended with %v", tc.answer, err)
		}
		await(t, m.Close(), "close")
	}
}

// waitPoll polls until the try under way has finished, at the same moment now.
func waitPoll(t *testing.T, r *Reconnecting, now time.Time) {
	t.Helper()
	for end := time.Now().Add(waitLimit); r.dialed != nil; {
		if done, _ := r.Poll(now); done {
			return
		}
		if time.Now().After(end) {
			t.Fatal("the try under way never finished")
		}
		time.Sleep(time.Millisecond)
	}
}

// waitDone polls at now until reconnecting ends, and returns how.
func waitDone(t *testing.T, r *Reconnecting, now time.Time) error {
	t.Helper()
	for end := time.Now().Add(waitLimit); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if done, err := r.Poll(now); done {
			return err
		}
	}
	t.Fatal("reconnecting did not end")
	return nil
}

// TestGivingUpReconnectingSaysGoodbye: a player who cancels while their game tries to
// come back is leaving on purpose. One more try, with the token, takes the place back
// only to leave it, so the host frees it at once rather than keep a greyed disc for
// the rest of the grace period; with no answer in time, closing still ends.
func TestGivingUpReconnectingSaysGoodbye(t *testing.T) {
	for _, answered := range []bool{true, false} {
		n := newFakeNetwork()
		m := Join(n, Config{Addr: "192.0.2.9:47777", Name: "Bo"}, quiet)
		await(t, n.dialled, "dial")
		token := wire.Token{7}
		n.answers <- dialResult{t: newFake(wire.Welcome{You: 4, Token: token, Grace: 30})}
		if err := m.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		r := m.Reconnect(now, errors.New("dropped"))
		r.Poll(now)
		await(t, n.dialled, "the first try")
		n.answers <- dialResult{err: &Error{Reason: ReasonNoAnswer, Sentence: "Nobody answered."}}
		waitPoll(t, r, now) // waiting for the next try's backoff: no try under way

		closed := m.Close()
		if cfg := await(t, n.dialled, "the goodbye try"); cfg.Token != token {
			t.Fatalf("the goodbye try dialled without the token: %+v", cfg)
		}
		if answered {
			back := newFake(wire.Welcome{You: 4, Token: token, Resumed: true, Grace: 30})
			n.answers <- dialResult{t: back}
			await(t, back.gone, "the goodbye on the place taken back")
		}
		await(t, closed, "close") // unanswered, the try gives up within farewellWait
		if done, err := r.Poll(now); !done || ReasonOf(err) != ReasonLeft {
			t.Errorf("reconnecting after Cancel: done %v, %v", done, err)
		}
	}
}
