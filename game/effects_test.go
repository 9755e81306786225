package game

import (
	"testing"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/sim"
	"github.com/gemrush/gemrush/net/wire"
)

// A gem taken starts a burst where it lay and a +1 over its taker; both are gone
// once they have played, and a gem taken where nobody knows gives only the +1.
func TestAGemTakenBurstsAndFloats(t *testing.T) {
	st := &client.State{Welcome: wire.Welcome{You: 1, TargetScore: 20},
		Players: map[uint8]*client.PlayerView{2: {ID: 2, Colour: 3}}}
	var fx effects
	at := sim.Vec{X: sim.Px(100), Y: sim.Px(50)}
	fx.happened(client.Happening{Kind: client.GemTaken, Player: 2, Score: 4, At: at, HasAt: true}, st, 10)
	fx.happened(client.Happening{Kind: client.GemTaken, Player: 2, Score: 5}, st, 11)
	fx.happened(client.Happening{Kind: client.ChatLine, Player: 2}, st, 11)
	if len(fx.bursts) != 1 || fx.bursts[0].at != at || fx.bursts[0].clr != PlayerColour(3) || len(fx.floats) != 2 {
		t.Fatalf("bursts %+v, floats %+v: want one burst in the taker's colour and two +1s", fx.bursts, fx.floats)
	}
	fx.sweep(nil, 11+burstTicks)
	if len(fx.bursts) != 0 || len(fx.floats) != 2 {
		t.Errorf("after the burst's time: %d bursts, %d floats", len(fx.bursts), len(fx.floats))
	}
	fx.sweep(nil, 11+floatTicks)
	if len(fx.floats) != 0 {
		t.Errorf("%d floats left after their time", len(fx.floats))
	}
}

// A new gem grows in from nothing past its size and settles; a gem seen from the
// start of the effects' life is grown as well, and one never seen is drawn whole.
func TestNewGemsGrowIn(t *testing.T) {
	var fx effects
	fx.sweep([]uint16{7}, 100)
	if s := fx.gemScale(7, 100); s != 0 {
		t.Errorf("a gem that has just appeared is drawn at %.2f, want 0", s)
	}
	peak := float32(0)
	for tick := 100; tick <= 100+growTicks; tick++ {
		peak = max(peak, fx.gemScale(7, tick))
	}
	if peak <= 1.05 || peak > 1.3 {
		t.Errorf("the grow-in peaks at %.2f, want a small overshoot", peak)
	}
	if s := fx.gemScale(7, 100+growTicks); s != 1 {
		t.Errorf("a grown gem is drawn at %.2f", s)
	}
	if s := fx.gemScale(8, 100); s != 1 {
		t.Errorf("an unknown gem is drawn at %.2f", s)
	}
	for id := range uint16(200) { // ids grow with every gem: the record stays bounded
		fx.sweep([]uint16{id}, 200+int(id)*growTicks*2)
	}
	if len(fx.born) > 4*sim.MaxGems+1 {
		t.Errorf("%d gems remembered", len(fx.born))
	}
}

// The Tab table shows everyone who fits; in a crowd, the best and you, wherever you
// are, with your own place.
func TestTheTableAlwaysShowsYou(t *testing.T) {
	var ranking []*client.PlayerView
	for id := range uint8(40) {
		ranking = append(ranking, &client.PlayerView{ID: id + 1})
	}
	if rows := tableRows(ranking[:5], 3); len(rows) != 5 || rows[4] != 4 {
		t.Errorf("five players: rows %v", rows)
	}
	rows := tableRows(ranking, 33) // 33rd of 40
	if len(rows) != tableMaxRows || rows[len(rows)-1] != 32 || rows[0] != 0 {
		t.Errorf("you 33rd of 40: rows %v, want the first %d with you last", rows, tableMaxRows-1)
	}
	if tableTop+tableHeadH+tableMaxRows*tableRowH+16 > screenH {
		t.Errorf("%d rows run off the screen", tableMaxRows)
	}
}
