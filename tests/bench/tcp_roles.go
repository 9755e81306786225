package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/gemrush/gemrush/game/bot"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/tests/bench/tcpgame"
)

// The TCP baseline as processes, the way the feel section runs Gem Rush: tcp-host is
// the game's host on TCP, tcp-bots its bots, printing the same report as -bots.
func init() {
	roles["tcp-host"] = tcpHost
	roles["tcp-bots"] = tcpBots
}

// quietLog is the roles' logger: warnings and worse, to stderr.
var quietLog = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

// tcpHost listens, prints "port=P", hosts until stopped, then prints what the kernel
// said of its connections as one JSON line (tcpgame.Kernel).
func tcpHost(args []string) error {
	fs := flag.NewFlagSet("tcp-host", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "where to listen")
	players := fs.Int("max-players", 8, "most players the game takes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Printf("port=%d\n", ln.Addr().(*net.TCPAddr).Port)
	ctx, stop := untilSignalled()
	defer stop()
	s := tcpgame.NewServer(ln, host.Config{Name: "Gem Rush on TCP", MaxPlayers: *players, Logger: quietLog})
	if err := s.Run(ctx); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(s.Kernel.Sum())
}

// tcpBots runs bots against a tcp-host and prints their report as -bots does.
func tcpBots(args []string) error {
	fs := flag.NewFlagSet("tcp-bots", flag.ContinueOnError)
	join := fs.String("join", "", "the tcp-host's address")
	count := fs.Int("bots", 4, "bots")
	duration := fs.Duration("duration", 10*time.Second, "how long they play, warm-up included")
	warmup := fs.Duration("warmup", 0, "how long they play before their figures count")
	chat := fs.Bool("chat", false, "each bot says a line every couple of seconds")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := untilSignalled()
	defer stop()
	r, err := bot.Run(ctx, bot.Config{Addr: *join, Count: *count, Duration: *duration, Warmup: *warmup, Chat: *chat,
		Network: tcpgame.Network{}, Logger: quietLog})
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}
