// Package invite turns a host's ways in and identity into a code a person can paste
// into a chat with friends, and back. A player who joins by code also checks that the
// host they reach has the certificate the code names, so a code cannot be pointed at
// another machine by accident, or by a stranger on the path.
//
// A code is "GEM-" and groups of four base32 letters of these bytes:
//
//	version u8 (2) | port u16 | candidates u8 (1…4) |
//	candidates × (kind u8 (4 or 6) | address (4 or 16 bytes)) |
//	fingerprint prefix (16 bytes: 128 bits) | checksum u32 (the CRC-32 of what precedes)
//
// The candidates are every way in, best first: the router's internet address when it
// forwards the port, then the host's addresses on its network. A code with the
// internet address and one LAN address is 55 letters. A CRC-32 catches every typo of
// up to six letters in a row, and most others.
//
// Codes of the first version (a kind byte first, one address, 48 bits of the
// fingerprint) were made by Gem Rush releases this one cannot play with; they are told
// apart by their first byte and refused in words.
package invite

import (
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"net/netip"
	"strings"
)

// Prefix starts every code.
const Prefix = "GEM-"

const (
	version        = 2
	fingerprintLen = 16 // bytes of the host's SHA-256 certificate fingerprint a code holds
	mostCandidates = 4
)

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Invite is a decoded code.
type Invite struct {
	Addrs       []netip.AddrPort // the ways in, best first; all on the same port
	Fingerprint [fingerprintLen]byte
}

// Errors from Parse and New.
var (
	ErrNotACode = errors.New("not an invite code")
	ErrMistyped = errors.New("the invite code has a typo in it")
	ErrOldCode  = errors.New("the invite code was made by an older Gem Rush")
)

// New makes an invite for a host whose certificate has the given SHA-256 fingerprint
// (hex), reachable on port at addrs, best first. Addresses a code cannot carry (a
// link-local IPv6 one needs its interface), repeats and those past the fourth are
// left out; it fails when none is left.
func New(port uint16, addrs []netip.Addr, fingerprint string) (Invite, error) {
	fp, err := hex.DecodeString(fingerprint)
	if err != nil || len(fp) < fingerprintLen {
		return Invite{}, fmt.Errorf("invite: bad fingerprint %q", fingerprint)
	}
	var inv Invite
	copy(inv.Fingerprint[:], fp)
	for _, a := range addrs {
		a = a.Unmap()
		if !a.IsValid() || a.Zone() != "" || a.Is6() && a.IsLinkLocalUnicast() || len(inv.Addrs) == mostCandidates {
			continue
		}
		ap := netip.AddrPortFrom(a, port)
		if !contains(inv.Addrs, ap) {
			inv.Addrs = append(inv.Addrs, ap)
		}
	}
	if len(inv.Addrs) == 0 {
		return Invite{}, errors.New("invite: no address others can reach")
	}
	return inv, nil
}

func contains(as []netip.AddrPort, a netip.AddrPort) bool {
	for _, b := range as {
		if b == a {
			return true
		}
	}
	return false
}

// String is the code.
func (inv Invite) String() string {
	b := []byte{version}
	b = binary.BigEndian.AppendUint16(b, inv.Addrs[0].Port())
	b = append(b, byte(len(inv.Addrs)))
	for _, ap := range inv.Addrs {
		if ip := ap.Addr(); ip.Is4() {
			a := ip.As4()
			b = append(append(b, 4), a[:]...)
		} else {
			a := ip.As16()
			b = append(append(b, 6), a[:]...)
		}
	}
	b = append(b, inv.Fingerprint[:]...)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	letters := encoding.EncodeToString(b)
	var groups []string
	for len(letters) > 4 {
		groups, letters = append(groups, letters[:4]), letters[4:]
	}
	return Prefix + strings.Join(append(groups, letters), "-")
}

// IsCode reports whether s looks like an invite code rather than an address.
func IsCode(s string) bool {
	_, ok := letters(s)
	return ok
}

// letters is the code's letters after the prefix, with case, spaces and dashes
// forgiven; ok is false when s does not start like a code.
func letters(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < len(Prefix) || s[:3] != Prefix[:3] || s[3] != '-' && s[3] != ' ' {
		return "", false
	}
	return strings.NewReplacer("-", "", " ", "").Replace(s[4:]), true
}

// Parse decodes a code.
func Parse(s string) (Invite, error) {
	s, ok := letters(s)
	if !ok {
		return Invite{}, ErrNotACode
	}
	b, err := encoding.DecodeString(s)
	if err != nil || len(b) < 1 || encoding.EncodeToString(b) != s { // only the canonical spelling
		return Invite{}, ErrMistyped
	}
	if b[0] == 4 || b[0] == 6 { // the first version began with the address's kind
		if len(b) == 1+4+2+6+2 || len(b) == 1+16+2+6+2 {
			return Invite{}, ErrOldCode
		}
		return Invite{}, ErrMistyped
	}
	if b[0] != version || len(b) < 1+2+1+4+fingerprintLen {
		return Invite{}, ErrMistyped
	}
	body, sum := b[:len(b)-4], binary.BigEndian.Uint32(b[len(b)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return Invite{}, ErrMistyped
	}
	port, n := binary.BigEndian.Uint16(body[1:3]), int(body[3])
	r := body[4:]
	var inv Invite
	for range n {
		if len(r) < 1 {
			return Invite{}, ErrMistyped
		}
		size := map[byte]int{4: 4, 6: 16}[r[0]]
		if size == 0 || len(r) < 1+size {
			return Invite{}, ErrMistyped
		}
		ip, _ := netip.AddrFromSlice(r[1 : 1+size])
		inv.Addrs = append(inv.Addrs, netip.AddrPortFrom(ip, port))
		r = r[1+size:]
	}
	if n == 0 || n > mostCandidates || len(r) != fingerprintLen {
		return Invite{}, ErrMistyped
	}
	copy(inv.Fingerprint[:], r)
	return inv, nil
}

// Matches reports whether a host's full fingerprint (hex) is the one the code names.
func (inv Invite) Matches(fingerprint string) bool {
	return strings.HasPrefix(strings.ToLower(fingerprint), hex.EncodeToString(inv.Fingerprint[:]))
}
