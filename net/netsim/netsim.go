// Package netsim is a link conditioner: what is sent through it is lost (alone or in
// bursts), delayed, jittered, reordered and duplicated like on a poor real network.
// Conn wraps a real socket: -netsim lets a person feel it, and tests run QUIC through
// it. Path carries messages in memory on a Clock, so that a test can run the netcode
// in simulated time: no waiting, and the same result every run.
//
// Only the sending direction is conditioned; condition both ends for a round trip.
package netsim

import (
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Config is what the link does to each packet sent.
type Config struct {
	Loss      float64       // chance a packet is dropped, 0..1
	Burst     float64       // mean run of packets lost in a row; 0 or 1: each loss independent
	Duplicate float64       // chance a packet is sent twice, 0..1
	Reorder   float64       // chance a packet is held back by reorderHold, so later ones overtake it
	Delay     time.Duration // added to every packet
	Jitter    time.Duration // up to this much more, at random; reorders packets
	Seed      uint64        // for repeatable runs; 0 picks one
	Clock     Clock         // whose time the delays are counted in; nil is the real clock
}

// reorderHold is how much later a packet drawn for reordering leaves: a little more
// than the 1/60 s between two of Gem Rush's datagrams, so the next one overtakes it
// even on a link without jitter and the game meets a snapshot older than one it has
// already; yet short, like a real reordering, where a packet took a slower queue.
const reorderHold = 20 * time.Millisecond

// Counts are what a conditioner did to the packets sent through it.
type Counts struct {
	Sent, Lost, Duplicated, Reordered atomic.Uint64
}

// fates draws what the link does to each packet from the seeded random source.
// Bursty loss is the Gilbert model: the link is good (nothing lost) or bad (all lost),
// and each packet first moves it from good to bad with chance enter, or from bad to
// good with chance leave. A run of losses then lasts 1/leave packets on average, and
// the link is bad for enter/(enter+leave) of the packets, which is cfg.Loss.
type fates struct {
	cfg          Config
	mu           sync.Mutex
	rng          *rand.Rand
	enter, leave float64 // Gilbert transitions, unused when losses are independent
	bad          bool
}

func newFates(cfg Config) *fates {
	if cfg.Seed == 0 {
		cfg.Seed = rand.Uint64()
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	f := &fates{rng: rand.New(rand.NewPCG(cfg.Seed, 1))}
	f.set(cfg)
	return f
}

// set makes cfg what the link does from now on. f.mu must be held, or f unshared.
func (f *fates) set(cfg Config) {
	f.cfg, f.enter, f.leave = cfg, 0, 0
	if cfg.Burst > 1 {
		f.leave = 1 / cfg.Burst
		f.enter = 1 // a loss too high for the bursts (see maxBurstLoss): lose what it can
		if cfg.Loss < maxBurstLoss(cfg.Burst) {
			f.enter = cfg.Loss * f.leave / (1 - cfg.Loss)
		}
		if cfg.Loss >= 1 {
			f.leave = 0
		}
	}
}

// maxBurstLoss is the most loss that bursts of mean length burst allow: between two
// bursts at least one packet arrives, so burst lost in every burst+1 sent.
func maxBurstLoss(burst float64) float64 { return burst / (burst + 1) }

// next is the fate of one packet: nil when it is lost, else the delay of each copy
// that arrives. It counts into n. With Burst and Reorder unset it draws exactly as
// before they existed, so a seed gives the links it always gave.
func (f *fates) next(n *Counts) []time.Duration {
	f.mu.Lock()
	lost := f.lost()
	copies := 1
	if f.rng.Float64() < f.cfg.Duplicate {
		copies = 2
	}
	held := f.cfg.Reorder > 0 && f.rng.Float64() < f.cfg.Reorder
	delays := make([]time.Duration, copies)
	for i := range delays {
		delays[i] = f.delay()
		if held {
			delays[i] += reorderHold
		}
	}
	f.mu.Unlock()
	n.Sent.Add(1)
	if lost {
		n.Lost.Add(1)
		return nil
	}
	if copies == 2 {
		n.Duplicated.Add(1)
	}
	if held {
		n.Reordered.Add(1)
	}
	return delays
}

// lost draws whether the next packet is lost, moving the Gilbert model's state when
// losses come in bursts. f.mu must be held.
func (f *fates) lost() bool {
	if f.cfg.Burst <= 1 {
		return f.rng.Float64() < f.cfg.Loss
	}
	if f.bad {
		f.bad = f.rng.Float64() >= f.leave
	} else {
		f.bad = f.rng.Float64() < f.enter
	}
	return f.bad
}

// delay is the fixed delay plus a random share of the jitter. f.mu must be held.
func (f *fates) delay() time.Duration {
	if f.cfg.Jitter <= 0 {
		return f.cfg.Delay
	}
	return f.cfg.Delay + time.Duration(f.rng.Int64N(int64(f.cfg.Jitter)))
}

// Conn is a conditioned net.PacketConn.
type Conn struct {
	net.PacketConn
	fates *fates
	Counts
}

// Wrap conditions pc's sending side according to cfg.
func Wrap(pc net.PacketConn, cfg Config) *Conn {
	return &Conn{PacketConn: pc, fates: newFates(cfg)}
}

// WriteTo sends p as the link would: perhaps not at all, perhaps later, perhaps twice.
// It always reports success, as a real network would.
func (c *Conn) WriteTo(p []byte, addr net.Addr) (int, error) {
	for _, d := range c.fates.next(&c.Counts) {
		if d <= 0 {
			if _, err := c.PacketConn.WriteTo(p, addr); err != nil {
				return 0, err
			}
			continue
		}
		b := append([]byte(nil), p...) // the caller reuses p once we return
		c.fates.cfg.Clock.AfterFunc(d, func() { c.PacketConn.WriteTo(b, addr) })
	}
	return len(p), nil
}

// bufferSizer is what quic-go asks of a socket to raise its buffers; a conditioned
// socket passes the request through so QUIC performs as on the bare socket.
type bufferSizer interface {
	SetReadBuffer(int) error
	SetWriteBuffer(int) error
}

// SetReadBuffer sets the wrapped socket's receive buffer.
func (c *Conn) SetReadBuffer(n int) error {
	if b, ok := c.PacketConn.(bufferSizer); ok {
		return b.SetReadBuffer(n)
	}
	return fmt.Errorf("netsim: the wrapped socket cannot size its buffers")
}

// SetWriteBuffer sets the wrapped socket's send buffer.
func (c *Conn) SetWriteBuffer(n int) error {
	if b, ok := c.PacketConn.(bufferSizer); ok {
		return b.SetWriteBuffer(n)
	}
	return fmt.Errorf("netsim: the wrapped socket cannot size its buffers")
}
