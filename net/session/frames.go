package session

import (
	"bufio"
	"context"
	"errors"
	"io"
	"time"

	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// FrameQueueLen is how many frames may wait for one stream. A peer whose stream is
// this far behind is not reading: it is disconnected rather than waited for.
const FrameQueueLen = 512

// WriteTimeout bounds one write to a stream; it is shorter than IdleTimeout so a peer
// that stopped reading is found out before it would time out anyway.
const WriteTimeout = 5 * time.Second

// ErrTooSlow is returned by FrameWriter.Send when the peer is not keeping up.
var ErrTooSlow = errors.New("peer is not keeping up with its stream")

// FrameWriter owns the writing side of one stream. Send never blocks.
type FrameWriter struct {
	stream *quic.Stream
	queue  chan []byte
	done   chan struct{}
	err    error
}

// NewFrameWriter starts the writing goroutine; it ends with the stream or Close.
func NewFrameWriter(stream *quic.Stream) *FrameWriter {
	w := &FrameWriter{stream: stream, queue: make(chan []byte, FrameQueueLen), done: make(chan struct{})}
	go w.run()
	return w
}

// Send queues m. It fails with ErrTooSlow when the queue is full or a write timed out
// (the peer stopped reading), or with the error that stopped the writer.
func (w *FrameWriter) Send(m wire.Message) error {
	b, err := wire.AppendFrame(nil, m)
	if err != nil {
		return err
	}
	select {
	case <-w.done:
		return w.err
	default:
	}
	select {
	case w.queue <- b:
		return nil
	default:
		return ErrTooSlow
	}
}

func (w *FrameWriter) run() {
	defer close(w.done)
	ctx := w.stream.Context()
	for {
		select {
		case <-ctx.Done():
			w.err = context.Cause(ctx)
			return
		case b := <-w.queue:
			w.stream.SetWriteDeadline(time.Now().Add(WriteTimeout))
			if _, err := w.stream.Write(b); err != nil {
				switch {
				case ctx.Err() != nil: // the connection ended (an idle timeout is a timeout too, but not the peer's slowness)
					w.err = context.Cause(ctx)
				case IsTimeout(err): // the write deadline passed on a live connection: the peer stopped reading
					w.err = ErrTooSlow
				default:
					w.err = err
				}
				return
			}
		}
	}
}

// FrameReader reads frames from one stream.
type FrameReader struct{ r *bufio.Reader }

// NewFrameReader reads from s.
func NewFrameReader(s io.Reader) *FrameReader {
	return &FrameReader{r: bufio.NewReaderSize(s, wire.MaxFrameSize)}
}

// Read returns the next message. A malformed or oversized frame is an error: on a
// reliable stream nothing can be skipped, so the caller closes the connection.
func (r *FrameReader) Read() (wire.Message, error) { return wire.ReadFrame(r.r) }

// ReadKind reads the stream-kind byte a player's stream starts with.
func (r *FrameReader) ReadKind() (wire.StreamKind, error) {
	b, err := r.r.ReadByte()
	return wire.StreamKind(b), err
}
