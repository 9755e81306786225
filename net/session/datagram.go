package session

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/quic-go/quic-go"
)

// DatagramQueueLen is how many datagrams wait for the network at most. Movement goes
// stale in a few ticks, so when the network falls behind the oldest is dropped: a late
// snapshot is worth less than a fresh one.
const DatagramQueueLen = 8

// DatagramSender owns the sending of one connection's datagrams. Send never blocks;
// a goroutine feeds quic-go, whose own SendDatagram blocks when its queue is full.
type DatagramSender struct {
	conn *quic.Conn

	mu    sync.Mutex
	queue [][]byte
	wake  chan struct{}

	counters *SendCounters
}

// SendCounters count what DatagramSenders did; several senders may share one.
type SendCounters struct {
	Sent, SentBytes, DroppedFull, DroppedTooLarge atomic.Uint64
}

// NewDatagramSender starts the sending goroutine; it ends with the connection. It
// counts into counters.
func NewDatagramSender(conn *quic.Conn, counters *SendCounters) *DatagramSender {
	s := &DatagramSender{conn: conn, wake: make(chan struct{}, 1), counters: counters}
	go s.run(conn.Context())
	return s
}

// Send queues b, which the sender now owns, dropping the oldest waiting datagram
// when the queue is full.
func (s *DatagramSender) Send(b []byte) {
	s.mu.Lock()
	if len(s.queue) >= DatagramQueueLen {
		s.queue = s.queue[1:]
		s.counters.DroppedFull.Add(1)
	}
	s.queue = append(s.queue, b)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *DatagramSender) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		}
		for {
			s.mu.Lock()
			if len(s.queue) == 0 {
				s.mu.Unlock()
				break
			}
			b := s.queue[0]
			s.queue = s.queue[1:]
			s.mu.Unlock()
			err := s.conn.SendDatagram(b)
			var tooLarge *quic.DatagramTooLargeError
			switch {
			case err == nil:
				s.counters.Sent.Add(1)
				s.counters.SentBytes.Add(uint64(len(b)))
			case errors.As(err, &tooLarge):
				s.counters.DroppedTooLarge.Add(1)
			default: // the connection is closed
				return
			}
		}
	}
}
