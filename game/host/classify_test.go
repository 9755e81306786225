package host

import (
	"testing"

	"github.com/gemrush/gemrush/net/wire"
)

func TestClassifyDatagrams(t *testing.T) {
	var st Stats
	input, _ := wire.AppendMessage(nil, &wire.Input{Seq: 5, Moves: []wire.Move{{X: 1}}})
	snapshot, _ := wire.AppendMessage(nil, &wire.Snapshot{Tick: 1})
	oversized := append(append([]byte{}, input...), make([]byte, wire.MaxDatagramSize)...)
	tests := []struct {
		name string
		b    []byte
		want any // *wire.Input or the counter
	}{
		{"a good input", input, nil},
		{"oversized, even if it starts like an input", oversized, &st.DroppedOversized},
		{"empty", nil, &st.DroppedMalformed},
		{"truncated", input[:len(input)-1], &st.DroppedMalformed},
		{"unknown type", []byte{0x7e, 1}, &st.DroppedUnknown},
		{"a snapshot, which players do not send", snapshot, &st.DroppedUnexpected},
	}
	for _, tt := range tests {
		in, drop := st.classify(tt.b)
		switch {
		case tt.want == nil && (drop != nil || in == nil || in.Seq != 5):
			t.Errorf("%s: input %+v, dropped %v", tt.name, in, drop != nil)
		case tt.want != nil && (in != nil || drop != tt.want):
			t.Errorf("%s: not dropped for the right reason", tt.name)
		}
	}
}
