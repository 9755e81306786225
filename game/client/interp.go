package client

import (
	"math"
	"slices"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// Interpolation timings. Everyone but the player is drawn in the past, at a render
// time that trails the newest snapshot by a buffer the link itself sets: two snapshot
// intervals (so one lost snapshot is bridged) plus the lateness of the latest-arriving
// snapshots lately (so jitter is absorbed). The render clock runs up to maxSlew faster
// or slower than real time to follow the buffer as it changes, jumps forward when it
// has fallen more than renderJump behind, and never goes back: drawn players never
// rewind. It never runs more than maxExtrapolate ticks past the newest snapshot, so a
// host that stalls leaves it waiting where the snapshots stopped.
const (
	framesKept     = 64                     // snapshots kept to draw from: a second at 60 a second
	arrivalsKept   = 64                     // arrivals the jitter is measured over
	lossKept       = 256                    // arrivals the loss is counted over: enough that chance seldom moves the buffer
	maxSlew        = 0.1                    // the render clock's speed stays within 1 ± maxSlew
	slewGain       = 2.0                    // per second of error, how much the render clock leans into it
	renderJump     = 250 * time.Millisecond // further than this behind where it should be, the render clock jumps
	stepChange     = 250 * time.Millisecond // arrivals this much later than the rest: the host stalled, start again
	blendTicks     = 4                      // ticks over which a change to a moment already drawn fades out (by 1/e)
	rareRun        = 0.01                   // a run of lost snapshots the buffer need not bridge is rarer than this
	maxBridged     = 5                      // the most lost in a row the buffer bridges, however lossy the link
	maxExtrapolate = 3                      // ticks a player is drawn past their newest snapshot before they hold
)

// teleportPerTick is how far a player may move in a tick, in sub-pixels, before two
// snapshots of them are not joined by a line: three times the rules' top speed.
var teleportPerTick = 3 * float64(sim.DefaultConfig().Speed)

// frame is one snapshot's players, as interpolation draws from.
type frame struct {
	tick    uint32
	players []wire.PlayerState // sorted by ID, as the host sends them
}

// timeline plays the host's snapshots back at a render time that trails them by the
// interpolation buffer. It is fed every snapshot in tick order and sampled at the
// moment of drawing.
type timeline struct {
	frames []frame // oldest first

	// arrivals are when each recent snapshot came, against its tick: at - tick·tickDuration.
	// The earliest of them is the link's quickest; how much later the rest came is jitter.
	arrivals [arrivalsKept]time.Time
	missed   [lossKept]uint8 // snapshots lost just before each arrival
	n        int             // arrivals recorded so far
	interval int             // ticks between two snapshots, as the host says it sends them
	runs     int             // lost snapshots in a row the buffer bridges, at least 1
	seen     int             // arrivals whose losses are counted, stalls or not

	started  bool
	render   float64   // the render clock, in ticks
	renderAt time.Time // when it was last moved

	drawn map[uint8]*drawn // by player
}

// add takes a snapshot that arrived at at.
func (t *timeline) add(s *wire.Snapshot, at time.Time) {
	t.interval = max(int(s.Interval), 1)
	missed := 0
	if n := len(t.frames); n > 0 {
		gap := int(s.Tick - t.frames[n-1].tick)
		if time.Duration(gap)*tickDuration <= stepChange { // longer is an outage, not loss to bridge
			missed = min(gap/t.interval-1, maxBridged+1)
		}
	}
	if len(t.frames) == framesKept {
		t.frames = append(t.frames[:0], t.frames[1:]...)
	}
	t.frames = append(t.frames, frame{tick: s.Tick, players: slices.Clone(s.Players)})
	base := at.Add(-time.Duration(s.Tick) * tickDuration)
	if t.n > 0 && base.Sub(t.earliest()) > stepChange {
		t.n = 0 // the host stalled, or the path changed: measure afresh
	}
	t.arrivals[t.n%arrivalsKept] = base
	t.missed[t.seen%lossKept] = uint8(max(missed, 0))
	t.seen++
	t.n++
	t.bridge()
}

// recent is the arrivals recorded in the window.
func (t *timeline) recent() []time.Time { return t.arrivals[:min(t.n, arrivalsKept)] }

// earliest is the base of the quickest recent arrival: when tick 0 would have arrived.
func (t *timeline) earliest() time.Time {
	r := t.recent()
	e := r[0]
	for _, a := range r[1:] {
		if a.Before(e) {
			e = a
		}
	}
	return e
}

// Jitter is how much later than the quickest the latest recent snapshot arrived.
func (t *timeline) Jitter() time.Duration {
	if t.n == 0 {
		return 0
	}
	e, late := t.earliest(), time.Duration(0)
	for _, a := range t.recent() {
		late = max(late, a.Sub(e))
	}
	return late
}

// Buffer is how far behind the newest snapshot everyone else is drawn.
func (t *timeline) Buffer() time.Duration {
	return time.Duration((t.bridged()+1)*max(t.interval, 1))*tickDuration + t.Jitter()
}

// bridged is how many snapshots lost in a row the buffer bridges: one at least (two
// intervals), more when recent loss makes a longer run likely, so that a run it does
// not bridge is rarer than rareRun of snapshots; maxBridged at most. At 5 % loss that
// is one; with one snapshot in three lost, four.
func (t *timeline) bridged() int { return max(t.runs, 1) }

// bridge sets how many lost in a row the buffer bridges from the recent loss: more at
// once, fewer only once the shorter buffer would be well within rareRun, so that a
// loss rate near a boundary does not move the buffer to and fro.
func (t *timeline) bridge() {
	n := min(t.seen, lossKept)
	lost := 0
	for _, m := range t.missed[:n] {
		lost += int(m)
	}
	p := float64(lost) / float64(lost+n)
	need := func(rare float64) int {
		k := 1
		for k < maxBridged && math.Pow(p, float64(k+1)) > rare {
			k++
		}
		return k
	}
	if k := need(rareRun); k > t.runs {
		t.runs = k
	} else if k := need(rareRun / 4); k < t.runs {
		t.runs = k
	}
}

// target is where the render clock should be at now, in ticks.
func (t *timeline) target(now time.Time) float64 {
	return float64(now.Sub(t.earliest())-t.Buffer()) / float64(tickDuration)
}

// seek moves the render clock to now: at real speed, leaning towards where the buffer
// says it should be, or in one jump forward when it is far behind; never back, and
// never more than maxExtrapolate ticks past the newest snapshot. Asked for a moment no
// later than the last it stays put.
func (t *timeline) seek(now time.Time) float64 {
	if t.n == 0 {
		return 0
	}
	if t.started && !now.After(t.renderAt) {
		return t.render
	}
	want := t.target(now)
	next := want
	if t.started {
		dt := float64(now.Sub(t.renderAt)) / float64(tickDuration)
		ahead := t.render + dt - want // where real time alone would put it, against where it should be
		lean := min(max(-ahead/sim.TickRate*slewGain, -maxSlew), maxSlew)
		next = t.render + dt*(1+lean)
		if (want-next)*float64(tickDuration) > float64(renderJump) {
			next = want
		}
	}
	newest := float64(t.frames[len(t.frames)-1].tick) + maxExtrapolate
	t.render, t.started, t.renderAt = max(t.render, min(next, newest)), true, now
	return t.render
}

// behind is how far the render clock at now trails the tick the host has reached by
// the time it reaches us by the quickest way: the buffer, give or take the slew.
func (t *timeline) behind(now time.Time) time.Duration {
	if t.n == 0 {
		return 0
	}
	r := t.seek(now)
	return now.Sub(t.earliest()) - time.Duration(r*float64(tickDuration))
}

// drawn is where a player was last drawn, for blending what the newest snapshots
// change about a moment already shown.
type drawn struct {
	r, x, y    float64 // the render tick and where the player was drawn for it, less offX, offY
	offX, offY float64 // drawn minus what the snapshots now say: being blended out
}

// forget drops all that is kept of player id, who left (or whose id is someone new's):
// what was drawn of them and where the kept snapshots have them.
func (t *timeline) forget(id uint8) {
	delete(t.drawn, id)
	for i := range t.frames {
		t.frames[i].players = slices.DeleteFunc(t.frames[i].players, func(p wire.PlayerState) bool { return p.ID == id })
	}
}

// position is where to draw player id at render tick r. It is where the snapshots put
// them (sample), except that when a snapshot arrives that changes where they were at
// the moment last drawn (it ended an extrapolation that went the wrong way), the
// difference is blended out over blendTicks rather than jumped.
func (t *timeline) position(id uint8, r float64) (x, y float64, ok bool) {
	x, y, ok = t.sample(id, r)
	if !ok {
		return 0, 0, false
	}
	if t.drawn == nil {
		t.drawn = map[uint8]*drawn{}
	}
	d := t.drawn[id]
	if d == nil {
		d = &drawn{}
		t.drawn[id] = d
	} else if r > d.r {
		if px, py, _ := t.sample(id, d.r); px != d.x || py != d.y {
			d.offX, d.offY = d.offX+d.x-px, d.offY+d.y-py
		}
		if math.Hypot(d.offX, d.offY) > teleportPerTick*blendTicks {
			d.offX, d.offY = 0, 0 // not a wrong guess but a new place: show it
		}
		fade := math.Exp(-(r - d.r) / blendTicks)
		d.offX, d.offY = d.offX*fade, d.offY*fade
	} else if r == d.r {
		return x + d.offX, y + d.offY, true
	}
	d.r, d.x, d.y = r, x, y
	return x + d.offX, y + d.offY, true
}

// sample is where the snapshots put player id at render tick r: between the two
// snapshots around r, or past the newest along their last heading for at most
// maxExtrapolate ticks before holding still. ok is false when no kept snapshot has
// the player.
func (t *timeline) sample(id uint8, r float64) (x, y float64, ok bool) {
	i, _ := slices.BinarySearchFunc(t.frames, r, func(f frame, r float64) int {
		if float64(f.tick) <= r {
			return -1
		}
		return 1
	})
	// frames[:i] are at or before r; frames[i:] after it.
	bi, pb := t.nearest(id, i-1, -1)
	ai, pa := t.nearest(id, i, 1)
	switch {
	case bi < 0 && ai < 0:
		return 0, 0, false
	case bi < 0:
		return float64(pa.X), float64(pa.Y), true
	case ai >= 0:
		span := float64(t.frames[ai].tick - t.frames[bi].tick)
		if jump(pb, pa) > teleportPerTick*span {
			return float64(pb.X), float64(pb.Y), true // not a move but a new place: wait for it
		}
		f := (r - float64(t.frames[bi].tick)) / span
		return lerp(pb.X, pa.X, f), lerp(pb.Y, pa.Y, f), true
	}
	// Past the newest snapshot with them: carry on along their last heading, briefly.
	if pi, pp := t.nearest(id, bi-1, -1); pi >= 0 {
		span := float64(t.frames[bi].tick - t.frames[pi].tick)
		if jump(pp, pb) <= teleportPerTick*span {
			ahead := min(r-float64(t.frames[bi].tick), maxExtrapolate) / span
			return lerp(pp.X, pb.X, 1+ahead), lerp(pp.Y, pb.Y, 1+ahead), true
		}
	}
	return float64(pb.X), float64(pb.Y), true
}

// nearest is the first frame from index i, going by step, that has player id, and
// where it has them; -1 when none does.
func (t *timeline) nearest(id uint8, i, step int) (int, wire.PlayerState) {
	for ; i >= 0 && i < len(t.frames); i += step {
		if p, ok := find(t.frames[i].players, id); ok {
			return i, p
		}
	}
	return -1, wire.PlayerState{}
}

func find(ps []wire.PlayerState, id uint8) (wire.PlayerState, bool) {
	i, ok := slices.BinarySearchFunc(ps, id, func(p wire.PlayerState, id uint8) int { return int(p.ID) - int(id) })
	if !ok {
		return wire.PlayerState{}, false
	}
	return ps[i], true
}

func lerp(a, b uint16, f float64) float64 { return float64(a) + (float64(b)-float64(a))*f }

func jump(a, b wire.PlayerState) float64 {
	return math.Hypot(float64(a.X)-float64(b.X), float64(a.Y)-float64(b.Y))
}
