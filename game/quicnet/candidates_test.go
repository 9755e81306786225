package quicnet

import (
	"context"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/game/host/hosttest"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/wire"
)

// code is an invite code for the host with fingerprint fp at addrs (all on loopback,
// on their own ports: a code's candidates share one port, so each test host is
// reached at its own port by code made for it).
func code(t *testing.T, port int, fp string, ips ...string) string {
	t.Helper()
	var as []netip.Addr
	for _, ip := range ips {
		as = append(as, netip.MustParseAddr(ip))
	}
	inv, err := invite.New(uint16(port), as, fp)
	if err != nil {
		t.Fatal(err)
	}
	return inv.String()
}

func dialCode(t *testing.T, code string) (*Conn, time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	start := time.Now()
	c, err := Dial(ctx, client.Config{Addr: code, Name: "Bo", Colour: wire.NoColour}, Options{Logger: hosttest.Quiet})
	return c, time.Since(start), err
}

// TestAnInviteCodesWaysInAreTriedTogether: an invite code's first way in does not
// answer (nothing listens there), its second does: the join gets through the second,
// long before the first would have been given up. A host answering with another
// certificate is passed over for the one the code names; when only such a host
// answers, the join says so.
func TestAnInviteCodesWaysInAreTriedTogether(t *testing.T) {
	s, _ := hosttest.Start(t, host.Config{})
	port := s.Addr().Port
	// 127.0.0.2 is loopback too, and nothing listens there on the host's port.
	silent, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.2", "0"))
	if err != nil {
		t.Skip("no 127.0.0.2 on this machine:", err)
	}
	silent.Close()

	c, took, err := dialCode(t, code(t, port, s.Fingerprint(), "127.0.0.2", "127.0.0.1"))
	if err != nil {
		t.Fatalf("joining by a code whose first way in is dead: %v", err)
	}
	defer c.Leave()
	if c.Addr() != "127.0.0.1:"+strconv.Itoa(port) || c.Fingerprint() != s.Fingerprint() || took > time.Second {
		t.Errorf("joined %s (%s) in %v", c.Addr(), c.Fingerprint(), took)
	}
	t.Logf("a dead first way in, then the host: in after %v", took.Round(time.Millisecond))

	// Another host, with another certificate, on the same port of 127.0.0.2: named
	// first, it is passed over for the one the code names.
	other, err := host.New(host.Config{Addr: "127.0.0.2:" + strconv.Itoa(port), CertDir: t.TempDir(), Logger: hosttest.Quiet})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- other.Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })
	c2, _, err := dialCode(t, code(t, port, s.Fingerprint(), "127.0.0.2", "127.0.0.1"))
	if err != nil || c2.Fingerprint() != s.Fingerprint() {
		t.Fatalf("a code whose first way in is another host: %v", err)
	}
	c2.Leave()
	if _, _, err := dialCode(t, code(t, port, s.Fingerprint(), "127.0.0.2")); client.ReasonOf(err) != client.ReasonIdentityChanged {
		t.Errorf("a code answered only by another host: %v", err)
	}
}

// TestAnOldInviteCodeIsToldApart: a code from an older release is refused in words,
// before anything is sent.
func TestAnOldInviteCodeIsToldApart(t *testing.T) {
	_, _, err := dialCode(t, "GEM-ATAK-QAIU-XKQQ-7MH5-3OJI-AABN")
	if client.ReasonOf(err) != client.ReasonBadInvite || !strings.Contains(err.Error(), "older Gem Rush release") {
		t.Fatalf("an old code: %v", err)
	}
}
