package client

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// logLen is how many chat and notice lines the State keeps.
const logLen = 100

// PlayerView is one player as a player's machine knows them.
type PlayerView struct {
	ID     uint8
	Name   string
	Colour uint8
	Score  int
	Pos    sim.Vec
	Placed bool // a snapshot has said where they are
	Away   bool // their connection dropped; the host keeps their place while they reconnect
	// Ping is the host's round trip to them and Wins the rounds they have won since
	// they joined, as the host last said (each second); PingKnown until it first has.
	Ping      time.Duration
	PingKnown bool
	Wins      int
}

// Line is one entry of the chat log: a chat line, or a notice of the game's own.
type Line struct {
	Seq    uint32 // chat seq; 0 for notices
	From   uint8
	Name   string
	Text   string
	Notice bool
}

// State is the game as this player knows it: what the host last said, and what the
// player has sent. It belongs to one goroutine, which advances it with Step and
// samples the player's movement with Input, whatever the clock: the window's frames,
// a bot's ticker, a test's simulated time.
type State struct {
	Welcome wire.Welcome
	Players map[uint8]*PlayerView
	Gems    []wire.GemState
	Tick    uint32    // the tick of the newest snapshot
	At      time.Time // when that snapshot arrived
	Ack     uint32    // newest input of ours the host has applied
	Queue   int       // how many of our inputs usually wait at the host: 1 is no wait
	Round   int       // the round being played, in the arena State.Arena says
	Phase   sim.Phase // where the round is: Countdown, Playing or RoundOver
	Winner  uint8     // during RoundOver
	// GoAt is when, on the clock Step is given, the countdown of round goRound ends
	// and gems can be taken: when its RoundStart arrived, plus the ticks it said were
	// left. Countdown says how long is left of the current round's.
	GoAt time.Time
	Log  []Line

	// OnMessage, if set, sees every control and chat message as Step takes it in:
	// the bots count chat lines with it.
	OnMessage func(wire.Message)

	t          Transport
	inputs     inputs
	pred       prediction
	timeline   timeline
	heard      time.Time // when the newest snapshot arrived, or the State was first stepped
	unsent     int       // inputs sampled since the last datagram
	err        error
	nextChat   uint32          // the seq of the first chat line not yet received
	happenings []Happening     // since the window last took them
	claims     []claim         // gems our disc took before the host said so
	visible    []wire.GemState // VisibleGems' buffer
	stepAt     time.Time       // the now of the Step taking messages in: when they arrived
	goRound    int             // the round GoAt is of
	heardPhase bool            // the host has said where the game is, by a message or a snapshot
	// ChatMissed counts the chat lines that never reached this player: sent while they
	// were reconnecting, and no longer kept by the host when they came back.
	ChatMissed int
}

// NewState starts the picture from the host's welcome on t.
func NewState(t Transport) *State {
	w := t.Welcome()
	s := &State{t: t, Welcome: w, Players: map[uint8]*PlayerView{}, Round: 1, pred: newPrediction(),
		nextChat: w.NextChatSeq}
	if w.Resumed {
		s.Notice("Welcome back: you have your place back.")
	}
	return s
}

// Transport is the connection the State follows.
func (s *State) Transport() Transport { return s.t }

// Step takes everything the transport has delivered by now into the picture,
// without waiting: control and chat messages first (a snapshot may place a player
// just announced), then snapshots, each queue in its order, so the same arrivals
// give the same picture every time. now is the frame's local time, on the clock
// snapshots and inputs are stamped with. Once the connection has ended Step returns
// why (an *Error), after taking in every event that came before the end; until then nil.
func (s *State) Step(now time.Time) error {
	if s.err != nil {
		return s.err
	}
	if s.heard.IsZero() {
		s.heard = now // the welcome has just come: the first snapshot is due
	}
	s.stepAt = now
	s.takeEvents()
	for {
		select {
		case snap := <-s.t.Snapshots():
			s.applySnapshot(snap)
			continue
		default:
		}
		break
	}
	select {
	case <-s.t.Done():
		s.takeEvents() // the end: take what is left, then report it
		s.err = s.t.Err()
		return s.err
	default:
		return nil
	}
}

func (s *State) takeEvents() {
	for {
		select {
		case m := <-s.t.Events():
			s.apply(m)
		default:
			return
		}
	}
}

// Arrived is signalled when there is something for Step to take in.
func (s *State) Arrived() <-chan struct{} { return s.t.Arrived() }

// Input sends this tick's movement, sampled at now, with the inputs before it.
// The player's own disc moves by it at once: prediction does not wait for the host.
// The datagram goes as often as the host sends snapshots: every frame on a good link;
// on one the host found struggling, every second or third, carrying the inputs of the
// frames between (a datagram repeats the last InputRedundancy), so the link carries
// fewer packets each way.
func (s *State) Input(move sim.Input, now time.Time) {
	s.pred.input(move, now)
	s.claimGems(now)
	m := s.inputs.add(move, now)
	s.unsent++
	if s.unsent < max(s.timeline.interval, 1) {
		return
	}
	s.unsent = 0
	m.Snapshot = s.Tick
	s.t.SendInput(m)
}

// LastInputSeq is the sequence number of the newest input sent.
func (s *State) LastInputSeq() uint32 { return s.inputs.seq }

// SendChat queues a line for the host to relay to everyone.
func (s *State) SendChat(text string) error { return s.t.SendChat(text) }

// Stats is what the connection measured.
func (s *State) Stats() NetStats { return s.t.Stats() }

// Me is the local player, or nil before the host has announced them.
func (s *State) Me() *PlayerView { return s.Players[s.Welcome.You] }

// apply takes one control or chat message into the picture.
func (s *State) apply(m wire.Message) {
	if s.OnMessage != nil {
		s.OnMessage(m) // as it came: the bots count what the host sent twice
	}
	if c, ok := m.(*wire.Chat); ok && c.Seq < s.nextChat {
		return // had already: the host sent it again to a player coming back
	}
	switch m := m.(type) {
	case *wire.PlayerJoined:
		_, known := s.Players[m.ID]
		if !known {
			s.timeline.forget(m.ID) // whoever had the id before is not them
		}
		s.Players[m.ID] = &PlayerView{ID: m.ID, Name: m.Name, Colour: m.Colour, Score: int(m.Score)}
		if !known && m.ID == s.Welcome.You && !s.Welcome.Resumed {
			s.Notice(joinedLine(s.Welcome.HostName, m.Name))
		}
		if !known && m.ID != s.Welcome.You && s.Me() != nil {
			s.Notice(m.Name + " joined")
			s.happened(Happening{Kind: PlayerJoined, Player: m.ID})
		}
	case *wire.PlayerAway:
		if p := s.Players[m.ID]; p != nil && !p.Away {
			p.Away = true
			s.Notice(p.Name + " lost connection; their place is kept while they reconnect")
			s.happened(Happening{Kind: PlayerAway, Player: m.ID})
		}
	case *wire.PlayerBack:
		if p := s.Players[m.ID]; p != nil && p.Away {
			p.Away = false
			s.Notice(p.Name + " is back")
			s.happened(Happening{Kind: PlayerBack, Player: m.ID})
		}
	case *wire.PlayerLeft:
		if p := s.Players[m.ID]; p != nil {
			s.Notice(p.Name + " " + m.Reason.String())
			s.happened(Happening{Kind: PlayerLeft, Player: m.ID})
			delete(s.Players, m.ID)
			s.timeline.forget(m.ID) // the id may be given to someone new
		}
	case *wire.Scored:
		if s.Phase == sim.Countdown { // gems are taken only in play: it has begun
			s.follow(s.Round, sim.Playing, 0)
		}
		if p := s.Players[m.ID]; p != nil {
			p.Score = int(m.Score)
			if m.ID == s.Welcome.You && s.confirmClaim() {
				break // shown when our disc touched it
			}
			at, ok := s.takenGem(p)
			s.happened(Happening{Kind: GemTaken, Player: m.ID, Score: p.Score, Round: s.Round, At: at, HasAt: ok})
		}
	case *wire.RoundOver:
		s.follow(int(m.Round), sim.RoundOver, m.Winner)
		s.Notice(fmt.Sprintf("%s won round %d!", s.name(m.Winner), m.Round))
		s.happened(Happening{Kind: RoundWon, Player: m.Winner, Round: int(m.Round)})
	case *wire.RoundStart:
		for _, p := range s.Players {
			p.Score = 0
		}
		s.GoAt, s.goRound = s.stepAt.Add(time.Duration(m.GoIn)*tickDuration), int(m.Round)
		s.Notice(fmt.Sprintf("Round %d: %s — get ready", m.Round, sim.ArenaFor(int(m.Round)).Name))
		s.happened(Happening{Kind: RoundBegins, Round: int(m.Round)})
		phase := sim.Countdown
		if m.GoIn == 0 {
			phase = sim.Playing
		}
		s.follow(int(m.Round), phase, 0)
	case *wire.Notice:
		s.Notice(m.Text)
	case *wire.Standings:
		for _, st := range m.Players {
			if p := s.Players[st.ID]; p != nil {
				p.Ping, p.PingKnown, p.Wins = time.Duration(st.PingMs)*time.Millisecond, st.PingMs != wire.PingUnknown, int(st.Wins)
			}
		}
	case *wire.Chat:
		s.nextChat = m.Seq + 1
		s.add(Line{Seq: m.Seq, From: m.From, Name: m.Name, Text: m.Text})
		s.happened(Happening{Kind: ChatLine, Player: m.From})
	}
}

// applySnapshot moves everything to where the host says it is.
func (s *State) applySnapshot(snap Snapshot) {
	if snap.Tick <= s.Tick {
		return
	}
	s.Tick, s.At, s.Ack, s.Queue = snap.Tick, snap.At, snap.Ack, int(snap.Queue)
	s.follow(int(snap.Round), sim.Phase(snap.Phase), snap.Winner)
	s.heard = snap.At
	for _, ps := range snap.Players {
		if p := s.Players[ps.ID]; p != nil {
			p.Pos, p.Placed = sim.Vec{X: int32(ps.X), Y: int32(ps.Y)}, true
			if p.ID == s.Welcome.You {
				s.pred.reconcile(p.Pos, int(snap.Round), s.inputs.after(snap.Ack))
			}
		}
	}
	s.Gems = append(s.Gems[:0], snap.Gems...)
	s.pruneClaims(snap.At)
	s.timeline.add(snap.Snapshot, snap.At)
	s.inputs.acked(snap.Ack)
	if snap.Ack > s.inputs.seq {
		// The host guessed inputs this player had not made yet (their game stalled):
		// number the next one after them, since the host will not take those again.
		s.inputs.seq = snap.Ack
	}
}

// Predicted is where prediction has this player's own disc after the newest input,
// and whether a snapshot has placed it yet.
func (s *State) Predicted() (sim.Vec, bool) { return s.pred.pos, s.pred.placed }

// Where is where to draw player id at now, the moment of drawing: this player's own
// disc where prediction has it, everyone else where interpolation has them, behind
// the host by the link's buffer. ok is false for a player not yet placed.
func (s *State) Where(id uint8, now time.Time) (pos sim.Vec, ok bool) {
	if id == s.Welcome.You && s.pred.placed {
		return s.pred.at(now), true
	}
	x, y, ok := s.timeline.position(id, s.timeline.seek(now))
	return sim.Vec{X: int32(math.Round(x)), Y: int32(math.Round(y))}, ok
}

// Ranking is the players by score, best first; ties by name.
func (s *State) Ranking() []*PlayerView {
	out := make([]*PlayerView, 0, len(s.Players))
	for _, p := range s.Players {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *PlayerView) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

func (s *State) name(id uint8) string {
	if p := s.Players[id]; p != nil {
		return p.Name
	}
	return "Someone"
}

// joinedLine is the line that tells a player they are in, and by what name (the
// host may have changed theirs to tell it from another's).
func joinedLine(game, name string) string {
	if game == "" {
		return "You joined as " + name
	}
	return "You joined " + game + " as " + name
}

// Notice adds a line of the game's own to the log.
func (s *State) Notice(text string) { s.add(Line{Text: text, Notice: true}) }

func (s *State) add(l Line) {
	if len(s.Log) >= logLen {
		s.Log = slices.Delete(s.Log, 0, len(s.Log)-logLen+1)
	}
	s.Log = append(s.Log, l)
}
