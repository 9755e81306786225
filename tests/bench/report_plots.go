package main

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The plots' size in pixels: readable in a README at its own size.
const (
	plotWidthPx, plotHeightPx = 800, 500
	plotDPI                   = 96
)

// drawPlots draws the plots of the sections r has into out, and says which
// section each belongs under.
func drawPlots(out string, r *results) (map[string][]figure, error) {
	type drawing struct {
		section, file, title string
		draw                 func() (*plot.Plot, error)
	}
	var ds []drawing
	if len(r.Scale) > 0 {
		ds = append(ds,
			drawing{"scale", "scale_cpu.png", "Host CPU per player-tick beside the bare quic-go floor", func() (*plot.Plot, error) { return scaleCPU(r.Scale) }},
			drawing{"scale", "scale_tick.png", "Host tick time", func() (*plot.Plot, error) { return scaleTick(r.Scale) }})
	}
	if len(r.Feel) > 0 {
		ds = append(ds,
			drawing{"feel", "feel_gap.png", "Snapshot gap p99 under loss", func() (*plot.Plot, error) {
				return feelLines(r.Feel, "Snapshot gap p99 under loss", "snapshot gap p99 (ms, log scale)", 1,
					func(f feelRow) float64 { return f.Bots.SnapshotGapP99Ms })
			}},
			drawing{"feel", "feel_freeze.png", "Longest freeze under loss", func() (*plot.Plot, error) {
				return feelLines(r.Feel, "Longest freeze under loss", "longest freeze (ms, log scale)", 1,
					func(f feelRow) float64 { return f.Bots.LongestFreezeMs })
			}},
			drawing{"feel", "feel_frozen.png", "Frozen frames under loss", func() (*plot.Plot, error) {
				return feelLines(r.Feel, "Frozen frames under loss", "frames drawing someone frozen (%)", 0,
					func(f feelRow) float64 { return f.Bots.FrozenPct })
			}},
			drawing{"feel", "feel_down.png", "Downlink per player", func() (*plot.Plot, error) { return feelDown(r.Feel) }})
	}
	figs := map[string][]figure{}
	for _, d := range ds {
		p, err := d.draw()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.file, err)
		}
		if err := savePNG(p, filepath.Join(out, d.file)); err != nil {
			return nil, fmt.Errorf("%s: %w", d.file, err)
		}
		figs[d.section] = append(figs[d.section], figure{d.file, d.title})
	}
	return figs, nil
}

// newPlot is a plot with the report's look: a title, labelled axes, a grid, the
// legend at the top left.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(15)
	p.Title.Padding = vg.Points(8)
	p.X.Label.Text, p.Y.Label.Text = x, y
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.Padding = vg.Points(4)
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.Legend.TextStyle.Font,
		&p.X.Label.TextStyle.Font, &p.X.Tick.Label.Font, &p.Y.Label.TextStyle.Font, &p.Y.Tick.Label.Font} {
		f.Variant = "Sans"
	}
	p.Add(plotter.NewGrid())
	return p
}

// logY puts the y axis on a logarithmic scale, marked at 1, 2 and 5 of each
// power of ten, for figures that span a few of them: Gem Rush's and the TCP
// baseline's stalls in one plot.
func logY(p *plot.Plot) {
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ts []plot.Tick
		for d := math.Pow10(int(math.Floor(math.Log10(lo)))); d <= hi; d *= 10 {
			for i := 1; i < 10; i++ {
				if v := float64(i) * d; v >= lo && v <= hi {
					t := plot.Tick{Value: v}
					if i == 1 || i == 2 || i == 5 {
						t.Label = strconv.FormatFloat(v, 'f', -1, 64)
					}
					ts = append(ts, t)
				}
			}
		}
		return ts
	})
}

// headroom starts the y axis at 0 and leaves room above the data for the legend.
// On a log scale, where the axis cannot start at 0, it leaves a little room each
// side: the figures there start low, at no loss, and the legend has the top left.
func headroom(p *plot.Plot) {
	if _, log := p.Y.Scale.(plot.LogScale); log {
		p.Y.Min, p.Y.Max = p.Y.Min/1.3, p.Y.Max*2
		return
	}
	p.Y.Min = 0
	p.Y.Max = max(p.Y.Max*1.4, 1)
}

func savePNG(p *plot.Plot, file string) error {
	px := func(n int) vg.Length { return vg.Length(n) * vg.Inch / plotDPI }
	c := vgimg.NewWith(vgimg.UseWH(px(plotWidthPx), px(plotHeightPx)), vgimg.UseDPI(plotDPI))
	p.Draw(draw.New(c))
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// series is one line of a plot, styled: solid for Gem Rush, dashed for the TCP
// baseline.
func series(p *plot.Plot, label string, xys plotter.XYs, col color.Color, dashed bool, glyph draw.GlyphDrawer) error {
	l, s, err := plotter.NewLinePoints(xys)
	if err != nil {
		return err
	}
	l.Color, l.Width = col, vg.Points(2)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(7), vg.Points(4)}
	}
	s.Color, s.Shape, s.Radius = col, glyph, vg.Points(3.5)
	p.Add(l, s)
	p.Legend.Add(label, l, s)
	return nil
}

// targetLine is a dashed line through xys: a target the figures are held to.
func targetLine(p *plot.Plot, label string, xys plotter.XYs, col color.Color) error {
	l, err := plotter.NewLine(xys)
	if err != nil {
		return err
	}
	l.Color, l.Width, l.Dashes = col, vg.Points(1.5), []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(l)
	p.Legend.Add(label, l)
	return nil
}

// level is a target at y from x0 to x1.
func level(p *plot.Plot, label string, y, x0, x1 float64, col color.Color) error {
	return targetLine(p, label, plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}}, col)
}

// The colours of the report: blues for Gem Rush, oranges for the TCP baseline,
// darker for a longer delay; grey, green and purple for targets.
var (
	quicColours    = []color.Color{rgb(0x6b, 0xae, 0xd6), rgb(0x21, 0x71, 0xb5), rgb(0x08, 0x30, 0x6b)}
	tcpColours     = []color.Color{rgb(0xfd, 0x8d, 0x3c), rgb(0xd9, 0x48, 0x01), rgb(0x7f, 0x27, 0x04)}
	targetGrey     = rgb(0x55, 0x55, 0x55)
	cleanTarget    = rgb(0x2c, 0xa0, 0x2c)
	struggleTarget = rgb(0x7b, 0x32, 0x94)
)

func rgb(r, g, b uint8) color.Color { return color.RGBA{r, g, b, 0xff} }

// shortName is a transport's name in a legend.
func shortName(transport string) string {
	switch transport {
	case quicName:
		return "QUIC"
	case tcpName:
		return "TCP"
	}
	return transport
}

// look is how a transport's lines are drawn, the ith shade of its colours.
func look(transport string, i int) (col color.Color, dashed bool, glyph draw.GlyphDrawer) {
	if transport == tcpName {
		return tcpColours[i%len(tcpColours)], true, draw.TriangleGlyph{}
	}
	return quicColours[i%len(quicColours)], false, draw.CircleGlyph{}
}

// ticksAt marks the x axis at exactly the values measured.
func ticksAt(vs []float64, label func(float64) string) plot.ConstantTicks {
	var ts plot.ConstantTicks
	for _, v := range slices.Compact(slices.Sorted(slices.Values(vs))) {
		ts = append(ts, plot.Tick{Value: v, Label: label(v)})
	}
	return ts
}
