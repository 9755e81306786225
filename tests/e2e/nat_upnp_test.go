package e2e

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/net/invite"
)

// TestHostingBehindAUPnPOnlyRouter: the home router speaks UPnP IGD and not NAT-PMP.
// NAT-PMP finds nobody at the gateway, UPnP's search of the LAN finds the router, and
// the port is forwarded by UPnP: /debug/vars names the protocol, the invite code leads
// a bot on the internet into the game, and when the host stops the rule is deleted.
func TestHostingBehindAUPnPOnlyRouter(t *testing.T) {
	home, router, internet, wan, lan := natNet(t)
	startRouter(t, router, internet, wan, lan, false)

	started := time.Now()
	server := startIn(t, home, nil, "-server", "-lan=false", "-port", "47777", "-debug-addr", "127.0.0.1:0")
	vars := server.await(`msg="debug server" vars=(\S+)`, 10*time.Second)[1]
	proto := server.await(`msg="the router forwards the game's port" protocol="(UPnP IGD v[12])" internet=`+natWAN+`:47777`, 15*time.Second)[1]
	t.Logf("hosting → port forwarded over %s: %v", proto, time.Since(started).Round(time.Millisecond))
	in := debugVarsIn(t, home, vars, "host")["internet"].(map[string]any)
	if in["state"] != "mapped" || in["protocol"] != proto || in["address"] != natWAN+":47777" {
		t.Errorf("the host's internet: %v", in)
	}
	if rules := forwarded(t, router); !strings.Contains(rules, "dnat ip to "+natHost+":47777") {
		t.Fatalf("the router forwards: %s", rules)
	}
	code := fmt.Sprint(debugVarsIn(t, home, vars, "host")["invite"])
	if inv, err := invite.Parse(code); err != nil || inv.Addrs[0].String() != natWAN+":47777" {
		t.Fatalf("the invite code %s holds %v (%v): want the router's address first", code, inv.Addrs, err)
	}
	pasted := time.Now()
	bot := botIn(t, internet, code, 2*time.Second)
	server.await(`msg="player joined" player=1 name="Bot 1"`, 10*time.Second)
	t.Logf("invite code → playing through the router: %v", time.Since(pasted).Round(time.Millisecond))
	bot.report(t, "a bot on the internet")
	server.await(`msg="a player joined from the internet: the way in works" from=`+natInternet, 5*time.Second)

	server.cmd.Process.Signal(os.Interrupt)
	server.await(`msg="the router no longer forwards the game's port" protocol="`+proto+`"`, 10*time.Second)
	if code := server.exitCode(10 * time.Second); code != 0 {
		t.Errorf("the host exited %d", code)
	}
	if rules := forwarded(t, router); strings.Contains(rules, "47777") {
		t.Errorf("the forwarding outlived the game: %s", rules)
	}
}
