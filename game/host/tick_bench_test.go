package host_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// benchLink is a player's link that costs nothing of its own: it encodes what goes
// down the streams, as the QUIC link does on the loop's goroutine, into a buffer it
// reuses, and counts the datagrams, so that what the benchmark measures is the host.
type benchLink struct {
	frame      []byte
	datagrams  int
	wireBytes  int
	controlled int
}

func (k *benchLink) Control(m wire.Message) error { return k.encode(m) }
func (k *benchLink) Chat(m wire.Message) error    { return k.encode(m) }

func (k *benchLink) encode(m wire.Message) (err error) {
	k.frame, err = wire.AppendFrame(k.frame[:0], m)
	k.controlled++
	return err
}

func (k *benchLink) Datagram(b []byte) { k.datagrams++; k.wireBytes += len(b) }

func (k *benchLink) Refuse(session.Code, string) { panic("bench player turned away") }
func (k *benchLink) Close(session.Code, string)  { panic("bench player disconnected") }
func (k *benchLink) String() string              { return "bench" }

// Quality is a clean link at a 50 ms round trip that hears the player every tick.
func (k *benchLink) Quality() host.LinkQuality {
	return host.LinkQuality{RTT: benchRTT, RTTDev: time.Millisecond, PacketsReceived: uint64(k.datagrams)}
}

// benchRTT is the bench players' round trip; their acknowledgements trail by as much.
const benchRTT = 50 * time.Millisecond

// BenchmarkLoopTick is one tick of the host with every seat taken: each player's
// input arrives, the world steps, and every player is sent a snapshot (a delta
// against the one they acknowledged a round trip ago), encoded and handed to their
// link.
func BenchmarkLoopTick(b *testing.B) {
	for _, n := range []int{8, 64, 128} {
		b.Run(fmt.Sprintf("players=%d", n), func(b *testing.B) {
			l := host.NewLoop(host.Config{MaxPlayers: n, Seed: 1, Logger: quiet})
			links := make([]benchLink, n)
			peers := make([]*host.Peer, n)
			inputs := make([]wire.Input, n)
			for i := range peers {
				if peers[i] = l.Admit(&links[i], &wire.Hello{Version: wire.Version, Name: fmt.Sprintf("bot %d", i)}); peers[i] == nil {
					b.Fatalf("player %d not admitted", i)
				}
				inputs[i].Moves = make([]wire.Move, 3) // the newest and the two before, as a player's game sends
			}
			tick := uint32(0)
			lag := uint32(benchRTT / (time.Second / sim.TickRate))
			step := func() {
				tick++
				for i, p := range peers {
					in := &inputs[i]
					copy(in.Moves[1:], in.Moves)
					in.Moves[0] = benchMove(i, tick)
					in.Seq, in.Snapshot = tick, max(tick, lag)-lag
					l.Input(p, in)
				}
				l.Tick()
			}
			for range 5 * sim.TickRate { // past the countdown, the history full
				step()
			}
			sent, bytes := 0, 0
			for i := range links {
				sent, bytes = sent-links[i].datagrams, bytes-links[i].wireBytes
			}
			b.ReportAllocs()
			for b.Loop() {
				step()
			}
			for i := range links {
				sent, bytes = sent+links[i].datagrams, bytes+links[i].wireBytes
			}
			if sent < b.N*n {
				b.Fatalf("%d snapshots sent in %d ticks of %d players", sent, b.N, n)
			}
			b.ReportMetric(float64(bytes)/float64(sent), "bytes/snapshot")
		})
	}
}

// benchMove is player i's move at tick: a heading of their own, turning every second,
// so that the players roam the arena, take gems and win rounds.
func benchMove(i int, tick uint32) wire.Move {
	dirs := [8][2]int8{{127, 0}, {90, 90}, {0, 127}, {-90, 90}, {-127, 0}, {-90, -90}, {0, -127}, {90, -90}}
	d := dirs[(i*5+int(tick)/sim.TickRate)%8]
	return wire.Move{X: d[0], Y: d[1]}
}
