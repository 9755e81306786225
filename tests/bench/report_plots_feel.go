package main

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// feelLines is one figure of the feel rows against loss, a line for each
// transport and delay: Gem Rush solid and blue, the TCP baseline dashed and orange.
// On a log scale (log > 0), a figure below log is drawn at log.
func feelLines(rows []feelRow, title, y string, log float64, figure func(feelRow) float64) (*plot.Plot, error) {
	p := newPlot(title, "loss each way (%)", y)
	if log > 0 {
		logY(p)
		unclamped := figure
		figure = func(f feelRow) float64 { return max(unclamped(f), log) }
	}
	rows = byCondition(rows)
	delays := slices.Sorted(slices.Values(distinct(rows, func(f feelRow) time.Duration { return f.Delay })))
	p.X.Tick.Marker = ticksAt(mapRows(rows, func(f feelRow) float64 { return f.Loss * 100 }),
		func(v float64) string { return lossName(v / 100) })
	for _, transport := range transports(rows) {
		for i, delay := range delays {
			var xys plotter.XYs
			for _, f := range rows {
				if f.Transport == transport && f.Delay == delay {
					xys = append(xys, plotter.XY{X: f.Loss * 100, Y: figure(f)})
				}
			}
			if len(xys) == 0 {
				continue
			}
			col, dashed, glyph := look(transport, i)
			if err := series(p, fmt.Sprintf("%s, %s delay", shortName(transport), delayName(delay)), xys, col, dashed, glyph); err != nil {
				return nil, err
			}
		}
	}
	headroom(p)
	return p, nil
}

// feelDown is the downlink per player on the wire under each condition, a bar for
// each transport, with the targets for a clean and a struggling link.
func feelDown(rows []feelRow) (*plot.Plot, error) {
	p := newPlot("Downlink per player, on the wire", "condition: loss each way, one-way delay", "downlink per player (kbit/s)")
	rows = byCondition(rows)
	type condition struct {
		loss  float64
		delay time.Duration
	}
	conds := distinct(rows, func(f feelRow) condition { return condition{f.Loss, f.Delay} })
	names := make([]string, len(conds))
	for i, c := range conds {
		names[i] = lossName(c.loss) + "\n" + delayName(c.delay)
	}
	ts := transports(rows)
	width := min(vg.Points(22), vg.Points(480)/vg.Length(len(conds)*len(ts)))
	for k, transport := range ts {
		vs := make(plotter.Values, len(conds))
		for i, c := range conds {
			if j := slices.IndexFunc(rows, func(f feelRow) bool { return f.Transport == transport && f.Loss == c.loss && f.Delay == c.delay }); j >= 0 {
				vs[i] = rows[j].DownKbitS
			}
		}
		b, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return nil, err
		}
		col, _, _ := look(transport, 1)
		b.Color, b.LineStyle.Width = col, 0
		b.Offset = vg.Length(float64(k)-float64(len(ts)-1)/2) * width
		p.Add(b)
		p.Legend.Add(shortName(transport), b)
	}
	x0, x1 := -0.5, float64(len(conds))-0.5
	if err := level(p, fmt.Sprintf("target, clean link: ≤ %.0f kbit/s", downCleanMax), downCleanMax, x0, x1, cleanTarget); err != nil {
		return nil, err
	}
	if err := level(p, fmt.Sprintf("target at %s loss: ≤ %.0f kbit/s", lossName(struggleLoss), downStruggleMax), downStruggleMax, x0, x1, struggleTarget); err != nil {
		return nil, err
	}
	p.NominalX(names...)
	headroom(p)
	return p, nil
}

// transports is the transports rows have, Gem Rush first.
func transports(rows []feelRow) []string {
	ts := distinct(rows, func(f feelRow) string { return f.Transport })
	slices.SortStableFunc(ts, func(a, b string) int { return cmp.Compare(transportRank(a), transportRank(b)) })
	return ts
}

// distinct is the different keys of rows, in the order they first come.
func distinct[K comparable](rows []feelRow, key func(feelRow) K) []K {
	var ks []K
	for _, f := range rows {
		if k := key(f); !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	return ks
}

func mapRows(rows []feelRow, v func(feelRow) float64) []float64 {
	vs := make([]float64, len(rows))
	for i, f := range rows {
		vs[i] = v(f)
	}
	return vs
}
