package game

import (
	"image"
	"math"

	"github.com/gemrush/gemrush/game/sim"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// intents are this tick's keys, clicks and gamepad buttons turned into what the
// person means. Screens read intents, never raw keys.
type intents struct {
	next, prev            bool // Tab, Shift+Tab
	up, down, left, right bool // arrows, D-pad, left stick
	activate, back        bool // Enter / A; Esc / B
	menu                  bool // Esc / Start: the in-game menu
	fullscreen            bool // F11, Alt+Enter
	scoreboard            bool // Tab held, or Back/Select held on a gamepad
	netStats              bool // F3: the net-stats overlay on or off
	mute                  bool // M: sound off or on (in game, when not typing)
	click                 bool
	clickAt               image.Point
	typed                 []rune
	backspace, delete     bool   // Backspace, Delete: once a press, and repeating while held
	deleteWord            bool   // Ctrl+Backspace, repeating while held
	selectAll, clear      bool   // Ctrl+A, Ctrl+U
	paste                 bool   // Ctrl+V: the clipboard is read off the game loop
	pasted                string // what an earlier paste brought, delivered this tick
	move                  sim.Input
	// pressed is set by the screen's form when a control took this tick's intents (a
	// button pressed, a colour picked): the window clicks.
	pressed bool
}

// stickDeadZone is how far a stick must lean before it counts.
const stickDeadZone = 0.25

// readIntents gathers this tick's intents; buf is reused for typed characters.
func readIntents(buf []rune) intents {
	var in intents
	ctrl := ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	shift := ebiten.IsKeyPressed(ebiten.KeyShift)
	alt := ebiten.IsKeyPressed(ebiten.KeyAlt)
	enter := inpututil.IsKeyJustPressed(ebiten.KeyEnter) || inpututil.IsKeyJustPressed(ebiten.KeyKPEnter)

	in.next = inpututil.IsKeyJustPressed(ebiten.KeyTab) && !shift
	in.prev = inpututil.IsKeyJustPressed(ebiten.KeyTab) && shift
	in.up = keyboard.repeats(ebiten.KeyArrowUp)
	in.down = keyboard.repeats(ebiten.KeyArrowDown)
	in.left = keyboard.repeats(ebiten.KeyArrowLeft)
	in.right = keyboard.repeats(ebiten.KeyArrowRight)
	in.fullscreen = inpututil.IsKeyJustPressed(ebiten.KeyF11) || enter && alt
	in.activate = enter && !alt
	in.back = inpututil.IsKeyJustPressed(ebiten.KeyEscape)
	in.netStats = inpututil.IsKeyJustPressed(ebiten.KeyF3)
	in.mute = !ctrl && inpututil.IsKeyJustPressed(ebiten.KeyM)
	in.menu = in.back
	in.scoreboard = ebiten.IsKeyPressed(ebiten.KeyTab)
	erase := keyboard.repeats(ebiten.KeyBackspace)
	in.backspace, in.deleteWord = erase && !ctrl, erase && ctrl
	in.delete = keyboard.repeats(ebiten.KeyDelete)
	in.paste = ctrl && inpututil.IsKeyJustPressed(ebiten.KeyV)
	in.clear = ctrl && inpututil.IsKeyJustPressed(ebiten.KeyU)
	in.selectAll = ctrl && inpututil.IsKeyJustPressed(ebiten.KeyA)
	if !ctrl {
		in.typed = ebiten.AppendInputChars(buf[:0])
	}
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		x, y := ebiten.CursorPosition()
		in.click, in.clickAt = true, image.Pt(x, y)
	}
	in.move = keyMovement()
	readGamepads(&in)
	return in
}

// keyMovement is WASD and the arrow keys as a movement input.
func keyMovement() sim.Input {
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

// padState is one standard-layout gamepad this tick: which buttons went down, which
// are held, and where the left stick points.
type padState struct {
	pressed, held  map[ebiten.StandardGamepadButton]bool
	stickX, stickY float64
}

// readGamepads adds every pad with the standard layout to in.
func readGamepads(in *intents) {
	for _, id := range ebiten.AppendGamepadIDs(nil) {
		if !ebiten.IsStandardGamepadLayoutAvailable(id) {
			continue
		}
		p := padState{pressed: map[ebiten.StandardGamepadButton]bool{}, held: map[ebiten.StandardGamepadButton]bool{},
			stickX: ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickHorizontal),
			stickY: ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickVertical)}
		for b := ebiten.StandardGamepadButton(0); b <= ebiten.StandardGamepadButtonMax; b++ {
			p.pressed[b] = inpututil.IsStandardGamepadButtonJustPressed(id, b)
			p.held[b] = ebiten.IsStandardGamepadButtonPressed(id, b)
		}
		applyPad(in, p)
	}
}

// applyPad maps a gamepad onto intents: the D-pad and left stick move (and navigate
// menus), A presses, B goes back, Start opens the game menu, and Back/Select held
// shows the whole scoreboard.
func applyPad(in *intents, p padState) {
	in.up = in.up || p.pressed[ebiten.StandardGamepadButtonLeftTop]
	in.down = in.down || p.pressed[ebiten.StandardGamepadButtonLeftBottom]
	in.left = in.left || p.pressed[ebiten.StandardGamepadButtonLeftLeft]
	in.right = in.right || p.pressed[ebiten.StandardGamepadButtonLeftRight]
	in.activate = in.activate || p.pressed[ebiten.StandardGamepadButtonRightBottom]
	in.back = in.back || p.pressed[ebiten.StandardGamepadButtonRightRight]
	in.menu = in.menu || p.pressed[ebiten.StandardGamepadButtonCenterRight]
	in.scoreboard = in.scoreboard || p.held[ebiten.StandardGamepadButtonCenterLeft]

	x, y := p.stickX, p.stickY
	if p.held[ebiten.StandardGamepadButtonLeftLeft] {
		x = -1
	}
	if p.held[ebiten.StandardGamepadButtonLeftRight] {
		x = 1
	}
	if p.held[ebiten.StandardGamepadButtonLeftTop] {
		y = -1
	}
	if p.held[ebiten.StandardGamepadButtonLeftBottom] {
		y = 1
	}
	if math.Hypot(x, y) > stickDeadZone && in.move == (sim.Input{}) {
		in.move = sim.Input{X: axis(x), Y: axis(y)}
	}
}

func axis(v float64) int8 { return int8(max(-1, min(1, v)) * sim.MaxAxis) }

// Key repeat at a desktop's usual rate: a held key starts repeating after half a
// second, then repeats 30 times a second (at 60 ticks a second).
const (
	repeatDelay    = 30 // ticks from the press to the first repeat
	repeatInterval = 2  // ticks between repeats
)

// keyTick is one key in one tick as Ebitengine reports it. A press and release
// inside one tick shows as pressed and not held: a quick tap still counts.
// Ebitengine keeps only the newest press of a key within a tick, so two taps of
// one key inside one tick (16 ms; longer when a frame stalls) count as one: no
// person taps that fast, but a program typing with no delay can.
type keyTick struct {
	pressed bool // went down this tick
	held    bool // down at the end of this tick
}

// keyRepeater turns each tick's key states into key presses: one for each tick a
// key went down, then repeats while it is held.
type keyRepeater struct {
	held map[ebiten.Key]int // ticks each key has been held since its press
}

// keyboard is the window's key repeat. Like Ebitengine's own input state there is
// one per process, and only Update reads keys.
var keyboard = keyRepeater{held: map[ebiten.Key]int{}}

// repeats reads key from Ebitengine for this tick; call it once a tick for each
// key that repeats.
func (k *keyRepeater) repeats(key ebiten.Key) bool {
	return k.step(key, keyTick{pressed: inpututil.IsKeyJustPressed(key), held: inpututil.KeyPressDuration(key) > 0})
}

// step reports whether key acts this tick, given its state.
func (k *keyRepeater) step(key ebiten.Key, s keyTick) bool {
	switch {
	case s.pressed:
		if s.held {
			k.held[key] = 0
		} else {
			delete(k.held, key)
		}
		return true
	case s.held:
		if _, ok := k.held[key]; !ok {
			return false // held since before the window had the keyboard: not a press
		}
		k.held[key]++
		n := k.held[key]
		return n >= repeatDelay && (n-repeatDelay)%repeatInterval == 0
	default:
		delete(k.held, key)
		return false
	}
}
