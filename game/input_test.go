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
