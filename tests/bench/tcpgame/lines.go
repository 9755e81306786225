package tcpgame

import (
	"bufio"
	"io"
	"sync/atomic"

	"github.com/gemrush/gemrush/net/wire"
)

// lineReader reads one connection's lines, counting what it read.
type lineReader struct {
	sc    *bufio.Scanner
	lines atomic.Uint64
	bytes atomic.Uint64
}

func newLineReader(r io.Reader) *lineReader {
	lr := &lineReader{}
	lr.sc = bufio.NewScanner(countingReader{r, &lr.bytes})
	lr.sc.Buffer(make([]byte, 0, 4096), maxLine)
	return lr
}

// read is the next message; io.EOF once the peer has closed, bufio.ErrTooLong for a
// line over maxLine, a parse error for a line that is not a message.
func (r *lineReader) read() (wire.Message, error) {
	if !r.sc.Scan() {
		if err := r.sc.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	r.lines.Add(1)
	return ParseLine(r.sc.Bytes())
}

type countingReader struct {
	r io.Reader
	n *atomic.Uint64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(uint64(n))
	return n, err
}

// writeQueueLen is how many lines wait for a connection's writer: a second of
// snapshots and more. A peer whose lines pile up past it is not reading.
const writeQueueLen = 256

// lineWriter is a connection's writer goroutine and its bounded queue, so the game
// never waits on the network. A nil line in the queue closes the connection once the
// lines before it are written.
type lineWriter struct {
	w       io.WriteCloser
	queue   chan []byte
	done    chan struct{}
	bytes   atomic.Uint64
	dropped atomic.Uint64
	// beforeClose, if set, runs on the writer's goroutine just before it closes w,
	// however it came to stop.
	beforeClose func()
}

func newLineWriter(w io.WriteCloser, beforeClose func()) *lineWriter {
	lw := &lineWriter{w: w, queue: make(chan []byte, writeQueueLen), done: make(chan struct{}), beforeClose: beforeClose}
	go lw.run()
	return lw
}

func (lw *lineWriter) run() {
	defer close(lw.done)
	defer lw.w.Close()
	if lw.beforeClose != nil {
		defer lw.beforeClose()
	}
	for b := range lw.queue {
		if b == nil {
			return
		}
		n, err := lw.w.Write(b)
		lw.bytes.Add(uint64(n))
		if err != nil {
			return
		}
	}
}

// send queues m, and reports whether there was room.
func (lw *lineWriter) send(m wire.Message) (bool, error) {
	b, err := AppendLine(nil, m)
	if err != nil {
		return false, err
	}
	select {
	case lw.queue <- b:
		return true, nil
	default:
		lw.dropped.Add(1)
		return false, nil
	}
}

// close closes the connection once what is queued has been written, or at once when
// the queue is full (the peer is not reading, so it would never be). Safe from any
// goroutine, any number of times.
func (lw *lineWriter) close() {
	select {
	case lw.queue <- nil:
	default:
		lw.w.Close() // the writer's pending write fails, and it stops
	}
}
