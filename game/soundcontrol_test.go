package game

import (
	"image"
	"testing"
)

func TestSoundControlStepsMutesAndSaysItActed(t *testing.T) {
	volume, mute, changes := 70, false, 0
	c := soundControl("sound", &volume, &mute, rect(700, 646, 300, 38), func() { changes++ })
	f := form{}
	f.set([]*control{button("quit", "Quit", rect(140, 670, 120, 34), func() {}), c}, "sound")
	down, up := c.arrows()
	mid := image.Pt((down.Max.X+up.Min.X)/2, c.rect.Min.Y+10)
	for _, step := range []struct {
		name   string
		in     intents
		volume int
		mute   bool
	}{
		{"right", intents{right: true}, 80, false},
		{"Enter mutes", intents{activate: true}, 80, true},
		{"left unmutes", intents{left: true}, 70, false},
		{"click between the arrows mutes", intents{click: true, clickAt: mid}, 70, true},
		{"click on ▶", intents{click: true, clickAt: up.Min.Add(image.Pt(5, 5))}, 80, false},
		{"click on ◀", intents{click: true, clickAt: down.Min.Add(image.Pt(5, 5))}, 70, false},
	} {
		before := changes
		in := step.in
		f.update(&in)
		if volume != step.volume || mute != step.mute || changes != before+1 || !in.pressed {
			t.Errorf("%s: volume %d mute %v, %d changes, pressed %v; want %d %v", step.name, volume, mute, changes-before, in.pressed, step.volume, step.mute)
		}
	}
	for range 12 {
		f.update(&intents{right: true})
	}
	if volume != 100 {
		t.Errorf("twelve steps up from 70 give %d, want 100", volume)
	}
	for range 12 {
		f.update(&intents{left: true})
	}
	value := func() string { s, _ := c.value(); return s }
	if volume != 0 || value() != "0 %" {
		t.Errorf("twelve steps down give %d (%q), want 0", volume, value())
	}
	in := intents{down: true} // moving the focus is no press
	f.update(&in)
	if in.pressed || f.focus != "quit" {
		t.Errorf("moving the focus: pressed %v, focus %q", in.pressed, f.focus)
	}
	in = intents{activate: true}
	f.update(&in)
	if !in.pressed {
		t.Error("a button pressed with Enter does not say so")
	}
}
