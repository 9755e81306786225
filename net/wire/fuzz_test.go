package wire

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary datagrams and frame bodies to Parse: it must never panic,
// and whatever it accepts must encode back to the very same bytes.
func FuzzParse(f *testing.F) {
	for _, g := range golden {
		b, _ := hex.DecodeString(strings.ReplaceAll(g.hex, " ", ""))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		again, err := AppendMessage(nil, m)
		if err != nil {
			t.Fatalf("parsed %+v but cannot encode it: %v", m, err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoded %x, input was %x", again, b)
		}
	})
}

// FuzzReadFrame feeds arbitrary stream bytes to ReadFrame: no panic, no frame larger
// than the limit, and every frame it accepts re-encodes to the bytes it consumed.
func FuzzReadFrame(f *testing.F) {
	var stream []byte
	for _, g := range golden {
		stream, _ = AppendFrame(stream, g.msg)
	}
	f.Add(stream)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := bufio.NewReader(bytes.NewReader(b))
		for range 64 {
			m, err := ReadFrame(r)
			if err != nil {
				return
			}
			if _, err := AppendFrame(nil, m); err != nil {
				t.Fatalf("accepted %+v that cannot be re-framed: %v", m, err)
			}
			if _, ok := m.(interface{ Type() Type }); !ok || reflect.ValueOf(m).IsNil() {
				t.Fatal("nil message without error")
			}
		}
	})
}
