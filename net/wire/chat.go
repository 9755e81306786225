package wire

import "encoding/binary"

// ChatSend is a line a player typed, on its way to the host.
type ChatSend struct{ Text string }

func (*ChatSend) Type() Type { return TypeChatSend }

func (m *ChatSend) Append(b []byte) ([]byte, error) { return appendString(b, m.Text) }

func (m *ChatSend) parse(r *reader) { m.Text = r.str() }

// Chat is a line as the host relays it to every player, the sender included. Seq
// counts every line the host relayed, so a gap or a repeat is visible.
type Chat struct {
	Seq  uint32
	From uint8
	Name string
	Text string
}

func (*Chat) Type() Type { return TypeChat }

func (m *Chat) Append(b []byte) ([]byte, error) {
	b = append(binary.BigEndian.AppendUint32(b, m.Seq), m.From)
	b, err := appendString(b, m.Name)
	if err != nil {
		return b, err
	}
	return appendString(b, m.Text)
}

func (m *Chat) parse(r *reader) { m.Seq, m.From, m.Name, m.Text = r.u32(), r.u8(), r.str(), r.str() }
