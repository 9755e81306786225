package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/invite"
)

// A small internet in network namespaces, documentation ranges only: a home network
// (192.0.2.0/24) with the host, a router that NATs it to its WAN side (198.51.100.1)
// and runs miniupnpd, and the internet (198.51.100.0/24) with a player and the STUN
// responder miniupnpd asks for its own address.
const (
	natHost     = "192.0.2.10"
	natLANGW    = "192.0.2.1"
	natWAN      = "198.51.100.1"
	natInternet = "198.51.100.20"
)

// natNet builds the namespaces and returns home, router and internet, with the
// router's WAN and LAN interface names. They are removed when the test ends.
func natNet(t *testing.T) (home, router, internet, wan, lan string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces (ip netns); CI runs as root")
	}
	for _, tool := range []string{"ip", "nft", "miniupnpd"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (.ci/run installs iproute2, nftables and miniupnpd-nftables)", tool)
		}
	}
	id := fmt.Sprint(os.Getpid() % 100000)
	home, router, internet = "gemrush-nh"+id, "gemrush-nr"+id, "gemrush-ni"+id
	hl, rl, rw, iw := "grnh"+id, "grnl"+id, "grnw"+id, "grni"+id
	t.Cleanup(func() {
		for _, ns := range []string{home, router, internet} {
			exec.Command("ip", "netns", "del", ns).Run() // its processes' sockets go with it
		}
	})
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v %s", strings.Join(args, " "), err, out)
		}
	}
	for _, ns := range []string{home, router, internet} {
		run("ip", "netns", "add", ns)
		run("ip", "-n", ns, "link", "set", "lo", "up")
	}
	run("ip", "link", "add", hl, "type", "veth", "peer", "name", rl)
	run("ip", "link", "set", hl, "netns", home)
	run("ip", "link", "set", rl, "netns", router)
	run("ip", "link", "add", rw, "type", "veth", "peer", "name", iw)
	run("ip", "link", "set", rw, "netns", router)
	run("ip", "link", "set", iw, "netns", internet)
	for _, a := range [][3]string{{home, hl, natHost}, {router, rl, natLANGW}, {router, rw, natWAN}, {internet, iw, natInternet}} {
		run("ip", "-n", a[0], "addr", "add", a[2]+"/24", "dev", a[1])
		run("ip", "-n", a[0], "link", "set", a[1], "up")
	}
	run("ip", "-n", home, "route", "add", "default", "via", natLANGW)
	run("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1")
	// The chains miniupnpd (nftables flavour) adds its rules to, and the home NAT.
	ruleset := fmt.Sprintf(`table inet filter {
  chain forward { type filter hook forward priority 0; policy accept; jump miniupnpd; }
  chain miniupnpd { }
  chain prerouting { type nat hook prerouting priority -100; policy accept; jump prerouting_miniupnpd; }
  chain postrouting { type nat hook postrouting priority 100; policy accept; jump postrouting_miniupnpd; oifname "%s" masquerade; }
  chain prerouting_miniupnpd { }
  chain postrouting_miniupnpd { }
}
`, rw)
	nft := exec.Command("ip", "netns", "exec", router, "nft", "-f", "-")
	nft.Stdin = strings.NewReader(ruleset)
	if out, err := nft.CombinedOutput(); err != nil {
		t.Fatalf("nft: %v %s", err, out)
	}
	return home, router, internet, rw, rl
}

// startRouter runs the STUN responder in the internet and miniupnpd in the router
// (UPnP IGD on, and NAT-PMP if natPMP), and waits until it forwards ports.
func startRouter(t *testing.T, router, internet, wan, lan string, natPMP bool) *proc {
	t.Helper()
	dir := t.TempDir()
	stun := filepath.Join(dir, "stunresponder")
	if out, err := exec.Command("go", "build", "-o", stun, "./stunresponder").CombinedOutput(); err != nil {
		t.Fatalf("building the STUN responder: %v %s", err, out)
	}
	s := launch(t, exec.Command("ip", "netns", "exec", internet, stun, "-addr", natInternet+":3478"), nil, "stun")
	s.await(`answering STUN`, 10*time.Second)
	// miniupnpd 2.3.1 takes a WAN address in the documentation ranges for a reserved
	// one and forwards nothing, unless STUN says it is reachable.
	conf := filepath.Join(dir, "miniupnpd.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf(`ext_ifname=%s
listening_ip=%s
http_port=0
enable_natpmp=%s
enable_upnp=yes
secure_mode=yes
ext_perform_stun=yes
ext_stun_host=%s
ext_stun_port=3478
uuid=3d3cec3a-8cf0-11e0-98ee-001a6bd2d07b
allow 1024-65535 192.0.2.0/24 1024-65535
deny 0-65535 0.0.0.0/0 0-65535
`, wan, lan, map[bool]string{true: "yes", false: "no"}[natPMP], natInternet)), 0o600)
	r := launch(t, exec.Command("ip", "netns", "exec", router, "miniupnpd", "-d", "-f", conf, "-P", filepath.Join(dir, "pid")), nil, "miniupnpd")
	r.await(`Port forwarding is now enabled`, 15*time.Second)
	return r
}

// forwarded lists the router's port forwarding rules.
func forwarded(t *testing.T, router string) string {
	t.Helper()
	out, err := exec.Command("ip", "netns", "exec", router, "nft", "list", "chain", "inet", "filter", "prerouting_miniupnpd").CombinedOutput()
	if err != nil {
		t.Fatalf("nft: %v %s", err, out)
	}
	return string(out)
}

// botLimit bounds a bot's run in these tests: its -duration, and its join and report.
const botLimit = 20 * time.Second

// botIn runs one bot in namespace ns that joins at join and plays for playFor; it is
// killed if the test ends first.
func botIn(t *testing.T, ns, join string, playFor time.Duration) *proc {
	t.Helper()
	return startIn(t, ns, nil, "-lan=false", "-bots", "1", "-join", join, "-duration", playFor.String())
}

// report waits for a bot to finish and returns what it printed, failing the test if
// it did not play: an error, or too few snapshots.
func (p *proc) report(t *testing.T, who string) BotReport {
	t.Helper()
	code := p.exitCode(botLimit)
	var r BotReport
	if err := json.Unmarshal([]byte(p.out.String()), &r); code != 0 || err != nil || r.Errors != 0 || r.SnapshotsPerS < 50 {
		t.Fatalf("%s: exit %d, %s", who, code, p.out.String())
	}
	return r
}

// TestHostingBehindAHomeRouter: a host behind a home router running miniupnpd gets
// its port forwarded over NAT-PMP and learns the router's internet address, says so
// in /debug/vars, and a bot on the internet plays there by the invite code; when the
// host stops, the forwarding is gone. With no router to ask, the host says in words
// (in its log too) what to forward by hand and keeps hosting: a player on the home
// network plays, and the bot on the internet is told nobody answered.
func TestHostingBehindAHomeRouter(t *testing.T) {
	home, router, internet, wan, lan := natNet(t)
	rtr := startRouter(t, router, internet, wan, lan, true)

	started := time.Now()
	server := startIn(t, home, nil, "-server", "-lan=false", "-port", "47777", "-debug-addr", "127.0.0.1:0")
	vars := server.await(`msg="debug server" vars=(\S+)`, 10*time.Second)[1]
	server.await(`msg="the router forwards the game's port" protocol=NAT-PMP internet=`+natWAN+`:47777`, 10*time.Second)
	t.Logf("hosting → port forwarded over NAT-PMP: %v", time.Since(started).Round(time.Millisecond))
	in := debugVarsIn(t, home, vars, "host")["internet"].(map[string]any)
	if in["state"] != "mapped" || in["protocol"] != "NAT-PMP" || in["address"] != natWAN+":47777" || in["lease_s"] != 3600.0 ||
		in["sentence"] != "Internet: "+natWAN+":47777 — port opened on your router; not yet confirmed by a player from the internet" {
		t.Errorf("the host's internet: %v", in)
	}
	if rules := forwarded(t, router); !strings.Contains(rules, "dnat ip to "+natHost+":47777") {
		t.Fatalf("the router forwards: %s", rules)
	}
	code := fmt.Sprint(debugVarsIn(t, home, vars, "host")["invite"])
	if inv, err := invite.Parse(code); err != nil || inv.Addrs[0].String() != natWAN+":47777" || inv.Addrs[1].String() != natHost+":47777" {
		t.Fatalf("the invite code %s holds %v (%v): want the router's address first, then the host's", code, inv.Addrs, err)
	}
	pasted := time.Now()
	bot := botIn(t, internet, code, 2*time.Second)
	server.await(`msg="player joined" player=1 name="Bot 1"`, 10*time.Second)
	t.Logf("invite code given to a new process on the internet → playing through the router: %v", time.Since(pasted).Round(time.Millisecond))
	bot.report(t, "a bot on the internet")
	server.await(`msg="a player joined from the internet: the way in works" from=`+natInternet, 5*time.Second)
	if in := debugVarsIn(t, home, vars, "host")["internet"].(map[string]any); in["sentence"] != "Internet: "+natWAN+":47777 — port opened on your router; a player has joined from the internet" {
		t.Errorf("after a player from the internet: %q", in["sentence"])
	}

	server.cmd.Process.Signal(os.Interrupt)
	if code := server.exitCode(10 * time.Second); code != 0 {
		t.Errorf("the host exited %d", code)
	}
	if rules := forwarded(t, router); strings.Contains(rules, "47777") {
		t.Errorf("the forwarding outlived the game: %s", rules)
	}

	// No router to ask.
	rtr.cmd.Process.Kill()
	rtr.exitCode(5 * time.Second)
	server = startIn(t, home, nil, "-server", "-lan=false", "-port", "47777", "-debug-addr", "127.0.0.1:0")
	vars = server.await(`msg="debug server" vars=(\S+)`, 10*time.Second)[1]
	byHand := "Internet: no router answered — forward UDP 47777 to " + natHost + " on your router by hand (see the README)"
	server.await(`msg="the router did not open the game's port" state=no_router .*sentence="`+regexp.QuoteMeta(byHand)+`"`, 15*time.Second)
	if in := debugVarsIn(t, home, vars, "host")["internet"].(map[string]any); in["sentence"] != byHand {
		t.Errorf("with no router the host says %q", in["sentence"])
	}
	outside := botIn(t, internet, natWAN+":47777", time.Second)
	// The router has nothing on that port: its "port unreachable" says so at once,
	// where a router that drops what it does not forward leaves the bot to silence.
	outside.await(`(Nothing is listening|Nobody answered) at `+natWAN+`:47777`, botLimit)
	if code := outside.exitCode(botLimit); code == 0 {
		t.Errorf("a bot on the internet, with nothing forwarded, exited 0: %s", outside.out.String())
	}
	if v := debugVarsIn(t, home, vars, "host"); v["players"] != 0.0 {
		t.Errorf("the host has %v players", v["players"])
	}
	// The router's own LAN side is a machine on the home network: it plays.
	botIn(t, router, natHost+":47777", 2*time.Second).report(t, "a bot on the home network")
	if in := debugVarsIn(t, home, vars, "host")["internet"].(map[string]any); in["sentence"] != byHand {
		t.Errorf("after a player on the home network the host says %q", in["sentence"])
	}
}
