// Package netsim is a link conditioner: what is sent through it is lost, delayed,
// jittered and duplicated like on a poor real network. Conn wraps a real socket:
// -netsim lets a person feel it, and tests run QUIC through it. Path carries messages
// in memory on a Clock, so that a test can run the netcode in simulated time: no
// waiting, and the same result every run.
//
// Only the sending direction is conditioned; condition both ends for a round trip.
package netsim

import (
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config is what the link does to each packet sent.
type Config struct {
	Loss      float64       // chance a packet is dropped, 0..1
	Duplicate float64       // chance a packet is sent twice, 0..1
	Delay     time.Duration // added to every packet
	Jitter    time.Duration // up to this much more, at random; reorders packets
	Seed      uint64        // for repeatable runs; 0 picks one
	Clock     Clock         // whose time the delays are counted in; nil is the real clock
}

// Parse reads a spec such as "loss=5%,delay=40ms,jitter=10ms,dup=1%".
func Parse(spec string) (Config, error) {
	var c Config
	for _, part := range strings.Split(spec, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		key, val, ok := strings.Cut(part, "=")
		if !ok {
			return c, fmt.Errorf("netsim: %q is not key=value", part)
		}
		var err error
		switch key {
		case "loss":
			c.Loss, err = parsePercent(val)
		case "dup":
			c.Duplicate, err = parsePercent(val)
		case "delay":
			c.Delay, err = time.ParseDuration(val)
		case "jitter":
			c.Jitter, err = time.ParseDuration(val)
		case "seed":
			c.Seed, err = strconv.ParseUint(val, 10, 64)
		default:
			return c, fmt.Errorf("netsim: unknown setting %q (loss, dup, delay, jitter, seed)", key)
		}
		if err != nil {
			return c, fmt.Errorf("netsim: %s: %w", key, err)
		}
	}
	return c, nil
}

func parsePercent(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || v < 0 || v > 100 {
		return 0, fmt.Errorf("%q is not a percentage from 0 to 100", s)
	}
	return v / 100, nil
}

// Counts are what a conditioner did to the packets sent through it.
type Counts struct {
	Sent, Lost, Duplicated atomic.Uint64
}

// fates draws what the link does to each packet from the seeded random source.
type fates struct {
	cfg Config
	mu  sync.Mutex
	rng *rand.Rand
}

func newFates(cfg Config) *fates {
	if cfg.Seed == 0 {
		cfg.Seed = rand.Uint64()
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	return &fates{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 1))}
}

// next is the fate of one packet: nil when it is lost, else the delay of each copy
// that arrives. It counts into n.
func (f *fates) next(n *Counts) []time.Duration {
	f.mu.Lock()
	lost := f.rng.Float64() < f.cfg.Loss
	copies := 1
	if f.rng.Float64() < f.cfg.Duplicate {
		copies = 2
	}
	delays := make([]time.Duration, copies)
	for i := range delays {
		delays[i] = f.delay()
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
	return delays
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
