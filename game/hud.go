package game

import (
	"fmt"
	"image"
	"image/color"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gemrush/gemrush/game/client"
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

// copyButton is where the host's Copy button sits, beside the invite code.
var copyButton = rect(screenW-86, 30, 66, 24)

// drawTopBar shows where the game is, the player count and the ping; a host also
// sees how the internet reaches the game and the invite code with its Copy button.
func (s *playingScene) drawTopBar(screen *ebiten.Image) {
	titleLine().draw(screen)
	m, st := s.m, s.st
	status := fmt.Sprintf("%d/%d players", len(st.Players), st.Welcome.MaxPlayers)
	if _, _, silent := st.Problem(time.Now()); silent {
		status += "   ·   no word from the host"
	} else if rtt := st.Stats().RTT; rtt >= time.Millisecond {
		status += fmt.Sprintf("   ·   ping %d ms", rtt.Milliseconds())
	} else if rtt > 0 {
		status += "   ·   ping <1 ms" // the host's own player, on this machine
	}
	if !m.Hosting() {
		drawText(screen, "Playing at "+m.Addr()+"   ·   "+status, faceBody, screenW-20, 22, colDim, text.AlignEnd)
		return
	}
	where := "Hosting on port " + strconv.Itoa(m.HostPort())
	if joinAt := m.JoinAddrs(); len(joinAt) > 0 {
		where = "Others join at " + strings.Join(joinAt[:min(2, len(joinAt))], " or ")
	}
	for _, l := range hostingBar(where+"   ·   "+status, m.Host().Internet(), m.Invite()) {
		l.draw(screen)
	}
	if m.Invite() != "" {
		vector.FillRect(screen, float32(copyButton.Min.X), float32(copyButton.Min.Y), float32(copyButton.Dx()), float32(copyButton.Dy()), colButton, false)
		drawText(screen, "Copy", faceSmall, float64(copyButton.Min.X+copyButton.Dx()/2), float64(copyButton.Min.Y+4), colText, text.AlignCenter)
	}
}

// drawScoreboard shows the top three, and you if you are not among them; Tab shows all.
func (s *playingScene) drawScoreboard(screen *ebiten.Image) {
	v := s.st
	vector.FillRect(screen, panelX, arenaY, panelW, chatTop-arenaY-10, colPanel, false)
	drawText(screen, fmt.Sprintf("Scores — first to %d", v.Welcome.TargetScore), faceBold, panelX+14, arenaY+10, colText, text.AlignStart)
	ranking := v.Ranking()
	for _, row := range s.scoreRows(ranking) {
		s.drawScoreRow(screen, row.p, row.rank, panelX+14, float64(row.at.Min.Y+3), panelW-30)
	}
	if len(ranking) > 3 {
		drawText(screen, "Hold Tab for everyone", faceSmall, panelX+14, chatTop-40, colDim, text.AlignStart)
	}
}

// scoreRow is one row of the side scoreboard: who, their rank, and where it is drawn
// (a host clicks a row to remove that player).
type scoreRow struct {
	p    *client.PlayerView
	rank int
	at   image.Rectangle
}

// scoreRows are the side scoreboard's rows: the top three, and you if you are not
// among them.
func (s *playingScene) scoreRows(ranking []*client.PlayerView) []scoreRow {
	var rows []scoreRow
	y := arenaY + 40
	for i, p := range ranking {
		if i >= 3 && p.ID != s.st.Welcome.You {
			continue
		}
		rows = append(rows, scoreRow{p: p, rank: i + 1, at: rect(panelX+8, y-3, panelW-16, 26)})
		y += 26
	}
	return rows
}

func (s *playingScene) drawScoreRow(screen *ebiten.Image, p *client.PlayerView, rank int, x, y, w float64) {
	face := faceBody
	if p.ID == s.st.Welcome.You {
		face = faceBold
	}
	drawText(screen, strconv.Itoa(rank)+".", face, x, y, colDim, text.AlignStart)
	vector.FillCircle(screen, float32(x)+38, float32(y)+9, 7, discColour(p), true)
	if p.Away {
		drawText(screen, p.Name+" …", face, x+54, y, colDim, text.AlignStart)
	} else {
		drawText(screen, p.Name, face, x+54, y, colText, text.AlignStart)
	}
	drawText(screen, strconv.Itoa(p.Score), face, x+w, y, colText, text.AlignEnd)
}

func (s *playingScene) drawFullScoreboard(screen *ebiten.Image) {
	ranking := s.st.Ranking()
	h := float32(70 + 28*len(ranking))
	x, y := float32(screenW-460)/2, float32(arenaY+40)
	vector.FillRect(screen, x, y, 460, h, colOverlay, false)
	drawText(screen, "Scoreboard", faceTitle, screenW/2, float64(y)+16, colText, text.AlignCenter)
	for i, p := range ranking {
		s.drawScoreRow(screen, p, i+1, float64(x)+30, float64(y)+60+float64(i*28), 400)
	}
}

func (s *playingScene) drawPause(screen *ebiten.Image) {
	vector.FillRect(screen, 0, 0, screenW, screenH, colOverlay, false)
	title := "Game menu"
	switch {
	case s.confirmEnd:
		title = "End the game for everyone?"
	case s.remove != 0 && s.st.Players[s.remove] != nil:
		title = "Remove " + s.st.Players[s.remove].Name + " from the game?"
	case s.removing:
		title = "Remove which player?"
	}
	drawText(screen, title, faceTitle, screenW/2, 190, colText, text.AlignCenter)
}

func (s *playingScene) drawChat(g *Game, screen *ebiten.Image) {
	vector.FillRect(screen, panelX, chatTop, panelW, chatBottom-chatTop, colPanel, false)
	inputY := float64(chatBottom - 30)
	if s.chat.open {
		vector.FillRect(screen, panelX+8, float32(inputY)-4, panelW-16, 26, colFloor, false)
		caret := ""
		if (g.ticks/30)%2 == 0 {
			caret = "|"
		}
		line := "Say: " + s.chat.line.String() + caret
		drawText(screen, lastFit(line, faceBody, panelW-28), faceBody, panelX+14, inputY, colText, text.AlignStart)
	} else {
		drawText(screen, "Enter to chat", faceSmall, panelX+14, inputY+2, colDim, text.AlignStart)
	}
	// Newest lines at the bottom, as many as fit above the input line.
	y := inputY - 10
	log := s.st.Log
	for i := len(log) - 1; i >= 0 && y > chatTop+chatLineH; i-- {
		l := log[i]
		var line string
		var clr color.Color = colText
		if l.Notice {
			line, clr = l.Text, colNotice
		} else {
			line = l.Name + ": " + l.Text
		}
		lines := wrap(line, faceBody, panelW-28)
		for j := len(lines) - 1; j >= 0 && y > chatTop+chatLineH; j-- {
			y -= chatLineH
			drawText(screen, lines[j], faceBody, panelX+14, y, clr, text.AlignStart)
		}
	}
}

// lastFit is the end of s that fits in width: a long line being typed scrolls left.
func lastFit(s string, face text.Face, width float64) string {
	for text.Advance(s, face) > width && len(s) > 0 {
		_, size := utf8.DecodeRuneInString(s)
		s = s[size:]
	}
	return s
}

func (s *playingScene) drawBanner(screen *ebiten.Image) {
	v := s.st
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
