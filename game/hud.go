package game

import (
	"fmt"
	"image"
	"image/color"
	"math"
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
	fillDisc(screen, float32(x)+38, float32(y)+9, 7, discColour(p))
	if p.Away {
		drawText(screen, p.Name+" …", face, x+54, y, colDim, text.AlignStart)
	} else {
		drawText(screen, p.Name, face, x+54, y, colText, text.AlignStart)
	}
	drawText(screen, strconv.Itoa(p.Score), face, x+w, y, colText, text.AlignEnd)
}

// The full scoreboard's columns, from its left edge.
const (
	tableW     = 620
	tableRowH  = 30
	colRank    = 24
	colName    = 80
	colScore   = 390
	colWins    = 480
	colPing    = 590
	tableTop   = arenaY + 30
	tableHeadH = 92
)

// drawFullScoreboard is the whole table while Tab is held: rank, name, score, rounds
// won and ping for everyone, on an opaque panel over the arena.
func (s *playingScene) drawFullScoreboard(screen *ebiten.Image) {
	ranking := s.st.Ranking()
	rows := tableRows(ranking, s.st.Welcome.You)
	h := float32(tableHeadH + tableRowH*len(rows) + 16)
	x, y := float32(arenaX+(sim.ArenaWidth-tableW)/2), float32(tableTop)
	vector.FillRect(screen, x-2, y-2, tableW+4, h+4, colWall, false)
	vector.FillRect(screen, x, y, tableW, h, colPanel, false)
	s.shown = append(s.shown, fmt.Sprintf("table of %d", len(ranking)))
	drawText(screen, fmt.Sprintf("Round %d — first to %d", s.st.Round, s.st.Welcome.TargetScore), faceTitle, float64(x)+colRank, float64(y)+16, colText, text.AlignStart)
	hy := float64(y) + 62
	drawText(screen, "Player", faceSmall, float64(x)+colName, hy, colDim, text.AlignStart)
	drawText(screen, "Score", faceSmall, float64(x)+colScore, hy, colDim, text.AlignEnd)
	drawText(screen, "Rounds won", faceSmall, float64(x)+colWins, hy, colDim, text.AlignEnd)
	drawText(screen, "Ping", faceSmall, float64(x)+colPing, hy, colDim, text.AlignEnd)
	for i, rank := range rows {
		p := ranking[rank]
		ry := float64(y) + tableHeadH + float64(i*tableRowH)
		if p.ID == s.st.Welcome.You {
			vector.FillRect(screen, x+8, float32(ry)-5, tableW-16, tableRowH-2, colFloor, false)
		}
		face := faceBody
		if p.ID == s.st.Welcome.You {
			face = faceBold
		}
		drawText(screen, strconv.Itoa(rank+1)+".", face, float64(x)+colRank, ry, colDim, text.AlignStart)
		fillDisc(screen, x+colName-18, float32(ry)+9, 7, discColour(p))
		name, clr := fit(p.Name, face, colScore-colName-70), color.Color(colText)
		if p.Away {
			name, clr = name+" — reconnecting", colDim
		}
		drawText(screen, name, face, float64(x)+colName, ry, clr, text.AlignStart)
		drawText(screen, strconv.Itoa(p.Score), face, float64(x)+colScore, ry, colText, text.AlignEnd)
		drawText(screen, strconv.Itoa(p.Wins), face, float64(x)+colWins, ry, colText, text.AlignEnd)
		drawText(screen, pingText(p), face, float64(x)+colPing, ry, pingColour(p), text.AlignEnd)
	}
}

// tableMaxRows is as many rows as the table has room for below its heading.
const tableMaxRows = (screenH - tableTop - tableHeadH - 24) / tableRowH

// tableRows are the places in ranking the table shows: everyone when they fit,
// otherwise the best, and you wherever you are.
func tableRows(ranking []*client.PlayerView, you uint8) []int {
	rows := make([]int, 0, min(len(ranking), tableMaxRows))
	for i := range min(len(ranking), tableMaxRows) {
		rows = append(rows, i)
	}
	for i := len(rows); i < len(ranking); i++ {
		if ranking[i].ID == you { // below the fold: in the last row, with their place
			rows[len(rows)-1] = i
		}
	}
	return rows
}

// pingText is a player's round trip to the host as the table shows it.
func pingText(p *client.PlayerView) string {
	switch {
	case p.Away || !p.PingKnown:
		return "—"
	case p.Ping < time.Millisecond:
		return "<1 ms"
	default:
		return strconv.FormatInt(p.Ping.Milliseconds(), 10) + " ms"
	}
}

// pingColour warns of a round trip a player will feel.
func pingColour(p *client.PlayerView) color.Color {
	switch {
	case p.Away || !p.PingKnown || p.Ping < 100*time.Millisecond:
		return colText
	case p.Ping < 200*time.Millisecond:
		return colNotice
	default:
		return colError
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
	drawText(screen, title, faceTitle, screenW/2, pauseTitle, colText, text.AlignCenter)
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
	for advance(s, face) > width && len(s) > 0 {
		_, size := utf8.DecodeRuneInString(s)
		s = s[size:]
	}
	return s
}

// drawBanner celebrates the round's winner while the banner is up: their name in
// their colour over falling confetti, and the final standings of the round.
func (s *playingScene) drawBanner(screen *ebiten.Image, tick int) {
	v := s.st
	if v.Phase != sim.RoundOver {
		s.bannerFrom = -1
		return
	}
	if s.bannerFrom < 0 {
		s.bannerFrom = tick
	}
	age := tick - s.bannerFrom
	name := "Someone"
	var clr color.Color = colText
	if p := v.Players[v.Winner]; p != nil {
		name, clr = p.Name, PlayerColour(p.Colour)
	}
	headline := name + " wins round " + strconv.Itoa(v.Round) + "!"
	if v.Winner == v.Welcome.You {
		headline = "You win round " + strconv.Itoa(v.Round) + "!"
	}
	s.shown = append(s.shown, headline)
	drawConfetti(screen, age)
	ranking := v.Ranking()
	rows := min(len(ranking), 5)
	h := float32(150 + rows*28)
	top := float32(arenaY+sim.ArenaHeight/2) - h/2
	vector.FillRect(screen, arenaX+60, top, sim.ArenaWidth-120, h, color.RGBA{0x0c, 0x0e, 0x16, 0xe0}, false)
	pop := min(1, float64(age)/12) // the headline grows in
	drawScaled(screen, fit(headline, faceBanner, sim.ArenaWidth-160), faceBanner, arenaX+sim.ArenaWidth/2, float64(top)+22, 0.6+0.4*pop, clr)
	y := float64(top) + 90
	for i, p := range ranking[:rows] {
		face := faceBody
		if p.ID == v.Welcome.You {
			face = faceBold
		}
		cx := float64(arenaX + sim.ArenaWidth/2)
		drawText(screen, strconv.Itoa(i+1)+".", face, cx-150, y, colDim, text.AlignStart)
		fillDisc(screen, float32(cx)-112, float32(y)+9, 7, discColour(p))
		drawText(screen, fit(p.Name, face, 200), face, cx-96, y, colText, text.AlignStart)
		drawText(screen, strconv.Itoa(p.Score), face, cx+150, y, colText, text.AlignEnd)
		y += 28
	}
	drawText(screen, "The next round starts in a moment", faceSmall, arenaX+sim.ArenaWidth/2, float64(top+h)-26, colDim, text.AlignCenter)
}

// mix is a well-spread number for confetti bit i's k-th property.
func mix(i, k int) uint32 {
	x := uint32(i)*0x9e3779b1 ^ uint32(k)*0x85ebca6b
	x ^= x >> 15
	x *= 0x2c1b3c6d
	x ^= x >> 12
	x *= 0x297a2d39
	return x ^ x>>15
}

// drawConfetti rains bits of every player colour over the arena, age ticks into the
// banner; where each falls is fixed by its number, so it needs no state.
func drawConfetti(screen *ebiten.Image, age int) {
	const bits = 90
	for i := range bits {
		x := float32(mix(i, 1)%sim.ArenaWidth) + arenaX
		speed := 2 + float32(mix(i, 2)%30)/10
		start := float32(mix(i, 3) % 500)
		y := arenaY - 20 - start + speed*float32(age)
		if y < arenaY || y > arenaY+sim.ArenaHeight {
			continue
		}
		sway := 10 * float32(math.Sin(float64(age)/14+float64(i)))
		w, h := float32(7), float32(4+3*math.Abs(math.Sin(float64(age)/7+float64(i))))
		vector.FillRect(screen, x+sway, y, w, h, playerColours[i%len(playerColours)], false)
	}
}

// goTicks is how long "Go!" stays up once play begins.
const goTicks = 45

// drawCountdown counts the round in: the round and its arena, and 3, 2, 1 each
// growing in as its second begins, then "Go!" as play begins.
func (s *playingScene) drawCountdown(screen *ebiten.Image, now time.Time, tick int) {
	cx, cy := float64(arenaX+sim.ArenaWidth/2), float64(arenaY+sim.ArenaHeight/2)
	if left, ok := s.st.Countdown(now); ok {
		n := int(math.Ceil(left.Seconds()))
		if n < 1 {
			return // the host's word that play began is on its way
		}
		into := 1 - (left.Seconds() - float64(n-1)) // how far into this second, 0 to 1
		s.shown = append(s.shown, strconv.Itoa(n))
		vector.FillRect(screen, arenaX, float32(cy)-120, sim.ArenaWidth, 220, color.RGBA{0x0c, 0x0e, 0x16, 0xa0}, false)
		drawText(screen, "Round "+strconv.Itoa(s.st.Round)+" · "+s.st.Arena().Name, faceTitle, cx, cy-100, colText, text.AlignCenter)
		drawScaled(screen, strconv.Itoa(n), faceBanner, cx, cy-50, 1.6+0.8*max(0, 1-into*4), fade(colGem, float32(min(1, 1.3-into*0.6))))
		drawText(screen, "Get ready: gems count from Go!", faceBody, cx, cy+70, colDim, text.AlignCenter)
		return
	}
	if s.goFrom >= 0 && tick-s.goFrom < goTicks {
		t := float64(tick-s.goFrom) / goTicks
		s.shown = append(s.shown, "Go!")
		drawScaled(screen, "Go!", faceBanner, cx, cy-50, 1.6+0.8*t, fade(colGem, float32(1-t*t)))
	}
}

// drawScaled draws s centred on x with its top at y, scaled by scale about its
// centre line.
func drawScaled(screen *ebiten.Image, s string, face text.Face, x, y, scale float64, clr color.Color) {
	op := &text.DrawOptions{}
	op.GeoM.Scale(scale, scale)
	op.GeoM.Translate(x, y-(scale-1)*20)
	op.ColorScale.ScaleWithColor(clr)
	op.PrimaryAlign = text.AlignCenter
	text.Draw(screen, s, laidOut(s, face), op)
}
