package host_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/quicnet"
	"github.com/gemrush/gemrush/net/invite"
)

func TestRoomPassword(t *testing.T) {
	s, _ := startHost(t, host.Config{Password: "gems"})
	tests := []struct{ password, want string }{
		{"", "This game needs a password."},
		{"rocks", "Wrong password."},
	}
	for _, tt := range tests {
		_, err := dial(client.Config{Addr: s.Addr().String(), Name: "Ana", Password: tt.password})
		if err == nil || err.Error() != tt.want || !client.NeedsPassword(err) {
			t.Errorf("password %q: %v (needs password: %v)", tt.password, err, client.NeedsPassword(err))
		}
	}
	join(t, s, "Ana", func(c *client.Config, _ *quicnet.Options) { c.Password = "gems" })
	if got := s.Stats().Joined.Load(); got != 1 {
		t.Errorf("%d joined", got)
	}
}

func TestJoinByInviteCode(t *testing.T) {
	s, _ := startHost(t, host.Config{})
	addr := netip.MustParseAddrPort(s.Addr().String())
	good, err := invite.New(addr.Port(), []netip.Addr{addr.Addr()}, s.Fingerprint())
	if err != nil {
		t.Fatal(err)
	}
	p := join(t, s, "Ana", func(c *client.Config, _ *quicnet.Options) { c.Addr = good.String() })
	if p.st.Transport().Fingerprint() != s.Fingerprint() {
		t.Error("joined a host with another fingerprint")
	}

	other := strings.Repeat("ab", 32) // a code made for another host at the same address
	bad, _ := invite.New(addr.Port(), []netip.Addr{addr.Addr()}, other)
	_, err = dial(client.Config{Addr: bad.String(), Name: "Bo"})
	if err == nil || !strings.Contains(err.Error(), "is not the one this invite code was made for") {
		t.Fatalf("joining with another host's code: %v", err)
	}
	code := good.String()
	last := byte('A')
	if code[len(code)-1] == 'A' {
		last = 'B'
	}
	typo := code[:len(code)-1] + string(last) // one letter changed
	if _, err := dial(client.Config{Addr: typo, Name: "Cy"}); err == nil ||
		!strings.Contains(err.Error(), "typo") {
		t.Fatalf("typo %s: %v", typo, err)
	}
}
