package game

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Chat panel geometry.
const (
	chatTop    = 330
	chatBottom = arenaY + sim.ArenaHeight
	chatLineH  = 20
)

func (g *Game) drawTopBar(screen *ebiten.Image) {
	drawText(screen, "GEM RUSH", faceTitle, arenaX, 16, colGem, text.AlignStart)
	v := g.view
	parts := []string{fmt.Sprintf("%d/%d players", len(v.Players), v.Welcome.MaxPlayers)}
	if rtt := g.conn.QUICStats().SmoothedRTT; rtt > 0 {
		parts = append(parts, fmt.Sprintf("ping %d ms", rtt.Milliseconds()))
	}
	if g.server != nil {
		parts = append([]string{"Hosting — others join at " + g.joinAt}, parts...)
	} else {
		parts = append([]string{"Playing at " + g.conn.Addr()}, parts...)
	}
	drawText(screen, strings.Join(parts, "   ·   "), faceBody, screenW-20, 22, colDim, text.AlignEnd)
}

func (g *Game) drawScoreboard(screen *ebiten.Image) {
	v := g.view
	vector.FillRect(screen, panelX, arenaY, panelW, chatTop-arenaY-10, colPanel, false)
	drawText(screen, fmt.Sprintf("Scores — first to %d", v.Welcome.TargetScore), faceBold, panelX+14, arenaY+10, colText, text.AlignStart)
	y := float64(arenaY + 40)
	for i, p := range v.Ranking() {
		if y > chatTop-40 {
			drawText(screen, fmt.Sprintf("… and %d more", len(v.Players)-i), faceSmall, panelX+14, y, colDim, text.AlignStart)
			break
		}
		vector.FillCircle(screen, panelX+24, float32(y)+9, 7, PlayerColour(p.Colour), true)
		face := faceBody
		if p.ID == v.Welcome.You {
			face = faceBold
		}
		drawText(screen, p.Name, face, panelX+40, y, colText, text.AlignStart)
		drawText(screen, itoa(p.Score), face, panelX+panelW-16, y, colText, text.AlignEnd)
		y += 24
	}
}

func (g *Game) drawChat(screen *ebiten.Image) {
	vector.FillRect(screen, panelX, chatTop, panelW, chatBottom-chatTop, colPanel, false)
	inputY := float64(chatBottom - 30)
	if g.chat.open {
		vector.FillRect(screen, panelX+8, float32(inputY)-4, panelW-16, 26, colFloor, false)
		caret := ""
		if (g.ticks/30)%2 == 0 {
			caret = "|"
		}
		line := "Say: " + string(g.chat.text) + caret
		drawText(screen, lastFit(line, faceBody, panelW-28), faceBody, panelX+14, inputY, colText, text.AlignStart)
	} else {
		drawText(screen, "Enter to chat", faceSmall, panelX+14, inputY+2, colDim, text.AlignStart)
	}
	// Newest lines at the bottom, as many as fit above the input line.
	y := inputY - 10
	for i := len(g.view.Log) - 1; i >= 0 && y > chatTop+chatLineH; i-- {
		l := g.view.Log[i]
		var s string
		var clr color.Color = colText
		if l.Notice {
			s, clr = l.Text, colNotice
		} else {
			s = l.Name + ": " + l.Text
		}
		lines := wrap(s, faceBody, panelW-28)
		for j := len(lines) - 1; j >= 0 && y > chatTop+chatLineH; j-- {
			y -= chatLineH
			drawText(screen, lines[j], faceBody, panelX+14, y, clr, text.AlignStart)
		}
	}
}

// lastFit is the end of s that fits in width: a long line being typed scrolls left.
func lastFit(s string, face text.Face, width float64) string {
	for text.Advance(s, face) > width && len(s) > 0 {
		_, size := firstRune(s)
		s = s[size:]
	}
	return s
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i > 0 {
			return r, i
		}
	}
	return 0, len(s)
}

func (g *Game) drawBanner(screen *ebiten.Image) {
	v := g.view
	if v.Phase != sim.RoundOver {
		return
	}
	name := "Someone"
	var clr color.Color = colText
	if p := v.Players[v.Winner]; p != nil {
		name, clr = p.Name, PlayerColour(p.Colour)
	}
	vector.FillRect(screen, arenaX, arenaY+sim.ArenaHeight/2-70, sim.ArenaWidth, 140, color.RGBA{0, 0, 0, 0xb0}, false)
	drawText(screen, fmt.Sprintf("%s wins round %d!", name, v.Round), faceBanner, arenaX+sim.ArenaWidth/2, arenaY+sim.ArenaHeight/2-50, clr, text.AlignCenter)
	drawText(screen, "Scores reset — the next round starts in a moment", faceBody, arenaX+sim.ArenaWidth/2, arenaY+sim.ArenaHeight/2+16, colText, text.AlignCenter)
}
