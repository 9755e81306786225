package game

import (
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// arena is the one arena the protocol version fixes; walls are drawn from it.
var arena = sim.DefaultArena()

// Draw paints the current scene.
func (g *Game) Draw(screen *ebiten.Image) {
	screen.Fill(colBackground)
	switch g.scene {
	case sceneMenu:
		g.drawMenu(screen)
	case sceneConnecting:
		g.drawConnecting(screen)
	case scenePassword:
		drawText(screen, "Password needed", faceTitle, screenW/2, 200, colText, text.AlignCenter)
		drawText(screen, g.errText+" Ask the host for it.", faceBody, screenW/2, 250, colError, text.AlignCenter)
	case scenePlaying:
		g.drawArena(screen)
		g.drawTopBar(screen)
		g.drawScoreboard(screen)
		g.drawChat(screen)
		g.drawBanner(screen)
		if g.in.scoreboard && !g.chat.open && !g.paused {
			g.drawFullScoreboard(screen)
		}
		if g.paused {
			g.drawPause(screen)
		}
	case sceneError:
		drawCentredLines(screen, g.errHeadline, colError, g.errText, g.errNext)
	}
	if g.scene != scenePlaying || g.paused {
		g.form.draw(screen, g.ticks)
	}
	if g.ticks < g.toastEnd {
		w := text.Advance(g.toast, faceBody) + 40
		vector.FillRect(screen, float32(screenW-w)/2, screenH-64, float32(w), 36, colButton, false)
		drawText(screen, g.toast, faceBody, screenW/2, screenH-57, colText, text.AlignCenter)
	}
}

// toScreen converts a simulation position to screen pixels.
func toScreen(v sim.Vec) (float32, float32) {
	return arenaX + float32(v.X)/sim.SubPixels, arenaY + float32(v.Y)/sim.SubPixels
}

func (g *Game) drawArena(screen *ebiten.Image) {
	cfg := sim.DefaultConfig()
	vector.FillRect(screen, arenaX, arenaY, sim.ArenaWidth, sim.ArenaHeight, colFloor, false)
	vector.StrokeRect(screen, arenaX-2, arenaY-2, sim.ArenaWidth+4, sim.ArenaHeight+4, 3, colWall, false)
	for _, w := range arena.Walls {
		x, y := toScreen(w.Min)
		vector.FillRect(screen, x, y, float32(w.Max.X-w.Min.X)/sim.SubPixels, float32(w.Max.Y-w.Min.Y)/sim.SubPixels, colWall, true)
	}
	gemR := float32(cfg.GemRadius) / sim.SubPixels
	v := g.m.view
	for _, gem := range v.Gems {
		drawGem(screen, gem.X, gem.Y, gemR, g.ticks)
	}
	r := float32(cfg.PlayerRadius) / sim.SubPixels
	players := make([]*client.PlayerView, 0, len(v.Players))
	for _, p := range v.Players {
		if p.Placed {
			players = append(players, p)
		}
	}
	slices.SortFunc(players, func(a, b *client.PlayerView) int { return int(a.ID) - int(b.ID) })
	g.drawn.Store(int64(len(players)))
	for _, p := range players {
		x, y := toScreen(p.Pos)
		if p.ID == v.Welcome.You {
			vector.FillCircle(screen, x, y, r+4, colText, true) // a ring marks you
		}
		vector.FillCircle(screen, x, y, r, PlayerColour(p.Colour), true)
		vector.StrokeCircle(screen, x, y, r, 2, color.RGBA{0, 0, 0, 0x60}, true)
		drawText(screen, p.Name, faceSmall, float64(x), float64(y+r+5), colText, text.AlignCenter)
	}
}

// drawGem draws a diamond that glints now and then.
func drawGem(screen *ebiten.Image, gx, gy uint16, r float32, tick int) {
	x, y := toScreen(sim.Vec{X: int32(gx), Y: int32(gy)})
	var p vector.Path
	p.MoveTo(x, y-r*1.3)
	p.LineTo(x+r, y)
	p.LineTo(x, y+r*1.3)
	p.LineTo(x-r, y)
	p.Close()
	op := &vector.DrawPathOptions{AntiAlias: true}
	op.ColorScale.ScaleWithColor(colGem)
	vector.FillPath(screen, &p, nil, op)
	if (tick/8+int(gx))%12 == 0 {
		vector.FillCircle(screen, x-r/3, y-r/3, r/4, colGemShine, true)
	}
}

// drawText draws s with its top at y, aligned on x.
func drawText(dst *ebiten.Image, s string, face text.Face, x, y float64, clr color.Color, align text.Align) {
	op := &text.DrawOptions{}
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(clr)
	op.PrimaryAlign = align
	text.Draw(dst, s, face, op)
}

// drawCentredLines draws lines centred on the screen, the first in the title face.
func drawCentredLines(screen *ebiten.Image, first string, firstColour color.Color, rest ...string) {
	y := float64(screenH)/2 - 60
	drawText(screen, first, faceTitle, screenW/2, y, firstColour, text.AlignCenter)
	y += 48
	for _, l := range rest {
		if l == "" {
			y += 16
			continue
		}
		for _, w := range wrap(l, faceBody, 900) {
			drawText(screen, w, faceBody, screenW/2, y, colText, text.AlignCenter)
			y += 26
		}
	}
}

func (g *Game) drawConnecting(screen *ebiten.Image) {
	what := "Starting your game…"
	if g.m != nil && g.m.server == nil {
		what = "Connecting to " + g.m.addr
	}
	secs := 0
	if g.m != nil {
		secs = (g.ticks - g.m.startTick) / 60
	}
	drawSpinner(screen, screenW/2, screenH/2-110, g.ticks)
	drawCentredLines(screen, what, colText, formatSeconds(secs))
}

// drawSpinner draws a ring of dots with one bright dot going round.
func drawSpinner(screen *ebiten.Image, cx, cy float32, tick int) {
	const dots = 10
	lit := (tick / 5) % dots
	for i := range dots {
		a := 2 * math.Pi * float64(i) / dots
		clr := colDim
		if i == lit {
			clr = colGem
		}
		vector.FillCircle(screen, cx+float32(18*math.Cos(a)), cy+float32(18*math.Sin(a)), 4, clr, true)
	}
}

func formatSeconds(s int) string {
	if s == 1 {
		return "1 second"
	}
	return strconv.Itoa(s) + " seconds"
}

// wrap breaks s into lines no wider than width pixels, at spaces where it can.
func wrap(s string, face text.Face, width float64) []string {
	var lines []string
	for s != "" {
		if text.Advance(s, face) <= width {
			return append(lines, s)
		}
		cut, lastSpace := 0, -1
		for i, r := range s {
			if text.Advance(s[:i+len(string(r))], face) > width {
				break
			}
			cut = i + len(string(r))
			if r == ' ' {
				lastSpace = i
			}
		}
		if lastSpace > 0 {
			cut = lastSpace
		}
		if cut == 0 {
			cut = len(string([]rune(s)[0]))
		}
		lines = append(lines, s[:cut])
		s = strings.TrimLeft(s[cut:], " ")
	}
	return lines
}
