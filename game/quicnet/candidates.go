package quicnet

import (
	"context"
	"fmt"
	"net/netip"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/net/invite"
	"github.com/gemrush/gemrush/net/session"
	"github.com/quic-go/quic-go"
)

// candidateStagger is how long each of an invite code's ways in gets to itself before
// the next is tried alongside (happy eyeballs, RFC 8305): the best one usually wins
// with no wasted handshake, and a dead one costs little.
const candidateStagger = 50 * time.Millisecond

// dialed is one candidate's handshake, done or failed.
type dialed struct {
	addr        netip.AddrPort
	conn        *quic.Conn
	fingerprint string
	err         error
}

// dialInvite dials every way in an invite code names, best first, each starting
// candidateStagger after the one before (or at once when that one failed), and takes
// the first whose handshake completes with the certificate the code names; the rest
// are cancelled, or closed if they got through too. It sets c.addr and c.fingerprint
// to the winner's.
func (c *Conn) dialInvite(ctx context.Context, inv *invite.Invite) (*quic.Conn, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan dialed, len(inv.Addrs))
	failed := make(chan struct{}, len(inv.Addrs)) // a candidate failed: the next need not wait
	start := func(a netip.AddrPort) {
		go func() {
			var fp string
			conn, err := c.ep.Dial(ctx, a.String(), &fp)
			if err == nil && !inv.Matches(fp) {
				conn.CloseWithError(session.CodeLeft, "not the host this invite code was made for")
				conn, err = nil, errWrongHost
			}
			if err != nil {
				failed <- struct{}{}
			}
			results <- dialed{addr: a, conn: conn, fingerprint: fp, err: err}
		}()
	}
	next := 0
	start(inv.Addrs[next])
	next++
	var (
		won      *dialed
		lastErr  error            // a candidate failed otherwise: the player gave up, or the network said no
		wrong    []netip.AddrPort // answered with another certificate
		silent   []netip.AddrPort // did not answer
		pending  = 1
		stagger  = time.NewTimer(candidateStagger)
		finished = 0
	)
	defer stagger.Stop()
	for finished < len(inv.Addrs) && won == nil {
		select {
		case <-stagger.C:
		case <-failed:
		case r := <-results:
			finished++
			pending--
			switch {
			case r.err == nil:
				won = &r
			case r.err == errWrongHost:
				wrong = append(wrong, r.addr)
			case AsError(r.err, "").Reason == client.ReasonNoAnswer, AsError(r.err, "").Reason == client.ReasonPortClosed:
				// An invite code's way in that is closed is one more that did not
				// answer: the code's own sentence says why (see noAnswer).
				silent = append(silent, r.addr)
			default:
				lastErr = r.err
			}
			continue
		}
		if next < len(inv.Addrs) {
			start(inv.Addrs[next])
			next++
			pending++
			stagger.Reset(candidateStagger)
		}
	}
	cancel()
	go func() { // the others: any that got through after all are closed
		for range pending {
			if r := <-results; r.conn != nil {
				r.conn.CloseWithError(session.CodeLeft, "another address of the host answered first")
			}
		}
	}()
	switch {
	case won != nil:
		c.addr, c.fingerprint = won.addr.String(), won.fingerprint
		c.log.Debug("joined by invite code", "address", won.addr, "candidates", len(inv.Addrs))
		return won.conn, nil
	case lastErr != nil:
		return nil, lastErr
	case len(silent) == 0: // every way in answered, and none is the host the code names
		return nil, &client.Error{Reason: client.ReasonIdentityChanged, Err: errWrongHost, Sentence: fmt.Sprintf(
			"The game at %s is not the one this invite code was made for. Ask your friend for a fresh code.", wrong[0])}
	}
	// Some way in was silent. Another game answering at one of the host's addresses
	// is most likely a machine of the player's own network that shares its numbers,
	// while the host cannot be reached: that nobody answered is what helps.
	return nil, noAnswer(inv, silent, wrong, session.OwnNetworks())
}

var errWrongHost = fmt.Errorf("not the host the invite code names")
