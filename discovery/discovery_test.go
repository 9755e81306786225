package discovery

import (
	"net"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/betamos/zeroconf"
)

func TestTXTRoundTrip(t *testing.T) {
	fp := strings.Repeat("ab", 32)
	g := Game{Version: 1, Players: 3, MaxPlayers: 8, Password: true, Fingerprint: fp}
	txt := encodeTXT(g)
	want := []string{"v=1", "players=3", "max=8", "pw=1", "fp=" + fp}
	if !reflect.DeepEqual(txt, want) {
		t.Fatalf("TXT %q", txt)
	}
	var back Game
	if err := decodeTXT(&back, append(txt, "future=thing")); err != nil || !reflect.DeepEqual(back, g) {
		t.Fatalf("decoded %+v, %v", back, err)
	}
	for _, bad := range [][]string{{"players=3"}, {"v=one"}, {"v=1", "players=many"}, {"v=1", "players=9", "max=8"},
		{"v=1", "players=-1", "max=8"}, {"v=1", "max=9999"}, {"v=1", "fp=ab12"}, {"v=1", "players=1", "max=8"}} {
		if err := decodeTXT(&Game{}, bad); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

func TestListAppliesBrowseEvents(t *testing.T) {
	l := newList()
	eth0 := []net.Interface{{Name: "eth0"}}
	fp := strings.Repeat("cc5bcacc6ccfc78b", 4)
	g := Game{Name: "Ana's game", Version: 1, Players: 1, MaxPlayers: 8, Fingerprint: fp}
	svc := func(players int, addrs ...string) *zeroconf.Service {
		s := zeroconf.NewService(serviceType, instanceName(g), 47777)
		g := g
		g.Players = players
		s.Text = encodeTXT(g)
		for _, a := range addrs {
			s.Addrs = append(s.Addrs, netip.MustParseAddr(a))
		}
		return s
	}
	ev := func(op zeroconf.Op, s *zeroconf.Service) zeroconf.Event { return zeroconf.Event{Service: s, Op: op} }

	if !l.apply(ev(zeroconf.OpAdded, svc(1, "fe80::1", "2001:db8::7", "198.51.100.7")), eth0) {
		t.Fatal("a new game did not change the list")
	}
	got := l.snapshot()
	want := []netip.Addr{netip.MustParseAddr("198.51.100.7"), netip.MustParseAddr("2001:db8::7"), netip.MustParseAddr("fe80::1%eth0")}
	if len(got) != 1 || got[0].Name != "Ana's game" || got[0].Fingerprint != fp || got[0].Port != 47777 ||
		!reflect.DeepEqual(got[0].Addrs, want) || got[0].JoinAddr() != "198.51.100.7:47777" {
		t.Fatalf("list %+v", got)
	}
	if l.apply(ev(zeroconf.OpUpdated, svc(1, "198.51.100.7", "fe80::1", "2001:db8::7")), eth0) {
		t.Error("the same game seen again changed the list")
	}
	if !l.apply(ev(zeroconf.OpUpdated, svc(2, "198.51.100.7")), eth0) || l.snapshot()[0].Players != 2 {
		t.Errorf("a new player count: %+v", l.snapshot())
	}
	// With two interfaces, a link-local address cannot be told which one it is on.
	two := []net.Interface{{Name: "eth0"}, {Name: "wlan0"}}
	l.apply(ev(zeroconf.OpUpdated, svc(2, "fe80::1", "198.51.100.7")), two)
	if a := l.snapshot()[0].Addrs; len(a) != 1 || a[0].String() != "198.51.100.7" {
		t.Errorf("addresses with two interfaces: %v", a)
	}
	// The same name from another host is another game.
	other := svc(0, "198.51.100.8")
	other.Name = "Ana's game [0123abcd]"
	other.Text = encodeTXT(Game{Version: 1, MaxPlayers: 8, Fingerprint: "0123abcd" + strings.Repeat("9", 56)})
	l.apply(ev(zeroconf.OpAdded, other), eth0)
	if got := l.snapshot(); len(got) != 2 || got[0].Name != "Ana's game" || got[1].Name != "Ana's game" {
		t.Fatalf("two games of one name: %+v", got)
	}
	if !l.apply(ev(zeroconf.OpRemoved, &zeroconf.Service{Type: serviceType, Name: instanceName(g)}), eth0) ||
		len(l.snapshot()) != 1 || l.snapshot()[0].Fingerprint != "0123abcd"+strings.Repeat("9", 56) {
		t.Errorf("after a goodbye: %+v", l.snapshot())
	}
	if l.apply(ev(zeroconf.OpRemoved, &zeroconf.Service{Type: serviceType, Name: "never seen"}), eth0) {
		t.Error("removing a game never listed changed the list")
	}
	notOurs := svc(0, "198.51.100.9")
	notOurs.Name, notOurs.Text = "printer", []string{"paper=a4"}
	if l.apply(ev(zeroconf.OpAdded, notOurs), eth0) {
		t.Error("a service with no Gem Rush TXT record was listed")
	}
}

func TestInstanceNameFitsOneLabel(t *testing.T) {
	fp := "cc5bcacc6ccfc78ba801c6d3f100aa35"
	if got := instanceName(Game{Name: "Ana's game", Fingerprint: fp}); got != "Ana's game [cc5bcacc]" {
		t.Errorf("instance name %q", got)
	}
	long := instanceName(Game{Name: strings.Repeat("é", 40), Fingerprint: fp})
	if len(long) > maxLabel || !utf8.ValidString(long) || !strings.HasSuffix(long, " [cc5bcacc]") {
		t.Errorf("long instance name %q (%d bytes)", long, len(long))
	}
}

func TestJoinAddrPrefersIPv4(t *testing.T) {
	g := Game{Port: 5, Addrs: sortAddrs([]netip.Addr{netip.MustParseAddr("fe80::1%veth0"), netip.MustParseAddr("2001:db8::1")})}
	if got := g.JoinAddr(); got != "[2001:db8::1]:5" {
		t.Fatalf("JoinAddr %s", got)
	}
	g.Addrs = g.Addrs[1:]
	if got := g.JoinAddr(); got != "[fe80::1%veth0]:5" {
		t.Fatalf("JoinAddr %s", got)
	}
}

// FuzzDecodeTXT: whatever a TXT record on the network holds, reading it never panics,
// and a record read without error has a version.
func FuzzDecodeTXT(f *testing.F) {
	f.Add("v=4\x00players=2\x00max=8\x00pw=1\x00fp=" + strings.Repeat("ab", 32))
	f.Add("players=-1\x00v=\x00=\x00fp")
	f.Fuzz(func(t *testing.T, record string) {
		var g Game
		if err := decodeTXT(&g, strings.Split(record, "\x00")); err != nil {
			return
		}
		var again Game // what was read is what the host would have advertised
		if err := decodeTXT(&again, encodeTXT(g)); err != nil || !reflect.DeepEqual(again, g) {
			t.Fatalf("%q read as %+v, which encodes to %q and reads back as %+v (%v)", record, g, encodeTXT(g), again, err)
		}
	})
}
