package session

import (
	"fmt"
	"time"

	"github.com/quic-go/quic-go"
)

// watchSilence closes conn with CodeTimedOut once nothing has come from the other
// side for idle, and returns when conn ends.
//
// QUIC's own idle timer waits the longer of idle and three probe timeouts (RFC 9000,
// section 10.1), and the probe timeout grows with every late acknowledgement: after
// a host froze for 3 s and woke, a player's probe timeout can be several seconds, and
// a host that then dies for good would look alive for 15 s or more rather than the
// 10 s the game says. Any packet counts as word from the other side, its keep-alives
// included, so a quiet link that still answers is never given up on.
func watchSilence(conn *quic.Conn, idle time.Duration) {
	tick := time.NewTicker(idle / 20)
	defer tick.Stop()
	last, heard := conn.ConnectionStats().PacketsReceived, time.Now()
	for {
		select {
		case <-conn.Context().Done():
			return
		case now := <-tick.C:
			if n := conn.ConnectionStats().PacketsReceived; n != last {
				last, heard = n, now
			} else if now.Sub(heard) >= idle {
				conn.CloseWithError(CodeTimedOut, fmt.Sprintf("nothing heard from the other side for %v", idle))
				return
			}
		}
	}
}
