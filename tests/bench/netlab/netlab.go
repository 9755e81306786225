// Package netlab is a conditioned network the bench runs real processes over: two
// network namespaces, the host's and the bots', each with a TUN device, and a relay
// in the bench's own process that reads every IP packet one namespace sends into its
// device and writes it into the other's, after net/netsim's model has had its way
// with it (lost, delayed). Both of Gem Rush's transports meet the very same link:
// QUIC's datagrams and TCP's segments are just IP packets to it, and the relay counts
// their bytes on the wire, headers and all.
//
//	 host namespace                    bench process                   bots namespace
//	198.51.100.1 ── gemrush0 ─▶ read ─ Down: loss, delay ─ write ─▶ gemrush0 ── 198.51.100.2
//	             ◀──────────── write ─  Up: loss, delay  ─ read ◀──────────────
//
// Only packets between two addresses of 198.51.100.0/24, a documentation range, are
// carried; nothing the namespaces send goes anywhere else. Making namespaces needs
// root and iproute2.
package netlab

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/gemrush/gemrush/net/netsim"
)

// The lab's addresses: a point-to-point link in a documentation range.
const (
	HostAddr = "198.51.100.1"
	BotsAddr = "198.51.100.2"
	// device is each namespace's TUN device; namespaces keep their devices apart.
	device = "gemrush0"
	// ipLimit bounds each ip command; it does its work in milliseconds.
	ipLimit = 10 * time.Second
)

// ErrNotRoot is why a lab cannot be made: namespaces and TUN devices are made by
// root, with iproute2.
var ErrNotRoot = errors.New("a conditioned link needs root and ip (iproute2) to make network namespaces and TUN devices")

// Lab is one conditioned link between two namespaces, and the relay that carries it.
type Lab struct {
	Host, Bots string     // the namespaces, for ip netns exec
	Down, Up   *Direction // host → bots, bots → host
	tuns       []*os.File
	clocks     []*releaseClock
	pumps      chan struct{}
}

// New makes a lab whose packets from the host meet down and those to it up. On
// failure it removes what it made.
func New(down, up netsim.Config) (*Lab, error) {
	if _, err := exec.LookPath("ip"); err != nil || os.Geteuid() != 0 {
		return nil, ErrNotRoot
	}
	id := fmt.Sprintf("%08x", rand.Uint32())
	l := &Lab{Host: "gemrush-lab-h" + id, Bots: "gemrush-lab-b" + id, pumps: make(chan struct{}, 2)}
	if err := l.build(); err != nil {
		l.Close()
		return nil, err
	}
	start := time.Now()
	downClock, upClock := newReleaseClock(), newReleaseClock()
	l.clocks = []*releaseClock{downClock, upClock}
	l.Down = newDirection(down, downClock, l.tuns[1], start)
	l.Up = newDirection(up, upClock, l.tuns[0], start)
	go func() { l.Down.pump(l.tuns[0]); l.pumps <- struct{}{} }()
	go func() { l.Up.pump(l.tuns[1]); l.pumps <- struct{}{} }()
	return l, nil
}

// build makes both namespaces and their devices, and addresses them.
func (l *Lab) build() error {
	for _, end := range []struct{ ns, local, peer string }{{l.Host, HostAddr, BotsAddr}, {l.Bots, BotsAddr, HostAddr}} {
		if err := ip("netns", "add", end.ns); err != nil {
			return err
		}
		// No IPv6: its own chatter (router solicitations) would ride the link and count.
		run("ip", "netns", "exec", end.ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1")
		tun, err := openTUN(end.ns, device)
		if err != nil {
			return fmt.Errorf("a TUN device in %s: %w", end.ns, err)
		}
		l.tuns = append(l.tuns, tun)
		for _, args := range [][]string{
			{"-n", end.ns, "addr", "add", end.local + "/32", "peer", end.peer + "/32", "dev", device},
			{"-n", end.ns, "link", "set", device, "up"},
			{"-n", end.ns, "link", "set", "lo", "up"},
		} {
			if err := ip(args...); err != nil {
				return err
			}
		}
	}
	return nil
}

// Close stops the relay, and removes the devices and the namespaces. The processes
// run in them should have ended first.
func (l *Lab) Close() error {
	for _, t := range l.tuns {
		t.Close() // the pumps' reads fail, and the devices go
	}
	if l.Down != nil {
		<-l.pumps
		<-l.pumps
	}
	for _, c := range l.clocks {
		c.close()
	}
	var errs []error
	for _, ns := range []string{l.Host, l.Bots} {
		if err := ip("netns", "del", ns); err != nil && !strings.Contains(err.Error(), "No such file") {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Exec is argv run in namespace ns.
func Exec(ns string, argv ...string) []string {
	return append([]string{"ip", "netns", "exec", ns}, argv...)
}

func ip(args ...string) error { return run("ip", args...) }

func run(name string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), ipLimit)
	defer cancel()
	if out, err := exec.CommandContext(ctx, name, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %v %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}
