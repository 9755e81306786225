package wire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// FrameTooLargeError is returned when a frame's length exceeds the reader's limit.
// A peer that sends one is misbehaving: the connection is closed.
type FrameTooLargeError struct{ Len, Max uint64 }

func (e *FrameTooLargeError) Error() string {
	return fmt.Sprintf("wire: frame of %d bytes exceeds the limit of %d", e.Len, e.Max)
}

// AppendFrame appends m as a length-prefixed frame.
func AppendFrame(b []byte, m Message) ([]byte, error) {
	body, err := AppendMessage(nil, m)
	if err != nil {
		return b, err
	}
	if len(body) > MaxFrameSize {
		return b, &FrameTooLargeError{Len: uint64(len(body)), Max: MaxFrameSize}
	}
	return append(binary.AppendUvarint(b, uint64(len(body))), body...), nil
}

// ReadFrame reads one frame from r and parses it. The length is checked before any
// body byte is read, so a peer cannot make us buffer more than MaxFrameSize.
func ReadFrame(r *bufio.Reader) (Message, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > MaxFrameSize {
		return nil, &FrameTooLargeError{Len: n, Max: MaxFrameSize}
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return Parse(buf)
}
