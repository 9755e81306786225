package game

import (
	"image"
	"net/netip"
	"testing"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/portmap"
)

// inviteOf is a real invite code for port 47777 at addrs.
func inviteOf(t *testing.T, addrs ...string) string {
	t.Helper()
	var as []netip.Addr
	for _, a := range addrs {
		as = append(as, netip.MustParseAddr(a))
	}
	inv, err := invite.New(47777, as, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
	if err != nil {
		t.Fatal(err)
	}
	return inv.String()
}

// TestTheHostingBarFitsEveryInternetLine lays the hosting screen's bar out with each
// internet line the host can see, at its longest, beside invite codes of two, three
// and four ways in, and where LAN players join at its longest: every line is drawn
// whole in the font the game draws it with (the invite code may shrink, or at four
// ways in be cut, as Copy copies it whole), inside the 1280x720 screen, clear of the
// title, the Copy button, the arena and each other. The screen is scaled to the
// window whatever its size, so what fits here fits at the smallest window too.
func TestTheHostingBarFitsEveryInternetLine(t *testing.T) {
	const port, lan = 47777, "192.168.100.200"
	ext := netip.MustParseAddrPort("203.0.113.255:47777")
	var internets []string
	for _, st := range []portmap.Status{
		{State: portmap.Trying},
		{State: portmap.Mapped, External: ext},
		{State: portmap.Mapped, External: ext, Confirmed: true},
		{State: portmap.Mapped, Confirmed: true}, // the router did not say its address
		{State: portmap.NoRouter},
		{State: portmap.Refused},
		{State: portmap.Shared, External: netip.MustParseAddrPort("100.127.255.255:47777")},
		{State: portmap.Shared, External: netip.MustParseAddrPort("172.31.255.255:47777")},
	} {
		internets = append(internets, st.Short(port, lan))
	}
	where := "Others join at 192.168.100.200:47777 or [fe80::e819:18ff:fe9a:599d%wlp0s20f3]:47777   ·   8/8 players   ·   no word from the host"
	two := inviteOf(t, "203.0.113.255", lan)
	codes := []string{two,
		inviteOf(t, "203.0.113.255", lan, "2001:db8:1234:5678:9abc:def0:1234:5678"),
		inviteOf(t, "203.0.113.255", lan, "2001:db8:1234:5678:9abc:def0:1234:5678", "2001:db8:1234:5678:1111:2222:3333:4444")}
	if len(two) != len("GEM-")+55+13 {
		t.Fatalf("a code of two ways in is %d characters: %s", len(two), two)
	}
	arena := image.Rect(arenaX-4, arenaY-4, arenaX+sim.ArenaWidth+4, arenaY+sim.ArenaHeight+4) // with its border
	for _, internet := range internets {
		for _, code := range codes {
			lines := append(hostingBar(where, internet, code), titleLine())
			if lines[0].text != internet {
				t.Errorf("the internet line is cut: %q, drawn as %q", internet, lines[0].text)
			}
			if code == two {
				if inv := lines[2].text; inv != "Invite code  "+two {
					t.Errorf("a code of two ways in is drawn as %q", inv)
				}
			}
			for i, l := range lines {
				x0, y0, x1, y1 := l.span()
				box := image.Rect(int(x0), int(y0), int(x1+0.999), int(y1+0.999))
				if !box.In(image.Rect(0, 0, screenW, screenH)) {
					t.Errorf("%q reaches %v, off the screen", l.text, box)
				}
				if box.Overlaps(arena) || box.Overlaps(copyButton) {
					t.Errorf("%q at %v covers the arena or the Copy button", l.text, box)
				}
				for _, o := range lines[i+1:] {
					ox0, oy0, ox1, oy1 := o.span()
					if x0 < ox1 && ox0 < x1 && y0 < oy1 && oy0 < y1 {
						t.Errorf("%q and %q overlap", l.text, o.text)
					}
				}
			}
		}
	}
}

// TestTheHostingBarWithoutTheRouter: with the router not asked, where LAN players
// join takes the top row, and nothing is drawn under the arena.
func TestTheHostingBarWithoutTheRouter(t *testing.T) {
	lines := hostingBar("Others join at 192.168.1.20:47777   ·   1/8 players", "", "")
	if len(lines) != 1 || lines[0].y != hostRowInternet {
		t.Fatalf("lines %+v", lines)
	}
}
