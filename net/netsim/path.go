package netsim

import (
	"slices"
	"time"
)

// ackDelay is the most a QUIC receiver waits before acknowledging (quic-go's
// max_ack_delay), part of how long a sender waits before sending a lost frame again.
const ackDelay = 25 * time.Millisecond

// streamGiveUp is how long a frame is sent again and again before the path gives up
// on it: far past any idle timeout, by when the connection is over anyway.
const streamGiveUp = time.Minute

// Path is one direction of an in-memory link, in its Clock's time, carrying what
// QUIC hands the game. A datagram meets the link's fate as its packet would: lost,
// delayed or reordered (a duplicate packet is discarded by QUIC, so it costs only
// bandwidth). A stream frame arrives as QUIC makes it arrive: exactly once and in
// order, a lost copy sent again after a probe timeout that doubles with each loss in
// a row, and nothing behind it on its stream delivered before it. Deliveries run on the clock; with a VirtualClock they run
// inside Advance, one at a time. A Path is used from one goroutine.
type Path struct {
	fates   *fates
	streams map[int]time.Time // when the newest frame of each stream arrives
	Counts
}

// NewPath is a path that does to what is sent what cfg says, in cfg.Clock's time.
func NewPath(cfg Config) *Path {
	return &Path{fates: newFates(cfg), streams: map[int]time.Time{}}
}

// Change makes the path do what cfg says from now on, as a network whose conditions
// change under a game would; the path keeps its clock and its random source.
func (p *Path) Change(cfg Config) {
	p.fates.mu.Lock()
	defer p.fates.mu.Unlock()
	cfg.Clock, cfg.Seed = p.fates.cfg.Clock, p.fates.cfg.Seed
	p.fates.set(cfg)
}

// Clock is the clock the path delivers on.
func (p *Path) Clock() Clock { return p.fates.cfg.Clock }

// Datagram sends one datagram: deliver runs when its first copy arrives, if any
// does. It reports whether one will.
func (p *Path) Datagram(deliver func()) bool {
	delays := p.fates.next(&p.Counts)
	if len(delays) == 0 {
		return false
	}
	p.Clock().AfterFunc(slices.Min(delays), deliver)
	return true
}

// Stream sends one frame on stream id: deliver runs once, after every frame sent
// on that stream before it, unless the path loses every copy for streamGiveUp. It
// reports whether the frame will arrive.
func (p *Path) Stream(id int, deliver func()) bool { return p.StreamAfter(id, 0, deliver) }

// StreamAfter is Stream for a frame whose first copy that can get through leaves
// after first (the sender's network was down until then, say): it still holds back
// every frame sent on the stream after it.
func (p *Path) StreamAfter(id int, first time.Duration, deliver func()) bool {
	now := p.Clock().Now()
	wait, probe := first, p.ProbeTimeout()
	for {
		if delays := p.fates.next(&p.Counts); delays != nil {
			wait += slices.Min(delays)
			break
		}
		wait += probe
		probe *= 2 // RFC 9002's backoff: each probe in a row waits twice as long
		if wait > streamGiveUp {
			return false
		}
	}
	at := now.Add(wait)
	if last, ok := p.streams[id]; ok && last.After(at) {
		at = last // held back behind an earlier frame: head-of-line blocking
	}
	p.streams[id] = at
	p.Clock().AfterFunc(at.Sub(now), deliver)
	return true
}

// ProbeTimeout approximates QUIC's probe timeout on this link: a round trip, four
// times its variation (the jitter each way, roughly), and the peer's ack delay.
func (p *Path) ProbeTimeout() time.Duration {
	c := p.fates.cfg
	return 2*c.Delay + 3*c.Jitter + ackDelay
}
