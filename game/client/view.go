package client

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// logLen is how many chat and notice lines the View keeps.
const logLen = 100

// PlayerView is one player as a player's machine knows them.
type PlayerView struct {
	ID     uint8
	Name   string
	Colour uint8
	Score  int
	Pos    sim.Vec
	Placed bool // a snapshot has said where they are
}

// Line is one entry of the chat log: a chat line, or a notice of the game's own.
type Line struct {
	Seq    uint32 // chat seq; 0 for notices
	From   uint8
	Name   string
	Text   string
	Notice bool
}

// View is the game as the host last described it. It is not safe for concurrent use:
// it belongs to the goroutine that polls the Conn.
type View struct {
	Welcome wire.Welcome
	Players map[uint8]*PlayerView
	Gems    []wire.GemState
	Tick    uint32
	Ack     uint32 // newest input of ours the host has applied
	Round   int
	Phase   sim.Phase
	Winner  uint8
	Log     []Line
}

// NewView starts the picture from the host's welcome.
func NewView(w wire.Welcome) *View {
	return &View{Welcome: w, Players: map[uint8]*PlayerView{}, Round: 1}
}

// Me is the local player, or nil before the host has announced them.
func (v *View) Me() *PlayerView { return v.Players[v.Welcome.You] }

// Apply takes one control or chat message into the picture.
func (v *View) Apply(m wire.Message) {
	switch m := m.(type) {
	case *wire.PlayerJoined:
		_, known := v.Players[m.ID]
		v.Players[m.ID] = &PlayerView{ID: m.ID, Name: m.Name, Colour: m.Colour, Score: int(m.Score)}
		if !known && m.ID != v.Welcome.You && v.Me() != nil {
			v.notice(m.Name + " joined")
		}
	case *wire.PlayerLeft:
		if p := v.Players[m.ID]; p != nil {
			v.notice(p.Name + " " + m.Reason.String())
			delete(v.Players, m.ID)
		}
	case *wire.Scored:
		if p := v.Players[m.ID]; p != nil {
			p.Score = int(m.Score)
		}
	case *wire.RoundOver:
		v.Phase, v.Winner, v.Round = sim.RoundOver, m.Winner, int(m.Round)
		v.notice(fmt.Sprintf("%s won round %d!", v.name(m.Winner), m.Round))
	case *wire.RoundStart:
		v.Phase, v.Winner, v.Round = sim.Playing, 0, int(m.Round)
		for _, p := range v.Players {
			p.Score = 0
		}
		v.notice(fmt.Sprintf("Round %d: go!", m.Round))
	case *wire.Chat:
		v.add(Line{Seq: m.Seq, From: m.From, Name: m.Name, Text: m.Text})
	}
}

// ApplySnapshot moves everything to where the host says it is.
func (v *View) ApplySnapshot(s *wire.Snapshot) {
	if s.Tick <= v.Tick {
		return
	}
	v.Tick, v.Ack, v.Round = s.Tick, s.Ack, int(s.Round)
	v.Phase, v.Winner = sim.Phase(s.Phase), s.Winner
	for _, ps := range s.Players {
		if p := v.Players[ps.ID]; p != nil {
			p.Pos, p.Placed = sim.Vec{X: int32(ps.X), Y: int32(ps.Y)}, true
		}
	}
	v.Gems = append(v.Gems[:0], s.Gems...)
}

// Ranking is the players by score, best first; ties by name.
func (v *View) Ranking() []*PlayerView {
	out := make([]*PlayerView, 0, len(v.Players))
	for _, p := range v.Players {
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

func (v *View) name(id uint8) string {
	if p := v.Players[id]; p != nil {
		return p.Name
	}
	return "Someone"
}

func (v *View) notice(text string) { v.add(Line{Text: text, Notice: true}) }

func (v *View) add(l Line) {
	if len(v.Log) >= logLen {
		v.Log = slices.Delete(v.Log, 0, len(v.Log)-logLen+1)
	}
	v.Log = append(v.Log, l)
}

// Poll takes everything the connection has delivered into the view without waiting,
// and reports whether the connection has ended.
func (v *View) Poll(c *Conn) (ended bool) {
	for {
		select {
		case m := <-c.Events():
			v.Apply(m)
		case s := <-c.Snapshots():
			v.ApplySnapshot(s)
		default:
			select {
			case <-c.Done():
				for { // the end: take what is left, then report it
					select {
					case m := <-c.Events():
						v.Apply(m)
					default:
						return true
					}
				}
			default:
				return false
			}
		}
	}
}
