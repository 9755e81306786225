package game

import (
	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// movement reads WASD and the arrow keys as this tick's input. While the chat box
// is open the keys are typing, not moving.
func movement(typing bool) sim.Input {
	if typing {
		return sim.Input{}
	}
	var in sim.Input
	if ebiten.IsKeyPressed(ebiten.KeyA) || ebiten.IsKeyPressed(ebiten.KeyArrowLeft) {
		in.X -= sim.MaxAxis
	}
	if ebiten.IsKeyPressed(ebiten.KeyD) || ebiten.IsKeyPressed(ebiten.KeyArrowRight) {
		in.X += sim.MaxAxis
	}
	if ebiten.IsKeyPressed(ebiten.KeyW) || ebiten.IsKeyPressed(ebiten.KeyArrowUp) {
		in.Y -= sim.MaxAxis
	}
	if ebiten.IsKeyPressed(ebiten.KeyS) || ebiten.IsKeyPressed(ebiten.KeyArrowDown) {
		in.Y += sim.MaxAxis
	}
	return in
}

// quitPressed is Enter or Esc on a screen that only offers leaving.
func quitPressed() bool {
	return inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyEscape) ||
		inpututil.IsKeyJustPressed(ebiten.KeyKPEnter)
}

// repeating reports a key press, and again every few ticks while it is held, like
// a text field's key repeat.
func repeating(key ebiten.Key) bool {
	d := inpututil.KeyPressDuration(key)
	return d == 1 || d > 30 && d%3 == 0
}
