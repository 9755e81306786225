package main

import (
	"time"

	"github.com/gemrush/gemrush/game/bot"
)

// fabricated is a run of every section with plausible figures, some targets met
// and some not, for the report's tests.
func fabricated() *results {
	r := &results{
		Machine: "AMD EPYC, 2 cores, linux/amd64, go1.26.8, kernel 6.18.44, 23.5 GB memory",
		When:    time.Date(2026, 3, 14, 9, 26, 0, 0, time.UTC),
		Took:    9*time.Minute + 12*time.Second,
	}
	for i, n := range scalePlayers {
		cpu := []float64{4.8, 8.6, 16, 30, 56}[i]
		floor := []float64{55, 48, 42, 38, 35}[i]
		snapshot := []float64{64, 112, 208, 400, 784}[i]
		r.Scale = append(r.Scale, scaleRow{
			Players: n, TickP50ms: []float64{0.21, 0.3, 0.52, 0.94, 1.62}[i], TickP99ms: []float64{0.61, 0.83, 1.24, 1.91, 2.77}[i],
			CPUPct: cpu, PerPlayerTickUs: cpu / 100 * 1e6 / (60 * float64(n)), RSSMB: 24 + 0.3*float64(n),
			SnapshotBytes: snapshot, InputBytes: 31, InputHz: 60,
			Bots:        bot.Report{Bots: n, DownKbitS: (snapshot + 22) * 60 * 8 / 1000 * 0.94, UpKbitS: 25.4},
			FloorCPUPct: floor * 60 * float64(n) / 1e4, FloorPerPlayerTickUs: floor,
		})
	}
	for _, loss := range []float64{0, 0.02, 0.05} {
		for _, delay := range []time.Duration{20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond} {
			d := float64(delay.Milliseconds())
			quic := bot.Report{
				Bots: 8, OwnInputFrames: 1, OwnInputsChecked: 4200, RenderDelayMs: 50 + d,
				SnapshotGapP99Ms: 17.5 + 340*loss, LongestFreezeMs: 330 * loss * d / 100, LargestJumpPx: 4 + 60*loss,
				ExtrapolatedPct: 100 * loss, ChatP50ms: 2*d + 3, ChatP99ms: 2*d + 8 + 2000*loss*d/100,
			}
			if loss == 0.05 && delay == 100*time.Millisecond {
				quic.FrozenPct = 0.4
			}
			tcp := bot.Report{
				Bots: 8, OwnInputFrames: int(2*d/16.7) + 2, OwnInputsChecked: 4100, RenderDelayMs: d + 9 + 1500*loss,
				FrozenPct: 2 + 300*loss, SnapshotGapP99Ms: 18 + 8000*loss + 3*d*loss*20, LongestFreezeMs: 16.7 + 16000*loss*(1+d/100),
				LargestJumpPx: 3 + 1400*loss, ChatP50ms: 2*d + 2, ChatP99ms: 2*d + 40 + 14000*loss,
			}
			r.Feel = append(r.Feel,
				feelRow{Transport: quicName, Loss: loss, Delay: delay, Bots: quic, DownKbitS: 41.3 - 360*loss, UpKbitS: 26.8},
				feelRow{Transport: tcpName, Loss: loss, Delay: delay, Bots: tcp, DownKbitS: 96.5 + 120*loss, UpKbitS: 61.2})
		}
	}
	r.Movement = []feelRow{
		{Transport: quicName, Loss: 0, Delay: 20 * time.Millisecond, Bots: bot.Report{Bots: 8, SnapshotsPerS: 60, SnapshotGapP99Ms: 17.6}, DownKbitS: 44.1, UpKbitS: 43.0},
		{Transport: quicName, Loss: 0.05, Delay: 50 * time.Millisecond, Bots: bot.Report{Bots: 8, SnapshotsPerS: 19, SnapshotGapP99Ms: 101}, DownKbitS: 22.8, UpKbitS: 21.5},
	}
	ms := func(vs ...float64) []time.Duration {
		ds := make([]time.Duration, len(vs))
		for i, v := range vs {
			ds[i] = time.Duration(v * float64(time.Millisecond))
		}
		return ds
	}
	r.Join = &joinRow{
		StartToSnapshot: ms(212.4, 198.1, 240.9, 205.5, 201.2),
		JoinToSnapshot:  ms(6.2, 5.8, 9.4, 6.0, 7.1),
		HostToBrowse:    ms(420.5, 388.2, 1012.7),
	}
	r.Go = []goBench{
		{Pkg: "github.com/gemrush/gemrush/game/sim", Name: "Step/players=64", Runs: 6, NsPerOp: 18234, BytesPerOp: 0, AllocsPerOp: 0},
		{Pkg: "github.com/gemrush/gemrush/net/wire", Name: "SnapshotAppend/players=32", Runs: 6, NsPerOp: 412.5, BytesPerOp: 0, AllocsPerOp: 0},
		{Pkg: "github.com/gemrush/gemrush/net/wire", Name: "ParseSnapshot/players=32", Runs: 6, NsPerOp: 655, BytesPerOp: 1536, AllocsPerOp: 1},
		{Pkg: "github.com/gemrush/gemrush/game/client", Name: "Interpolate", Runs: 6, NsPerOp: 38.27, BytesPerOp: 0, AllocsPerOp: 0},
	}
	r.GoRaw = "goos: linux\ngoarch: amd64\npkg: github.com/gemrush/gemrush/game/sim\n" +
		"BenchmarkStep/players=64-2   \t   65802\t     18234 ns/op\t       0 B/op\t       0 allocs/op\nPASS\n"
	return r
}
