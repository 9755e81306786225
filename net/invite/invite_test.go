package invite

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

const fp = "0fb0fddb9280809305b12e906443c16856eb549ec14d9f4463c206899072a715"

func addrs(ss ...string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	for _, as := range [][]string{
		{"192.168.1.20"},
		{"203.0.113.7", "192.168.1.20"},
		{"2001:db8::1"},
		{"203.0.113.7", "192.168.1.20", "2001:db8::1", "10.0.0.5"},
	} {
		inv, err := New(47777, addrs(as...), fp)
		if err != nil {
			t.Fatal(err)
		}
		code := inv.String()
		back, err := Parse(code)
		if err != nil || !slices.Equal(back.Addrs, inv.Addrs) || back.Fingerprint != inv.Fingerprint {
			t.Fatalf("%v → %s → %+v, %v", as, code, back, err)
		}
		if !back.Matches(fp) || back.Matches(fp[:30]+"00"+fp[32:]) {
			t.Errorf("%s: the fingerprint check is wrong", code)
		}
		// Forgiving: lower case, spaces instead of dashes.
		if again, err := Parse(strings.ToLower(strings.ReplaceAll(code, "-", " "))); err != nil || !slices.Equal(again.Addrs, inv.Addrs) {
			t.Errorf("lower-case %s: %v", code, err)
		}
		t.Logf("%v → %s (%d letters)", as, code, len(strings.ReplaceAll(code[len(Prefix):], "-", "")))
	}
}

func TestExpectedCode(t *testing.T) {
	inv, _ := New(47777, addrs("203.0.113.7", "192.168.1.20"), fp)
	if got, want := inv.String(), "GEM-AK5K-CAQE-ZMAH-CBYE-YCUA-CFAP-WD65-XEUA-QCJQ-LMJO-SBSE-HQLI-HGZD-QAQ"; got != want {
		t.Fatalf("code %s, want %s", got, want)
	}
}

// TestEveryTypoIsCaught changes each letter of a code to every other letter of the
// alphabet in turn, swaps each two neighbouring letters, drops each letter, and cuts
// and pads the code: none parses.
func TestEveryTypoIsCaught(t *testing.T) {
	inv, _ := New(47777, addrs("203.0.113.7", "192.168.1.20"), fp)
	code := inv.String()
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	caught := func(typo string) {
		t.Helper()
		if typo == code {
			return
		}
		if _, err := Parse(typo); !errors.Is(err, ErrMistyped) {
			t.Errorf("%s parsed (err %v)", typo, err)
		}
	}
	for i := len(Prefix); i < len(code); i++ {
		if code[i] == '-' {
			continue
		}
		for _, c := range alphabet {
			caught(code[:i] + string(c) + code[i+1:])
		}
		caught(code[:i] + code[i+1:])
		if j := i + 1; j < len(code) && code[j] != '-' {
			caught(code[:i] + string(code[j]) + string(code[i]) + code[j+1:])
		}
	}
	for _, short := range []string{code[:len(code)-1], code + "A", "GEM-", "GEM-!!!!"} {
		if _, err := Parse(short); !errors.Is(err, ErrMistyped) {
			t.Errorf("%q: err %v", short, err)
		}
	}
}

// TestAnOldCodeIsToldApart: a code of the first version is refused as old, not as a typo.
func TestAnOldCodeIsToldApart(t *testing.T) {
	if _, err := Parse("GEM-ATAK-QAIU-XKQQ-7MH5-3OJI-AABN"); !errors.Is(err, ErrOldCode) {
		t.Fatalf("an old code: %v", err)
	}
}

func TestNotACode(t *testing.T) {
	if IsCode("192.168.1.2:47777") || !IsCode(" gem-abcd") {
		t.Fatal("IsCode is wrong")
	}
	if _, err := Parse("example.org:47777"); !errors.Is(err, ErrNotACode) {
		t.Fatal(err)
	}
}

func TestOnlyAddressesThatTravelAreCarried(t *testing.T) {
	if _, err := New(47777, addrs("fe80::1%eth0"), fp); err == nil {
		t.Fatal("a link-local address made a code")
	}
	inv, err := New(47777, addrs("fe80::1", "192.168.1.20", "192.168.1.20", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"), fp)
	if err != nil || len(inv.Addrs) != 4 || inv.Addrs[0].String() != "192.168.1.20:47777" {
		t.Fatalf("%v, %v", inv.Addrs, err)
	}
}

// FuzzParse: whatever parses re-encodes to the canonical spelling it came as.
func FuzzParse(f *testing.F) {
	inv, _ := New(47777, addrs("203.0.113.7", "192.168.1.20"), fp)
	f.Add(inv.String())
	f.Add("GEM-ATAK-QAIU-XKQQ-7MH5-3OJI-AABN")
	f.Fuzz(func(t *testing.T, s string) {
		inv, err := Parse(s)
		if err != nil {
			return
		}
		if again := inv.String(); !strings.EqualFold(strings.ReplaceAll(again[len(Prefix):], "-", ""), mustLetters(s)) {
			t.Fatalf("%q parsed as %+v, which is %s", s, inv, again)
		}
	})
}

func mustLetters(s string) string { l, _ := letters(s); return l }
