package host

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"time"

	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// ResumeGrace is how long the host keeps the place of a player whose connection
// dropped (an idle timeout, a reset, a network gone; never a goodbye or a kick): their
// disc stays where it stood, with their name, colour and score, and whoever comes
// back with their resume token within it takes the place back. It is counted in the
// game's ticks, so a host that stalled keeps places at least this long as players
// see it. Config.Grace changes it (tests use a short one).
const ResumeGrace = 30 * time.Second

// graceTicks is the grace period in ticks.
func (l *Loop) graceTicks() uint32 { return uint32(max(l.cfg.Grace/tick, 1)) }

// graceSeconds is the grace period as the Welcome tells it, rounded up.
func (l *Loop) graceSeconds() uint8 {
	return uint8(min((l.cfg.Grace+time.Second-1)/time.Second, 255))
}

// chatKeep is how many recent chat lines the host keeps to send again to a player
// who comes back: a busy chat's worth of the grace period. Older ones are counted as
// missed by the player's game.
const chatKeep = 64

// newToken makes a player's resume token: 128 random bits.
func newToken() wire.Token {
	var t wire.Token
	rand.Read(t[:]) // never fails: crypto/rand panics rather than return short
	return t
}

// away reports whether p's connection has dropped and the place waits for them.
func (p *Peer) away() bool { return p.awayUntil != 0 }

// byToken is the player whose resume token is t, or nil. Every player's token is
// compared in full, so the time taken says nothing about any of them.
func (l *Loop) byToken(t wire.Token) *Peer {
	var found *Peer
	for _, p := range l.peers {
		if subtle.ConstantTimeCompare(p.token[:], t[:]) == 1 {
			found = p
		}
	}
	return found
}

// Drop keeps the place of a player whose connection ended without a goodbye: their
// disc stands still, everyone sees them away, and they have the grace period to come
// back. A player the host was closing the connection of (kicked, too slow) is removed
// instead, and so is one never heard from after the welcome (their game gave up
// joining, and their goodbye was lost): neither has a place to come back to.
func (l *Loop) Drop(p *Peer, err error) {
	switch {
	case !l.playing(p) || p.away():
		return
	case p.closing:
		l.Remove(p, wire.LeftKicked, err)
		return
	case !p.heard:
		l.Remove(p, wire.LeftQuit, err)
		return
	}
	p.awayUntil = max(l.world.Tick+l.graceTicks(), 1)
	p.inputs = inputQueue{}
	delete(l.moves, p.id)
	l.stats.Dropped.Add(1)
	l.stats.Away.Add(1)
	l.log.Info("player dropped; keeping their place", "player", p.id, "name", p.name, "err", err,
		"grace", l.cfg.Grace)
	l.broadcastExcept(p, &wire.PlayerAway{ID: uint8(p.id)})
}

// resume gives p's place to the player who came back with p's token on link: a new
// Peer with the same id, name, colour and score, and a fresh start for inputs and
// snapshots. Whatever p's old connection still delivers is ignored from now on, as
// from a removed player; if the host had not yet noticed it die, it is closed.
func (l *Loop) resume(p *Peer, link Link, nextChat uint32) *Peer {
	np := &Peer{id: p.id, name: p.name, colour: p.colour, token: p.token, link: link, heard: p.heard, firstChat: p.firstChat,
		resumes: p.resumes + 1, sending: sending{rateControl: rateControl{interval: 1}}, quiet: silence{lastMove: l.world.Tick}, chat: p.chat, silencedAt: p.silencedAt}
	for i, q := range l.peers {
		if q == p {
			l.peers[i] = np
		}
	}
	delete(l.moves, p.id)
	wasAway := p.away()
	if wasAway {
		l.stats.Away.Add(-1)
	} else {
		p.closing = true
		p.link.Close(session.CodeReplaced, "this place was taken back by a newer connection")
	}
	l.stats.Resumed.Add(1)
	l.log.Info("player came back", "player", np.id, "name", np.name, "remote", link, "was_away", wasAway)
	l.welcome(np, true, max(nextChat, p.firstChat))
	l.broadcastExcept(np, &wire.PlayerBack{ID: uint8(np.id)})
	return np
}

// expireAway frees the places whose grace period is over, with a notice to everyone.
func (l *Loop) expireAway() {
	for i := 0; i < len(l.peers); i++ {
		if p := l.peers[i]; p.away() && l.world.Tick >= p.awayUntil {
			l.Remove(p, wire.LeftTimedOut, errors.New("did not come back within the grace period"))
			i--
		}
	}
}

// revokedKeep is how many removed players' tokens the host remembers, to tell
// whoever shows one that the player was removed.
const revokedKeep = 64

type revoked struct {
	token wire.Token
	why   string
}

// revoke remembers p's token as one that gives nothing back: p was removed.
func (l *Loop) revoke(p *Peer) {
	why := p.removal()
	if len(l.revoked) == revokedKeep {
		l.revoked = append(l.revoked[:0], l.revoked[1:]...)
	}
	l.revoked = append(l.revoked, revoked{token: p.token, why: why})
}

// removal is what p, whom the host is removing, is told.
func (p *Peer) removal() string {
	if p.removedBy == "" {
		return "you were removed from this game"
	}
	return p.removedBy
}

// revokedToken says why t gives nothing back, if it is a removed player's.
func (l *Loop) revokedToken(t wire.Token) (why string, ok bool) {
	for _, r := range l.revoked {
		if subtle.ConstantTimeCompare(r.token[:], t[:]) == 1 {
			why, ok = r.why, true
		}
	}
	return why, ok
}

// keepChat keeps m among the recent lines sent again to players who come back.
func (l *Loop) keepChat(m *wire.Chat) {
	if len(l.chatLog) == chatKeep {
		l.chatLog = append(l.chatLog[:0], l.chatLog[1:]...)
	}
	l.chatLog = append(l.chatLog, m)
}

// missedChat is the kept lines from seq next on, for a player who comes back, and the
// seq of the first line they will receive: next, unless lines from next on are no
// longer kept (their game counts those as missed).
func (l *Loop) missedChat(next uint32) (lines []*wire.Chat, first uint32) {
	first = l.chatSeq
	for _, m := range l.chatLog {
		if m.Seq >= next {
			first = min(first, m.Seq)
			lines = append(lines, m)
		}
	}
	return lines, first
}
