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

// TestAnotherGameAndSilenceIsNobodyAnswering: of a code's two ways in, one is another
// game (another certificate) and the other is silent. The host the code names was not
// reached, so the join says nobody answered, naming the other game too; it is a
// changed host only when every way in answered as another.
func TestAnotherGameAndSilenceIsNobodyAnswering(t *testing.T) {
	other, _ := hosttest.Start(t, host.Config{})
	port := other.Addr().Port // on 127.0.0.1; nothing listens at 127.0.0.3
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	_, err := Dial(ctx, client.Config{Addr: code(t, port, strings.Repeat("ab", 32), "127.0.0.1", "127.0.0.3"), Name: "Bo",
		Colour: wire.NoColour, HandshakeWithin: time.Second}, Options{Logger: hosttest.Quiet})
	p := strconv.Itoa(port)
	want := "Nobody answered at 127.0.0.3:" + p + " (another game answered at 127.0.0.1:" + p + "). Is the game still hosted? Is UDP port " + p + " open?"
	if client.ReasonOf(err) != client.ReasonNoAnswer || err.Error() != want {
		t.Errorf("another game and a silent address: %v (%v)\nwant %s", err, client.ReasonOf(err), want)
	}
}

// TestACodeOfHomeAddressesOnlySaysThePortWasNotOpen: nobody answered at a code's ways
// in, all on the host's home network: from another network, the code could never
// reach the host, and the player is told what to ask for instead. A player whose own
// network could be the host's is asked both ways; a code with an internet address
// is plain silence.
func TestACodeOfHomeAddressesOnlySaysThePortWasNotOpen(t *testing.T) {
	ap := netip.MustParseAddrPort
	home := &invite.Invite{Addrs: []netip.AddrPort{ap("192.168.1.20:47777"), ap("[fd00::20]:47777")}}
	withInternet := &invite.Invite{Addrs: []netip.AddrPort{ap("203.0.113.7:47777"), ap("192.168.1.20:47777")}}
	away := []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")}
	alike := []netip.Prefix{netip.MustParsePrefix("192.168.1.0/24")} // numbered as the host's: it may be theirs
	notOpened := "that invite code holds only the host's home-network addresses, as their router had not opened the port when it was made. " +
		"Ask the host for a code made after their screen says the port is open, or to forward UDP 47777 to 192.168.1.20 on their router."
	for _, tc := range []struct {
		inv          *invite.Invite
		silent, wrng []netip.AddrPort
		own          []netip.Prefix
		reason       client.Reason
		sentence     string
	}{
		{home, home.Addrs, nil, away, client.ReasonNotForwarded,
			"Nobody answered at 192.168.1.20:47777 or [fd00::20]:47777: " + notOpened},
		{home, home.Addrs[1:], home.Addrs[:1], alike, client.ReasonNotForwarded,
			"Nobody answered at [fd00::20]:47777 (another game answered at 192.168.1.20:47777): " + notOpened},
		{home, home.Addrs, nil, alike, client.ReasonNoAnswer,
			"Nobody answered at 192.168.1.20:47777 or [fd00::20]:47777. Is the game still hosted? If you are not on the host's network, " + notOpened},
		{withInternet, withInternet.Addrs, nil, away, client.ReasonNoAnswer,
			"Nobody answered at 203.0.113.7:47777 or 192.168.1.20:47777. Is the game still hosted? Is UDP port 47777 open?"},
	} {
		err := noAnswer(tc.inv, tc.silent, tc.wrng, tc.own)
		if err.Reason != tc.reason || err.Sentence != tc.sentence {
			t.Errorf("%v silent, %v another game, player on %v:\n%v: %s\nwant %v: %s", tc.silent, tc.wrng, tc.own, err.Reason, err.Sentence, tc.reason, tc.sentence)
		}
	}
}
