package game

import (
	"image/color"
	"math"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The effects' lengths, in the window's ticks (60 a second).
const (
	burstTicks  = 24 // a gem's burst of sparks
	floatTicks  = 50 // a "+1" rising from the taker
	growTicks   = 16 // a new gem growing in
	burstSparks = 10
)

// effects are the short animations that answer what just happened: sparks where a
// gem was taken and a "+1" floating up from whoever took it, and gems that grow in
// with a little overshoot rather than pop into being. They run on the window's ticks,
// so a stalled network freezes none of them.
type effects struct {
	bursts []burst
	floats []floater
	born   map[uint16]int // gem id → the tick it first showed
}

type burst struct {
	at    sim.Vec
	start int
	clr   color.RGBA
}

type floater struct {
	player uint8
	start  int
	label  string
	clr    color.RGBA
}

// happened starts the effect of h, at tick.
func (e *effects) happened(h client.Happening, st *client.State, tick int) {
	if h.Kind != client.GemTaken {
		return
	}
	clr := colGem
	if p := st.Players[h.Player]; p != nil {
		clr = PlayerColour(p.Colour)
	}
	if h.HasAt {
		e.bursts = append(e.bursts, burst{at: h.At, start: tick, clr: clr})
	}
	e.floats = append(e.floats, floater{player: h.Player, start: tick, label: "+1", clr: clr})
}

// sweep forgets the effects that are over, notes when each new gem first showed, and
// keeps that record bounded (ids only grow, so old ones are dropped in batches).
func (e *effects) sweep(gems []uint16, tick int) {
	e.bursts = dropOld(e.bursts, func(b burst) bool { return tick-b.start >= burstTicks })
	e.floats = dropOld(e.floats, func(f floater) bool { return tick-f.start >= floatTicks })
	if e.born == nil {
		e.born = map[uint16]int{}
	}
	for _, id := range gems {
		if _, ok := e.born[id]; !ok {
			e.born[id] = tick
		}
	}
	if len(e.born) > 4*sim.MaxGems {
		for id, t := range e.born {
			if tick-t > growTicks {
				delete(e.born, id)
			}
		}
	}
}

func dropOld[T any](s []T, over func(T) bool) []T {
	keep := s[:0]
	for _, v := range s {
		if !over(v) {
			keep = append(keep, v)
		}
	}
	return keep
}

// gemScale is how large gem id is drawn at tick: growing in over growTicks with a
// small overshoot (an ease-out-back), then 1.
func (e *effects) gemScale(id uint16, tick int) float32 {
	born, ok := e.born[id]
	if !ok {
		return 1
	}
	t := float64(tick-born) / growTicks
	if t >= 1 {
		return 1
	}
	const c = 1.9
	u := t - 1
	return float32(1 + (c+1)*u*u*u + c*u*u)
}

// drawBursts draws the sparks: each flies out from the gem and fades.
func (e *effects) drawBursts(screen *ebiten.Image, tick int) {
	for _, b := range e.bursts {
		t := float64(tick-b.start) / burstTicks
		x, y := toScreen(b.at)
		ease := 1 - (1-t)*(1-t)
		alpha := float32(1 - t)
		if t < 0.35 { // a flash where the gem was
			fillDisc(screen, x, y, float32(16*(1-t/0.35))+4, fade(colGemShine, float32(1-t/0.35)))
		}
		ring := float32(10 + 30*ease)
		strokeRing(screen, x, y, ring, fade(colGem, alpha*0.7))
		for i := range burstSparks {
			a := 2*math.Pi*float64(i)/burstSparks + float64(b.at.X%7)
			d := float32(6 + 34*ease)
			sx, sy := x+d*float32(math.Cos(a)), y+d*float32(math.Sin(a))
			clr := b.clr
			if i%2 == 0 {
				clr = colGem
			}
			fillDisc(screen, sx, sy, float32(5*(1-t))+1, fade(clr, alpha))
		}
	}
}

// drawFloats draws each "+1" rising from above its taker's disc, wherever they are
// drawn now.
func (e *effects) drawFloats(screen *ebiten.Image, st *client.State, now time.Time, tick int) {
	r := float32(sim.DefaultConfig().PlayerRadius) / sim.SubPixels
	for _, f := range e.floats {
		pos, ok := st.Where(f.player, now)
		if !ok {
			continue
		}
		t := float64(tick-f.start) / floatTicks
		x, y := toScreen(pos)
		rise := float32(40 * (1 - (1-t)*(1-t)))
		alpha := float32(min(1, 3*(1-t)))
		face := faceTitle
		drawText(screen, f.label, face, float64(x), float64(y-r-26-rise), fade(f.clr, alpha), text.AlignCenter)
	}
}

// fade is c at alpha (0–1) of its opacity, premultiplied as Ebitengine wants.
func fade(c color.RGBA, alpha float32) color.RGBA {
	a := min(max(alpha, 0), 1)
	return color.RGBA{uint8(float32(c.R) * a), uint8(float32(c.G) * a), uint8(float32(c.B) * a), uint8(float32(c.A) * a)}
}
