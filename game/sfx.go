package game

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"time"
)

// The effects are made in code when the window starts, a few milliseconds' work, so
// Gem Rush ships no sound files and no licence comes with them. Each is mono float32
// PCM at sampleRate, shaped by envelopes that start and end at silence (a cut-off
// waveform clicks), and scaled to a peak of its own, well below full scale, so that
// the loudest few playing at once still do not clip.

// sampleRate is what the effects are made at and the device is opened at.
const sampleRate = 48000

// effect names one sound.
type effect uint8

const (
	sfxYourGem effect = iota // a bright chime, two notes rising: you took a gem
	sfxGem                   // a soft blip: someone else did
	sfxYouWon                // a fanfare arpeggio: you won the round
	sfxTheyWon               // a gentle falling two-tone: someone else did
	sfxJoin                  // a soft swoosh up: a player joined or came back
	sfxLeave                 // the swoosh down: a player left or dropped
	sfxChat                  // a pop: a chat line
	sfxClick                 // a button pressed
	sfxGo                    // two notes struck together: the countdown is over, the gems are up
	effectCount
)

// effectPeaks are the effects' peak levels (full scale is 1). Your own gem and your
// win stand out; what others do sits under it. The three loudest together peak under
// full scale even where their peaks line up (TestLoudestThreeDoNotClip).
var effectPeaks = [effectCount]float64{
	sfxYourGem: 0.30,
	sfxGem:     0.12,
	sfxYouWon:  0.32,
	sfxTheyWon: 0.18,
	sfxJoin:    0.14,
	sfxLeave:   0.14,
	sfxChat:    0.13,
	sfxClick:   0.10,
	sfxGo:      0.22,
}

// maxEffectLength bounds every effect: each is a cue, over before the next one comes.
const maxEffectLength = 600 * time.Millisecond

// synthesise makes every effect, as the bytes a device plays.
func synthesise() [effectCount][]byte {
	var out [effectCount][]byte
	for e := range effectCount {
		out[e] = float32LE(normalise(makeEffect(e), effectPeaks[e]))
	}
	return out
}

// makeEffect is effect e before its level is set.
func makeEffect(e effect) []float64 {
	switch e {
	case sfxYourGem: // E6 then B6, bell-like
		b := samples(0.36)
		bell(b, 0, 1318.5, 0.30, 0.09)
		bell(b, 0.07, 1975.5, 0.29, 0.11)
		return b
	case sfxGem: // one soft, low sine blip
		b := samples(0.12)
		tone(b, 0, 659.3, 0.12, 0.04, []float64{1, 0.15})
		return b
	case sfxYouWon: // C5 E5 G5 C6, the last held
		b := samples(0.58)
		for i, f := range []float64{523.3, 659.3, 784.0, 1046.5} {
			at, long := float64(i)*0.085, 0.2
			if i == 3 {
				long = 0.32
			}
			tone(b, at, f, long, long/2.5, []float64{1, 0.35, 0.2, 0.08})
		}
		return b
	case sfxTheyWon: // G4 down to E4, soft and round
		b := samples(0.5)
		tone(b, 0, 392.0, 0.22, 0.12, []float64{1, 0.2})
		tone(b, 0.18, 329.6, 0.32, 0.14, []float64{1, 0.2})
		return b
	case sfxJoin:
		return swoosh(0.28, 320, 960)
	case sfxLeave:
		return swoosh(0.28, 960, 320)
	case sfxChat: // a pop: a pitch that drops fast
		b := samples(0.07)
		glide(b, 0, 0.07, 1500, 650, 0.014, 1)
		return b
	case sfxGo: // A5 and E6 together, bright and short: a starting bell
		b := samples(0.3)
		bell(b, 0, 880.0, 0.3, 0.12)
		bell(b, 0, 1318.5, 0.3, 0.1)
		return b
	case sfxClick: // a tiny tap: a high blip with a breath of noise
		b := samples(0.035)
		glide(b, 0, 0.035, 2400, 1800, 0.006, 1)
		addNoise(b, 0, 0.02, 0.004, 0.5, 0.35, 2)
		return b
	}
	return nil
}

// samples is a silent buffer of d seconds.
func samples(d float64) []float64 { return make([]float64, int(d*sampleRate)) }

// envelope is the loudness at t seconds of a sound d seconds long that rises over
// the first few milliseconds, decays with time constant tau, and fades to nothing
// over its last 15 ms — smooth at both ends, so it never clicks.
func envelope(t, d, tau float64) float64 {
	const attack, release = 0.004, 0.015
	if t < 0 || t >= d {
		return 0
	}
	v := math.Exp(-t / tau)
	if t < attack {
		v *= 0.5 - 0.5*math.Cos(math.Pi*t/attack)
	}
	if left := d - t; left < release {
		v *= 0.5 - 0.5*math.Cos(math.Pi*left/release)
	}
	return v
}

// tone adds a note of frequency f at `at` seconds, d long, with harmonics of the
// given weights (the first is the fundamental).
func tone(b []float64, at, f, d, tau float64, harmonics []float64) {
	for i := range span(b, at, d) {
		t := float64(i) / sampleRate
		env := envelope(t, d, tau)
		var v float64
		for k, w := range harmonics {
			v += w * math.Sin(2*math.Pi*f*float64(k+1)*t)
		}
		b[startOf(at)+i] += env * v
	}
}

// bell adds a struck note: inharmonic partials that die away faster the higher they
// are, which is what makes a chime shimmer rather than beep.
func bell(b []float64, at, f, d, tau float64) {
	partials := []struct{ ratio, weight float64 }{{1, 1}, {2.76, 0.35}, {5.4, 0.12}}
	for i := range span(b, at, d) {
		t := float64(i) / sampleRate
		var v float64
		for _, p := range partials {
			v += p.weight * envelope(t, d, tau/p.ratio*1.5) * math.Sin(2*math.Pi*f*p.ratio*t)
		}
		b[startOf(at)+i] += v
	}
}

// glide adds a sine whose pitch moves from f0 to f1 (exponentially, as the ear hears
// pitch) over d seconds.
func glide(b []float64, at, d, f0, f1, tau, weight float64) {
	phase := 0.0
	for i := range span(b, at, d) {
		t := float64(i) / sampleRate
		f := f0 * math.Pow(f1/f0, t/d)
		phase += 2 * math.Pi * f / sampleRate
		b[startOf(at)+i] += weight * envelope(t, d, tau) * math.Sin(phase)
	}
}

// swoosh is a breath of air with a soft tone inside, sweeping from f0 to f1 under a
// rounded hump of loudness.
func swoosh(d, f0, f1 float64) []float64 {
	b := samples(d)
	glide(b, 0, d, f0, f1, 1e9, 0.6)
	addNoise(b, 0, d, 1e9, 0.4, 0.08, 1)
	for i := range b { // the hump: silent at both ends, loudest in the middle
		s := math.Sin(math.Pi * float64(i) / float64(len(b)))
		b[i] *= s * s
	}
	return b
}

// addNoise adds noise, smoothed by a one-pole low-pass of coefficient smooth (smaller
// is duller), at weight. The seed fixes it, so every run makes the same sound.
func addNoise(b []float64, at, d, tau, weight, smooth float64, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x6e6d))
	var lp float64
	for i := range span(b, at, d) {
		t := float64(i) / sampleRate
		lp += smooth * (r.Float64()*2 - 1 - lp)
		b[startOf(at)+i] += weight * envelope(t, d, tau) * lp * 4
	}
}

func startOf(at float64) int { return int(at * sampleRate) }

// span is how many samples of a d-second sound starting at `at` fit in b.
func span(b []float64, at, d float64) int {
	return max(0, min(int(d*sampleRate), len(b)-startOf(at)))
}

// normalise scales b so that its peak is exactly peak.
func normalise(b []float64, peak float64) []float64 {
	var top float64
	for _, v := range b {
		top = max(top, math.Abs(v))
	}
	if top == 0 {
		return b
	}
	for i := range b {
		b[i] *= peak / top
	}
	return b
}

// float32LE is b as the device takes it: little-endian 32-bit floats.
func float32LE(b []float64) []byte {
	out := make([]byte, 4*len(b))
	for i, v := range b {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(float32(v)))
	}
	return out
}
