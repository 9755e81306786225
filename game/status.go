package game

import (
	"strconv"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
)

// status is what the window shows, published each tick for /debug/vars: the tests
// (and a person troubleshooting) read the window's state there.
type status struct {
	screen   string
	headline string
	text     string
	invite   string
	hostPort int
	logTail  []string
	lan      []string // the LAN list as shown: "name players/max"
	conn     *client.Conn
	server   *host.Server
}

// publish stores this tick's status; the debug server reads it from its goroutine.
func (g *Game) publish() {
	st := &status{screen: sceneNames[g.scene], lan: []string{}}
	for _, lg := range g.lanGames {
		st.lan = append(st.lan, lg.Name+" "+strconv.Itoa(lg.Players)+"/"+strconv.Itoa(lg.MaxPlayers))
	}
	if g.scene == sceneError || g.scene == scenePassword {
		st.headline, st.text = g.errHeadline, g.errText
	}
	if m := g.m; m != nil {
		st.invite, st.hostPort, st.conn, st.server = m.invite, m.hostPort(), m.conn, m.server
		if m.view != nil {
			for _, l := range m.view.Log[max(0, len(m.view.Log)-20):] {
				if l.Notice {
					st.logTail = append(st.logTail, l.Text)
				} else {
					st.logTail = append(st.logTail, l.Name+": "+l.Text)
				}
			}
		}
	}
	g.status.Store(st)
}

// ClientVars is the window's state for /debug/vars: the screen it shows and, while
// connected, the connection's counters.
func (g *Game) ClientVars() any {
	st := g.status.Load()
	vars := map[string]any{}
	if st.conn != nil {
		vars = st.conn.Vars()
	}
	vars["screen"] = st.screen
	vars["players_drawn"] = g.drawn.Load()
	vars["log_tail"] = st.logTail
	vars["invite"] = st.invite
	vars["host_port"] = st.hostPort
	vars["lan_games"] = st.lan
	if st.headline != "" {
		vars["error"] = st.headline + ": " + st.text
	}
	return vars
}

// HostVars is the host's state for /debug/vars, while this window hosts.
func (g *Game) HostVars() any {
	if st := g.status.Load(); st.server != nil {
		return st.server.Vars()
	}
	return nil
}
