// Package bot runs bot players: clients driven by code instead of keys, for tests and
// load, and to fill a game. Each bot joins like a person would, races for gems at its
// skill round the arena's walls, says something in the chat every couple of seconds
// when asked to, and keeps count of what it sent and received so the run can be
// judged: did every chat line arrive exactly once, did snapshots flow.
//
// A Bot lives frame by frame through Step(now), on whatever clock drives it: Run's
// ticker over the real network, or a test's simulated time.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// Timings of a bot's life.
const (
	// ChatEvery is the mean time between a bot's chat lines; each wait is drawn
	// between half and one and a half times it, so bots do not speak in chorus.
	ChatEvery = 2 * time.Second
	// rttSampleEvery is how often a bot reads its connection's latest round-trip time.
	rttSampleEvery = 100 * time.Millisecond
	// EchoWait bounds how long a leaving bot waits for the echo of its last chat
	// line; a few round trips on any sane network, well under the idle timeout.
	EchoWait = 3 * time.Second
)

// Config is how a group of bots plays.
type Config struct {
	Addr     string
	Password string
	Count    int
	Duration time.Duration // 0: until ctx ends
	Name     string        // bots are called Name 1, Name 2, …
	Seed     uint64
	Network  client.Network
	Logger   *slog.Logger
	Skill    Skill
	// Chat makes each bot say a line every ChatEvery or so, for tests of the chat
	// relay under load; bots are quiet without it, as a filled game wants them.
	Chat   bool
	Warmup time.Duration // the bots play this long before what they measure counts
	// ConfigDir, if set, keeps each bot's resume token from joining until it leaves:
	// bots killed and run again within the grace period take their places back. It
	// keeps the identity each address answered with too, and bots refuse a host at a
	// known address that is not the one it was, unless TrustNewHost.
	ConfigDir    string
	TrustNewHost bool
}

// Run joins cfg.Count bots, plays for cfg.Duration (or until ctx ends), leaves, and
// reports. It fails without playing if any bot cannot join.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Name == "" {
		cfg.Name = "Bot"
	}
	if cfg.Seed == 0 {
		cfg.Seed = rand.Uint64()
	}
	matches := make([]*client.Match, 0, cfg.Count)
	bots := make([]*Bot, 0, cfg.Count)
	// Each bot that is in stands by on a goroutine of its own while the next ones join;
	// play begins once they all have their first snapshot.
	standing, beginPlay := context.WithCancel(ctx)
	defer beginPlay()
	var firsts, waiting sync.WaitGroup
	for i := range cfg.Count {
		name := fmt.Sprintf("%s %d", cfg.Name, i+1)
		join := client.Config{Addr: cfg.Addr, Name: name, Colour: wire.NoColour, Password: cfg.Password}
		pinHost(cfg, &join)
		if c, ok := settings.FindComeback(cfg.ConfigDir, cfg.Addr, name); ok && cfg.ConfigDir != "" {
			join.Token, join.TokenFor = c.Token, c.Fingerprint // the token goes only to the host that gave it
		}
		dialled := time.Now()
		m := client.Join(cfg.Network, join, cfg.Logger)
		if err := m.Wait(ctx); err != nil {
			beginPlay()
			waiting.Wait() // the States are the standing-by goroutines' until they end
			<-m.Close()
			for _, m := range matches {
				<-m.Close()
			}
			if client.ReasonOf(err) == client.ReasonIdentityChanged {
				err = fmt.Errorf("%w (run with -trust-new-host to trust the new one)", err)
			}
			return Report{}, fmt.Errorf("%s could not join: %w", name, err)
		}
		matches = append(matches, m)
		keepComeback(cfg, m)
		knowHost(cfg, m)
		b := New(name, m.State(), cfg.Skill, rand.New(rand.NewPCG(cfg.Seed, uint64(i))))
		b.Chat = cfg.Chat
		b.match = m
		b.keep = func() { keepComeback(cfg, m) }
		b.join.dialled = dialled
		if m.State().Welcome.Resumed { // run again after a crash: its token took its place back
			b.comebacks.resumed++
		}
		bots = append(bots, b)
		cfg.Logger.Debug("bot joined", "name", name, "id", m.State().Welcome.You, "resumed", m.State().Welcome.Resumed)
		firsts.Add(1)
		waiting.Go(func() { b.standBy(standing, firsts.Done) })
	}
	firsts.Wait()
	beginPlay()
	waiting.Wait()
	playCtx := ctx
	if cfg.Duration > 0 {
		var cancel context.CancelFunc
		playCtx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	start := time.Now()
	var wg sync.WaitGroup
	for _, b := range bots {
		wg.Go(func() { b.play(playCtx, cfg.Warmup) })
	}
	wg.Wait()
	played := max(time.Since(start)-cfg.Warmup, 0)
	for i, b := range bots {
		wg.Go(func() {
			b.finish()
			<-matches[i].Close() // also releases the socket when the host already ended the game
			if cfg.ConfigDir != "" {
				settings.ForgetComeback(cfg.ConfigDir, cfg.Addr, b.name) // it left: the place is given up
			}
		})
	}
	wg.Wait()
	return Summarise(bots, played), nil
}

// Bot is one bot player: a client.State driven by code. Only the goroutine that
// steps it touches it.
type Bot struct {
	name  string
	state *client.State
	rng   *rand.Rand
	brain *Brain
	// Chat makes the bot say a line every ChatEvery or so.
	Chat bool

	nextChat, nextRTT time.Time
	chatSent          int
	ownLeft           int            // own lines whose echo has not come back
	chatPending       []time.Time    // when each of those was sent, oldest first
	now               time.Time      // the frame being stepped, for what arrives in it
	chatSeen          map[uint32]int // chat seq → times received
	firstSeq          uint32         // the first seq this bot should receive
	rtts              []time.Duration
	start, played     playCounts // what the connection had counted when play began, and during play
	err               error
	feel              feelCounts
	view              View // reused frame to frame
	join              joinTimes

	// Coming back after a drop: the bot reconnects through its match, as a window does.
	match        *client.Match // nil: the bot stops when its connection ends
	keep         func()        // keeps the token of the match's connection, or nil
	reconnecting *client.Reconnecting
	droppedAt    time.Time
	comebacks    comebacks
}

// New makes a bot of skill s that plays through st, drawing its choices from rng.
// It is quiet until Chat is set.
func New(name string, st *client.State, s Skill, rng *rand.Rand) *Bot {
	b := &Bot{name: name, state: st, rng: rng, chatSeen: map[uint32]int{}, firstSeq: st.Welcome.NextChatSeq,
		brain: NewBrain(s, sim.DefaultConfig(), rng)}
	st.OnMessage = b.take
	return b
}

// playCounts are what a bot's connection counted while it played: the rates in the
// report are over the time played, so what arrives while joining or leaving must
// not count.
type playCounts struct {
	snapshots, bytesDown, bytesUp, packetsDown uint64
}

func (b *Bot) counts() playCounts {
	st := b.state.Stats()
	return playCounts{snapshots: st.Snapshots, bytesDown: st.BytesReceived, bytesUp: st.BytesSent, packetsDown: st.PacketsReceived}
}

// Begin starts the bot's play at now: its rates count from here, and its first chat
// line is some way off.
func (b *Bot) Begin(now time.Time) {
	b.measureFrom(now)
	b.nextChat, b.nextRTT = now.Add(b.chatWait()), now.Add(rttSampleEvery)
}

// measureFrom makes the bot's figures count from now: what came before is warm-up.
func (b *Bot) measureFrom(now time.Time) {
	b.start = b.counts()
	c := b.state.Feel(now).Corrections
	b.feel = feelCounts{corrections0: c, seen: c, lastAt: b.state.At}
	b.rtts = b.rtts[:0]
}

// End ends the bot's play: what arrives after this does not count towards its rates.
func (b *Bot) End() {
	b.feel.corrections = b.state.Feel(time.Now()).Corrections - b.feel.corrections0
	after := b.counts()
	b.played = playCounts{
		snapshots:   after.snapshots - b.start.snapshots,
		bytesDown:   after.bytesDown - b.start.bytesDown,
		bytesUp:     after.bytesUp - b.start.bytesUp,
		packetsDown: after.packetsDown - b.start.packetsDown,
	}
}

// Step is one frame of play at now: take in what arrived, steer, chat when it is
// time, sample the round trip. It returns false once the bot cannot play on (its
// connection ended, or a line could not be sent); Err says why.
func (b *Bot) Step(now time.Time) bool {
	b.now = now
	if b.err != nil {
		return false
	}
	if b.reconnecting != nil && !b.comeBack(now) {
		return b.err == nil
	}
	err := b.state.Step(now)
	b.noteSnapshot()
	if err != nil {
		if b.match != nil && client.Resumable(err) {
			b.comebacks.migrations += b.state.Stats().Migrations // this connection's, before the next one's
			b.comebacks.counted = b.state.Transport()
			b.reconnecting, b.droppedAt = b.match.Reconnect(now, err), now
			b.chatPending = nil // what was on its way may be lost with the connection: not timed
			return true
		}
		b.err = err
		return false
	}
	me := b.state.Welcome.You
	before, _ := b.state.Where(me, now.Add(-time.Millisecond))
	in := b.steer()
	b.state.Input(in, now)
	if drawn, ok := b.state.Where(me, now); ok {
		b.feel.ownInput.follow(in, drawn, before, b.state.Arena())
	}
	b.feel.sample(b.state, now)
	if !now.Before(b.nextRTT) {
		b.rtts = append(b.rtts, b.state.Stats().LatestRTT)
		b.nextRTT = now.Add(rttSampleEvery)
	}
	if b.Chat && !now.Before(b.nextChat) {
		b.chatSent++
		b.ownLeft++
		b.chatPending = append(b.chatPending, now)
		if err := b.state.SendChat(fmt.Sprintf("gg from %s (line %d)", b.name, b.chatSent)); err != nil {
			b.err = err
			return false
		}
		b.nextChat = now.Add(b.chatWait())
	}
	return true
}

// Listen takes in what arrived by now without playing on: a bot that has finished
// playing waits for its echoes this way.
func (b *Bot) Listen(now time.Time) {
	b.now = now
	if err := b.state.Step(now); err != nil && b.err == nil {
		b.err = err
	}
	b.noteSnapshot()
}

// Waiting reports whether the bot is still waiting for the echo of a line of its own.
func (b *Bot) Waiting() bool { return b.err == nil && b.ownLeft > 0 }

// Err is why the bot stopped playing, or nil.
func (b *Bot) Err() error { return b.err }

// play steps the bot at the game's tick rate until ctx ends or the bot cannot go on;
// its figures count once warmup has passed.
func (b *Bot) play(ctx context.Context, warmup time.Duration) {
	tick := time.NewTicker(time.Second / sim.TickRate)
	defer tick.Stop()
	start := time.Now()
	b.Begin(start)
	defer b.End()
	warm := warmup <= 0
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if !warm && now.Sub(start) >= warmup {
				warm = true
				b.measureFrom(now)
			}
			if !b.Step(now) {
				return
			}
		}
	}
}

// finish waits, boundedly, for the echoes of the bot's own chat lines.
func (b *Bot) finish() {
	if b.reconnecting != nil {
		b.err = fmt.Errorf("play ended while it was still reconnecting (%v)", b.reconnecting.Err)
		return
	}
	timeout := time.After(EchoWait)
	for b.Waiting() {
		select {
		case <-b.state.Arrived():
			b.Listen(time.Now())
		case <-timeout:
			if b.comebacks.reconnects > 0 {
				// Lines sent into the connection that died never reached the host (those
				// that did came again with the chat the host sends a player coming back).
				b.comebacks.chatLost, b.ownLeft = b.ownLeft, 0
				return
			}
			b.err = fmt.Errorf("%d of its chat lines never came back", b.ownLeft)
		}
	}
}

// take counts a chat line as the State takes it in.
func (b *Bot) take(m wire.Message) {
	if c, ok := m.(*wire.Chat); ok {
		b.chatSeen[c.Seq]++
		if c.From == b.state.Welcome.You && b.chatSeen[c.Seq] == 1 {
			b.ownLeft--
			if len(b.chatPending) > 0 { // the stream keeps their order: this is the oldest
				b.feel.chatDelay = append(b.feel.chatDelay, b.now.Sub(b.chatPending[0]))
				b.chatPending = b.chatPending[1:]
			}
		}
	}
}

func (b *Bot) chatWait() time.Duration {
	return ChatEvery/2 + time.Duration(b.rng.Int64N(int64(ChatEvery)))
}

// steer is the brain's input for what the bot's State shows: its own disc where its
// inputs have taken it (the host's word on it comes a round trip late), the others
// where the host last had them, and the arena of the round.
func (b *Bot) steer() sim.Input {
	me, placed := b.state.Predicted()
	if !placed {
		return sim.Input{}
	}
	v := &b.view
	v.Me, v.Rivals, v.Gems, v.Arena = me, v.Rivals[:0], v.Gems[:0], b.state.Arena()
	for id, p := range b.state.Players {
		if id != b.state.Welcome.You && p.Placed && !p.Away {
			v.Rivals = append(v.Rivals, p.Pos)
		}
	}
	for _, g := range b.state.Gems {
		v.Gems = append(v.Gems, sim.Vec{X: int32(g.X), Y: int32(g.Y)})
	}
	return b.brain.Steer(*v)
}

// percentile is the p-th percentile of ds (sorted in place), in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	i := min(int(float64(len(ds))*p), len(ds)-1)
	return float64(ds[i].Microseconds()) / 1000
}
