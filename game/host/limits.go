package host

import (
	"sync"
	"time"
)

// The limits that keep one player, or a stranger, from spoiling a game for the
// others. Every one is here, with why it has the value it has; the README's Security
// section lists them in a table.
const (
	// ChatBurst lines may be sent at once, then ChatPerSecond a second: a person
	// typing, or pasting a few lines, never meets it; a flood is dropped at the
	// sender's own connection, before it costs anyone else a thing. Eight players at
	// the limit make 16 lines a second into each player's chat stream, which holds
	// session.FrameQueueLen (512): half a minute of the worst the rules allow.
	ChatPerSecond = 2
	ChatBurst     = 8
	// chatNoticeEvery is how often a player sending too fast is told so.
	chatNoticeEvery = 2 * time.Second
)

// chatLimit is a place's chat allowance (ChatPerSecond, ChatBurst): it stays with
// the place when its player comes back on a new connection, so reconnecting does not
// refill it. The connection's reader takes from it; it is safe for concurrent use.
type chatLimit struct {
	mu     sync.Mutex
	bucket tokenBucket
	told   time.Time // the sender was last told their lines were dropped
}

func newChatLimit() *chatLimit { return &chatLimit{bucket: newTokenBucket(ChatPerSecond, ChatBurst)} }

// take reports whether a line at now may be relayed and, when not, whether the
// sender is due to be told.
func (c *chatLimit) take(now time.Time) (ok, tell bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bucket.take(now) {
		return true, false
	}
	if now.Sub(c.told) < chatNoticeEvery {
		return false, false
	}
	c.told = now
	return false, true
}

// tokenBucket allows a burst of events, then a steady rate. Time is passed in.
type tokenBucket struct {
	rate, burst float64 // events a second; most at once
	tokens      float64
	last        time.Time
}

func newTokenBucket(rate, burst int) tokenBucket {
	return tokenBucket{rate: float64(rate), burst: float64(burst), tokens: float64(burst)}
}

// take reports whether an event at now is allowed, and counts it if so.
func (b *tokenBucket) take(now time.Time) bool {
	if !b.last.IsZero() && now.After(b.last) {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	if b.last.IsZero() || now.After(b.last) {
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Password guessing. Each address (an IPv6 one by its /64, what one home is given)
// has freeGuesses tries for nothing; after those, each try is checked no sooner than
// guessDelay after the one before, and the delay doubles with each try, up to
// mostGuessDelay, until one has the password. A try that would wait longer than
// mostGuessWait is turned away at once with the time to wait, in words: a player's
// game waits for its welcome for session.HandshakeTimeout, which mostGuessWait stays
// below. An address forgets its tries after guessMemory without one. After the first
// handful, one address has at most one password checked every mostGuessDelay,
// however many connections it opens.
const (
	freeGuesses    = 3
	guessDelay     = 500 * time.Millisecond
	mostGuessDelay = 4 * time.Second
	mostGuessWait  = 4 * time.Second
	guessMemory    = 10 * time.Minute
)

// Strangers: connections that have not been welcomed yet. A host takes on at most
// mostStrangers at once, mostStrangersFrom from one address (an IPv6 one by its /64):
// a LAN party behind one router joins a handful at a time, a stranger holding
// connections open holds no more than these. Beyond validateFrom at once from one
// address, or validateAbove in all, each new attempt must first prove its address
// with a Retry (one more round trip), so spoofed attempts cost one packet each and
// cannot take a real address's turns. New handshakes are taken on at
// handshakesPerSecond in all, with a burst of handshakeBurst (a room full of players
// joining at once), and handshakesPerSecondFrom from one address: each costs the
// host's CPU a signature, a storm beyond that is refused before any cryptography, so
// the game's tick never feels it, and no one address spends everyone's share. Every
// one of them waits HelloTimeout at most. mostDoors bounds how many addresses the
// host remembers knocking.
const (
	mostStrangers           = 64
	mostStrangersFrom       = 8
	validateFrom            = 2
	validateAbove           = 16
	handshakesPerSecond     = 100
	handshakeBurst          = 64
	handshakesPerSecondFrom = 10
	handshakeBurstFrom      = 16
	mostDoors               = 4096
	// helloGrace: a stranger whose handshake finished this long ago without a hello
	// is hung up on when the door is full and someone else knocks. A player's game
	// says hello as its handshake ends, so this is a round trip and more on the
	// slowest link a game is playable over.
	helloGrace = 2 * time.Second
)

// silentLimit is how long a welcomed player's game may send no moves while its
// connection is plainly alive (QUIC hears from it all along) before the host acts on
// it (checkSilence): a game that plays sends its moves, standing still included,
// every snapshot interval, so only a stalled window or a connection holding a place
// without playing goes this long. A machine that went quiet altogether (a closed lid,
// a network gone) is not silent in this sense: its connection drops, and its place is
// kept for ResumeGrace. Counted in the game's ticks, so a host that stalled does not
// count its own stall.
const silentLimit = 5 * time.Second

// silenceMemory is how long after a silence a second one removes the player for good.
const silenceMemory = time.Minute

// heardGap is the longest the host may go without a packet from a player and still
// count them heard all along: a little more than the keep-alive period.
const heardGap = 3 * time.Second

// mostMarks is how many combining marks one letter of a name may carry: enough for
// any language's accents (Vietnamese stacks two), too few to draw over the next line.
const mostMarks = 2

// A host's receive windows. A player sends the host a Hello (under 600 bytes) and
// chat lines (at most 258 bytes each, a few a second); their moves go as datagrams,
// which flow control does not cover. So a host needs no more than this in flight
// from anyone, and a stranger pushing bytes at it costs it no more than this each,
// welcomed or not. (quic-go's defaults are 512 KiB a stream, growing to 6 MiB.)
const (
	streamWindow     = 16 << 10
	connectionWindow = 32 << 10
)

// datagramsPerSecond and datagramBurst bound one player's datagrams: a game sends an
// input datagram a tick at most (60 a second), and a burst after a stall carries the
// same inputs again. Beyond this, datagrams are dropped and counted as they arrive, on
// the sender's own goroutine, so one player's flood never fills the loop's inbox,
// which every player's inputs share.
const (
	datagramsPerSecond = 120
	datagramBurst      = 120
)
