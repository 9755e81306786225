package game

import (
	"image/color"
	"strings"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// The hosting screen's bar. The internet line has the top row to itself, right of
// the title: it carries the next step when the router did not help, and an invite
// code of two ways in is already 55 letters, so the two cannot share a row. The
// invite code takes the second row, beside its Copy button; where LAN players join,
// the player count and the ping go to the strip under the arena.
const (
	hostRowInternet = 8                            // y of the internet line
	hostRowInvite   = 32                           // y of the invite code, level with copyButton
	hostRowWhere    = arenaY + sim.ArenaHeight + 4 // y of the strip under the arena (and its border)
	hostBarLeft     = arenaX + 130 + 24            // right of the title (130 px: see titleLine), and a gap
	hostBarRight    = screenW - 20                 // where the internet line ends
)

// titleLine is the game's name, top left on the playing screen.
func titleLine() hudLine { return hudLine{"GEM RUSH", faceTitle, arenaX, 16, text.AlignStart, colGem} }

// inviteRight is where the invite code ends: left of its Copy button, and a gap.
func inviteRight() float64 { return float64(copyButton.Min.X - 12) }

// hudLine is one line of the HUD and where it is drawn: x is its start, end or
// centre as align says, y its top.
type hudLine struct {
	text  string
	face  text.Face
	x, y  float64
	align text.Align
	clr   color.Color
}

func (l hudLine) draw(screen *ebiten.Image) {
	drawText(screen, l.text, l.face, l.x, l.y, l.clr, l.align)
}

// span is how far the line reaches, left to right and top to bottom.
func (l hudLine) span() (x0, y0, x1, y1 float64) {
	w, h := text.Measure(l.text, laidOut(l.text, l.face), 0)
	switch l.align {
	case text.AlignEnd:
		x0 = l.x - w
	case text.AlignCenter:
		x0 = l.x - w/2
	default:
		x0 = l.x
	}
	return x0, l.y, x0 + w, l.y + h
}

// hostingBar lays out what a host sees around the arena: where (LAN addresses, the
// player count, the ping), internet (how the internet reaches the game, "" when the
// router was not asked) and the invite code ("" when there is none).
func hostingBar(where, internet, invite string) []hudLine {
	var lines []hudLine
	if internet == "" { // the router was not asked: where takes the top row, as for a player who joins
		lines = append(lines, hudLine{fit(where, faceSmall, hostBarRight-hostBarLeft), faceSmall, hostBarRight, hostRowInternet, text.AlignEnd, colDim})
	} else {
		lines = append(lines,
			hudLine{fit(internet, faceSmall, hostBarRight-hostBarLeft), faceSmall, hostBarRight, hostRowInternet, text.AlignEnd, internetColour(internet)},
			hudLine{fit(where, faceSmall, screenW-2*arenaX), faceSmall, arenaX, hostRowWhere, text.AlignStart, colDim})
	}
	if invite != "" {
		lines = append(lines, inviteLine(invite))
	}
	return lines
}

// inviteLine is the invite code as large as fits between the title and the Copy
// button: with its label, without, smaller, and at worst cut short (Copy copies it
// whole). A code of more ways in is longer.
func inviteLine(code string) hudLine {
	room := inviteRight() - hostBarLeft
	for _, c := range []struct {
		text string
		face text.Face
	}{{"Invite code  " + code, faceBold}, {code, faceBold}, {code, faceSmall}} {
		if advance(c.text, c.face) <= room {
			return hudLine{c.text, c.face, inviteRight(), hostRowInvite, text.AlignEnd, colText}
		}
	}
	return hudLine{fit(code, faceSmall, room), faceSmall, inviteRight(), hostRowInvite + 3, text.AlignEnd, colText}
}

// internetColour is the internet line's colour: bright once the port is open, dim
// while the router is being asked, and the notice colour when it asks the host to act.
func internetColour(line string) color.Color {
	switch {
	case strings.Contains(line, "port open") || strings.Contains(line, " open on your router"):
		return colText
	case strings.Contains(line, "asking your router"):
		return colDim
	}
	return colNotice
}
