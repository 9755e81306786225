// Package tcpgame carries Gem Rush the way a first networked game is usually built:
// one TCP connection per player, every message a line of JSON. It is the bench's
// baseline, beside the game as shipped (QUIC streams and datagrams); it runs the real
// rules (host.Loop) and the real bots (game/bot), only the transport differs.
//
// Each line is one message, its kind and its fields:
//
//	{"type":"snapshot","msg":{"Tick":812,"Ack":790,…,"Players":[{"ID":1,"X":5120,"Y":9216}],…}}\n
//
// The player opens with a hello line; the host answers with a welcome (or a reject,
// and hangs up). From then on the host sends control, chat and whole snapshots, every
// tick, in one stream; the player sends an input line each frame and its chat. A host
// that closes the connection says why in a last reject line.
package tcpgame

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gemrush/gemrush/net/wire"
)

// maxLine caps a line either end reads: a whole snapshot of the most players and
// gems as JSON is under 16 KiB; a longer line is a broken peer.
const maxLine = 64 << 10

// kinds names each message as its line does, with a way to make an empty one to
// decode into.
var kinds = map[wire.Type]struct {
	name string
	make func() wire.Message
}{
	wire.TypeHello:        {"hello", func() wire.Message { return &wire.Hello{} }},
	wire.TypeWelcome:      {"welcome", func() wire.Message { return &wire.Welcome{} }},
	wire.TypeReject:       {"reject", func() wire.Message { return &wire.Reject{} }},
	wire.TypePlayerJoined: {"joined", func() wire.Message { return &wire.PlayerJoined{} }},
	wire.TypePlayerLeft:   {"left", func() wire.Message { return &wire.PlayerLeft{} }},
	wire.TypeScored:       {"scored", func() wire.Message { return &wire.Scored{} }},
	wire.TypeRoundOver:    {"round_over", func() wire.Message { return &wire.RoundOver{} }},
	wire.TypeRoundStart:   {"round_start", func() wire.Message { return &wire.RoundStart{} }},
	wire.TypePlayerAway:   {"away", func() wire.Message { return &wire.PlayerAway{} }},
	wire.TypePlayerBack:   {"back", func() wire.Message { return &wire.PlayerBack{} }},
	wire.TypeNotice:       {"notice", func() wire.Message { return &wire.Notice{} }},
	wire.TypeStandings:    {"standings", func() wire.Message { return &wire.Standings{} }},
	wire.TypeChatSend:     {"say", func() wire.Message { return &wire.ChatSend{} }},
	wire.TypeChat:         {"chat", func() wire.Message { return &wire.Chat{} }},
	wire.TypeInput:        {"input", func() wire.Message { return &wire.Input{} }},
	wire.TypeSnapshot:     {"snapshot", func() wire.Message { return &wire.Snapshot{} }},
}

// byName is kinds by the name a line gives.
var byName = func() map[string]func() wire.Message {
	m := map[string]func() wire.Message{}
	for _, k := range kinds {
		m[k.name] = k.make
	}
	return m
}()

// line is one message as it travels.
type line struct {
	Type string          `json:"type"`
	Msg  json.RawMessage `json:"msg"`
}

// Errors of a line that cannot be read.
var (
	ErrUnknownKind = errors.New("tcpgame: a line of an unknown kind")
	ErrNoKind      = errors.New("tcpgame: this message has no line of its own")
)

// AppendLine appends m as a line of JSON, its newline included.
func AppendLine(b []byte, m wire.Message) ([]byte, error) {
	k, ok := kinds[m.Type()]
	if !ok {
		return b, fmt.Errorf("%w: type %#02x", ErrNoKind, byte(m.Type()))
	}
	msg, err := json.Marshal(m)
	if err != nil {
		return b, err
	}
	out, err := json.Marshal(line{Type: k.name, Msg: msg})
	if err != nil {
		return b, err
	}
	return append(append(b, out...), '\n'), nil
}

// ParseLine decodes one line, with or without its newline.
func ParseLine(b []byte) (wire.Message, error) {
	var l line
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, err
	}
	make, ok := byName[l.Type]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, l.Type)
	}
	if len(l.Msg) == 0 {
		return nil, fmt.Errorf("tcpgame: a %s line without its message", l.Type)
	}
	m := make()
	if err := json.Unmarshal(l.Msg, m); err != nil {
		return nil, fmt.Errorf("tcpgame: a %s line: %w", l.Type, err)
	}
	return m, nil
}
