package discovery

import (
	"net/netip"
	"reflect"
	"testing"
	"time"
)

func TestTXTRoundTrip(t *testing.T) {
	g := Game{Version: 1, Players: 3, MaxPlayers: 8, Password: true, Fingerprint: "ab12"}
	txt := encodeTXT(g)
	want := []string{"v=1", "players=3", "max=8", "pw=1", "fp=ab12"}
	if !reflect.DeepEqual(txt, want) {
		t.Fatalf("TXT %q", txt)
	}
	var back Game
	if err := decodeTXT(&back, append(txt, "future=thing")); err != nil || !reflect.DeepEqual(back, g) {
		t.Fatalf("decoded %+v, %v", back, err)
	}
	for _, bad := range [][]string{{"players=3"}, {"v=one"}, {"v=1", "players=many"}} {
		if err := decodeTXT(&Game{}, bad); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`Ana's game`:        `Ana's game`,
		`Ana\'s\ game`:      `Ana's game`,
		`dots\.in\.name`:    `dots.in.name`,
		`caf\195\169 night`: "café night",
		`back\\slash`:       `back\slash`,
		`trailing\`:         `trailing\`,
		`\040\041 brackets`: `() brackets`,
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestListSeesMergesAndExpires(t *testing.T) {
	l := newList()
	t0 := time.Unix(1000, 0)
	v4 := netip.MustParseAddr("10.0.0.2")
	ll := netip.MustParseAddr("fe80::1%eth0")
	g := Game{Name: "Ana's game", Port: 47777, Version: 1, Players: 1, MaxPlayers: 8, Fingerprint: "ab"}

	seen := g
	seen.Addrs = []netip.Addr{ll}
	if !l.see(seen, t0) {
		t.Fatal("a new game did not change the list")
	}
	seen.Addrs = []netip.Addr{v4} // the same game seen on another interface
	if !l.see(seen, t0.Add(100*time.Millisecond)) {
		t.Fatal("a new address did not change the list")
	}
	got := l.snapshot()
	if len(got) != 1 || !reflect.DeepEqual(got[0].Addrs, []netip.Addr{v4, ll}) || got[0].JoinAddr() != "10.0.0.2:47777" {
		t.Fatalf("list %+v", got)
	}
	if l.see(seen, t0.Add(time.Second)) {
		t.Error("seeing the same game again changed the list")
	}
	seen.Players = 2
	if !l.see(seen, t0.Add(1500*time.Millisecond)) {
		t.Error("a new player count did not change the list")
	}
	if l.expire(t0.Add(1500*time.Millisecond + ExpireAfter)) {
		t.Error("expired exactly at the limit")
	}
	if !l.expire(t0.Add(1501*time.Millisecond+ExpireAfter)) || len(l.snapshot()) != 0 {
		t.Error("a game not seen for longer than ExpireAfter is still listed")
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
