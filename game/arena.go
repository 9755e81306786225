package game

import (
	"image/color"
	"slices"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// toScreen converts a simulation position to screen pixels.
func toScreen(v sim.Vec) (float32, float32) {
	return arenaX + float32(v.X)/sim.SubPixels, arenaY + float32(v.Y)/sim.SubPixels
}

// drawArena draws the floor, the walls, the gems and every placed disc, yours ringed,
// each where it is at now, the moment of drawing: yours predicted, the others
// interpolated.
func (s *playingScene) drawArena(g *Game, screen *ebiten.Image, now time.Time) {
	cfg := sim.DefaultConfig()
	vector.FillRect(screen, arenaX, arenaY, sim.ArenaWidth, sim.ArenaHeight, colFloor, false)
	vector.StrokeRect(screen, arenaX-2, arenaY-2, sim.ArenaWidth+4, sim.ArenaHeight+4, 3, colWall, false)
	for _, w := range s.st.Arena().Walls {
		x, y := toScreen(w.Min)
		vector.FillRect(screen, x, y, float32(w.Max.X-w.Min.X)/sim.SubPixels, float32(w.Max.Y-w.Min.Y)/sim.SubPixels, colWall, true)
	}
	gemR := float32(cfg.GemRadius) / sim.SubPixels
	st := s.st
	gems := st.VisibleGems()
	for _, gem := range gems {
		drawGem(screen, gem.X, gem.Y, gemR*s.fx.gemScale(gem.ID, g.ticks), g.ticks)
	}
	s.fx.drawBursts(screen, g.ticks)
	r := float32(cfg.PlayerRadius) / sim.SubPixels
	players := make([]*client.PlayerView, 0, len(st.Players))
	for _, p := range st.Players {
		if p.Placed {
			players = append(players, p)
		}
	}
	slices.SortFunc(players, func(a, b *client.PlayerView) int { return int(a.ID) - int(b.ID) })
	s.drawn = 0
	for _, p := range players {
		pos, ok := st.Where(p.ID, now)
		if !ok {
			continue
		}
		s.drawn++
		x, y := toScreen(pos)
		if p.ID == st.Welcome.You {
			drawYou(screen, x, y, r, g.ticks-s.since)
			s.keyed.drawn(pos)
		}
		fillDisc(screen, x, y, r, color.RGBA{0x0e, 0x10, 0x18, 0xff}) // a dark rim
		fillDisc(screen, x, y, r-1.5, discColour(p))
		if p.Away {
			drawText(screen, p.Name+" — reconnecting…", faceSmall, float64(x), float64(y+r+5), colDim, text.AlignCenter)
		} else {
			drawText(screen, p.Name, faceSmall, float64(x), float64(y+r+5), colText, text.AlignCenter)
		}
	}
	s.fx.drawFloats(screen, st, now, g.ticks)
}

// drawYou marks the player's own disc so they find it at a glance: a white ring, a
// pointer above, and for the first seconds after joining or a new round, rings
// that pulse out from it. age is ticks since then.
func drawYou(screen *ebiten.Image, x, y, r float32, age int) {
	if age < youPulseTicks {
		for k := range 2 {
			t := float32((age+k*youPulseTicks/6)%(youPulseTicks/3)) / float32(youPulseTicks/3)
			strokeRing(screen, x, y, r+6+40*t, fade(colText, (1-t)*0.8))
		}
	}
	fillDisc(screen, x, y, r+4, colText)
	stamp(screen, pointerSprite(), x, y-r-13.5, 8.0/spriteR, colText) // its tip 8 px above the ring
}

// youPulseTicks is how long the player's own disc pulses after they join or a
// round begins.
const youPulseTicks = 3 * 60

// discColour is p's colour, greyed while their connection is down and the host
// keeps their place.
func discColour(p *client.PlayerView) color.Color {
	c := PlayerColour(p.Colour)
	if !p.Away {
		return c
	}
	grey := func(v uint8) uint8 { return uint8((int(v) + 2*0x70) / 3) }
	return color.RGBA{grey(c.R), grey(c.G), grey(c.B), 0xff}
}

// drawGem draws a diamond that glints now and then.
func drawGem(screen *ebiten.Image, gx, gy uint16, r float32, tick int) {
	x, y := toScreen(sim.Vec{X: int32(gx), Y: int32(gy)})
	stamp(screen, gemSprite(), x, y, r/spriteR, colGem)
	if (tick/8+int(gx))%12 == 0 {
		fillDisc(screen, x-r/3, y-r/3, r/4, colGemShine)
	}
}
