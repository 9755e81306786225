// Command gemrush is Gem Rush: a top-down arena where coloured discs race for gems,
// over QUIC, for friends on one network or across the internet.
//
//	gemrush                      window, at the title menu
//	gemrush -host                window, hosting at once
//	gemrush -join ADDR           window, joining ADDR at once
//	gemrush -server              host with no window
//	gemrush -bots N -join ADDR   N bot players with no window; prints a JSON report
//	gemrush -browse [-watch]     lists the games on the local network as JSON lines
//
// main reads the flags, picks the mode and wires the packages together.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	_ "net/http/pprof" // /debug/pprof/ on the -debug-addr server
	"os"
	"os/signal"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game"
	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/netsim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// version is stamped by `make build`.
var version = "dev"

type flags struct {
	host, server, verbose  bool
	lan, browse, watch     bool
	portmap                bool
	botChat                bool
	botSkill               bot.Skill
	trustNewHost           bool
	botWarmup              time.Duration
	join, name, debugAddr  string
	password               string
	netsim                 string
	port, maxPlayers, bots int
	targetScore            int
	duration               time.Duration
}

func parseFlags() flags {
	var f flags
	flag.BoolVar(&f.host, "host", false, "open the window and host a game at once, skipping the menu")
	flag.StringVar(&f.join, "join", "", "join the game at `ADDR` (host:port, [ipv6]:port, host name or invite code)")
	flag.BoolVar(&f.server, "server", false, "host with no window (no display needed); SIGINT or SIGTERM ends the game")
	flag.IntVar(&f.bots, "bots", 0, "run `N` bot players with no window against -join, then print a JSON report")
	flag.BoolVar(&f.botChat, "bot-chat", false, "with -bots: each bot says a line every couple of seconds (a load on the chat relay); quiet without it")
	flag.Var(&f.botSkill, "bot-skill", "with -bots: how well the bots play: `LEVEL` is easy, normal or hard (default normal)")
	flag.DurationVar(&f.botWarmup, "bot-warmup", 0, "with -bots: play this long before the report's figures count (part of -duration)")
	flag.DurationVar(&f.duration, "duration", 0, "with -bots: play this long, then leave and exit (0: until interrupted); with -browse: list for this long (0: 3s)")
	flag.StringVar(&f.name, "name", "", "your player name, or the game's name with -server")
	flag.IntVar(&f.port, "port", wire.DefaultPort, "host on UDP `PORT`; 0 picks a free one. Left out, a window hosts on the last port it used, and a taken port moves to a free one nearby")
	flag.IntVar(&f.maxPlayers, "max-players", 8, fmt.Sprintf("most players a hosted game takes (at most %d)", host.MostPlayers()))
	flag.IntVar(&f.targetScore, "target-score", sim.DefaultConfig().TargetScore, "a hosted game's round goes to the first to take `N` gems")
	flag.StringVar(&f.password, "password", "", "a hosted game's room password; with -join, the password to give")
	flag.StringVar(&f.debugAddr, "debug-addr", "", "serve /debug/vars and /debug/pprof/ on `HOST:PORT`")
	flag.StringVar(&f.netsim, "netsim", "", "simulate a poor network on what this process sends: `SPEC` is a preset, settings, or both\n"+netsim.Help())
	flag.BoolVar(&f.trustNewHost, "trust-new-host", false, "with -bots or -join: trust a host whose identity changed since the last game at its address (as SSH asks)")
	flag.BoolVar(&f.portmap, "portmap", true, "a hosted game asks the home router to forward its UDP port (UPnP IGD, NAT-PMP); -portmap=false leaves the router alone")
	flag.BoolVar(&f.lan, "lan", true, "find and advertise games on the local network (mDNS); -lan=false keeps a hosted game private")
	flag.BoolVar(&f.browse, "browse", false, "list the games on the local network as JSON lines, for -duration")
	flag.BoolVar(&f.watch, "watch", false, "with -browse: keep printing games added, updated and removed until interrupted")
	flag.BoolVar(&f.verbose, "v", false, "log debug detail")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Usage = usage
	flag.Parse()
	if *showVersion {
		fmt.Println("gemrush", version)
		os.Exit(0)
	}
	return f
}

// usage is what -h prints: what Gem Rush is, the ways to start it, then every flag.
func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintf(out, `Gem Rush %s: race your friends for the gems, on one network or across the internet.

Usage: gemrush [flags]

Examples:
  gemrush                              open the window at the title menu
  gemrush -host -password tea          open the window and host a game with a room password
  gemrush -join 192.168.1.20:47777     open the window and join that game
  gemrush -server -name "Friday game"  host with no window (a server or a headless machine)
  gemrush -bots 3 -join localhost      three bot players against a local game, then a JSON report
  gemrush -browse                      list the games on the local network as JSON lines

Flags:
`, version)
	flag.PrintDefaults()
}

func main() {
	f := parseFlags()
	level := slog.LevelInfo
	if f.verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, f, logger); err != nil {
		// Through slog, log.Fatal would say it at INFO level: a failure is an error.
		logger.Error("gemrush: " + err.Error())
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, f flags, logger *slog.Logger) error {
	var wrap func(net.PacketConn) net.PacketConn
	if f.netsim != "" {
		cfg, err := netsim.Parse(f.netsim)
		if err != nil {
			return err
		}
		logger.Warn("simulating a poor network on everything this process sends", "netsim", f.netsim)
		wrap = func(pc net.PacketConn) net.PacketConn { return netsim.Wrap(pc, cfg) }
	}
	var lan discovery.Service
	if f.lan {
		lan = discovery.MDNS{Logger: logger}
	}
	switch {
	case f.targetScore < 1 || f.targetScore > math.MaxUint16:
		return fmt.Errorf("-target-score takes a number of gems from 1 to %d", math.MaxUint16)
	case f.browse:
		if lan == nil {
			return errors.New("-browse lists LAN games, which -lan=false turns off")
		}
		return runBrowse(ctx, f, lan)
	case f.bots > 0:
		if f.join == "" {
			return errors.New("-bots needs -join ADDR: the game the bots should join")
		}
		return runBots(ctx, f, wrap, logger)
	case f.bots < 0:
		return errors.New("-bots takes a number of bots, 1 or more")
	case f.server:
		if f.join != "" || f.host {
			return errors.New("-server hosts by itself: it cannot be combined with -join or -host")
		}
		return runServer(ctx, f, wrap, lan, logger)
	}
	opts := game.Options{
		Host: f.host, Addr: f.join, Port: f.port, PortSet: portSet(), Name: f.name, DefaultName: defaultName(),
		Password: f.password, MaxPlayers: f.maxPlayers, TargetScore: f.targetScore, ConfigDir: configDir(), LAN: lan, Logger: logger, Version: version,
		NoPortMap: !f.portmap, TrustNewHost: f.trustNewHost,
		Network: quicnet.Network{WrapConn: wrap, CertDir: configDir(), LAN: lan, PortMap: f.portmap, Logger: logger},
	}
	return game.Run(ctx, opts, func(g *game.Game) error {
		return serveDebug(f.debugAddr, map[string]func() any{"client": g.ClientVars, "host": g.HostVars})
	})
}

func runServer(ctx context.Context, f flags, wrap func(net.PacketConn) net.PacketConn, lan discovery.Service, logger *slog.Logger) error {
	name := f.name
	if name == "" {
		name = "Gem Rush server"
	}
	// A port asked for with -port is the admin's: taken, it fails. The default one may
	// be taken by a game already running here, and moves to a free port beside it.
	s, err := host.New(host.Config{
		Addr: ":" + strconv.Itoa(f.port), NearbyPort: !portSet(), Name: name, MaxPlayers: f.maxPlayers, Password: f.password,
		TargetScore: f.targetScore, CertDir: configDir(), WrapConn: wrap, LAN: lan, Logger: logger, PortMap: f.portmap,
	})
	var taken *host.PortTakenError
	switch {
	case errors.As(err, &taken):
		return fmt.Errorf("%w: choose another with -port, or -port 0 for any free one", err)
	case err != nil:
		return err
	}
	if got := s.Addr().Port; f.port != 0 && got != f.port {
		logger.Warn(fmt.Sprintf("port %d was taken: hosting on %d", f.port, got))
	}
	if err := serveDebug(f.debugAddr, map[string]func() any{"host": func() any { return s.Vars() }}); err != nil {
		return err
	}
	logger.Info("hosting", "name", name, "port", s.Addr().Port, "join", session.JoinAddrs(s.Addr().Port),
		"invite", s.Invite(), "password", s.NeedsPassword(), "fingerprint", s.Fingerprint(), "version", version)
	err = s.Run(ctx)
	logger.Info("server stopped")
	return err
}

func runBots(ctx context.Context, f flags, wrap func(net.PacketConn) net.PacketConn, logger *slog.Logger) error {
	name := f.name
	if name == "" {
		name = "Bot"
	}
	r, err := bot.Run(ctx, bot.Config{Addr: f.join, Password: f.password, Count: f.bots, Duration: f.duration, Name: name,
		Network: quicnet.Network{WrapConn: wrap, Logger: logger}, Logger: logger, Chat: f.botChat, Skill: f.botSkill, Warmup: f.botWarmup,
		ConfigDir: configDir(), TrustNewHost: f.trustNewHost})
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

// browseLine is one line -browse prints: a game, and with -watch what happened to it.
type browseLine struct {
	Event       string   `json:"event,omitempty"`
	Name        string   `json:"name"`
	Addresses   []string `json:"addresses"`
	Port        int      `json:"port"`
	Version     int      `json:"version"`
	Players     int      `json:"players"`
	MaxPlayers  int      `json:"max_players"`
	Password    bool     `json:"password"`
	Fingerprint string   `json:"fingerprint"`
}

// browseFor is how long -browse lists games without -duration: several of the
// browser's rounds of asking (discovery.QueryEvery), so every host has answered.
const browseFor = 3 * time.Second

// runBrowse prints each game found; with -watch, every change, until interrupted.
func runBrowse(ctx context.Context, f flags, lan discovery.Service) error {
	d := f.duration
	if d == 0 && !f.watch {
		d = browseFor
	}
	if d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	out := json.NewEncoder(os.Stdout)
	emit := func(event string, g discovery.Game) error {
		l := browseLine{Name: g.Name, Port: g.Port, Version: g.Version, Players: g.Players,
			MaxPlayers: g.MaxPlayers, Password: g.Password, Fingerprint: g.Fingerprint}
		if f.watch {
			l.Event = event
		}
		for _, a := range g.Addrs {
			l.Addresses = append(l.Addresses, a.String())
		}
		return out.Encode(l)
	}
	known := map[string]discovery.Game{}
	for games := range lan.Browse(ctx) {
		now := map[string]discovery.Game{}
		for _, g := range games {
			now[g.Key()] = g
			old, ok := known[g.Key()]
			switch {
			case !ok:
				if err := emit("added", g); err != nil {
					return err
				}
			case f.watch && !reflect.DeepEqual(old, g):
				if err := emit("updated", g); err != nil {
					return err
				}
			}
		}
		for k, g := range known {
			if _, ok := now[k]; !ok && f.watch {
				if err := emit("removed", g); err != nil {
					return err
				}
			}
		}
		known = now
	}
	return nil
}

// portSet reports whether -port was given, rather than left at its default.
func portSet() bool {
	set := false
	flag.Visit(func(fl *flag.Flag) { set = set || fl.Name == "port" })
	return set
}

// defaultName is the player's name when -name is not given: their login name.
func defaultName() string {
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if n := os.Getenv(v); n != "" && n != "root" {
			return strings.ToUpper(n[:1]) + n[1:]
		}
	}
	return "" // the host names nameless players "Player N"
}

// configDir is where Gem Rush keeps its settings and the host's identity.
func configDir() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "gemrush")
}

// serveDebug publishes vars on /debug/vars and serves them with /debug/pprof/ on addr.
func serveDebug(addr string, vars map[string]func() any) error {
	if addr == "" {
		return nil
	}
	for name, f := range vars {
		expvar.Publish(name, expvar.Func(f))
	}
	expvar.Publish("goroutines", expvar.Func(func() any { return runtime.NumGoroutine() }))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("-debug-addr: %w", err)
	}
	slog.Info("debug server", "vars", "http://"+ln.Addr().String()+"/debug/vars", "pprof", "http://"+ln.Addr().String()+"/debug/pprof/")
	go http.Serve(ln, nil)
	return nil
}
