package invite

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

const fp = "0fb0fddb9280809305b12e906443c16856eb549ec14d9f4463c206899072a715"

func TestRoundTrip(t *testing.T) {
	for _, a := range []string{"192.168.1.20:47777", "203.0.113.7:1", "[2001:db8::1]:47777"} {
		inv, err := New(netip.MustParseAddrPort(a), fp)
		if err != nil {
			t.Fatal(err)
		}
		code := inv.String()
		back, err := Parse(code)
		if err != nil || back != inv {
			t.Fatalf("%s → %s → %+v, %v", a, code, back, err)
		}
		if !back.Matches(fp) || back.Matches("aa"+fp[2:]) {
			t.Errorf("%s: fingerprint check is wrong", code)
		}
		// Forgiving: lower case, spaces instead of dashes.
		if again, err := Parse(strings.ToLower(strings.ReplaceAll(code, "-", " "))); err != nil || again != inv {
			t.Errorf("lower-case %s: %v", code, err)
		}
		t.Logf("%s → %s", a, code)
	}
}

func TestExpectedCode(t *testing.T) {
	inv, _ := New(netip.MustParseAddrPort("192.168.1.20:47777"), fp)
	if got, want := inv.String(), "GEM-ATAK-QAIU-XKQQ-7MH5-3OJI-AABN"; got != want {
		t.Fatalf("code %s, want %s", got, want)
	}
}

func TestEveryTypoIsCaught(t *testing.T) {
	inv, _ := New(netip.MustParseAddrPort("192.168.1.20:47777"), fp)
	code := inv.String()
	for i := len(Prefix); i < len(code); i++ {
		if code[i] == '-' {
			continue
		}
		for _, c := range "A7Q" {
			if byte(c) == code[i] {
				continue
			}
			typo := code[:i] + string(c) + code[i+1:]
			if _, err := Parse(typo); !errors.Is(err, ErrMistyped) {
				t.Errorf("%s parsed (err %v)", typo, err)
			}
		}
	}
	for _, short := range []string{code[:len(code)-1], code + "A", "GEM-", "GEM-!!!!"} {
		if _, err := Parse(short); !errors.Is(err, ErrMistyped) {
			t.Errorf("%q: err %v", short, err)
		}
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

func TestLinkLocalCannotTravel(t *testing.T) {
	if _, err := New(netip.MustParseAddrPort("[fe80::1%eth0]:47777"), fp); err == nil {
		t.Fatal("a link-local address made a code")
	}
}
