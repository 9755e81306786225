// Package invite turns a host's address and identity into a code a person can paste
// into a chat with friends, and back. A player who joins by code also checks that the
// host they reach has the certificate the code names, so a code cannot be pointed at
// another machine by accident.
//
// A code is "GEM-" and groups of four base32 letters of these bytes:
//
//	kind u8 (4 or 6) | address (4 or 16 bytes) | port u16 |
//	fingerprint prefix (6 bytes) | checksum u16 (low half of the CRC-32 of what precedes)
//
// An IPv4 code is 24 letters: GEM-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX.
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

// fingerprintLen is how many bytes of the host's certificate fingerprint a code holds.
const fingerprintLen = 6

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Invite is a decoded code.
type Invite struct {
	Addr        netip.AddrPort
	Fingerprint [fingerprintLen]byte
}

// Errors from Parse and New.
var (
	ErrNotACode = errors.New("not an invite code")
	ErrMistyped = errors.New("the invite code has a typo in it")
)

// New makes an invite for a host at addr whose certificate has the given SHA-256
// fingerprint (hex). A link-local IPv6 address needs its interface and cannot travel.
func New(addr netip.AddrPort, fingerprint string) (Invite, error) {
	fp, err := hex.DecodeString(fingerprint)
	if err != nil || len(fp) < fingerprintLen {
		return Invite{}, fmt.Errorf("invite: bad fingerprint %q", fingerprint)
	}
	if addr.Addr().Zone() != "" || addr.Addr().Is6() && addr.Addr().IsLinkLocalUnicast() {
		return Invite{}, fmt.Errorf("invite: %s is only reachable on its own link", addr)
	}
	inv := Invite{Addr: netip.AddrPortFrom(addr.Addr().Unmap(), addr.Port())}
	copy(inv.Fingerprint[:], fp)
	return inv, nil
}

// String is the code.
func (inv Invite) String() string {
	var b []byte
	if ip := inv.Addr.Addr(); ip.Is4() {
		a := ip.As4()
		b = append([]byte{4}, a[:]...)
	} else {
		a := ip.As16()
		b = append([]byte{6}, a[:]...)
	}
	b = binary.BigEndian.AppendUint16(b, inv.Addr.Port())
	b = append(b, inv.Fingerprint[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(crc32.ChecksumIEEE(b)))
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
	var ipLen int
	switch b[0] {
	case 4:
		ipLen = 4
	case 6:
		ipLen = 16
	default:
		return Invite{}, ErrMistyped
	}
	if len(b) != 1+ipLen+2+fingerprintLen+2 {
		return Invite{}, ErrMistyped
	}
	body, sum := b[:len(b)-2], binary.BigEndian.Uint16(b[len(b)-2:])
	if uint16(crc32.ChecksumIEEE(body)) != sum {
		return Invite{}, ErrMistyped
	}
	ip, _ := netip.AddrFromSlice(body[1 : 1+ipLen])
	port := binary.BigEndian.Uint16(body[1+ipLen:])
	inv := Invite{Addr: netip.AddrPortFrom(ip, port)}
	copy(inv.Fingerprint[:], body[1+ipLen+2:])
	return inv, nil
}

// Matches reports whether a host's full fingerprint (hex) is the one the code names.
func (inv Invite) Matches(fingerprint string) bool {
	return strings.HasPrefix(strings.ToLower(fingerprint), hex.EncodeToString(inv.Fingerprint[:]))
}
