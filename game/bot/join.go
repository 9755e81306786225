package bot

import (
	"context"
	"time"

	"github.com/gemrush/gemrush/game/sim"
)

// firstSnapshotWait bounds how long a bot that has joined waits for its first
// snapshot before play begins. The host sends one within a tick of its welcome, so
// this is many lost in a row; a host that sends none at all is play's business, whose
// silence timeout ends the connection.
const firstSnapshotWait = time.Second

// joinTimes is how long a bot took to join: from its Match starting to dial to the
// arrival of the first snapshot its State took in. dialled is zero for a bot not
// joined by Run.
type joinTimes struct {
	dialled, firstSnapshot time.Time
}

// took is the time from dialling to the first snapshot, and whether both are known.
func (j joinTimes) took() (time.Duration, bool) {
	if j.dialled.IsZero() || j.firstSnapshot.IsZero() {
		return 0, false
	}
	return j.firstSnapshot.Sub(j.dialled), true
}

// noteSnapshot keeps when the first snapshot arrived, once the State has taken one
// in. State.At is the arrival of the newest taken in: only when the State is
// stepped as each one comes (standBy) is that the first.
func (b *Bot) noteSnapshot() {
	if b.join.firstSnapshot.IsZero() {
		b.join.firstSnapshot = b.state.At
	}
}

// standBy runs a bot that has joined but does not play yet, until ctx ends (play
// begins, or Run gives up). It takes in what arrives as it arrives, and calls first
// once its first snapshot has come (or firstSnapshotWait has passed, or the connection
// has ended). Run gives each bot a goroutine of its own for this while the next bots
// join: a bot that first looked when play began would find the snapshots of the
// others' joins queued, and time its join by the newest. Meanwhile it stands still
// and says so every tick, as a game does from its first frame: joining a hundred
// bots takes longer than the host waits for a player who sends no moves.
func (b *Bot) standBy(ctx context.Context, first func()) {
	timeout := time.NewTimer(firstSnapshotWait)
	defer timeout.Stop()
	tick := time.NewTicker(time.Second / sim.TickRate)
	defer tick.Stop()
	told := false
	tell := func() {
		if !told {
			told = true
			first()
		}
	}
	defer tell()
	for {
		select {
		case <-b.state.Arrived():
			b.now = time.Now() // chat taken in now is timed by this
			if b.state.Step(b.now) != nil {
				return // the State keeps the error: play's first Step comes back or says why
			}
			if b.noteSnapshot(); !b.join.firstSnapshot.IsZero() {
				tell()
			}
		case now := <-tick.C:
			b.now = now
			if b.state.Step(now) != nil {
				return
			}
			if b.noteSnapshot(); !b.join.firstSnapshot.IsZero() {
				tell()
			}
			b.state.Input(sim.Input{}, now)
		case <-timeout.C:
			tell()
		case <-ctx.Done():
			return
		}
	}
}

// summariseJoins fills in r's join figures from bots: the wall-clock arrival of the
// first bot's first snapshot, for a process outside to time its own start against,
// and each bot's dial to first snapshot.
func summariseJoins(r *Report, bots []*Bot) {
	var took []time.Duration
	for _, b := range bots {
		if d, ok := b.join.took(); ok {
			took = append(took, d)
		}
	}
	if len(bots) > 0 && !bots[0].join.firstSnapshot.IsZero() {
		r.FirstSnapshotUnixMs = float64(bots[0].join.firstSnapshot.UnixMicro()) / 1000
	}
	r.JoinP50ms, r.JoinMaxMs = percentile(took, 0.50), percentile(took, 1)
}
