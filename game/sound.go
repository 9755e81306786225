package game

import "github.com/gemrush/gemrush/game/client"

// sounds plays the game's effects. (For now it is silent.)
type sounds struct{}

// happened plays what h sounds like to player you.
func (*sounds) happened(h client.Happening, you uint8) {}

// click is a button pressed.
func (*sounds) click() {}
