package bot

import (
	"time"

	"github.com/gemrush/gemrush/game/client"
)

// feelCounts is how the game felt to a bot while it played, sampled each frame: how
// far apart snapshots came, how far behind the others were drawn, how often its own
// predicted disc was corrected.
type feelCounts struct {
	frames            int
	bufferSum, behind time.Duration // summed over frames
	lastAt            time.Time     // when the newest snapshot seen arrived
	maxGap            time.Duration // the longest wait between two snapshots
	corrections0      uint64        // corrections counted before play began
	corrections       uint64        // during play (set by End)
	correctionMax     float64       // pixels, of the corrections during play
	seen              uint64        // corrections counted by the last frame
}

// sample takes one frame's figures from st at now. The buffer and render delay are
// measured once the first snapshots have set them.
func (f *feelCounts) sample(st *client.State, now time.Time) {
	if st.At.After(f.lastAt) {
		if !f.lastAt.IsZero() {
			f.maxGap = max(f.maxGap, st.At.Sub(f.lastAt))
		}
		f.lastAt = st.At
	}
	feel := st.Feel(now)
	if feel.Buffer > 0 && feel.RenderDelay > 0 {
		f.frames++
		f.bufferSum += feel.Buffer
		f.behind += feel.RenderDelay
	}
	if feel.Corrections > f.seen { // a correction since the last frame: the newest is the one
		f.correctionMax = max(f.correctionMax, feel.LastCorrection)
	}
	f.seen = feel.Corrections
}
