package game

import (
	"testing"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
)

func TestGamepadMapping(t *testing.T) {
	pad := func(pressed, held []ebiten.StandardGamepadButton, x, y float64) padState {
		p := padState{pressed: map[ebiten.StandardGamepadButton]bool{}, held: map[ebiten.StandardGamepadButton]bool{}, stickX: x, stickY: y}
		for _, b := range pressed {
			p.pressed[b], p.held[b] = true, true
		}
		for _, b := range held {
			p.held[b] = true
		}
		return p
	}
	tests := []struct {
		name string
		pad  padState
		want intents
	}{
		{"A presses", pad([]ebiten.StandardGamepadButton{ebiten.StandardGamepadButtonRightBottom}, nil, 0, 0), intents{activate: true}},
		{"B goes back", pad([]ebiten.StandardGamepadButton{ebiten.StandardGamepadButtonRightRight}, nil, 0, 0), intents{back: true}},
		{"Start opens the menu", pad([]ebiten.StandardGamepadButton{ebiten.StandardGamepadButtonCenterRight}, nil, 0, 0), intents{menu: true}},
		{"Back held shows the scoreboard", pad(nil, []ebiten.StandardGamepadButton{ebiten.StandardGamepadButtonCenterLeft}, 0, 0), intents{scoreboard: true}},
		{"D-pad down navigates once and moves while held",
			pad([]ebiten.StandardGamepadButton{ebiten.StandardGamepadButtonLeftBottom}, nil, 0, 0),
			intents{down: true, move: sim.Input{Y: sim.MaxAxis}}},
		{"D-pad held moves without navigating", pad(nil, []ebiten.StandardGamepadButton{ebiten.StandardGamepadButtonLeftLeft}, 0, 0),
			intents{move: sim.Input{X: -sim.MaxAxis}}},
		{"a stick half way is half speed", pad(nil, nil, 0.5, 0), intents{move: sim.Input{X: 63}}},
		{"a stick inside the dead zone is still", pad(nil, nil, 0.1, -0.15), intents{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in intents
			applyPad(&in, tt.pad)
			if in.up != tt.want.up || in.down != tt.want.down || in.left != tt.want.left || in.right != tt.want.right ||
				in.activate != tt.want.activate || in.back != tt.want.back || in.menu != tt.want.menu ||
				in.scoreboard != tt.want.scoreboard || in.move != tt.want.move {
				t.Errorf("got %+v, want %+v", in, tt.want)
			}
		})
	}
	// Keys win over the pad for movement when both are used.
	in := intents{move: sim.Input{X: sim.MaxAxis}}
	applyPad(&in, pad(nil, nil, -1, 0))
	if in.move.X != sim.MaxAxis {
		t.Errorf("the stick overrode the keys: %+v", in.move)
	}
}

// TestKeyRepeat feeds the repeater per-tick key states and counts the presses.
func TestKeyRepeat(t *testing.T) {
	tap := keyTick{pressed: true} // down and up again inside one tick
	down := keyTick{pressed: true, held: true}
	hold := keyTick{held: true}
	up := keyTick{}
	repeat := func(s keyTick, n int) []keyTick {
		ticks := make([]keyTick, n)
		for i := range ticks {
			ticks[i] = s
		}
		return ticks
	}
	seq := func(parts ...[]keyTick) []keyTick {
		var all []keyTick
		for _, p := range parts {
			all = append(all, p...)
		}
		return all
	}
	// 35 taps, each pressed and released inside a tick, one tick apart: the
	// BackSpace taps an earlier reading of the keys lost most of.
	var taps []keyTick
	for range 35 {
		taps = append(taps, tap, up)
	}
	// 35 taps on consecutive ticks with no tick between them.
	var backToBack []keyTick
	for range 35 {
		backToBack = append(backToBack, tap)
	}
	tests := []struct {
		name  string
		ticks []keyTick
		want  int
	}{
		{"a tap inside one tick", []keyTick{tap}, 1},
		{"35 quick taps", taps, 35},
		{"35 taps on 35 ticks in a row", backToBack, 35},
		{"a press held for four ticks", seq([]keyTick{down}, repeat(hold, 3), []keyTick{up}), 1},
		{"held just short of the delay", seq([]keyTick{down}, repeat(hold, repeatDelay-1)), 1},
		{"held to the delay repeats once", seq([]keyTick{down}, repeat(hold, repeatDelay)), 2},
		{"held one second: 30 repeats a second after half a second", seq([]keyTick{down}, repeat(hold, 59)), 1 + 1 + (59-repeatDelay)/repeatInterval},
		{"released and pressed again on the next tick", seq([]keyTick{down, hold, down, hold}), 2},
		{"held from before the window had the keyboard", repeat(hold, 90), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := keyRepeater{held: map[ebiten.Key]int{}}
			got := 0
			for _, s := range tt.ticks {
				if k.step(ebiten.KeyBackspace, s) {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("%d presses, want %d", got, tt.want)
			}
		})
	}
	// A repeat after the delay comes every repeatInterval ticks: 30 a second.
	k := keyRepeater{held: map[ebiten.Key]int{}}
	k.step(ebiten.KeyBackspace, down)
	var at []int
	for i := 1; i <= 40; i++ {
		if k.step(ebiten.KeyBackspace, hold) {
			at = append(at, i)
		}
	}
	if len(at) < 2 || at[0] != repeatDelay || at[1]-at[0] != repeatInterval {
		t.Errorf("repeats at ticks %v, want the first at %d and then every %d", at, repeatDelay, repeatInterval)
	}
}
