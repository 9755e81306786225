package nettest

import (
	"fmt"

	"github.com/gemrush/gemrush/game/host"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
	"github.com/quic-go/quic-go"
)

// hostEnd is the host's end of a link: host.Link.
type hostEnd struct{ *link }

func (h hostEnd) String() string { return "sim:" + h.name }

func (h hostEnd) Control(m wire.Message) error { return h.frame(controlStream, m) }
func (h hostEnd) Chat(m wire.Message) error    { return h.frame(chatStream, m) }

// frame sends m down one of the player's streams, through the codec as QUIC would.
// A player whose game has stopped taking messages in is, in the end, too slow.
func (h hostEnd) frame(stream int, m wire.Message) error {
	b, err := wire.AppendMessage(nil, m)
	if err != nil {
		return err
	}
	if h.inFlight+len(h.events)+len(h.held) >= tooSlow {
		return session.ErrTooSlow
	}
	h.inFlight++
	sent := h.toPlayer(h.streamDown(stream), len(b), func() {
		h.inFlight--
		msg, err := wire.Parse(b)
		if err != nil {
			h.fail(&quic.ApplicationError{ErrorCode: session.CodeProtocolViolation, ErrorMessage: err.Error()})
			return
		}
		h.deliver(msg)
	})
	if !sent {
		h.inFlight--
	}
	return nil
}

// Datagram sends a snapshot down; the player queues it, stamped, if it is newer.
func (h hostEnd) Datagram(b []byte) {
	b = append([]byte(nil), b...) // the loop reuses its own
	h.snapshotsSent++
	if h.dropDown != nil && h.dropDown(h.snapshotsSent) {
		return
	}
	at := h.clock.Now()
	h.toPlayer(h.datagramDown, len(b), func() {
		now := h.clock.Now()
		h.lastDown = now.Sub(at)
		h.sampleRTT()
		if h.snaps.Receive(b, now) {
			h.arrived.Notify()
		}
	})
}

// sampleRTT takes the newest delay each way as a round trip and smooths it as QUIC
// does (RFC 9002: an eighth of each new sample).
func (h hostEnd) sampleRTT() {
	if h.lastUp == 0 {
		return
	}
	h.latestRTT = h.lastUp + h.lastDown
	if h.rtt == 0 {
		h.rtt, h.minRTT, h.rttDev = h.latestRTT, h.latestRTT, h.latestRTT/2
	} else {
		h.rttDev = (3*h.rttDev + (h.rtt - h.latestRTT).Abs()) / 4
		h.rtt = (7*h.rtt + h.latestRTT) / 8
		h.minRTT = min(h.minRTT, h.latestRTT)
	}
}

// Refuse turns a player away before admitting them: the reason reaches them as the
// connection closes.
func (h hostEnd) Refuse(code session.Code, reason string) { h.Close(code, reason) }

// Close ends the player's connection with the host's reason. As over QUIC, the host
// learns at once that the connection is gone, and the player when the close arrives
// (or, if every copy is lost, at the idle timeout). Safe from any goroutine: it
// happens on the clock.
func (h hostEnd) Close(code session.Code, reason string) {
	h.clock.AfterFunc(0, func() {
		if h.hostClosed {
			return
		}
		h.hostClosed = true
		h.sendClose(h.datagramDown, func() {
			if !h.machine.vanished {
				h.fail(&quic.ApplicationError{Remote: true, ErrorCode: code, ErrorMessage: reason})
			}
		})
		switch {
		case h.peer == nil || code == session.CodeHostEnded:
		case code == session.CodeSilent: // as host.Server takes it: a drop, the place kept
			h.host.Drop(h.peer, fmt.Errorf("closed: %s", reason))
		default:
			h.host.Remove(h.peer, wire.LeftKicked, fmt.Errorf("closed: %s", reason))
		}
	})
}

// Quality is what QUIC would have measured of the path down: the round trip's
// variation and the host's packets lost.
func (h hostEnd) Quality() host.LinkQuality {
	return host.LinkQuality{RTT: h.rtt, RTTDev: h.rttDev, PacketsLost: h.down.Lost.Load(), PacketsReceived: h.packetsFromPlayer}
}
