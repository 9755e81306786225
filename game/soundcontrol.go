package game

import (
	"image"
	"strconv"

	"github.com/gemrush/gemrush/game/settings"
)

// volumeStep is how far one press of left or right, or one click on an arrow, moves
// the volume.
const volumeStep = 10

// soundControl is the volume control: "Sound   ◀ 70 % ▶". Left and right (or the
// arrows, clicked) step the volume and unmute, since turning the sound up or down
// is asking to hear it; Enter or A (or a click between the arrows) mutes and
// unmutes. changed runs after each change, to apply and remember it.
func soundControl(id string, volume *int, mute *bool, r image.Rectangle, changed func()) *control {
	value := func() (string, bool) {
		if *mute {
			return "Off", true
		}
		return strconv.Itoa(*volume) + " %", false
	}
	step := func(dir int) {
		*volume = max(0, min(settings.MaxVolume, *volume+dir*volumeStep))
		*mute = false
		changed()
	}
	toggle := func() {
		*mute = !*mute
		changed()
	}
	return stepper(id, "Sound", r, value, step, toggle)
}

// toggleMute is M in game, and the in-game menu's Sound entry: sound off or on,
// remembered, with a word on screen.
func (g *Game) toggleMute() {
	g.settings.Mute = !g.settings.Mute
	g.soundChanged()
	if g.settings.Mute {
		g.say("Sound off (M turns it back on)")
	} else {
		g.say("Sound on")
	}
}

// soundChanged applies and remembers the volume and mute just changed.
func (g *Game) soundChanged() {
	g.sound.setVolume(g.settings)
	g.saveSettings()
}
