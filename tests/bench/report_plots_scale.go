package main

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// scaleCPU is the host's CPU per player-tick against players, beside the floor's:
// how close Gem Rush sits to the transport it rides on.
func scaleCPU(rows []scaleRow) (*plot.Plot, error) {
	p := scalePlot(rows, "Host CPU per player per tick", "CPU per player-tick (µs)")
	host, floor := make(plotter.XYs, 0, len(rows)), make(plotter.XYs, 0, len(rows))
	for _, r := range rows {
		host = append(host, plotter.XY{X: float64(r.Players), Y: r.PerPlayerTickUs})
		if r.FloorPerPlayerTickUs > 0 {
			floor = append(floor, plotter.XY{X: float64(r.Players), Y: r.FloorPerPlayerTickUs})
		}
	}
	col, dashed, glyph := look(quicName, 1)
	if err := series(p, "gemrush -server", host, col, dashed, glyph); err != nil {
		return nil, err
	}
	if len(floor) > 0 {
		if err := series(p, "bare quic-go sender (floor)", floor, targetGrey, false, draw.SquareGlyph{}); err != nil {
			return nil, err
		}
		most := make(plotter.XYs, len(floor))
		for i, f := range floor {
			most[i] = plotter.XY{X: f.X, Y: f.Y * floorRatioMax}
		}
		if err := targetLine(p, fmt.Sprintf("target: ≤ %.2f× the floor", floorRatioMax), most, cleanTarget); err != nil {
			return nil, err
		}
	}
	headroom(p)
	return p, nil
}

// scaleTick is the host's tick p50 and p99 against players, under the p99 target.
func scaleTick(rows []scaleRow) (*plot.Plot, error) {
	p := scalePlot(rows, "Host tick time", "tick (ms)")
	p50, p99 := make(plotter.XYs, len(rows)), make(plotter.XYs, len(rows))
	for i, r := range rows {
		p50[i] = plotter.XY{X: float64(r.Players), Y: r.TickP50ms}
		p99[i] = plotter.XY{X: float64(r.Players), Y: r.TickP99ms}
	}
	for i, s := range []struct {
		label string
		xys   plotter.XYs
	}{{"tick p50", p50}, {"tick p99", p99}} {
		col, dashed, glyph := look(quicName, 2*i)
		if err := series(p, s.label, s.xys, col, dashed, glyph); err != nil {
			return nil, err
		}
	}
	if err := level(p, fmt.Sprintf("target: p99 ≤ %.0f ms at %d players", tickP99MaxMs, tickPlayers),
		tickP99MaxMs, p50[0].X, p50[len(p50)-1].X, targetGrey); err != nil {
		return nil, err
	}
	headroom(p)
	return p, nil
}

// scalePlot is a plot against players, on a doubling scale marked at each number
// of players measured.
func scalePlot(rows []scaleRow, title, y string) *plot.Plot {
	p := newPlot(title, "players (bots, log scale)", y)
	players := make([]float64, len(rows))
	for i, r := range rows {
		players[i] = float64(r.Players)
	}
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = ticksAt(players, func(v float64) string { return fmt.Sprint(v) })
	return p
}
