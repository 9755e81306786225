// Package wire is the Gem Rush protocol: the messages host and players exchange and
// their exact bytes. It imports only the standard library.
//
// Every message starts with its Type byte. Integers are big-endian, except the varints
// of SnapshotDelta (encoding/binary's AppendVarint, zigzag, and AppendUvarint); a string
// is a one-byte length and that many bytes of UTF-8.
//
// On a reliable stream (control or chat) each message is one frame:
//
//	+-----------------+------+------+
//	| length (uvarint) | type | body |   length counts type+body, at most MaxFrameSize
//	+-----------------+------+------+
//
// A datagram holds exactly one message, type and body, at most MaxDatagramSize bytes.
//
// Each stream a player opens starts with one StreamKind byte, then frames.
//
// Control stream (player opens; first frame Hello, answered by Welcome or Reject):
//
//	Hello        0x01  version u16 | colour u8 | name str | password str |
//	                   resume token 16 bytes (zero: none) | next chat seq u32
//	                   (a Hello of another version is read no further than its version,
//	                   so every version can turn every other away in words)
//	Welcome      0x02  version u16 | you u8 | max players u8 | target score u16 |
//	                   tick rate u8 | next chat seq u32 | host name str |
//	                   resume token 16 bytes | resumed u8 (0 or 1) | grace seconds u8
//	Reject       0x03  code u8 | reason str
//	PlayerJoined 0x04  id u8 | colour u8 | score u16 | name str
//	PlayerLeft   0x05  id u8 | reason u8
//	Scored       0x06  id u8 | score u16
//	RoundOver    0x07  winner u8 | round u16 | next round in ticks u16
//	RoundStart   0x08  round u16 | go in ticks u16   (the countdown; 0: play at once)
//	PlayerAway   0x09  id u8     the player's connection dropped; their place is kept
//	PlayerBack   0x0A  id u8     the player took their place back
//	Notice       0x0B  text str  the host to this player alone (their chat is too fast)
//	Standings    0x0C  count u8 | count × (id u8 | ping ms u16 | round wins u16)
//	                   every player's round trip to the host (0xFFFF: not known, as
//	                   while they are away) and rounds won, each second
//
// Chat stream (player opens after Welcome):
//
//	ChatSend     0x10  text str                             player → host
//	Chat         0x11  seq u32 | from u8 | name str | text str  host → every player
//
// Datagrams:
//
//	Input         0x20  seq u32 | snapshot u32 | count u8 | count × (x i8 | y i8)
//	                    newest first: inputs seq, seq-1, … so one lost datagram loses nothing;
//	                    snapshot is the newest snapshot tick received (0: none), the host's
//	                    baseline for deltas
//	Snapshot      0x21  tick u32 | ack u32 | round u16 | phase u8 | winner u8 | interval u8 |
//	                    queue u8 | players u8 | players × (id u8 | x u16 | y u16) |
//	                    gems u8 | gems × (id u16 | x u16 | y u16)
//	                    phase is sim.Phase: 0 playing, 1 round over, 2 countdown;
//	                    ack is the newest input seq the host has applied for the receiver;
//	                    interval is the ticks between the snapshots the receiver now gets;
//	                    queue is how many of the receiver's inputs usually wait at the host,
//	                    the one applied included, over the last two seconds (1: no wait)
//	SnapshotDelta 0x22  tick u32 | since u8 | flags u8 | ack (u32, or uvarint if flags bit 2) |
//	                    [round u16 | phase u8 | winner u8 | interval u8 | queue u8,
//	                     unless flags bit 1] |
//	                    players u8 | players × ([id u8, unless flags bit 0] | dx varint | dy varint) |
//	                    gone u8 | gone × (gem id u16) | new u8 | new × (id u16 | x u16 | y u16)
//	                    the snapshot at tick, written against the one at tick − since
//	                    (since 1…255, at most tick) that the receiver acknowledged.
//	                    flags say what the baseline already says and stays off the wire;
//	                    any other bit set is an error:
//	                      bit 0: the players are the baseline's, same ids in the same
//	                             order, and no entry has an id (else every entry has);
//	                      bit 1: round, phase, winner, interval and queue are the
//	                             baseline's and are left out;
//	                      bit 2: ack is written as ack − the baseline's ack, at least 0,
//	                             a uvarint in its shortest form (else u32).
//	                    The flags come before the ack because they say how it is written.
//	                    dx, dy: position minus the player's baseline position (0,0 if the
//	                    baseline lacks them), |d| ≤ 65535, in the shortest form (so at most
//	                    3 bytes). players lists every player, in the snapshot's order (the
//	                    host's: by id). Gems: the baseline's in order, less one per gone id
//	                    (the first left with that id), then new.
package wire

import (
	"errors"
	"fmt"
)

// Version is the protocol version. It changes whenever a message or an arena does.
const Version = 4

// DefaultPort is the UDP port a host listens on unless told otherwise.
const DefaultPort = 47777

// ALPN names the protocol in the TLS handshake. A player offers ALPN first and
// ALPNAnyVersion second; a host of another version still agrees on the second, so the
// Hello can travel and the Reject can name both versions in words.
const (
	ALPN           = "gemrush/4"
	ALPNAnyVersion = "gemrush"
)

// Size limits. A datagram must fit in one QUIC packet on any path (1200 bytes of
// payload is safe everywhere); a frame has no reason to be larger than a long chat line.
const (
	MaxDatagramSize = 1200
	MaxFrameSize    = 1024
	MaxString       = 255
	MaxInputs       = 16 // inputs one Input datagram may carry
)

// StreamKind is the first byte of a stream a player opens.
type StreamKind byte

const (
	StreamControl StreamKind = 0x01
	StreamChat    StreamKind = 0x02
)

// Type is the first byte of every message.
type Type byte

const (
	TypeHello         Type = 0x01
	TypeWelcome       Type = 0x02
	TypeReject        Type = 0x03
	TypePlayerJoined  Type = 0x04
	TypePlayerLeft    Type = 0x05
	TypeScored        Type = 0x06
	TypeRoundOver     Type = 0x07
	TypeRoundStart    Type = 0x08
	TypePlayerAway    Type = 0x09
	TypePlayerBack    Type = 0x0A
	TypeNotice        Type = 0x0B
	TypeStandings     Type = 0x0C
	TypeChatSend      Type = 0x10
	TypeChat          Type = 0x11
	TypeInput         Type = 0x20
	TypeSnapshot      Type = 0x21
	TypeSnapshotDelta Type = 0x22
)

// Message is anything that travels: Append encodes it after its type byte.
type Message interface {
	Type() Type
	Append(b []byte) ([]byte, error)
}

// Errors a parser returns. Test them with errors.Is.
var (
	ErrTruncated     = errors.New("wire: message truncated")
	ErrTrailingBytes = errors.New("wire: bytes after the end of the message")
	ErrBadString     = errors.New("wire: string is not valid UTF-8")
	ErrTooLong       = errors.New("wire: too long")
	ErrBadBool       = errors.New("wire: a yes-or-no byte is neither 0 nor 1")
)

// UnknownTypeError is returned for a type byte this version does not know.
type UnknownTypeError struct{ Type Type }

func (e *UnknownTypeError) Error() string {
	return fmt.Sprintf("wire: unknown message type %#02x", byte(e.Type))
}

// Parse decodes one whole message: b must hold exactly one, type byte first.
func Parse(b []byte) (Message, error) {
	if len(b) == 0 {
		return nil, ErrTruncated
	}
	var m interface {
		Message
		parse(r *reader)
	}
	switch t := Type(b[0]); t {
	case TypeHello:
		m = &Hello{}
	case TypeWelcome:
		m = &Welcome{}
	case TypeReject:
		m = &Reject{}
	case TypePlayerJoined:
		m = &PlayerJoined{}
	case TypePlayerLeft:
		m = &PlayerLeft{}
	case TypeScored:
		m = &Scored{}
	case TypeRoundOver:
		m = &RoundOver{}
	case TypeRoundStart:
		m = &RoundStart{}
	case TypePlayerAway:
		m = &PlayerAway{}
	case TypePlayerBack:
		m = &PlayerBack{}
	case TypeNotice:
		m = &Notice{}
	case TypeStandings:
		m = &Standings{}
	case TypeChatSend:
		m = &ChatSend{}
	case TypeChat:
		m = &Chat{}
	case TypeInput:
		m = &Input{}
	case TypeSnapshot:
		m = &Snapshot{}
	case TypeSnapshotDelta:
		m = &SnapshotDelta{}
	default:
		return nil, &UnknownTypeError{Type: t}
	}
	r := &reader{b: b[1:]}
	m.parse(r)
	if r.err != nil {
		return nil, fmt.Errorf("%#02x: %w", b[0], r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%#02x: %w", b[0], ErrTrailingBytes)
	}
	return m, nil
}

// AppendMessage appends m's type byte and body.
func AppendMessage(b []byte, m Message) ([]byte, error) {
	return m.Append(append(b, byte(m.Type())))
}
