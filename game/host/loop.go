package host

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// Loop is the authoritative game: it owns the World and the players, and nothing
// else touches them. Its methods are called from one goroutine, one at a time (the
// one exception is kick, which a connection's reader may call): by
// Server.Run as connections deliver joins, inputs, chat and leaves and as its ticks
// come, or by a test that runs the game in simulated time. It never waits on the
// network: everything it sends is queued on the players' Links.
//
// Every tick: apply one input per player, step, tell everyone what happened, send
// every player a snapshot.
type Loop struct {
	cfg       Config
	log       *slog.Logger
	world     *sim.World
	peers     []*Peer // sorted by id, so every pass over them goes in the same order
	moves     map[sim.PlayerID]sim.Input
	chatSeq   uint32
	chatLog   []*wire.Chat // the last chatKeep lines, for players who come back
	revoked   []revoked    // tokens of removed players
	stats     Stats
	times     tickTimes
	snap      wire.Snapshot
	encoding  encoding // scratch for writing each player's snapshot, reused
	history   history
	onPlayers func(n int) // told the player count whenever it changes; may be nil
	events    []sim.Event // what this call to Ticks has seen happen, told once its ticks are run
	// standingsAt is the tick the standings last went out.
	standingsAt uint32
}

// Peer is one player in the game, as the loop knows them. The loop owns its fields;
// it is also the handle a connection's goroutines use to say who sent what.
type Peer struct {
	id      sim.PlayerID
	name    string
	colour  uint8
	token   wire.Token // whoever shows it takes this place back after a drop
	link    Link
	inputs  inputQueue
	sending sending
	closing bool // the host is closing the link; the leave is on its way
	heard   bool // an input has come: their game has the welcome and plays
	// awayUntil is the tick the place is given up at, since the connection dropped;
	// 0 while connected. The link of a player away is dead: nothing is sent on it.
	awayUntil uint32
	firstChat uint32 // the seq of the first chat line sent them: nothing older is sent them again
	removedBy string // why the host is removing them, once it is; their token then says so
	resumes   uint64 // times they came back with their token and took this place back
	quiet     silence
	chat      *chatLimit // the place's, kept when they come back
	// silencedAt is the tick they were last closed for sending no moves (0: never);
	// it stays with the place.
	silencedAt uint32
	rtt        time.Duration // the link's smoothed round trip, as last looked at
	wins       int           // rounds won since they joined; kept when they come back
}

// NewLoop starts a game with no players. It uses cfg's MaxPlayers, Name, Password,
// Seed and Logger, with the same defaults as New.
func NewLoop(cfg Config) *Loop {
	cfg = cfg.withDefaults()
	rules := sim.DefaultConfig()
	rules.MaxPlayers = cfg.MaxPlayers
	if cfg.TargetScore > 0 {
		rules.TargetScore = min(cfg.TargetScore, math.MaxUint16) // as the Welcome tells it
	}
	return &Loop{
		cfg:     cfg,
		log:     cfg.Logger,
		world:   sim.NewWorld(rules, cfg.Seed),
		moves:   map[sim.PlayerID]sim.Input{},
		chatSeq: 1,
	}
}

// Stats returns the loop's counters, safe to read from any goroutine.
func (l *Loop) Stats() *Stats { return &l.stats }

// peer is the player with id, or nil.
func (l *Loop) peer(id sim.PlayerID) *Peer {
	if i, ok := slices.BinarySearchFunc(l.peers, id, byID); ok {
		return l.peers[i]
	}
	return nil
}

func byID(p *Peer, id sim.PlayerID) int { return int(p.id) - int(id) }

// playing reports whether p is still in the game: messages from a player the loop
// has already removed are ignored.
func (l *Loop) playing(p *Peer) bool { return p != nil && l.peer(p.id) == p }

// Admit welcomes a player who said hello on link, or turns them away when the
// password is not the room's or the game is full (the link is told why). A player
// whose hello carries the resume token of a place in the game takes it back; an
// unknown token (the place was given up, the player removed, or a forgery) counts for
// nothing, and the player joins as anyone new. It returns the player, or nil.
func (l *Loop) Admit(link Link, hello *wire.Hello) *Peer {
	refuse := func(code session.Code, reason string) *Peer {
		l.stats.Rejected.Add(1)
		l.log.Info("player turned away", "remote", link, "reason", reason)
		link.Refuse(code, reason)
		return nil
	}
	if want := l.cfg.Password; want != "" && !passwordOK(hello.Password, want) {
		if hello.Password == "" {
			return refuse(session.CodeWrongPassword, "this game needs a password")
		}
		return refuse(session.CodeWrongPassword, "wrong password")
	}
	if !hello.Token.IsZero() {
		if why, ok := l.revokedToken(hello.Token); ok {
			return refuse(session.CodeKicked, why)
		}
		if p := l.byToken(hello.Token); p != nil {
			if p.closing { // being removed: there is no place to take back
				return refuse(session.CodeKicked, p.removal())
			}
			return l.resume(p, link, hello.NextChat)
		}
		l.stats.ResumeRefused.Add(1)
		l.log.Info("resume token unknown: joining as a new player", "remote", link)
	}
	if len(l.peers) >= l.cfg.MaxPlayers {
		return refuse(session.CodeGameFull, fmt.Sprintf("game is full (%d/%d)", len(l.peers), l.cfg.MaxPlayers))
	}
	id := sim.PlayerID(1)
	for l.peer(id) != nil {
		id++
	}
	asked := cleanName(hello.Name)
	name := asked
	if name == "" {
		name = fmt.Sprintf("Player %d", id)
	}
	name = uniqueName(name, func(n string) bool {
		return slices.ContainsFunc(l.peers, func(p *Peer) bool { return lookalike(p.name) == lookalike(n) })
	})
	p := &Peer{id: id, name: name, colour: l.pickColour(hello.Colour), token: newToken(), link: link, firstChat: l.chatSeq,
		sending: sending{rateControl: rateControl{interval: 1}}, quiet: silence{lastMove: l.world.Tick}, chat: newChatLimit()}
	if _, err := l.world.AddPlayer(id, name, p.colour); err != nil { // cannot happen: checked above
		link.Refuse(session.CodeGameFull, err.Error())
		return nil
	}
	i, _ := slices.BinarySearchFunc(l.peers, id, byID)
	l.peers = slices.Insert(l.peers, i, p)
	l.playersChanged()
	l.stats.Joined.Add(1)
	l.log.Info("player joined", "player", id, "name", name, "remote", link, "players", len(l.peers))

	l.welcome(p, false, l.chatSeq)
	l.broadcastExcept(p, joinedMessage(l.world.Player(id)))
	if why := renamed(hello.Name, asked, name); why != "" {
		l.send(p, &wire.Notice{Text: why})
	}
	return p
}

// welcome tells p they are in, and everything the game is: every player (who is
// away too), the round's state, and, for a player who came back, the chat lines they
// missed from seq nextChat on, those still kept.
func (l *Loop) welcome(p *Peer, resumed bool, nextChat uint32) {
	missed, first := l.missedChat(nextChat)
	rules := l.world.Config
	l.send(p, &wire.Welcome{
		Version: wire.Version, You: uint8(p.id), MaxPlayers: uint8(l.cfg.MaxPlayers),
		TargetScore: uint16(rules.TargetScore), TickRate: sim.TickRate,
		NextChatSeq: first, HostName: l.cfg.Name,
		Token: p.token, Resumed: resumed, Grace: l.graceSeconds(),
	})
	for _, other := range l.world.Players { // the player themself last: their game notices joins after its own
		if other.ID != p.id {
			l.send(p, joinedMessage(other))
		}
	}
	l.send(p, joinedMessage(l.world.Player(p.id)))
	for _, other := range l.peers {
		if other.away() {
			l.send(p, &wire.PlayerAway{ID: uint8(other.id)})
		}
	}
	switch w := l.world; w.Phase {
	case sim.RoundOver:
		l.send(p, &wire.RoundOver{Winner: uint8(w.Winner), Round: uint16(w.Round), NextIn: l.nextIn()})
	case sim.Countdown: // what is left of it, so their countdown ends with everyone's
		l.send(p, &wire.RoundStart{Round: uint16(w.Round), GoIn: l.goIn()})
	}
	for _, m := range missed {
		l.sendOn(p, p.link.Chat, m)
	}
	l.sendFirstSnapshot(p)
}

func joinedMessage(p *sim.Player) *wire.PlayerJoined {
	return &wire.PlayerJoined{ID: uint8(p.ID), Colour: p.Colour, Score: uint16(p.Score), Name: p.Name}
}

// pickColour gives the player the colour they asked for if nobody has it, else the
// least used one.
func (l *Loop) pickColour(want uint8) uint8 {
	var used [sim.Colours]int
	for _, p := range l.peers {
		used[p.colour%sim.Colours]++
	}
	if want < sim.Colours && used[want] == 0 {
		return want
	}
	best := uint8(0)
	for c := range uint8(sim.Colours) {
		if used[c] < used[best] {
			best = c
		}
	}
	return best
}

// Remove takes a player whose connection ended out of the game and tells everyone
// why: reason is what the others are told, err what the log says.
func (l *Loop) Remove(p *Peer, reason wire.LeaveReason, err error) {
	if !l.playing(p) {
		return
	}
	l.peers = slices.DeleteFunc(l.peers, func(q *Peer) bool { return q == p })
	if reason == wire.LeftKicked {
		l.revoke(p)
	}
	if p.away() {
		l.stats.Away.Add(-1)
	}
	delete(l.moves, p.id)
	l.world.RemovePlayer(p.id)
	l.playersChanged()
	l.stats.Left.Add(1)
	l.log.Info("player left", "player", p.id, "name", p.name, "why", reason.String(), "err", err, "players", len(l.peers))
	l.broadcastExcept(nil, &wire.PlayerLeft{ID: uint8(p.id), Reason: reason})
}

// playersChanged publishes the player count to the stats and whoever listens.
func (l *Loop) playersChanged() {
	l.stats.Players.Store(int64(len(l.peers)))
	if l.onPlayers != nil {
		l.onPlayers(len(l.peers))
	}
}

// Input takes one Input datagram of p's into their queue.
func (l *Loop) Input(p *Peer, m *wire.Input) {
	if !l.playing(p) || p.away() { // a datagram the dead connection delivered late
		return
	}
	p.heard = true
	p.quiet.moved(l.world.Tick)
	p.sending.acknowledge(m.Snapshot)
	if !p.inputs.add(m) {
		l.stats.DroppedStale.Add(1)
	}
}

// send queues m on p's control stream.
func (l *Loop) send(p *Peer, m wire.Message) { l.sendOn(p, p.link.Control, m) }

// sendOn queues m with send, one of p's streams; a player whose queue is full is not
// waited for but disconnected. Nothing goes to a player away: they are told what
// they need when they come back.
func (l *Loop) sendOn(p *Peer, send func(wire.Message) error, m wire.Message) {
	if p.closing || p.away() {
		return
	}
	switch err := send(m); {
	case errors.Is(err, session.ErrTooSlow):
		p.closing, p.removedBy = true, tooSlow
		l.kick(p, session.CodeTooSlow, tooSlow)
	case errors.Is(err, wire.ErrTooLong):
		l.log.Error("message cannot be encoded", "type", m.Type(), "err", err) // a bug: inputs are clipped first
	}
}

// What a player the host removed is told.
const (
	RemovedByHost = "you were removed by the host"
	tooSlow       = "your connection could not keep up with the game"
)

// Kick removes player id at the host's wish: they are told so, everyone else sees
// them go. It reports whether there was such a player.
func (l *Loop) Kick(id uint8) bool {
	p := l.peer(sim.PlayerID(id))
	if p == nil || p.closing {
		return false
	}
	if p.away() { // no connection to close: the place goes at once, and the token with it
		l.stats.Kicked.Add(1)
		p.removedBy = RemovedByHost
		l.Remove(p, wire.LeftKicked, errors.New(RemovedByHost))
		return true
	}
	p.closing, p.removedBy = true, RemovedByHost
	l.kick(p, session.CodeKicked, RemovedByHost)
	return true
}

// kick closes p's link with code and reason; the leave comes back through Remove.
// Safe from any goroutine: it reads only what never changes after Admit.
func (l *Loop) kick(p *Peer, code session.Code, reason string) {
	l.stats.Kicked.Add(1)
	l.log.Warn("disconnecting player", "player", p.id, "name", p.name, "code", code, "reason", reason)
	p.link.Close(code, reason)
}

func (l *Loop) broadcastExcept(skip *Peer, m wire.Message) {
	for _, p := range l.peers {
		if p != skip {
			l.send(p, m)
		}
	}
}

// Tick advances the game one step and sends the result.
func (l *Loop) Tick() { l.Ticks(1) }

// Ticks advances the game n ticks and sends the result of the last: a host whose ticks
// fell behind (a pause, a busy machine) catches up this way, applying the inputs that
// came in the meantime as it would have, instead of leaving them queued.
func (l *Loop) Ticks(n int) {
	start := time.Now() // measures the host's own cost; the game never reads it
	for range max(n, 1) {
		l.step()
	}
	// What happened is told once the ticks are run, so that what it says of time left
	// (a countdown, the banner) counts from the tick the game is at as it goes out.
	for _, ev := range l.events {
		l.announce(ev)
	}
	l.events = l.events[:0]
	l.expireAway()
	l.sendStandings()
	l.sendSnapshots()
	l.stats.Tick.Store(uint64(l.world.Tick))
	l.times.add(time.Since(start), &l.stats.TickP50ns, &l.stats.TickP99ns)
}

// step applies each player's inputs for one tick and steps the world.
func (l *Loop) step() {
	clear(l.moves)
	for _, p := range l.peers {
		p.inputs.batch = p.sending.interval // they send inputs as often as they get snapshots
		moves := p.inputs.pop()
		if len(moves) == 0 {
			continue // their next input is not here yet: they stand still
		}
		for _, in := range moves[:len(moves)-1] {
			l.world.MoveAhead(p.id, in) // the queue shrinks: an extra input this tick
		}
		l.moves[p.id] = moves[len(moves)-1]
	}
	l.events = append(l.events, sim.Step(l.world, l.moves)...)
	if l.world.Tick%publishEvery == 0 {
		l.publishPlayers()
	}
}

// End closes every player's link with the reason the game ended. The links say
// goodbye on their own; the caller decides how long to wait for them.
func (l *Loop) End() {
	for _, p := range l.peers {
		p.link.Close(session.CodeHostEnded, "host ended the game")
	}
	l.stats.Players.Store(0)
	l.log.Info("game ended", "players", len(l.peers))
}
