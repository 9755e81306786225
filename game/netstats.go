package game

import (
	"fmt"
	"image/color"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// The net-stats overlay's place: over the arena's top-left corner, out of the way of
// the top bar and the scoreboard.
const (
	netX, netY = arenaX + 10, arenaY + 10
	netW       = client.MeterLen + 60
	netLineH   = 17
	netGraphH  = 48
)

var (
	colGraphRTT  = color.RGBA{0x6b, 0xc5, 0xf5, 0xff}
	colGraphSnap = color.RGBA{0x5e, 0xd1, 0x8a, 0xff}
	colGraphGap  = color.RGBA{0xff, 0x8a, 0x80, 0xff}
)

// netLines is the overlay's text: the link as QUIC measures it, what the host sends,
// and what prediction and interpolation make of it.
func netLines(st *client.State, m *client.Meter, feel client.Feel) []string {
	ns := st.Stats()
	r := m.Rates()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return []string{
		fmt.Sprintf("ping %s (min %s)   jitter %s", msText(ns.RTT), msText(ns.MinRTT), msText(feel.Jitter)),
		fmt.Sprintf("loss  up %.1f %%   down %.1f %%", 100*r.LossUp, 100*r.LossDown),
		fmt.Sprintf("bytes  down %.1f kB/s   up %.1f kB/s", r.BytesInPerS/1000, r.BytesOutPerS/1000),
		fmt.Sprintf("snapshots %.0f/s (host sends %.0f/s)", r.SnapshotHz, float64(time.Second)/float64(feel.SnapshotInterval)),
		fmt.Sprintf("buffer %.0f ms   others drawn %.0f ms behind", ms(feel.Buffer), ms(feel.RenderDelay)),
		fmt.Sprintf("corrections %.1f/s (largest %.1f px)", r.CorrectionsPer, feel.CorrectionMax),
		fmt.Sprintf("inputs wait %.0f ms at the host (queue %d)", ms(time.Duration(max(st.Queue-1, 0))*time.Second/sim.TickRate), st.Queue),
	}
}

// drawNetStats draws the overlay: its figures, then a graph of the last four seconds,
// one column a frame: the round trip as a line, and under it a green tick for each
// frame a snapshot arrived by and a red one for each frame that waited past two
// snapshot intervals.
func (s *playingScene) drawNetStats(screen *ebiten.Image, now time.Time) {
	feel := s.st.Feel(now)
	lines := netLines(s.st, &s.meter, feel)
	h := float32(len(lines)*netLineH + netGraphH + 28)
	vector.FillRect(screen, netX, netY, netW, h, colOverlay, false)
	y := float64(netY + 8)
	for _, l := range lines {
		drawText(screen, l, faceSmall, netX+12, y, colText, text.AlignStart)
		y += netLineH
	}
	samples := s.meter.Samples()
	top, base := float32(y+6), float32(y+6+netGraphH)
	scale := 200 * time.Millisecond // the graph's height, raised to fit the slowest round trip shown
	for _, sm := range samples {
		scale = max(scale, sm.RTT)
	}
	drawText(screen, fmt.Sprintf("%d ms", scale.Milliseconds()), faceSmall, netX+netW-10, y-2, colDim, text.AlignEnd)
	// Three paths, drawn once each: a few draw calls however many frames are shown.
	var rtt, arrived, waited vector.Path
	interval := feel.SnapshotInterval
	for i, sm := range samples {
		x := float32(netX+12) + float32(i)
		switch {
		case i > 0 && sm.Snapshots > samples[i-1].Snapshots:
			tick(&arrived, x, base, 4)
		case sm.Silence > 2*interval:
			tick(&waited, x, base, 8)
		}
		y := base - float32(sm.RTT)/float32(scale)*(base-top)
		if i == 0 {
			rtt.MoveTo(x, y)
		} else {
			rtt.LineTo(x, y)
		}
	}
	fill := func(p *vector.Path, c color.Color) {
		op := &vector.DrawPathOptions{}
		op.ColorScale.ScaleWithColor(c)
		vector.FillPath(screen, p, nil, op)
	}
	fill(&arrived, colGraphSnap)
	fill(&waited, colGraphGap)
	line := &vector.DrawPathOptions{AntiAlias: true}
	line.ColorScale.ScaleWithColor(colGraphRTT)
	vector.StrokePath(screen, &rtt, &vector.StrokeOptions{Width: 1}, line)
}

// tick adds a one-pixel column of height h standing on base at x to p.
func tick(p *vector.Path, x, base, h float32) {
	p.MoveTo(x, base)
	p.LineTo(x+1, base)
	p.LineTo(x+1, base-h)
	p.LineTo(x, base-h)
	p.Close()
}

// drawProblem says, over the arena, that the host has gone quiet, and how long the
// game will wait for it.
func (s *playingScene) drawProblem(screen *ebiten.Image, now time.Time) {
	silent, left, ok := s.st.Problem(now)
	if !ok {
		return
	}
	line := fmt.Sprintf("Connection problem — waiting for the host… %.1f s", left.Seconds())
	if left == 0 { // QUIC still hears the host, but the game has stopped coming
		line = fmt.Sprintf("Connection problem — no game from the host for %.0f s", silent.Seconds())
	}
	const w, h = 560, 64
	x, y := float32(arenaX+(sim.ArenaWidth-w)/2), float32(arenaY+sim.ArenaHeight/2-h/2)
	vector.FillRect(screen, x, y, w, h, colOverlay, false)
	vector.StrokeRect(screen, x, y, w, h, 2, colNotice, false)
	drawText(screen, line, faceBold, float64(x+w/2), float64(y+12), colNotice, text.AlignCenter)
	drawText(screen, "The game carries on by itself if the host comes back.", faceSmall, float64(x+w/2), float64(y+38), colDim, text.AlignCenter)
}

// msText is a duration in whole milliseconds, or to a tenth under ten.
func msText(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
