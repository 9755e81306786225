package host

import "github.com/gemrush/gemrush/net/wire"

// historyLen is how many ticks of the world's snapshots the host keeps to write
// deltas against: over a second, more than any round trip a game survives plus the
// slowest sending interval. A player whose newest acknowledged snapshot is older gets
// full snapshots until an acknowledgement catches up.
const historyLen = 64

// sending is how the host sends snapshots to one player: how often, and against which
// snapshot of theirs. The loop owns it.
type sending struct {
	lastSent  uint32 // tick of the last snapshot sent
	acked     uint32 // newest snapshot the player says they have
	snapshots uint64 // snapshots sent them
	rateControl
	// sent is the ack and interval each kept tick's snapshot carried to this player:
	// the history's copy is shared by every player, and a delta's baseline must be the
	// snapshot as this player has it, since the delta may leave those out.
	sent [historyLen]sentHeader
}

type sentHeader struct {
	tick, ack       uint32
	interval, queue uint8
}

// history is the world's last historyLen snapshots, by tick, for deltas: copies the
// loop keeps until the same slot's tick comes round again, reusing their slices.
type history [historyLen]wire.Snapshot

func (h *history) put(s *wire.Snapshot) {
	c := &h[s.Tick%historyLen]
	players, gems := c.Players, c.Gems
	*c = *s
	c.Players = append(players[:0], s.Players...)
	c.Gems = append(gems[:0], s.Gems...)
}

// at is the snapshot of tick, if it is still kept.
func (h *history) at(tick uint32) *wire.Snapshot {
	if s := &h[tick%historyLen]; s.Tick == tick && tick != 0 {
		return s
	}
	return nil
}

// encoding is what the loop writes one player's snapshot with: kept from player to
// player and tick to tick, so a snapshot costs no allocation. The link copies what it
// is given.
type encoding struct {
	full, delta []byte
	theirs      wire.Snapshot
	// against holds this tick's deltas by baseline: players who acknowledged the same
	// snapshot get the same delta but for its head (their ack, interval and queue), so
	// its body is made and checked once a tick, not once a player.
	against [historyLen]deltaBody
}

// deltaBody is the delta of snapshot tick against baseline, and its body written.
type deltaBody struct {
	tick, baseline uint32
	d              wire.SnapshotDelta
	body           []byte
	err            error // why it cannot be written
}

// acknowledge takes a player's word that they have snapshot tick.
// No further than what was sent: a player who claims more only costs themselves.
func (s *sending) acknowledge(tick uint32) { s.acked = max(s.acked, min(tick, s.lastSent)) }

// due reports whether the player gets a snapshot at tick.
func (s *sending) due(tick uint32) bool {
	return s.lastSent == 0 || tick-s.lastSent >= uint32(max(s.interval, 1))
}

// sendSnapshots sends each player whose turn it is the world as it stands: written
// against the newest snapshot they acknowledged when that is kept and smaller, else
// whole; with their own input acknowledgement and sending interval.
func (l *Loop) sendSnapshots() {
	w := l.world
	s := l.snapshot()
	l.history.put(s)
	for _, p := range l.peers {
		if p.away() {
			continue
		}
		if w.Tick%rateEvery == uint32(p.id)%rateEvery { // spread over the second
			q := p.link.Quality()
			q.PacketsSent = p.sending.snapshots
			p.rtt = q.RTT
			p.sending.rate(q)
			l.checkSilence(p, q.PacketsReceived)
		}
		if !p.sending.due(w.Tick) {
			continue
		}
		p.sending.lastSent = w.Tick
		p.sending.snapshots++
		s.Ack, s.Interval = p.inputs.applied, uint8(max(p.sending.interval, 1))
		s.Queue = uint8(min(p.inputs.usual, 255)) // a two-second mean: it seldom changes, so deltas seldom carry it
		p.sending.sent[w.Tick%historyLen] = sentHeader{tick: w.Tick, ack: s.Ack, interval: s.Interval, queue: s.Queue}
		if b := l.encodeFor(p, s); b != nil {
			p.link.Datagram(b)
		}
	}
}

// snapshot is the world as it stands, in the loop's own Snapshot.
func (l *Loop) snapshot() *wire.Snapshot {
	w := l.world
	s := &l.snap
	s.Tick, s.Round, s.Phase, s.Winner = w.Tick, uint16(w.Round), uint8(w.Phase), uint8(w.Winner)
	s.Players = s.Players[:0]
	for _, p := range w.Players {
		s.Players = append(s.Players, wire.PlayerState{ID: uint8(p.ID), X: uint16(p.Pos.X), Y: uint16(p.Pos.Y)})
	}
	s.Gems = s.Gems[:0]
	for _, g := range w.Gems {
		s.Gems = append(s.Gems, wire.GemState{ID: g.ID, X: uint16(g.Pos.X), Y: uint16(g.Pos.Y)})
	}
	return s
}

// sendFirstSnapshot sends a player just welcomed the world at once, whole, instead of
// leaving them to wait for the next tick's: joining is up to a tick quicker. It is
// not one the history keeps (the world's snapshot of this tick, sent to the others,
// did not have them), so it is never a delta's baseline: the player's ack of it
// gets them whole snapshots until they acknowledge the next.
func (l *Loop) sendFirstSnapshot(p *Peer) {
	if p.closing || p.away() {
		return
	}
	s := l.snapshot()
	s.Ack, s.Interval, s.Queue = p.inputs.applied, uint8(max(p.sending.interval, 1)), 0
	if b := l.whole(s); b != nil {
		p.sending.snapshots++ // what the rate control counts its losses against
		p.link.Datagram(b)
	}
}

// encodeFor encodes s for p: a delta when p has acknowledged a snapshot still kept
// and the delta is smaller, else the whole snapshot. nil when it cannot be encoded.
// The result is the loop's scratch, good until the next call.
func (l *Loop) encodeFor(p *Peer, s *wire.Snapshot) []byte {
	if b := l.deltaFor(p, s); b != nil && len(b) < 1+wire.SnapshotSize(len(s.Players), len(s.Gems)) {
		l.stats.SnapshotsDelta.Add(1)
		return b
	}
	return l.whole(s)
}

// whole encodes s whole, into the loop's scratch; nil when it cannot be.
func (l *Loop) whole(s *wire.Snapshot) []byte {
	e := &l.encoding
	var err error
	if e.full, err = wire.AppendMessage(e.full[:0], s); err != nil {
		l.log.Error("snapshot does not fit a datagram", "err", err)
		return nil
	}
	l.stats.SnapshotsFull.Add(1)
	return e.full
}

// deltaFor writes s against the newest snapshot p acknowledged, as p has it; nil when
// that is no longer kept or the delta cannot be written.
func (l *Loop) deltaFor(p *Peer, s *wire.Snapshot) []byte {
	base := l.history.at(p.sending.acked)
	sent := p.sending.sent[p.sending.acked%historyLen]
	if base == nil || base.Tick >= s.Tick || sent.tick != base.Tick {
		return nil
	}
	e := &l.encoding
	e.theirs = *base // as this player has it: their ack and interval
	e.theirs.Ack, e.theirs.Interval, e.theirs.Queue = sent.ack, sent.interval, sent.queue
	d := &e.against[base.Tick%historyLen]
	if d.tick != s.Tick || d.baseline != base.Tick {
		d.tick, d.baseline = s.Tick, base.Tick
		d.d.Between(s, &e.theirs)
		if e.delta, d.err = wire.AppendMessage(e.delta[:0], &d.d); d.err == nil {
			d.body = d.d.AppendBody(d.body[:0])
		}
	} else {
		d.d.Rehead(s, &e.theirs)
	}
	if d.err != nil {
		return nil
	}
	e.delta = append(d.d.AppendHead(append(e.delta[:0], byte(wire.TypeSnapshotDelta))), d.body...)
	if len(e.delta) > wire.MaxDatagramSize {
		return nil
	}
	return e.delta
}
