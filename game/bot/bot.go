// Package bot runs bot players: clients driven by code instead of keys, for tests and
// load. Each bot joins like a person would, chases the nearest gem, says something in
// the chat every couple of seconds, and keeps count of what it sent and received so
// the run can be judged: did every chat line arrive exactly once, did snapshots flow.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// Timings of a bot's life.
const (
	// ChatEvery is the mean time between a bot's chat lines; each wait is drawn
	// between half and one and a half times it, so bots do not speak in chorus.
	ChatEvery = 2 * time.Second
	// rttSampleEvery is how often a bot reads QUIC's latest round-trip time.
	rttSampleEvery = 100 * time.Millisecond
	// echoWait bounds how long a leaving bot waits for the echo of its last chat
	// line; a few round trips on any sane network, well under the idle timeout.
	echoWait = 3 * time.Second
)

// Config is how a group of bots plays.
type Config struct {
	Addr     string
	Password string
	Count    int
	Duration time.Duration // 0: until ctx ends
	Name     string        // bots are called Name 1, Name 2, …
	Seed     uint64
	Session  session.Options
	WrapConn func(net.PacketConn) net.PacketConn
	Logger   *slog.Logger
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
	bots := make([]*bot, cfg.Count)
	for i := range bots {
		name := fmt.Sprintf("%s %d", cfg.Name, i+1)
		conn, err := client.Dial(ctx, client.Config{
			Addr: cfg.Addr, Name: name, Colour: wire.NoColour, Password: cfg.Password,
			Session: cfg.Session, WrapConn: cfg.WrapConn, Logger: cfg.Logger,
		})
		if err != nil {
			for _, b := range bots[:i] {
				b.conn.Leave()
			}
			return Report{}, fmt.Errorf("%s could not join: %w", name, err)
		}
		bots[i] = newBot(name, conn, rand.New(rand.NewPCG(cfg.Seed, uint64(i))))
		cfg.Logger.Debug("bot joined", "name", name, "id", conn.Welcome().You)
	}
	playCtx := ctx
	if cfg.Duration > 0 {
		var cancel context.CancelFunc
		playCtx, cancel = context.WithTimeout(ctx, cfg.Duration)
		defer cancel()
	}
	start := time.Now()
	var wg sync.WaitGroup
	for _, b := range bots {
		wg.Go(func() { b.play(playCtx) })
	}
	wg.Wait()
	played := time.Since(start)
	for _, b := range bots {
		wg.Go(func() { b.finish() })
	}
	wg.Wait()
	return report(bots, played), nil
}

// bot is one bot player. Only its own goroutine touches it until it has finished.
type bot struct {
	name string
	conn *client.Conn
	view *client.View
	rng  *rand.Rand

	chatSent  int
	ownLeft   int            // own lines whose echo has not come back
	chatSeen  map[uint32]int // chat seq → times received
	firstSeq  uint32         // the first seq this bot should receive
	rtts      []time.Duration
	played    playCounts // what the connection had counted when play ended
	err       error
	lastPos   sim.Vec
	stuck     int
	wander    sim.Input
	wanderFor int
}

func newBot(name string, conn *client.Conn, rng *rand.Rand) *bot {
	return &bot{
		name: name, conn: conn, view: client.NewView(conn.Welcome()), rng: rng,
		chatSeen: map[uint32]int{}, firstSeq: conn.Welcome().NextChatSeq,
	}
}

// playCounts are what a bot's connection counted while it played: the rates in the
// report are over the time played, so what arrives while joining or leaving must
// not count.
type playCounts struct {
	snapshots, bytesDown, bytesUp uint64
}

func (b *bot) counts() playCounts {
	q := b.conn.QUICStats()
	return playCounts{snapshots: b.conn.Stats().Snapshots.Load(), bytesDown: q.BytesReceived, bytesUp: q.BytesSent}
}

// play runs the bot at the game's tick rate until ctx ends or the connection does.
func (b *bot) play(ctx context.Context) {
	before := b.counts() // joining and waiting for the other bots is not play
	defer func() {
		after := b.counts()
		b.played = playCounts{
			snapshots: after.snapshots - before.snapshots,
			bytesDown: after.bytesDown - before.bytesDown,
			bytesUp:   after.bytesUp - before.bytesUp,
		}
	}()
	tick := time.NewTicker(time.Second / sim.TickRate)
	defer tick.Stop()
	rtt := time.NewTicker(rttSampleEvery)
	defer rtt.Stop()
	nextChat := time.After(b.chatWait())
	for {
		select {
		case <-ctx.Done():
			return
		case m := <-b.conn.Events():
			b.take(m)
		case s := <-b.conn.Snapshots():
			b.view.ApplySnapshot(s)
		case <-b.conn.Done():
			b.drain()
			b.err = b.conn.Err()
			return
		case <-tick.C:
			b.conn.SendInput(b.steer())
		case <-rtt.C:
			b.rtts = append(b.rtts, b.conn.QUICStats().LatestRTT)
		case <-nextChat:
			b.chatSent++
			b.ownLeft++
			if err := b.conn.SendChat(fmt.Sprintf("gg from %s (line %d)", b.name, b.chatSent)); err != nil {
				b.err = err
				return
			}
			nextChat = time.After(b.chatWait())
		}
	}
}

// finish waits, boundedly, for the echoes of the bot's own chat lines, then leaves.
func (b *bot) finish() {
	timeout := time.After(echoWait)
	for b.err == nil && b.ownLeft > 0 {
		select {
		case m := <-b.conn.Events():
			b.take(m)
		case <-b.conn.Done():
			b.drain()
			b.err = b.conn.Err()
		case <-timeout:
			b.err = fmt.Errorf("%d of its chat lines never came back", b.ownLeft)
		}
	}
	b.conn.Leave() // also releases the socket when the host already ended the game
}

func (b *bot) drain() {
	for {
		select {
		case m := <-b.conn.Events():
			b.take(m)
		default:
			return
		}
	}
}

func (b *bot) take(m wire.Message) {
	if c, ok := m.(*wire.Chat); ok {
		b.chatSeen[c.Seq]++
		if c.From == b.view.Welcome.You && b.chatSeen[c.Seq] == 1 {
			b.ownLeft--
		}
	}
	b.view.Apply(m)
}

func (b *bot) chatWait() time.Duration {
	return ChatEvery/2 + time.Duration(b.rng.Int64N(int64(ChatEvery)))
}

// steer heads for the nearest gem; a bot that has not moved for half a second is
// caught on a wall and wanders off in a random direction for a while.
func (b *bot) steer() sim.Input {
	me := b.view.Me()
	if me == nil || !me.Placed {
		return sim.Input{}
	}
	if b.wanderFor > 0 {
		b.wanderFor--
		return b.wander
	}
	if me.Pos == b.lastPos {
		b.stuck++
	} else {
		b.stuck = 0
	}
	b.lastPos = me.Pos
	if b.stuck > sim.TickRate/2 {
		b.stuck = 0
		b.wanderFor = sim.TickRate / 2
		b.wander = sim.Input{X: int8(b.rng.IntN(255) - 127), Y: int8(b.rng.IntN(255) - 127)}
		return b.wander
	}
	var target sim.Vec
	best := int64(-1)
	for _, g := range b.view.Gems {
		gp := sim.Vec{X: int32(g.X), Y: int32(g.Y)}
		if d := sim.DistSq(me.Pos, gp); best < 0 || d < best {
			best, target = d, gp
		}
	}
	if best < 0 {
		return sim.Input{}
	}
	dx, dy := float64(target.X-me.Pos.X), float64(target.Y-me.Pos.Y)
	scale := sim.MaxAxis / max(math.Abs(dx), math.Abs(dy), 1)
	return sim.Input{X: int8(dx * scale), Y: int8(dy * scale)}
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
