package game

import (
	"strconv"
	"time"

	"github.com/gemrush/gemrush/game/client"
)

// status is what the window shows, published each tick for /debug/vars: the tests
// (and a person troubleshooting) read the window's state there.
type status struct {
	screen       string
	fields       map[string]string // the menu's text fields as typed, by control id
	headline     string
	text         string
	next         string   // what the error screen advises, or ""
	toast        string   // the short message at the bottom of the screen, while it shows
	recent       []string // the menu's recent games as kept: "name at address"
	invite       string
	internet     string // the hosting screen's line on how the internet reaches the game
	hostPort     int
	logTail      []string
	lan          []string       // the LAN list as shown: "name players/max"
	playersDrawn int            // discs on the last frame drawn
	net          map[string]any // the net-stats overlay's figures, while playing
	netStats     bool           // the overlay is shown
	keyToMotion  int            // frames drawn from the last key press to the own disc moving
	shown        []string       // the big words over the arena on the last frame: a countdown, Go!, a banner, the table
	effects      int            // sparks and +1s playing on the last frame
	reconnect    map[string]any // while reconnecting: tries, seconds left, why
	transport    client.Transport
	host         client.Host
}

// reporter is a scene with more to say in /debug/vars than its name.
type reporter interface{ report(st *status) }

// reportMatch adds what a scene holding a match knows: the host it runs, the
// connection, and the newest chat lines.
func reportMatch(st *status, m *client.Match) {
	st.invite, st.hostPort, st.host = m.Invite(), m.HostPort(), m.Host()
	if h := m.Host(); h != nil {
		st.internet = h.Internet()
	}
	s := m.State()
	if s == nil {
		return
	}
	st.transport = s.Transport()
	for _, l := range s.Log[max(0, len(s.Log)-20):] {
		if l.Notice {
			st.logTail = append(st.logTail, l.Text)
		} else {
			st.logTail = append(st.logTail, l.Name+": "+l.Text)
		}
	}
}

// publish stores this tick's status; the debug server reads it from its goroutine.
func (g *Game) publish() {
	st := &status{screen: g.scene.screen(), lan: []string{}, netStats: g.settings.NetStats}
	if g.ticks < g.toastEnd {
		st.toast = g.toast
	}
	for _, r := range g.settings.Recent {
		st.recent = append(st.recent, r.Name+" at "+r.Addr)
	}
	for _, lg := range g.lan.games {
		st.lan = append(st.lan, lg.Name+" "+strconv.Itoa(lg.Players)+"/"+strconv.Itoa(lg.MaxPlayers))
	}
	if m, ok := g.scene.(*menuScene); ok { // what is being typed, for the typing tests
		st.fields = map[string]string{"name": m.name.String(), "address": m.address.String()}
	}
	if r, ok := g.scene.(reporter); ok {
		r.report(st)
	}
	g.status.Store(st)
}

// ClientVars is the window's state for /debug/vars: the screen it shows and, while
// connected, the connection's counters.
func (g *Game) ClientVars() any {
	st := g.status.Load()
	vars := map[string]any{}
	if st.transport != nil {
		vars = client.Vars(st.transport)
	}
	vars["screen"] = st.screen
	if st.fields != nil {
		vars["fields"] = st.fields
	}
	vars["frames_drawn"] = g.drawn.Load()
	vars["players_drawn"] = st.playersDrawn
	vars["log_tail"] = st.logTail
	vars["invite"] = st.invite
	if st.internet != "" {
		vars["internet"] = st.internet
	}
	vars["host_port"] = st.hostPort
	vars["lan_games"] = st.lan
	if st.net != nil {
		vars["net"] = st.net
	}
	vars["net_stats"] = st.netStats
	vars["key_to_motion_frames"] = st.keyToMotion
	vars["shown"] = st.shown
	vars["effects"] = st.effects
	if st.reconnect != nil {
		vars["reconnect"] = st.reconnect
	}
	vars["recent_games"] = st.recent
	if st.toast != "" {
		vars["toast"] = st.toast
	}
	if st.headline != "" {
		vars["error"] = st.headline + ": " + st.text
		vars["error_next"] = st.next
	}
	return vars
}

// HostVars is the host's state for /debug/vars, while this window hosts.
func (g *Game) HostVars() any {
	if st := g.status.Load(); st.host != nil {
		return st.host.Vars()
	}
	return nil
}

// netVars is the net-stats overlay's figures for /debug/vars, and whether the game
// says there is a connection problem.
func netVars(st *client.State, m *client.Meter, now time.Time) map[string]any {
	feel := st.Feel(now)
	r := m.Rates()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	ns := st.Stats()
	silent, left, problem := st.Problem(now)
	return map[string]any{
		"rtt_ms": ms(ns.RTT), "min_rtt_ms": ms(ns.MinRTT), "rtt_dev_ms": ms(ns.RTTDev),
		"jitter_ms": ms(feel.Jitter), "loss_up": r.LossUp, "loss_down": r.LossDown,
		"bytes_in_per_s": r.BytesInPerS, "bytes_out_per_s": r.BytesOutPerS,
		"snapshot_hz": r.SnapshotHz, "snapshot_interval_ms": ms(feel.SnapshotInterval),
		"interp_buffer_ms": ms(feel.Buffer), "render_delay_ms": ms(feel.RenderDelay),
		"corrections_per_s": r.CorrectionsPer, "correction_max_px": feel.CorrectionMax,
		"corrections": feel.Corrections,
		"silence_ms":  ms(silent), "connection_problem": problem, "gives_up_in_ms": ms(left),
		"graph_frames": m.Frames(), "input_queue": st.Queue,
	}
}
