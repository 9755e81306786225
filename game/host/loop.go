package host

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/gemrush/gemrush/discovery"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/session"
	"github.com/gemrush/gemrush/net/wire"
)

// shutdownTimeout bounds how long a stopping host waits for its goodbyes to go out.
const shutdownTimeout = 2 * time.Second

// loop owns the World and the players. Every tick: apply one input per player, step,
// tell everyone what happened, send every player a snapshot.
type loop struct {
	s       *Server
	world   *sim.World
	peers   map[sim.PlayerID]*peer
	moves   map[sim.PlayerID]sim.Input
	chatSeq uint32
	times   tickTimes
	snap    wire.Snapshot
	snapBuf []byte
	lan     discovery.Advert // nil when not advertised
}

func newLoop(s *Server) *loop {
	cfg := sim.DefaultConfig()
	cfg.MaxPlayers = s.cfg.MaxPlayers
	return &loop{
		s:       s,
		world:   sim.NewWorld(cfg, s.cfg.Seed),
		peers:   map[sim.PlayerID]*peer{},
		moves:   map[sim.PlayerID]sim.Input{},
		chatSeq: 1,
	}
}

func (l *loop) run(ctx context.Context) {
	ticker := time.NewTicker(time.Second / sim.TickRate)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			l.shutdown()
			return
		case req := <-l.s.joins:
			l.admit(ctx, req)
		case lv := <-l.s.leaves:
			l.remove(lv)
		case c := <-l.s.chats:
			l.relayChat(c)
		case in := <-l.s.inputs:
			if l.peers[in.p.id] == in.p && !in.p.inputs.add(in.msg) {
				l.s.stats.DroppedStale.Add(1)
			}
		case <-ticker.C:
			l.tick()
		}
	}
}

// admit welcomes a player or turns them away when the game is full.
func (l *loop) admit(ctx context.Context, req joinRequest) {
	s := l.s
	if len(l.peers) >= s.cfg.MaxPlayers {
		s.stats.Rejected.Add(1)
		reason := fmt.Sprintf("game is full (%d/%d)", len(l.peers), s.cfg.MaxPlayers)
		s.log.Info("player turned away", "remote", req.conn.RemoteAddr(), "reason", reason)
		go func() {
			reject(req.control, session.CodeGameFull, reason)
			req.conn.CloseWithError(session.CodeGameFull, reason)
		}()
		return
	}
	id := sim.PlayerID(1)
	for l.peers[id] != nil {
		id++
	}
	name := cleanText(req.hello.Name, sim.MaxNameRunes)
	if name == "" {
		name = fmt.Sprintf("Player %d", id)
	}
	name = uniqueName(name, func(n string) bool {
		for _, p := range l.peers {
			if p.name == n {
				return true
			}
		}
		return false
	})
	p := &peer{
		id: id, name: name, colour: l.pickColour(req.hello.Colour), conn: req.conn,
		control: session.NewFrameWriter(req.control),
		chat:    session.NewFrameWriter(req.chat),
		dgram:   session.NewDatagramSender(req.conn, &s.stats.Out),
	}
	if _, err := l.world.AddPlayer(id, name, p.colour); err != nil { // cannot happen: checked above
		go req.conn.CloseWithError(session.CodeGameFull, err.Error())
		return
	}
	l.peers[id] = p
	l.playersChanged()
	s.stats.Joined.Add(1)
	s.watch(ctx, p, req.ctrlIn, req.chatIn)
	s.log.Info("player joined", "player", id, "name", name, "remote", req.conn.RemoteAddr(), "players", len(l.peers))

	cfg := l.world.Config
	l.send(p, &wire.Welcome{
		Version: wire.Version, You: uint8(id), MaxPlayers: uint8(s.cfg.MaxPlayers),
		TargetScore: uint16(cfg.TargetScore), TickRate: sim.TickRate,
		NextChatSeq: l.chatSeq, HostName: s.cfg.Name,
	})
	for _, other := range l.world.Players {
		l.send(p, joinedMessage(other))
	}
	if l.world.Phase == sim.RoundOver {
		l.send(p, &wire.RoundOver{Winner: uint8(l.world.Winner), Round: uint16(l.world.Round),
			NextIn: uint16(l.world.PhaseEnds - l.world.Tick)})
	}
	l.broadcastExcept(p, joinedMessage(l.world.Player(id)))
}

func joinedMessage(p *sim.Player) *wire.PlayerJoined {
	return &wire.PlayerJoined{ID: uint8(p.ID), Colour: p.Colour, Score: uint16(p.Score), Name: p.Name}
}

// pickColour gives the player the colour they asked for if nobody has it, else the
// least used one.
func (l *loop) pickColour(want uint8) uint8 {
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

// remove takes a player who left out of the game and tells everyone.
func (l *loop) remove(lv leave) {
	p := lv.p
	if l.peers[p.id] != p {
		return
	}
	delete(l.peers, p.id)
	delete(l.moves, p.id)
	l.world.RemovePlayer(p.id)
	l.playersChanged()
	l.s.stats.Left.Add(1)
	reason := wireLeaveReason(lv.err)
	l.s.log.Info("player left", "player", p.id, "name", p.name, "why", reason.String(), "err", lv.err, "players", len(l.peers))
	l.broadcastExcept(nil, &wire.PlayerLeft{ID: uint8(p.id), Reason: reason})
}

// playersChanged publishes the player count to the stats and the LAN advert.
func (l *loop) playersChanged() {
	l.s.stats.Players.Store(int64(len(l.peers)))
	if l.lan != nil {
		l.lan.Update(l.s.lanGame(len(l.peers)))
	}
}

// relayChat stamps a line with its sequence number and sender and sends it to
// everyone, the sender included, in the order the host received them.
func (l *loop) relayChat(c chatIn) {
	if l.peers[c.p.id] != c.p {
		return
	}
	text := cleanText(c.text, sim.MaxChatRunes)
	if text == "" {
		return
	}
	m := &wire.Chat{Seq: l.chatSeq, From: uint8(c.p.id), Name: c.p.name, Text: text}
	l.chatSeq++
	l.s.stats.ChatMessages.Add(1)
	for _, p := range l.peers {
		l.sendOn(p, p.chat, m)
	}
}

// send queues m on p's control stream.
func (l *loop) send(p *peer, m wire.Message) { l.sendOn(p, p.control, m) }

// sendOn queues m on one of p's streams; a player whose queue is full is not waited
// for but disconnected.
func (l *loop) sendOn(p *peer, w *session.FrameWriter, m wire.Message) {
	if p.closing {
		return
	}
	switch err := w.Send(m); {
	case errors.Is(err, session.ErrTooSlow):
		p.closing = true
		l.s.kick(p, session.CodeTooSlow, "your connection could not keep up with the game")
	case errors.Is(err, wire.ErrTooLong):
		l.s.log.Error("message cannot be encoded", "type", m.Type(), "err", err) // a bug: inputs are clipped first
	}
}

func (l *loop) broadcastExcept(skip *peer, m wire.Message) {
	for _, p := range l.peers {
		if p != skip {
			l.send(p, m)
		}
	}
}

// tick advances the game one step and sends the result.
func (l *loop) tick() {
	start := time.Now()
	clear(l.moves)
	for id, p := range l.peers {
		l.moves[id] = p.inputs.pop()
	}
	for _, ev := range sim.Step(l.world, l.moves) {
		l.announce(ev)
	}
	l.sendSnapshots()
	l.s.stats.Tick.Store(uint64(l.world.Tick))
	l.times.add(time.Since(start), &l.s.stats.TickP99ns)
}

func (l *loop) announce(ev sim.Event) {
	switch ev.Kind {
	case sim.Scored:
		l.broadcastExcept(nil, &wire.Scored{ID: uint8(ev.Player), Score: uint16(ev.Score)})
	case sim.RoundWon:
		if p := l.world.Player(ev.Player); p != nil {
			l.s.log.Info("round won", "round", ev.Round, "player", ev.Player, "name", p.Name)
		}
		l.broadcastExcept(nil, &wire.RoundOver{Winner: uint8(ev.Player), Round: uint16(ev.Round),
			NextIn: uint16(l.world.Config.BannerTicks)})
	case sim.RoundStarted:
		l.broadcastExcept(nil, &wire.RoundStart{Round: uint16(ev.Round)})
	}
}

// sendSnapshots encodes the world once and gives each player a copy with their own
// input acknowledgement patched in.
func (l *loop) sendSnapshots() {
	w := l.world
	s := &l.snap
	s.Tick, s.Round, s.Phase, s.Winner = w.Tick, uint16(w.Round), uint8(w.Phase), uint8(w.Winner)
	s.Players = s.Players[:0]
	for _, p := range w.Players {
		s.Players = append(s.Players, wire.PlayerState{ID: uint8(p.ID), X: uint16(p.Pos.X), Y: uint16(p.Pos.Y)})
	}
	s.Gems = s.Gems[:0]
	for _, g := range w.Gems {
		s.Gems = append(s.Gems, wire.GemState{ID: g.ID, X: uint16(g.Pos.X), Y: uint16(g.Pos.Y)})
	}
	var err error
	if l.snapBuf, err = wire.AppendMessage(l.snapBuf[:0], s); err != nil {
		l.s.log.Error("snapshot does not fit a datagram", "err", err)
		return
	}
	for _, p := range l.peers {
		b := append([]byte(nil), l.snapBuf...)
		wire.SetSnapshotAck(b, p.inputs.applied) // cannot fail: b is the snapshot just encoded
		p.dgram.Send(b)
	}
}

// shutdown closes every player's connection with the reason, waiting a bounded time
// for the goodbyes to leave.
func (l *loop) shutdown() {
	var wg sync.WaitGroup
	for _, p := range l.peers {
		wg.Go(func() { p.conn.CloseWithError(session.CodeHostEnded, "host ended the game") })
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(shutdownTimeout):
		l.s.log.Warn("some players did not acknowledge the end of the game in time")
	}
	l.s.stats.Players.Store(0)
	l.s.log.Info("game ended", "players", len(l.peers))
}
