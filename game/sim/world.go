// Package sim holds the rules of Gem Rush: players move through a walled arena, gems
// appear at free spots, the first player to touch a gem scores, and the first to the
// target score wins the round. Each round is played in the next of a few arenas,
// and starts with a countdown in which players may move but no gem can be taken.
//
// The simulation is deterministic: Step advances the World by one fixed tick
// (TickRate per second) from the players' inputs and the World's own seeded random
// source. It never reads the clock, the network or the screen, so the host can run it
// authoritatively and a player's machine can run the same code to predict.
package sim

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
)

// TickRate is how many times per second the world steps.
const TickRate = 60

// PlayerID names a player for the whole time they are connected; 0 is nobody.
type PlayerID uint8

// Config holds the rules that can differ between games.
type Config struct {
	TargetScore  int   // first to this many gems wins the round
	Speed        int32 // top speed, sub-pixels per tick
	PlayerRadius int32 // sub-pixels
	GemRadius    int32 // sub-pixels
	BannerTicks  int   // how long the winner is shown before the next round
	// CountdownTicks is how long a round's arena is out before its gems appear:
	// players find their feet in a new layout, and all start together.
	CountdownTicks int
	MaxPlayers     int
}

// DefaultConfig is the game as it is meant to be played.
func DefaultConfig() Config {
	return Config{
		TargetScore:    20,
		Speed:          Px(4) + SubPixels/2, // 270 px/s: crosses the arena in about three seconds
		PlayerRadius:   Px(16),
		GemRadius:      Px(9),
		BannerTicks:    4 * TickRate,
		CountdownTicks: 3 * TickRate,
		MaxPlayers:     8,
	}
}

// Player is one disc in the arena.
type Player struct {
	ID     PlayerID
	Name   string
	Colour uint8
	Pos    Vec
	Score  int
}

// Gem is one pickup. IDs grow by one with every gem placed, so a player's machine
// can tell a gem that moved from one that was taken.
type Gem struct {
	ID  uint16
	Pos Vec
}

// Phase is where the round is.
type Phase uint8

// A round goes Countdown → Playing → RoundOver, then the next round's Countdown.
const (
	Playing   Phase = iota // gems can be taken
	RoundOver              // a winner is on the banner; gems cannot be taken
	Countdown              // the round's arena is out and players move; its gems appear as it ends
)

// World is the whole state of one game. Only Step and the methods below change it.
type World struct {
	Config Config
	Arena  Arena
	Tick   uint32
	Round  int
	Phase  Phase
	Winner PlayerID // during RoundOver
	// PhaseEnds is the tick at which RoundOver gives way to a new round's Countdown,
	// and Countdown to Playing.
	PhaseEnds uint32
	Players   []*Player // sorted by ID
	Gems      []Gem

	rng       *rand.Rand
	nextGemID uint16
}

// ErrGameFull is returned by AddPlayer when MaxPlayers are already in the game.
var ErrGameFull = errors.New("game is full")

// NewWorld makes an empty first round, its countdown running, whose random choices
// all come from seed.
func NewWorld(cfg Config, seed uint64) *World {
	w := &World{
		Config: cfg,
		Arena:  ArenaFor(1),
		Round:  1,
		rng:    rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
	}
	if !w.countDown() {
		w.topUpGems()
	}
	return w
}

// AddPlayer places a new player at a free spot.
func (w *World) AddPlayer(id PlayerID, name string, colour uint8) (*Player, error) {
	if len(w.Players) >= w.Config.MaxPlayers {
		return nil, fmt.Errorf("%w (%d/%d)", ErrGameFull, len(w.Players), w.Config.MaxPlayers)
	}
	if id == 0 || w.Player(id) != nil {
		return nil, fmt.Errorf("player id %d is not free", id)
	}
	pos, _ := w.freeSpot(w.Config.PlayerRadius, 3*w.Config.PlayerRadius)
	p := &Player{ID: id, Name: name, Colour: colour, Pos: pos}
	i, _ := slices.BinarySearchFunc(w.Players, id, func(p *Player, id PlayerID) int { return int(p.ID) - int(id) })
	w.Players = slices.Insert(w.Players, i, p)
	return p, nil
}

// RemovePlayer takes a player out of the arena; their score goes with them.
func (w *World) RemovePlayer(id PlayerID) {
	w.Players = slices.DeleteFunc(w.Players, func(p *Player) bool { return p.ID == id })
}

// Player returns the player with id, or nil.
func (w *World) Player(id PlayerID) *Player {
	for _, p := range w.Players {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// GemTarget is how many gems lie in the arena at once: a few, and more for a crowd.
func (w *World) GemTarget() int {
	return min(3+len(w.Players)/4, MaxGems)
}

// MaxGems is the most gems that ever lie in the arena at once.
const MaxGems = 8

// freeSpot draws random spots until one is inside the arena, clear of walls by gap
// and at least gap away from every player and gem. After a bounded number of draws
// it settles for a spot that is merely clear of walls, and says so.
func (w *World) freeSpot(rad, gap int32) (Vec, bool) {
	var fallback Vec
	for try := range 64 {
		c := Vec{
			X: rad + w.rng.Int32N(w.Arena.Size.X-2*rad),
			Y: rad + w.rng.Int32N(w.Arena.Size.Y-2*rad),
		}
		if !w.Arena.inside(c, rad, SubPixels*4) {
			continue
		}
		if try == 0 || fallback == (Vec{}) {
			fallback = c
		}
		if w.clearOfOthers(c, rad+gap) {
			return c, true
		}
	}
	if fallback == (Vec{}) {
		fallback = w.Arena.firstOpen(rad)
	}
	return fallback, false
}

func (w *World) clearOfOthers(c Vec, dist int32) bool {
	d2 := int64(dist) * int64(dist)
	for _, p := range w.Players {
		if DistSq(c, p.Pos) < d2 {
			return false
		}
	}
	for _, g := range w.Gems {
		if DistSq(c, g.Pos) < d2 {
			return false
		}
	}
	return true
}

// topUpGems places gems until GemTarget lie in the arena.
func (w *World) topUpGems() {
	for len(w.Gems) < w.GemTarget() {
		pos, _ := w.freeSpot(w.Config.GemRadius, 2*w.Config.PlayerRadius)
		w.nextGemID++
		w.Gems = append(w.Gems, Gem{ID: w.nextGemID, Pos: pos})
	}
}

// MoveAhead moves one player by an input of their own before the next Step: the host
// applies two of a player's inputs in one tick this way when their input queue has
// grown deeper than their link needs.
func (w *World) MoveAhead(id PlayerID, in Input) {
	if p := w.Player(id); p != nil {
		p.Pos = Move(w.Arena, w.Config, p.Pos, in)
	}
}
