package bot

import (
	"fmt"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// Report is what a run of bots measured, printed as one JSON line by -bots. Rates are
// means per bot; byte counts are QUIC's own, headers and all.
type Report struct {
	Bots            int     `json:"bots"`
	DurationS       float64 `json:"duration_s"`
	SnapshotsPerS   float64 `json:"snapshot_hz"` // snapshots received a second
	ChatSent        int     `json:"chat_sent"`
	ChatReceived    int     `json:"chat_received"`  // distinct lines, summed over bots
	ChatExpected    int     `json:"chat_expected"`  // lines the host's order says they should have
	ChatDuplicate   int     `json:"chat_duplicate"` // lines received more than once
	RTTp50ms        float64 `json:"rtt_ms_p50"`
	RTTp99ms        float64 `json:"rtt_ms_p99"`
	DownBytesPerS   float64 `json:"down_bytes_per_s"` // on the wire: payload, QUIC, UDP and IP headers
	UpBytesPerS     float64 `json:"up_bytes_per_s"`
	DownKbitS       float64 `json:"down_kbit_s"` // the same in kilobits a second
	UpKbitS         float64 `json:"up_kbit_s"`
	DownPacketsPerS float64 `json:"down_packets_per_s"` // packets received a second: snapshots, acknowledgements, chat

	MaxSnapshotGapMs float64 `json:"max_snapshot_gap_ms"` // the longest any bot waited between two snapshots
	InterpBufferMs   float64 `json:"interp_buffer_ms"`    // mean interpolation buffer
	RenderDelayMs    float64 `json:"render_delay_ms"`     // mean time others are drawn behind the host's present
	CorrectionsPerS  float64 `json:"corrections_per_s"`   // prediction corrections a second, per bot
	CorrectionMax    float64 `json:"correction_max"`      // the largest correction any bot saw, in pixels
	SnapshotGapP99Ms float64 `json:"snapshot_gap_ms_p99"` // between two snapshots' arrivals, over every bot
	// How the others were drawn, over the frames anyone else was: past the newest
	// snapshot (carried along their heading), and held still there (frozen); the
	// longest run of frozen frames; the largest move of anyone between two frames.
	ExtrapolatedPct float64 `json:"extrapolated_frames_pct"`
	FrozenPct       float64 `json:"frozen_frames_pct"`
	LongestFreezeMs float64 `json:"longest_freeze_ms"`
	LargestJumpPx   float64 `json:"largest_jump_px"`
	// OwnInputFrames is the most frames any new input took to move a bot's own disc
	// (1: on the frame that sampled it), over OwnInputsChecked new inputs.
	OwnInputFrames   int `json:"own_input_frames_max"`
	OwnInputsChecked int `json:"own_inputs_checked"`
	// From a bot's own chat line being sent to its echo being taken in, to the frame.
	ChatP50ms float64 `json:"chat_ms_p50"`
	ChatP99ms float64 `json:"chat_ms_p99"`

	// Joining: when the first bot's first snapshot arrived, by the wall clock in Unix
	// milliseconds (for a process outside to time its own start against), and each
	// bot's time from starting to dial to its first snapshot.
	FirstSnapshotUnixMs float64 `json:"first_snapshot_unix_ms"`
	JoinP50ms           float64 `json:"join_ms_p50"`
	JoinMaxMs           float64 `json:"join_ms_max"`

	Reconnects  int     `json:"reconnects"`    // times a bot got back in after its connection dropped
	Resumed     int     `json:"resumed"`       // times the host gave a bot its own place back: reconnecting, or run again after a crash
	ResumeP50ms float64 `json:"resume_ms_p50"` // median time from noticing a drop to being back in
	ChatLost    int     `json:"chat_lost_in_drops,omitempty"`
	ChatMissed  int     `json:"chat_missed,omitempty"` // lines relayed while a bot was away that the host no longer kept
	Migrations  uint64  `json:"migrations"`            // times a bot's connection moved to a new network path`

	Errors        int      `json:"errors"`
	ErrorMessages []string `json:"error_messages,omitempty"`
}

// Summarise adds up what each bot saw over played, the time they played. A bot should have received every line the host
// relayed from the seq its welcome named up to the newest it saw; its own lines' echoes
// (awaited in finish) make sure that range reaches the end of its stay.
func Summarise(bots []*Bot, played time.Duration) Report {
	secs := played.Seconds()
	r := Report{Bots: len(bots), DurationS: round(secs)}
	var rtts, resumes []time.Duration
	var snaps, down, up, packets, corrections float64
	var buffer, behind time.Duration
	var gaps, chats []time.Duration
	frames, others, past, held, heldMost := 0, 0, 0, 0, 0
	for _, b := range bots {
		f := b.feel
		gaps, chats = append(gaps, f.gaps...), append(chats, f.chatDelay...)
		others, past, held, heldMost = others+f.others, past+f.past, held+f.held, max(heldMost, f.heldMost)
		r.LargestJumpPx = max(r.LargestJumpPx, round(f.jumpMax))
		r.OwnInputFrames = max(r.OwnInputFrames, f.ownInput.worst)
		r.OwnInputsChecked += f.ownInput.checked
		r.MaxSnapshotGapMs = max(r.MaxSnapshotGapMs, ms(f.maxGap))
		r.CorrectionMax = max(r.CorrectionMax, round(f.correctionMax))
		corrections += float64(f.corrections)
		buffer, behind, frames = buffer+f.bufferSum, behind+f.behind, frames+f.frames
		r.ChatSent += b.chatSent
		newest := b.firstSeq - 1
		for seq, n := range b.chatSeen {
			r.ChatReceived++
			r.ChatDuplicate += n - 1
			newest = max(newest, seq)
		}
		r.ChatExpected += int(newest + 1 - b.firstSeq)
		rtts = append(rtts, b.rtts...)
		c := b.comebacks
		r.Reconnects, r.Resumed, r.ChatLost = r.Reconnects+c.reconnects, r.Resumed+c.resumed, r.ChatLost+c.chatLost
		resumes = append(resumes, c.took...)
		r.Migrations += b.migrations()
		r.ChatMissed += b.state.ChatMissed
		snaps += float64(b.played.snapshots)
		down += float64(b.played.bytesDown)
		up += float64(b.played.bytesUp)
		packets += float64(b.played.packetsDown)
		if b.err != nil {
			r.Errors++
			r.ErrorMessages = append(r.ErrorMessages, fmt.Sprintf("%s: %v", b.name, b.err))
		}
	}
	if n := float64(len(bots)); n > 0 && secs > 0 {
		r.SnapshotsPerS = round(snaps / n / secs)
		r.DownBytesPerS = round(down / n / secs)
		r.UpBytesPerS = round(up / n / secs)
		r.DownKbitS, r.UpKbitS = round(r.DownBytesPerS*8/1000), round(r.UpBytesPerS*8/1000)
		r.DownPacketsPerS = round(packets / n / secs)
		r.CorrectionsPerS = round(corrections / n / secs)
	}
	if frames > 0 {
		r.InterpBufferMs, r.RenderDelayMs = ms(buffer/time.Duration(frames)), ms(behind/time.Duration(frames))
	}
	if others > 0 {
		r.ExtrapolatedPct, r.FrozenPct = round(100*float64(past)/float64(others)), round(100*float64(held)/float64(others))
	}
	r.LongestFreezeMs = ms(time.Duration(heldMost) * time.Second / sim.TickRate)
	r.SnapshotGapP99Ms = percentile(gaps, 0.99)
	r.ChatP50ms, r.ChatP99ms = percentile(chats, 0.50), percentile(chats, 0.99)
	r.RTTp50ms, r.RTTp99ms = percentile(rtts, 0.50), percentile(rtts, 0.99)
	r.ResumeP50ms = percentile(resumes, 0.50)
	summariseJoins(&r, bots)
	return r
}

func round(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

func ms(d time.Duration) float64 { return round(float64(d.Microseconds()) / 1000) }
