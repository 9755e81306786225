package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"
)

// The LAN of the join section: two network namespaces joined by a veth pair, on a
// documentation subnet, since mDNS needs multicast and loopback carries none.
// Nothing sent in them leaves them.
const (
	lanHostAddr   = "192.0.2.1/24"
	lanBrowseAddr = "192.0.2.2/24"
	// ipLimit bounds each ip command; it does its work in milliseconds.
	ipLimit = 10 * time.Second
	// listedLimit bounds the wait from a host's start to -browse listing it: a host
	// announces itself once it listens, and the browser asks again every 0.7 s.
	listedLimit = 10 * time.Second
)

// errNotRoot is why the LAN half is skipped: namespaces are made by root.
var errNotRoot = errors.New("skipped: making network namespaces needs root and ip (iproute2)")

// lan is the two namespaces of one run: the host's and the browser's.
type lan struct{ host, browse string }

// makeLAN makes the namespaces under names of this run's own, so a run left behind
// by a killed bench is in no one's way. On failure it removes what it made.
func makeLAN() (*lan, error) {
	if _, err := exec.LookPath("ip"); err != nil || os.Geteuid() != 0 {
		return nil, errNotRoot
	}
	id := fmt.Sprintf("%08x", rand.Uint32())
	l := &lan{host: "gemrush-bench-h" + id, browse: "gemrush-bench-b" + id}
	hostEnd, browseEnd := "gbh"+id, "gbb"+id // within the 15 bytes of a device name
	steps := [][]string{
		{"netns", "add", l.host},
		{"netns", "add", l.browse},
		{"link", "add", hostEnd, "type", "veth", "peer", "name", browseEnd},
		{"link", "set", hostEnd, "netns", l.host},
		{"link", "set", browseEnd, "netns", l.browse},
		{"-n", l.host, "addr", "add", lanHostAddr, "dev", hostEnd},
		{"-n", l.browse, "addr", "add", lanBrowseAddr, "dev", browseEnd},
		{"-n", l.host, "link", "set", "lo", "up"},
		{"-n", l.browse, "link", "set", "lo", "up"},
		{"-n", l.host, "link", "set", hostEnd, "up"},
		{"-n", l.browse, "link", "set", browseEnd, "up"},
	}
	for _, args := range steps {
		if err := ip(args...); err != nil {
			l.remove()
			return nil, err
		}
	}
	return l, nil
}

// remove deletes both namespaces; deleting one deletes its end of the veth pair,
// and so the pair.
func (l *lan) remove() {
	ip("netns", "del", l.host)
	ip("netns", "del", l.browse)
}

func ip(args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), ipLimit)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "ip", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("ip %s: %v %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// hostToBrowse starts n hosts, one after another, in the LAN's host namespace: the
// time from starting each to -browse -watch, running all along in the other
// namespace, printing it as added.
func hostToBrowse(e *env, n int) ([]time.Duration, error) {
	l, err := makeLAN()
	if err != nil {
		return nil, err
	}
	defer l.remove()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(n+1)*(serverUpLimit+listedLimit))
	defer cancel()
	browser := e.command(ctx, "ip", "netns", "exec", l.browse, e.bin, "-browse", "-watch")
	stdout, err := browser.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := browser.Start(); err != nil {
		return nil, err
	}
	defer func() { cancel(); browser.Wait() }() // before the namespaces go
	events := follow(stdout)
	// The browser prints nothing until it finds a game: a first one, not timed, shows
	// it is listening, and that the LAN carries mDNS at all.
	if _, err := l.listed(ctx, e, events, "Bench warm-up game"); err != nil {
		return nil, err
	}
	var took []time.Duration
	for i := range n {
		d, err := l.listed(ctx, e, events, fmt.Sprintf("Bench game %d", i+1))
		if err != nil {
			return nil, err
		}
		took = append(took, d)
	}
	return took, nil
}

// listed starts a host called name in the host namespace and returns how long the
// browser took to print it as added, from just before the start; the host has said
// its goodbye and ended by the time it returns.
func (l *lan) listed(ctx context.Context, e *env, events <-chan line, name string) (time.Duration, error) {
	quoted, _ := json.Marshal(name)
	added := regexp.MustCompile(`^\{"event":"added","name":` + regexp.QuoteMeta(string(quoted)) + `,`)
	ctx, cancel := context.WithTimeout(ctx, serverUpLimit+listedLimit)
	defer cancel()
	began := time.Now()
	server, _, err := startServer(ctx, e, []string{"ip", "netns", "exec", l.host}, "-name", name)
	if server != nil {
		defer func() { cancel(); server.Wait() }()
	}
	if err != nil {
		return 0, err
	}
	_, at, err := awaitLine(events, added, listedLimit)
	if err != nil {
		return 0, fmt.Errorf("-browse did not list %q: %w", name, err)
	}
	return at.Sub(began), nil
}
