package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The migration test's network: a host and a player's machine in namespaces of their
// own, joined by a veth pair on a documentation subnet. Mid-game the player's machine
// gets a new address and loses the old one, as with a new DHCP lease.
const (
	migrateHost   = "198.51.100.1"
	migrateFirst  = "198.51.100.10"
	migrateSecond = "198.51.100.20"
)

// migrateNet makes the two namespaces and returns them with a function that moves
// the player's machine to its second address. Both go when the test ends.
func migrateNet(t *testing.T) (player, host string, move func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create network namespaces (ip netns); CI runs as root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs ip from iproute2 to create network namespaces")
	}
	id := fmt.Sprint(os.Getpid() % 100000)
	player, host = "gemrush-mp"+id, "gemrush-mh"+id
	dp, dh := "grmp"+id, "grmh"+id
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v %s", strings.Join(args, " "), err, out)
		}
	}
	t.Cleanup(func() {
		exec.Command("ip", "netns", "del", player).Run()
		exec.Command("ip", "netns", "del", host).Run()
	})
	run("ip", "netns", "add", player)
	run("ip", "netns", "add", host)
	run("ip", "link", "add", dp, "type", "veth", "peer", "name", dh)
	run("ip", "link", "set", dp, "netns", player)
	run("ip", "link", "set", dh, "netns", host)
	// A new lease's address takes over when the old one goes, rather than going with it.
	run("ip", "netns", "exec", player, "sysctl", "-qw", "net.ipv4.conf.all.promote_secondaries=1")
	run("ip", "netns", "exec", player, "sysctl", "-qw", "net.ipv4.conf."+dp+".promote_secondaries=1")
	run("ip", "-n", player, "addr", "add", migrateFirst+"/24", "dev", dp)
	run("ip", "-n", host, "addr", "add", migrateHost+"/24", "dev", dh)
	for ns, dev := range map[string]string{player: dp, host: dh} {
		run("ip", "-n", ns, "link", "set", "lo", "up")
		run("ip", "-n", ns, "link", "set", dev, "up")
	}
	return player, host, func() {
		run("ip", "-n", player, "addr", "add", migrateSecond+"/24", "dev", dp)
		run("ip", "-n", player, "addr", "del", migrateFirst+"/24", "dev", dp)
	}
}

// TestAChangedAddressKeepsTheGame: a bot plays from one namespace against a host in
// another; its machine's address changes mid-game. Its game moves the connection to
// the new address with QUIC's connection migration (add the path, probe, switch):
// no reconnect, no resume, the host never sees the player drop, snapshots and chat
// carry on.
func TestAChangedAddressKeepsTheGame(t *testing.T) {
	player, hostNS, move := migrateNet(t)
	server := startIn(t, hostNS, nil, "-server", "-lan=false", "-port", "0", "-debug-addr", "127.0.0.1:0")
	vars := server.await(`msg="debug server" vars=(\S+)`, 10*time.Second)[1]
	port := server.await(`msg=hosting .* port=(\d+)`, 10*time.Second)[1]
	bot := startIn(t, player, []string{"XDG_CONFIG_HOME=" + t.TempDir()},
		"-lan=false", "-bots", "1", "-bot-chat", "-join", migrateHost+":"+port, "-duration", "8s")
	for deadline := time.Now().Add(10 * time.Second); debugVarsIn(t, hostNS, vars, "host")["players"] != 1.0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the bot never joined")
		}
	}
	time.Sleep(2 * time.Second) // play on the first address
	move()
	moved := bot.await(`msg="the network changed: the connection moved to the new address" from=(\S+) to=(\S+) took_ms=(\S+)`, 5*time.Second)
	if moved[1] != migrateFirst || moved[2] != migrateSecond {
		t.Errorf("the connection moved from %s to %s", moved[1], moved[2])
	}
	if code := bot.exitCode(20 * time.Second); code != 0 {
		t.Fatalf("the bot exited %d", code)
	}
	var r struct {
		comebackReport
		Migrations int     `json:"migrations"`
		MaxGapMs   float64 `json:"max_snapshot_gap_ms"`
	}
	if err := json.Unmarshal([]byte(bot.out.String()), &r); err != nil {
		t.Fatalf("report %q: %v", bot.out.String(), err)
	}
	t.Logf("moved in %s ms; bot: %s", moved[3], bot.out.String())
	if r.Migrations != 1 || r.Reconnects != 0 || r.Errors != 0 {
		t.Errorf("migrations %d, reconnects %d, errors %d %v", r.Migrations, r.Reconnects, r.Errors, r.ErrorMessages)
	}
	if r.MaxGapMs > 500 || r.SnapshotsPerS < 50 {
		t.Errorf("snapshots: the longest gap was %.0f ms, %.1f a second", r.MaxGapMs, r.SnapshotsPerS)
	}
	if r.ChatReceived != r.ChatExpected || r.ChatDuplicate != 0 {
		t.Errorf("chat: received %d of %d, %d twice", r.ChatReceived, r.ChatExpected, r.ChatDuplicate)
	}
	if v := debugVarsIn(t, hostNS, vars, "host"); v["players_dropped"] != 0.0 || v["players_resumed"] != 0.0 {
		t.Errorf("the host dropped %v players and resumed %v", v["players_dropped"], v["players_resumed"])
	}
}
