package quicnet

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/portmap"
	"github.com/gemrush/gemrush/net/session"
)

// noAnswer says that nobody answered at an invite code's ways in silent, and that
// another game did at wrong, if any. A code that holds only addresses of a home
// network (private, shared or link-local) was made before the host's router
// forwarded the port: from outside that network the host cannot be reached by it,
// and the sentence says so and what to ask the host for. The player is outside it
// when none of own (the player's networks) holds one of its addresses, or when
// another game answered at one (the player's own network has the same numbers); a
// player whose network could be the host's is asked both ways.
func noAnswer(inv *invite.Invite, silent, wrong []netip.AddrPort, own []netip.Prefix) *client.Error {
	port, lan := inv.Addrs[0].Port(), inv.Addrs[0].Addr()
	homeOnly, maybeTheirs := true, false
	for _, a := range inv.Addrs {
		homeOnly = homeOnly && onAHomeNetwork(a.Addr())
		for _, p := range own {
			maybeTheirs = maybeTheirs || p.Contains(a.Addr())
		}
	}
	at := "Nobody answered at " + joinAddrs(inCode(inv, silent), " or ")
	if len(wrong) > 0 {
		at += " (another game answered at " + joinAddrs(inCode(inv, wrong), " and ") + ")"
	}
	notOpened := fmt.Sprintf("that invite code holds only the host's home-network addresses, as their router had not opened the port when it was made. "+
		"Ask the host for a code made after their screen says the port is open, or to forward UDP %d to %s on their router.", port, lan)
	err := &client.Error{Reason: client.ReasonNoAnswer, Err: session.ErrNoAnswer}
	switch {
	case homeOnly && (!maybeTheirs || len(wrong) > 0):
		err.Reason = client.ReasonNotForwarded
		err.Sentence = at + ": " + notOpened
	case homeOnly:
		err.Sentence = at + ". Is the game still hosted? If you are not on the host's network, " + notOpened
	default:
		err.Sentence = fmt.Sprintf("%s. Is the game still hosted? Is UDP port %d open?", at, port)
	}
	return err
}

// onAHomeNetwork reports whether a is an address only a home network reaches:
// private, shared or link-local (not loopback: that is this machine).
func onAHomeNetwork(a netip.Addr) bool {
	return !portmap.Public(a) && !a.IsLoopback() && !a.IsUnspecified()
}

// inCode is those of the code's ways in that are among addrs, in the code's order.
func inCode(inv *invite.Invite, addrs []netip.AddrPort) []netip.AddrPort {
	var out []netip.AddrPort
	for _, a := range inv.Addrs {
		if slices.Contains(addrs, a) {
			out = append(out, a)
		}
	}
	return out
}

// joinAddrs lists addrs in words.
func joinAddrs(addrs []netip.AddrPort, and string) string {
	s := make([]string, len(addrs))
	for i, a := range addrs {
		s[i] = a.String()
	}
	return strings.Join(s, and)
}
