package wire

import (
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"
)

// reader consumes a message body; the first failure sticks, so a parser reads all its
// fields and checks once.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if len(r.b) < n {
		r.err, r.b = ErrTruncated, nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u8() uint8 {
	if v := r.take(1); v != nil {
		return v[0]
	}
	return 0
}

// bool reads a byte that must be 0 or 1.
func (r *reader) bool() bool {
	v := r.u8()
	if v > 1 && r.err == nil {
		r.err = ErrBadBool
	}
	return v == 1
}

func (r *reader) i8() int8 { return int8(r.u8()) }

func (r *reader) u16() uint16 {
	if v := r.take(2); v != nil {
		return binary.BigEndian.Uint16(v)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if v := r.take(4); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

func (r *reader) str() string {
	v := r.take(int(r.u8()))
	if r.err == nil && !utf8.Valid(v) {
		r.err = ErrBadString
	}
	return string(v)
}

// Clip shortens s to at most MaxString bytes without splitting a character, so that
// it can always be encoded.
func Clip(s string) string {
	if len(s) <= MaxString {
		return s
	}
	cut := MaxString
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

func appendString(b []byte, s string) ([]byte, error) {
	if len(s) > MaxString {
		return b, fmt.Errorf("%w: string of %d bytes", ErrTooLong, len(s))
	}
	return append(append(b, byte(len(s))), s...), nil
}

// delta reads one coordinate of a SnapshotDelta: a zigzag varint in its shortest form,
// at most ±maxDelta. Only the shortest form is accepted so that every value has exactly
// one encoding and whatever Parse accepts, Append writes back byte for byte.
func (r *reader) delta() int32 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	switch {
	case n == 0:
		r.err, r.b = ErrTruncated, nil
		return 0
	case n < 0 || v < -maxDelta || v > maxDelta:
		r.err = ErrOutOfRange
		return 0
	case n > 1 && r.b[n-1] == 0: // a last byte of 0 only pads a shorter encoding
		r.err = ErrBadVarint
		return 0
	}
	r.b = r.b[n:]
	return int32(v)
}

// uvarint32 reads a SnapshotDelta's ack offset: a uvarint in its shortest form, of at
// most 32 bits, so that, as with delta, Append writes back what Parse accepts.
func (r *reader) uvarint32() uint32 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	switch {
	case n == 0:
		r.err, r.b = ErrTruncated, nil
		return 0
	case n < 0 || v > math.MaxUint32:
		r.err = ErrOutOfRange
		return 0
	case n > 1 && r.b[n-1] == 0:
		r.err = ErrBadVarint
		return 0
	}
	r.b = r.b[n:]
	return uint32(v)
}
