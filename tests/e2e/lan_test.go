package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/wire"
)

// The LAN test's two hosts: network namespaces this test makes, joined by a veth pair
// on a subnet of their own. Nothing it sends leaves them.
const (
	lanAddrA = "203.0.113.1"
	lanAddrB = "203.0.113.2"
)

// netnsPair makes two network namespaces joined by a veth pair and removes them when
// the test ends, failed or not.
func netnsPair(t *testing.T) (a, b string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces (ip netns); CI runs as root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs ip from iproute2 to create network namespaces")
	}
	id := fmt.Sprint(os.Getpid() % 100000)
	a, b = "gemrush-a"+id, "gemrush-b"+id
	ip := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v %s", strings.Join(args, " "), err, out)
		}
	}
	t.Cleanup(func() { // deleting a namespace deletes its end of the veth, and so both
		exec.Command("ip", "netns", "del", a).Run()
		exec.Command("ip", "netns", "del", b).Run()
	})
	ip("netns", "add", a)
	ip("netns", "add", b)
	ip("link", "add", "grva"+id, "type", "veth", "peer", "name", "grvb"+id)
	ip("link", "set", "grva"+id, "netns", a)
	ip("link", "set", "grvb"+id, "netns", b)
	ip("-n", a, "addr", "add", lanAddrA+"/24", "dev", "grva"+id)
	ip("-n", b, "addr", "add", lanAddrB+"/24", "dev", "grvb"+id)
	for ns, dev := range map[string]string{a: "grva" + id, b: "grvb" + id} {
		ip("-n", ns, "link", "set", "lo", "up")
		ip("-n", ns, "link", "set", dev, "up")
	}
	return a, b
}

// startIn runs gemrush in namespace ns, LAN discovery on; env adds variables.
func startIn(t *testing.T, ns string, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", ns, binary}, args...)...)
	return launch(t, cmd, env, strings.Join(args, " ")+" (in "+ns+")")
}

// browseEvent is one line of gemrush -browse -watch.
type browseEvent struct {
	Event       string   `json:"event"`
	Name        string   `json:"name"`
	Addresses   []string `json:"addresses"`
	Port        int      `json:"port"`
	Version     int      `json:"version"`
	Players     int      `json:"players"`
	MaxPlayers  int      `json:"max_players"`
	Password    bool     `json:"password"`
	Fingerprint string   `json:"fingerprint"`
	at          time.Time
}

// watchLAN runs gemrush -browse -watch in ns and delivers its lines as they come.
func watchLAN(t *testing.T, ns string) <-chan browseEvent {
	t.Helper()
	cmd := exec.Command("ip", "netns", "exec", ns, binary, "-browse", "-watch", "-duration", "60s")
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	events := make(chan browseEvent, 64)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var e browseEvent
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Errorf("browse printed %q: %v", sc.Text(), err)
				continue
			}
			e.at = time.Now()
			events <- e
		}
	}()
	return events
}

// awaitEvent returns the first event satisfying cond.
func awaitEvent(t *testing.T, events <-chan browseEvent, what string, limit time.Duration, cond func(browseEvent) bool) browseEvent {
	t.Helper()
	timeout := time.After(limit)
	for {
		select {
		case e, ok := <-events:
			if !ok {
				t.Fatalf("the browser stopped before %s", what)
			}
			if cond(e) {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s within %v", what, limit)
		}
	}
}

func TestLANDiscoveryAcrossNamespaces(t *testing.T) {
	a, b := netnsPair(t)
	events := watchLAN(t, b)

	started := time.Now()
	server := startIn(t, a, nil, "-server", "-port", "0", "-name", "Ana's LAN game")
	hosting := server.await(`msg=hosting .* port=(\d+) .*fingerprint=([0-9a-f]{64})`, 20*time.Second)
	port, fingerprint := hosting[1], hosting[2]

	added := awaitEvent(t, events, "added game", 10*time.Second, func(e browseEvent) bool {
		return e.Event == "added" && e.Name == "Ana's LAN game"
	})
	firstSeen := added.at.Sub(started)
	t.Logf("host start → first seen by -browse: %v", firstSeen)
	if fmt.Sprint(added.Port) != port || added.Version != wire.Version || added.Fingerprint != fingerprint ||
		added.Players != 0 || added.MaxPlayers != 8 || added.Password || !slices.Contains(added.Addresses, lanAddrA) {
		t.Fatalf("found %+v; want port %s, version %d, fingerprint %s, 0/8 players, address %s", added, port, wire.Version, fingerprint, lanAddrA)
	}
	if firstSeen > 3*time.Second {
		t.Errorf("first seen %v after the host started", firstSeen)
	}

	// -browse without -watch prints each game once and exits by itself.
	once := exec.Command("ip", "netns", "exec", b, binary, "-browse", "-duration", "2s")
	out, err := once.Output()
	if err != nil || !regexp.MustCompile(`^\{"name":"Ana's LAN game","addresses":\[.*"port":`+port+`,`).Match(out) {
		t.Errorf("gemrush -browse printed %q (%v)", out, err)
	}

	// A bot joins by the address discovery gave, across the namespaces; the
	// advertised player count follows.
	joinAt := fmt.Sprintf("%s:%d", added.Addresses[0], added.Port)
	bots := startIn(t, b, nil, "-bots", "1", "-join", joinAt, "-duration", "3s")
	joined := time.Now()
	counted := awaitEvent(t, events, "player count update", 10*time.Second, func(e browseEvent) bool {
		return e.Event == "updated" && e.Players == 1
	})
	t.Logf("bot started → its player counted by -browse: %v", counted.at.Sub(joined))
	if code := bots.exitCode(20 * time.Second); code != 0 {
		t.Fatalf("the bot could not play at the discovered address %s (exit %d)", joinAt, code)
	}
	var r BotReport
	if err := json.Unmarshal([]byte(bots.out.String()), &r); err != nil || r.Errors != 0 || r.SnapshotsPerS < 30 {
		t.Fatalf("bot report %+v (%v)", r, err)
	}

	// The host stops: its goodbye takes the game off the list at once.
	server.cmd.Process.Signal(syscall.SIGTERM)
	stopped := time.Now()
	removed := awaitEvent(t, events, "removal", 10*time.Second, func(e browseEvent) bool {
		return e.Event == "removed" && e.Name == "Ana's LAN game"
	})
	gone := removed.at.Sub(stopped)
	t.Logf("host stopped → removed from -browse: %v", gone)
	if gone > 500*time.Millisecond {
		t.Errorf("removed %v after the host stopped; the target is 0.5 s", gone)
	}
	if code := server.exitCode(10 * time.Second); code != 0 {
		t.Errorf("server exited %d", code)
	}

	// A host that crashes says nothing: the game leaves once it stops answering.
	crashing := startIn(t, a, nil, "-server", "-port", "0", "-name", "Bo's LAN game")
	crashing.await(`msg=hosting`, 20*time.Second)
	awaitEvent(t, events, "the second game", 10*time.Second, func(e browseEvent) bool {
		return e.Event == "added" && e.Name == "Bo's LAN game"
	})
	crashing.cmd.Process.Kill()
	crashed := time.Now()
	removed = awaitEvent(t, events, "removal of the crashed game", 10*time.Second, func(e browseEvent) bool {
		return e.Event == "removed" && e.Name == "Bo's LAN game"
	})
	gone = removed.at.Sub(crashed)
	t.Logf("host crashed → removed from -browse: %v", gone)
	if gone > 3*time.Second {
		t.Errorf("removed %v after the host crashed; the target is 3 s", gone)
	}
}

// TestMenuListsLANGames is a person on another machine of the LAN: the game appears
// in their menu with its padlock and player count; they pick it with the keyboard,
// give the password and play; when the host stops, they are told, and the game
// leaves the list.
func TestMenuListsLANGames(t *testing.T) {
	needDesktopTools(t)
	a, b := netnsPair(t)
	display := startXvfb(t, "1280x760")
	server := startIn(t, a, nil, "-server", "-port", "0", "-name", "Ana's LAN game", "-password", "gems")
	server.await(`msg=hosting`, 20*time.Second)

	p := startIn(t, b, []string{"DISPLAY=" + display}, "-name", "Bo", "-debug-addr", "127.0.0.1:0")
	bo := findWindow(t, display, p, "", 0, b)
	bo.await("the game in the LAN list", func(v map[string]any) bool {
		return fmt.Sprint(v["lan_games"]) == "[Ana's LAN game 0/8]"
	})
	screenshot(t, display, "lan-menu")

	bo.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Return") // name → colour → Host → address → Join → the game
	bo.awaitScreen("password")
	bo.typeText("gems")
	bo.keys("Return")
	bo.awaitScreen("playing")

	server.cmd.Process.Signal(syscall.SIGTERM)
	v := bo.awaitScreen("error")
	if msg := fmt.Sprint(v["error"]); msg != "Disconnected: Host ended the game." {
		t.Errorf("Bo is told %q", msg)
	}
	bo.keys("Return")
	bo.await("the game to leave the list", func(v map[string]any) bool {
		return v["screen"] == "menu" && fmt.Sprint(v["lan_games"]) == "[]"
	})
}

// TestNoMulticastInterface is a machine with no network but loopback: browsing logs
// one clear line and lists nothing, and a host still serves players by address.
func TestNoMulticastInterface(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a network namespace (ip netns); CI runs as root")
	}
	ns := "gemrush-lo" + fmt.Sprint(os.Getpid()%100000)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", ns).Run() })
	for _, args := range [][]string{{"netns", "add", ns}, {"-n", ns, "link", "set", "lo", "up"}} {
		if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %v: %v %s", args, err, out)
		}
	}
	cmd := exec.Command("ip", "netns", "exec", ns, binary, "-browse", "-duration", "2s")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || len(out) != 0 {
		t.Errorf("-browse: %v, printed %q", err, out)
	}
	if n := strings.Count(stderr.String(), "LAN games cannot be found: no network interface that is up and can multicast"); n != 1 {
		t.Errorf("the warning appears %d times:\n%s", n, stderr.String())
	}

	server := startIn(t, ns, nil, "-server", "-port", "0")
	port := server.await(`msg=hosting .* port=(\d+)`, 20*time.Second)[1]
	server.await(`not advertised on the local network; players can still join by address`, 10*time.Second)
	bots := startIn(t, ns, nil, "-bots", "1", "-join", "127.0.0.1:"+port, "-duration", "1s")
	if code := bots.exitCode(20 * time.Second); code != 0 {
		t.Fatalf("a player could not join the unadvertised game (exit %d)", code)
	}
}
