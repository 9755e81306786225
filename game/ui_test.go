package game

import "testing"

// TestTextFieldEditing types into a field the way a person would, tick by tick.
func TestTextFieldEditing(t *testing.T) {
	typed := func(s string) *intents { return &intents{typed: []rune(s)} }
	tests := []struct {
		name  string
		start string
		max   int
		ticks []*intents
		want  string
	}{
		{"typing appends", "Ana", 16, []*intents{typed(" Lima")}, "Ana Lima"},
		{"Backspace removes one character", "Ana", 16, []*intents{{backspace: true}}, "An"},
		{"Ctrl+A then typing replaces it all", "Ana Lima", 16, []*intents{{selectAll: true}, typed("Bo")}, "Bo"},
		{"Ctrl+A then Backspace empties it", "Ana Lima", 16, []*intents{{selectAll: true}, {backspace: true}}, ""},
		{"Ctrl+A then Delete empties it", "Ana Lima", 16, []*intents{{selectAll: true}, {delete: true}}, ""},
		{"Ctrl+A then paste replaces it", "Ana", 16, []*intents{{selectAll: true}, {pasted: "Zoë"}}, "Zoë"},
		{"Ctrl+A then Right keeps it and types at the end", "Ana", 16, []*intents{{selectAll: true}, {right: true}, typed("!")}, "Ana!"},
		{"Delete at the end does nothing", "Ana", 16, []*intents{{delete: true}}, "Ana"},
		{"Ctrl+Backspace removes the last word", "Ana Lima", 16, []*intents{{deleteWord: true}}, "Ana "},
		{"Ctrl+Backspace removes trailing spaces with the word", "Ana Lima  ", 16, []*intents{{deleteWord: true}}, "Ana "},
		{"Ctrl+Backspace twice", "Ana de Lima", 16, []*intents{{deleteWord: true}, {deleteWord: true}}, "Ana "},
		{"Ctrl+Backspace on one word empties it", "☃☃", 16, []*intents{{deleteWord: true}}, ""},
		{"Ctrl+U clears", "Ana", 16, []*intents{{clear: true}}, ""},
		{"the limit counts characters, not bytes", "", 4, []*intents{typed("☃ñ日😀x")}, "☃ñ日😀"},
		{"control characters are dropped", "", 16, []*intents{typed("a\tb\x7f")}, "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newField(tt.start, "", tt.max)
			for _, in := range tt.ticks {
				f.update(in)
			}
			if f.String() != tt.want {
				t.Errorf("got %q, want %q", f.String(), tt.want)
			}
		})
	}
}

// TestTextFieldLimitIsShown checks the counter appears near the limit, turns to the
// notice colour in the last characters, and that a refused character shakes the
// field for a moment.
func TestTextFieldLimitIsShown(t *testing.T) {
	f := newField("", "", 16)
	if s, _ := f.counter(); s != "" {
		t.Errorf("an empty field shows %q", s)
	}
	f.update(&intents{typed: []rune("Ana Lima Sou")})
	if s, c := f.counter(); s != "12/16" || c != colDim {
		t.Errorf("at 12 of 16: %q in %v, want 12/16 dim", s, c)
	}
	f.update(&intents{typed: []rune("za")})
	if s, c := f.counter(); s != "14/16" || c != colNotice {
		t.Errorf("at 14 of 16: %q in %v, want 14/16 in the notice colour", s, c)
	}
	if f.refused != 0 || f.shake() != 0 {
		t.Error("the field shakes before anything was refused")
	}
	f.update(&intents{typed: []rune("!!!")})
	if f.String() != "Ana Lima Souza!!" {
		t.Errorf("got %q", f.String())
	}
	if s, c := f.counter(); s != "16/16" || c != colError || f.refused == 0 {
		t.Errorf("after a refused character: %q in %v, refused %d", s, c, f.refused)
	}
	moved := false
	for range refusedTicks {
		moved = moved || f.shake() != 0
		f.update(&intents{})
	}
	if !moved {
		t.Error("the text never moved after a refused character")
	}
	if s, c := f.counter(); f.shake() != 0 || c != colNotice || s != "16/16" {
		t.Errorf("the shake did not end: %v, counter %q in %v", f.shake(), s, c)
	}
}

// A slow frame can bring several keys to one tick. The form takes them as a person
// makes them: what was typed goes to the field that had the focus, then the focus
// moves, then Enter presses what it moved to.
func TestKeysOfOneSlowFrameAreAllTaken(t *testing.T) {
	name := newField("", "", 16)
	var pressed []string
	press := func(id string) func() { return func() { pressed = append(pressed, id) } }
	f := form{}
	controls := []*control{
		field("name", "Name", name, rect(0, 0, 100, 20), nil),
		button("host", "Host", rect(0, 30, 100, 20), press("host")),
		button("quit", "Quit", rect(0, 60, 100, 20), press("quit")),
	}
	f.set(controls, "")
	f.update(&intents{typed: []rune("Ana"), next: true, activate: true})
	if name.String() != "Ana" || f.focus != "host" || len(pressed) != 1 || pressed[0] != "host" {
		t.Errorf("typing, Tab and Enter in one tick: name %q, focus %q, pressed %v; want Ana, host, [host]", name, f.focus, pressed)
	}
	// A confirmation that starts on Cancel: Up then Enter in one tick confirms.
	pressed = nil
	f = form{focus: "cancel"}
	f.set([]*control{button("end", "End", rect(0, 0, 100, 20), press("end")),
		button("cancel", "Cancel", rect(0, 30, 100, 20), press("cancel"))}, "")
	f.update(&intents{up: true, activate: true})
	if len(pressed) != 1 || pressed[0] != "end" {
		t.Errorf("Up and Enter in one tick pressed %v, want [end]", pressed)
	}
}
