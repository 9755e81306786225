// Command bench is `make bench`: it measures what Gem Rush costs and how it feels,
// and writes the report to docs/bench (README.md and PNG plots). Four sections:
//
//   - scale: gemrush -server with 8 to 128 bots (in their own processes), beside a
//     bare quic-go program sending the same datagrams, measured in the same run;
//   - feel: a few bots over a conditioned link (loss × delay), and the same game
//     carried over one TCP connection per player in JSON lines, the baseline;
//   - join: process start → first snapshot; host start → seen by -browse;
//   - go: the Go benchmarks of the rules, the wire, interpolation and prediction.
//
// The bench runs its own helpers (the bare sender, the TCP baseline) as roles of its
// own binary: `bench role NAME ARGS…`.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// roles are the bench binary's other lives, run as `bench role NAME ARGS…`: each
// file adds its own.
var roles = map[string]func(args []string) error{}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "role" {
		run, ok := roles[os.Args[2]]
		if !ok {
			log.Fatalf("bench: no role %q", os.Args[2])
		}
		if err := run(os.Args[3:]); err != nil {
			log.Fatalf("bench %s: %v", os.Args[2], err)
		}
		return
	}
	out := flag.String("out", "docs/bench", "where the report and plots go")
	only := flag.String("only", "scale,feel,join,go", "the sections to run, comma-separated")
	quick := flag.Bool("quick", false, "short runs of every section, to check the bench itself")
	from := flag.String("from", "", "measure nothing: write the report again from this results.json")
	flag.Parse()
	var err error
	if *from != "" {
		err = rewrite(*out, *from)
	} else {
		err = run(*out, strings.Split(*only, ","), *quick)
	}
	if err != nil {
		log.Fatal("bench: ", err)
	}
}

// env is what every section is given: the binaries, a scratch folder, how long to
// run.
type env struct {
	bin   string // gemrush, built for this run
	self  string // this binary, for its roles
	dir   string // scratch, removed at the end
	quick bool
}

// command is a process of the bench's: gemrush or one of its own roles, with a
// config folder of the run's own, so no person's settings or tokens are touched.
func (e *env) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, name, args...)
	c.Env = append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(e.dir, "config"), "HOME="+e.dir)
	c.WaitDelay = 5 * time.Second
	return c
}

// role is a command running one of the bench binary's roles.
func (e *env) role(ctx context.Context, name string, args ...string) *exec.Cmd {
	return e.command(ctx, e.self, append([]string{"role", name}, args...)...)
}

// say tells the person running the bench how far it has got.
func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func run(out string, sections []string, quick bool) error {
	began := time.Now()
	dir, err := os.MkdirTemp("", "gemrush-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	e := &env{bin: filepath.Join(dir, "gemrush"), self: self, dir: dir, quick: quick}
	build := exec.Command("go", "build", "-trimpath", "-o", e.bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, b)
	}
	r := &results{Machine: machine(), When: began.UTC()}
	for _, s := range sections {
		start := time.Now()
		switch s {
		case "scale":
			r.Scale, err = measureScale(e)
		case "feel":
			if r.Feel, err = measureFeel(e); err == nil {
				r.Movement, err = measureMovement(e)
			}
		case "join":
			r.Join, err = measureJoin(e)
		case "go":
			r.Go, r.GoRaw, err = goBenchmarks(e)
		default:
			err = fmt.Errorf("no section %q (scale, feel, join, go)", s)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
		say("%s done in %s", s, time.Since(start).Round(time.Second))
	}
	r.Took = time.Since(began).Round(time.Second)
	return write(out, r)
}
