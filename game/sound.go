package game

import (
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
)

// sounds plays the game's effects (sfx.go makes them). Sound is optional: a machine
// with no sound device, or one that loses it, plays silently after one log line, and
// nothing the game does waits on the device — starting a sound only hands its bytes
// to the mixer, which runs on its own goroutine.
//
// Only the game loop calls its methods; the goroutine that waits for the device to
// start only logs and sets dead.
type sounds struct {
	log    *slog.Logger
	out    speaker                             // nil before start, and when the device could not even be asked for
	pcm    atomic.Pointer[[effectCount][]byte] // the effects, once made
	voices [effectCount][]voice
	last   [effectCount]time.Time // when each effect last started
	now    func() time.Time
	gain   float64       // from the volume; 0 when muted
	dead   atomic.Bool   // no device: nothing plays again (and that was said once)
	known  chan struct{} // closed once the device has started or failed (tests wait on it)
}

// speaker is the sound device: behind an interface so that tests stand in for a
// machine with a device, or without one.
type speaker interface {
	// voice makes a player of pcm (an effect's bytes).
	voice(pcm []byte) voice
	// err says why the device does not play: nil while it does, or is still starting.
	err() error
}

// voice plays one effect, one sound at a time.
type voice interface {
	start(gain float64) // from the beginning, at gain (1 is as made)
	busy() bool         // still playing
}

// openSpeaker asks for the device. It does not wait for it: ready closes once the
// device has started, or failed to (then err says why).
type openSpeaker func(log *slog.Logger) (out speaker, ready <-chan struct{}, err error)

// Throttle: a burst of the same happening (eight bots taking gems in one tick) is one
// sound, not a wall of them. An effect starts at most every minGap, and at most
// maxVoices of it sound at once (the oldest are left to finish, the new one dropped).
var (
	minGap = [effectCount]time.Duration{
		sfxYourGem: 40 * time.Millisecond, // your own gems are never lost in a crowd: only one a frame or two
		sfxGem:     90 * time.Millisecond,
		sfxYouWon:  time.Second,
		sfxTheyWon: time.Second,
		sfxJoin:    150 * time.Millisecond,
		sfxLeave:   150 * time.Millisecond,
		sfxChat:    120 * time.Millisecond,
		sfxClick:   30 * time.Millisecond,
		sfxGo:      time.Second,
	}
	maxVoices = [effectCount]int{sfxYourGem: 2, sfxGem: 2, sfxYouWon: 1, sfxTheyWon: 1,
		sfxJoin: 2, sfxLeave: 2, sfxChat: 2, sfxClick: 2, sfxGo: 1}
)

// start asks for the device, with the remembered volume, and makes the effects off
// the game loop (a few milliseconds of arithmetic the window need not wait for; the
// device takes as long to open). Sounds asked for before the effects are made are
// dropped; the device may play what it is given late while it opens.
func (s *sounds) start(open openSpeaker, st settings.Settings, log *slog.Logger) {
	s.log, s.now, s.known = log, time.Now, make(chan struct{})
	s.setVolume(st)
	out, ready, err := open(log)
	if err != nil {
		s.silence(err)
		close(s.known)
		return
	}
	s.out = out
	go func() {
		defer close(s.known)
		began := time.Now()
		pcm := synthesise()
		size := 0
		for _, b := range pcm {
			size += len(b)
		}
		s.pcm.Store(&pcm)
		log.Debug("sound effects made", "bytes", size, "took", time.Since(began))
		<-ready
		if err := out.err(); err != nil {
			s.silence(err)
		}
	}()
}

// silence stops all sound for good, saying why once.
func (s *sounds) silence(err error) {
	if !s.dead.Swap(true) {
		s.log.Info("No sound device: Gem Rush plays silently", "reason", firstWords(err.Error(), 160))
		s.log.Debug("why there is no sound, in full", "err", err) // oto lists every ALSA device it tried
	}
}

// setVolume takes the remembered volume and mute. Loudness is heard roughly as the
// square of the gain, so the square makes the steps of the volume control even.
func (s *sounds) setVolume(st settings.Settings) {
	v := float64(st.Volume) / settings.MaxVolume
	s.gain = v * v
	if st.Mute {
		s.gain = 0
	}
}

// happened plays what h sounds like to player you.
func (s *sounds) happened(h client.Happening, you uint8) {
	if e, ok := effectOf(h, you); ok {
		s.play(e)
	}
}

// effectOf is the effect happening h makes for player you, if any. Your own chat line
// makes none: you have just pressed Enter on it.
func effectOf(h client.Happening, you uint8) (effect, bool) {
	switch h.Kind {
	case client.GemTaken:
		if h.Player == you {
			return sfxYourGem, true
		}
		return sfxGem, true
	case client.RoundWon:
		if h.Player == you {
			return sfxYouWon, true
		}
		return sfxTheyWon, true
	case client.RoundGo:
		return sfxGo, true
	case client.PlayerJoined, client.PlayerBack:
		return sfxJoin, true
	case client.PlayerLeft, client.PlayerAway:
		return sfxLeave, true
	case client.ChatLine:
		return sfxChat, h.Player != you
	}
	return 0, false
}

// click is a button pressed.
func (s *sounds) click() { s.play(sfxClick) }

// play starts effect e, unless sound is off or the throttle says it is one too many.
func (s *sounds) play(e effect) {
	pcm := s.pcm.Load()
	if s.out == nil || pcm == nil || s.gain == 0 || s.dead.Load() {
		return
	}
	if err := s.out.err(); err != nil { // the device went away mid-game
		s.silence(err)
		return
	}
	now := s.now()
	if !s.last[e].IsZero() && now.Sub(s.last[e]) < minGap[e] {
		return
	}
	v := s.freeVoice(e, pcm[e])
	if v == nil {
		return
	}
	s.last[e] = now
	v.start(s.gain)
}

// freeVoice is a voice of e that is not playing, made if there are fewer than
// maxVoices; nil when all are busy.
func (s *sounds) freeVoice(e effect, pcm []byte) voice {
	for _, v := range s.voices[e] {
		if !v.busy() {
			return v
		}
	}
	if len(s.voices[e]) >= maxVoices[e] {
		return nil
	}
	v := s.out.voice(pcm)
	s.voices[e] = append(s.voices[e], v)
	return v
}

// firstWords is s cut to at most n bytes, at a space, marked as cut.
func firstWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		n = i
	}
	return s[:n] + " …"
}
