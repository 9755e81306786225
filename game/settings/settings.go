// Package settings keeps what Gem Rush remembers between runs: the player's name and
// colour, the last servers joined, the window's size, the last hosting port and how
// loud the sound is. They live in settings.json in the user config directory. A file
// that cannot be read is reported once and replaced by defaults: a broken settings
// file never stops a game.
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

const (
	fileName  = "settings.json"
	maxRecent = 5
)

// Settings is what is remembered.
type Settings struct {
	Name         string       `json:"name"`
	Colour       int          `json:"colour"`
	Recent       []RecentGame `json:"recent_servers"` // most recent first, one per host
	WindowWidth  int          `json:"window_width"`
	WindowHeight int          `json:"window_height"`
	Port         int          `json:"last_port"`
	NetStats     bool         `json:"net_stats"` // the net-stats overlay is shown in game
	// LeaveRouterAlone: a hosted game does not ask the home router to forward its port.
	LeaveRouterAlone bool `json:"leave_router_alone"`
	Volume           int  `json:"volume"` // the effects' loudness, 0 to MaxVolume
	Mute             bool `json:"mute"`   // no sound at all, whatever Volume says (M in game)
	// BotSkill is the skill of the bots a hosting player adds from the in-game menu,
	// as -bot-skill names it ("easy", "normal", "hard"); empty is normal.
	BotSkill string `json:"bot_skill,omitempty"`
}

// RecentGame is a game joined lately: where, what it is called, and which host it
// is. One host reached three ways (127.0.0.1, localhost, [::1]) is one game: entries
// are kept one per host identity, the newest address replacing the older.
type RecentGame struct {
	Addr        string `json:"addr"`                  // as dialled
	Name        string `json:"name,omitempty"`        // the game's name, from the host's welcome
	Fingerprint string `json:"fingerprint,omitempty"` // the host's certificate, as known hosts keep it
}

// UnmarshalJSON reads an entry, or a bare address as older releases wrote them.
func (r *RecentGame) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		*r = RecentGame{}
		return json.Unmarshal(data, &r.Addr)
	}
	type entry RecentGame // without this method
	return json.Unmarshal(data, (*entry)(r))
}

// sameHost reports whether r and o are one entry: one host identity on one port, or
// one address (where another host answers now, or an entry was kept before
// identities were). The port counts: every game hosted on one machine shows that
// machine's certificate, and a second game there is on another port.
func (r RecentGame) sameHost(o RecentGame) bool {
	return r.Addr == o.Addr || r.Fingerprint != "" && r.Fingerprint == o.Fingerprint && portOf(r.Addr) == portOf(o.Addr)
}

// portOf is the port addr is dialled at: the one it names, or the default.
func portOf(addr string) string {
	if _, port, err := net.SplitHostPort(addr); err == nil {
		return port
	}
	return strconv.Itoa(wire.DefaultPort)
}

// MaxVolume is the loudest Volume: the effects as they were made.
const MaxVolume = 100

// Defaults are the settings of a first run.
func Defaults() Settings {
	return Settings{Colour: 0, WindowWidth: 1280, WindowHeight: 720, Port: wire.DefaultPort, Volume: 70}
}

// Load reads the settings from dir. A missing file gives the defaults silently; an
// unreadable or corrupt one gives the defaults and one log line saying so.
func Load(dir string, log *slog.Logger) Settings {
	path := filepath.Join(dir, fileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Defaults()
	}
	var s Settings
	if err == nil {
		s, err = parse(data)
	}
	if err != nil {
		log.Warn("settings file is unreadable; using defaults (it will be rewritten)", "path", path, "err", err)
		return Defaults()
	}
	// Entries kept as bare addresses learn their host from known hosts, so that one
	// host kept under several addresses becomes one entry.
	for i, r := range s.Recent {
		if r.Fingerprint == "" {
			s.Recent[i].Fingerprint, _ = KnownHostAt(dir, r.Addr)
		}
	}
	return s.sane()
}

// parse reads a settings file's bytes: what it does not say is the default, and
// every field is put back in range.
func parse(data []byte) (Settings, error) {
	s := Defaults()
	if err := json.Unmarshal(data, &s); err != nil {
		return Defaults(), err
	}
	return s.sane(), nil
}

// sane puts every field back in range, so a hand-edited file cannot break the game.
func (s Settings) sane() Settings {
	d := Defaults()
	if s.Colour < 0 || s.Colour >= sim.Colours {
		s.Colour = d.Colour
	}
	if s.WindowWidth < 320 || s.WindowHeight < 180 || s.WindowWidth > 8192 || s.WindowHeight > 8192 {
		s.WindowWidth, s.WindowHeight = d.WindowWidth, d.WindowHeight
	}
	if s.Port < 0 || s.Port > 65535 {
		s.Port = d.Port
	}
	if s.Volume < 0 || s.Volume > MaxVolume {
		s.Volume = d.Volume
	}
	s.Name = strings.TrimSpace(strings.ToValidUTF8(s.Name, ""))
	if r := []rune(s.Name); len(r) > sim.MaxNameRunes {
		s.Name = strings.TrimSpace(string(r[:sim.MaxNameRunes]))
	}
	recent := []RecentGame{}
	for _, r := range s.Recent {
		r.Addr, r.Name = strings.TrimSpace(r.Addr), strings.TrimSpace(strings.ToValidUTF8(r.Name, ""))
		if r.Addr != "" && !slices.ContainsFunc(recent, r.sameHost) && len(recent) < maxRecent {
			recent = append(recent, r)
		}
	}
	s.Recent = recent
	return s
}

// Save writes the settings to dir, replacing the file in one step so that a crash
// mid-write leaves the old file, not half a new one.
func (s Settings) Save(dir string) error {
	data, err := json.MarshalIndent(s.sane(), "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile(dir, fileName, data); err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	return nil
}

// writeFile replaces dir/name with data in one step, so that a crash mid-write leaves
// the old file, not half a new one. The file is readable only by the user.
func writeFile(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, name+".*") // mode 0600
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// AddRecent puts g at the top of the recent games, in place of any entry for the
// same host, keeping the last five.
func (s *Settings) AddRecent(g RecentGame) {
	g.Addr = strings.TrimSpace(g.Addr)
	if g.Addr == "" {
		return
	}
	s.Recent = append([]RecentGame{g}, slices.DeleteFunc(s.Recent, g.sameHost)...)
	if len(s.Recent) > maxRecent {
		s.Recent = s.Recent[:maxRecent]
	}
}

// InRecent reports whether addr is among the recent games: one the player can join
// again from the menu.
func (s *Settings) InRecent(addr string) bool {
	return slices.ContainsFunc(s.Recent, func(r RecentGame) bool { return r.Addr == strings.TrimSpace(addr) })
}
