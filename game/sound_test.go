package game

import (
	"bytes"
	"encoding/binary"
	"errors"
	"log/slog"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gemrush/gemrush/game/client"
	"github.com/gemrush/gemrush/game/settings"
)

// pcmOf reads an effect's bytes back as samples.
func pcmOf(b []byte) []float64 {
	out := make([]float64, len(b)/4)
	for i := range out {
		out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
	}
	return out
}

func duration(b []byte) time.Duration { return time.Duration(len(b)/4) * time.Second / sampleRate }

func TestEffectsAreShortQuietAndStartAndEndInSilence(t *testing.T) {
	for e, b := range synthesise() {
		pcm := pcmOf(b)
		if d := duration(b); d < 20*time.Millisecond || d > maxEffectLength {
			t.Errorf("effect %d lasts %v", e, d)
		}
		var top float64
		for _, v := range pcm {
			top = max(top, math.Abs(v))
		}
		if math.Abs(top-effectPeaks[e]) > 1e-6 || top > 0.5 {
			t.Errorf("effect %d peaks at %.4f, want %.2f (and under half of full scale)", e, top, effectPeaks[e])
		}
		// A waveform cut off mid-swing is heard as a click: each starts and ends at rest,
		// and moves smoothly on the way.
		if first, last := math.Abs(pcm[0]), math.Abs(pcm[len(pcm)-1]); first > 1e-4 || last > 1e-4 {
			t.Errorf("effect %d starts at %.5f and ends at %.5f, not at silence", e, first, last)
		}
		for i := 1; i < len(pcm); i++ {
			if step := math.Abs(pcm[i] - pcm[i-1]); step > 0.6*top {
				t.Errorf("effect %d jumps by %.3f at sample %d", e, step, i)
				break
			}
		}
	}
}

func TestYourGemAndWinSoundUnlikeOthers(t *testing.T) {
	const you, other = 3, 5
	pcm := synthesise()
	for _, kind := range []client.HappeningKind{client.GemTaken, client.RoundWon} {
		mine, ok1 := effectOf(client.Happening{Kind: kind, Player: you}, you)
		theirs, ok2 := effectOf(client.Happening{Kind: kind, Player: other}, you)
		if !ok1 || !ok2 || mine == theirs || bytes.Equal(pcm[mine], pcm[theirs]) {
			t.Errorf("happening %d: yours is effect %d, another's effect %d", kind, mine, theirs)
		}
		if effectPeaks[mine] <= effectPeaks[theirs] {
			t.Errorf("happening %d: yours (peak %.2f) is not louder than another's (%.2f)", kind, effectPeaks[mine], effectPeaks[theirs])
		}
	}
	if _, ok := effectOf(client.Happening{Kind: client.ChatLine, Player: you}, you); ok {
		t.Error("your own chat line pops")
	}
	if e, ok := effectOf(client.Happening{Kind: client.ChatLine, Player: other}, you); !ok || e != sfxChat {
		t.Error("another's chat line is silent")
	}
	if _, ok := effectOf(client.Happening{Kind: client.RoundBegins}, you); ok {
		t.Error("a round beginning has a sound of its own")
	}
}

func TestLoudestThreeTogetherDoNotClip(t *testing.T) {
	var order []effect
	for e := range effectCount {
		order = append(order, e)
	}
	slices.SortFunc(order, func(a, b effect) int { return -cmpFloat(effectPeaks[a], effectPeaks[b]) })
	// Their peaks added up bound what they can reach together, however they line up.
	if sum := effectPeaks[order[0]] + effectPeaks[order[1]] + effectPeaks[order[2]]; sum > 0.85 {
		t.Errorf("effects %v together can peak at %.3f: less than 1.4 dB of headroom", order[:3], sum)
	}
	// (TestEffectsAreShortQuietAndStartAndEndInSilence holds each effect to its peak.)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func peakOf(b []float64) float64 {
	var top float64
	for _, v := range b {
		top = max(top, math.Abs(v))
	}
	return top
}

// fakeDevice stands in for the sound device, on a clock the test moves: a voice is
// busy for as long as its effect lasts.
type fakeDevice struct {
	now     time.Time
	failure error // what err says
	voices  []*fakeVoice
}

type fakeVoice struct {
	d      *fakeDevice
	pcm    []byte
	starts []time.Time
	gain   float64
}

func (d *fakeDevice) voice(pcm []byte) voice {
	v := &fakeVoice{d: d, pcm: pcm}
	d.voices = append(d.voices, v)
	return v
}
func (d *fakeDevice) err() error { return d.failure }

func (v *fakeVoice) start(gain float64) { v.starts, v.gain = append(v.starts, v.d.now), gain }
func (v *fakeVoice) busy() bool {
	return len(v.starts) > 0 && v.d.now.Sub(v.starts[len(v.starts)-1]) < duration(v.pcm)
}

// starts counts the sounds of effect pcm started.
func (d *fakeDevice) starts(pcm []byte) int {
	n := 0
	for _, v := range d.voices {
		if bytes.Equal(v.pcm, pcm) {
			n += len(v.starts)
		}
	}
	return n
}

// started is sounds playing through d at volume, d's ready already closed. What
// they log is read only after waitKnown: the goroutine that might write it is done.
func started(t *testing.T, d *fakeDevice, volume int, mute bool) (*sounds, *bytes.Buffer) {
	t.Helper()
	var s sounds
	logged := &bytes.Buffer{}
	st := settings.Defaults()
	st.Volume, st.Mute = volume, mute
	ready := make(chan struct{})
	close(ready)
	s.start(func(*slog.Logger) (speaker, <-chan struct{}, error) { return d, ready, nil }, st, slog.New(slog.NewTextHandler(logged, nil)))
	s.now = func() time.Time { return d.now }
	waitKnown(t, &s)
	return &s, logged
}

func waitKnown(t *testing.T, s *sounds) {
	t.Helper()
	select {
	case <-s.known:
	case <-time.After(5 * time.Second):
		t.Fatal("the sounds never learnt whether the device started")
	}
}

func TestEightBotsTakingGemsAtOnceAreOneBlip(t *testing.T) {
	d := &fakeDevice{now: time.Unix(1000, 0)}
	s, _ := started(t, d, 100, false)
	gem := client.Happening{Kind: client.GemTaken}
	for p := uint8(2); p < 10; p++ { // one tick: eight others' gems, then yours
		gem.Player = p
		s.happened(gem, 1)
	}
	gem.Player = 1
	s.happened(gem, 1)
	if n := d.starts(s.pcm.Load()[sfxGem]); n != 1 {
		t.Errorf("eight gems in one tick started %d blips", n)
	}
	if n := d.starts(s.pcm.Load()[sfxYourGem]); n != 1 {
		t.Errorf("your gem among them started %d chimes", n)
	}
	// A gem every tick for two seconds: a blip at most every minGap, never more than
	// maxVoices sounding at once.
	gem.Player = 2
	for range 120 {
		d.now = d.now.Add(time.Second / 60)
		s.happened(gem, 1)
		busy := 0
		for _, v := range s.voices[sfxGem] {
			if v.busy() {
				busy++
			}
		}
		if busy > maxVoices[sfxGem] {
			t.Fatalf("%d blips sound at once", busy)
		}
	}
	if n, most := d.starts(s.pcm.Load()[sfxGem]), 1+int(2*time.Second/minGap[sfxGem])+1; n > most || n < most/2 {
		t.Errorf("a gem a tick for 2 s started %d blips, want at most %d (and not far fewer)", n, most)
	}
	if len(s.voices[sfxGem]) > maxVoices[sfxGem] {
		t.Errorf("%d players made for one effect", len(s.voices[sfxGem]))
	}
}

// TestTheWorstBurstDoesNotClip: every happening at once, every tick, for two
// seconds, at full volume; the throttle lets through what it lets through, and what
// those sounds add up to stays under full scale.
func TestTheWorstBurstDoesNotClip(t *testing.T) {
	d := &fakeDevice{now: time.Unix(1000, 0)}
	s, _ := started(t, d, settings.MaxVolume, false)
	begin := d.now
	for range 120 {
		for _, h := range []client.Happening{
			{Kind: client.GemTaken, Player: 1}, {Kind: client.GemTaken, Player: 2}, {Kind: client.RoundWon, Player: 1},
			{Kind: client.RoundWon, Player: 2}, {Kind: client.PlayerJoined, Player: 3}, {Kind: client.PlayerLeft, Player: 4},
			{Kind: client.ChatLine, Player: 2}, {Kind: client.RoundGo},
		} {
			s.happened(h, 1)
		}
		s.click()
		d.now = d.now.Add(time.Second / 60)
	}
	mix := make([]float64, 3*sampleRate)
	for _, v := range d.voices {
		pcm := pcmOf(v.pcm)
		for i, at := range v.starts {
			from := int(at.Sub(begin).Seconds() * sampleRate)
			n := len(pcm)
			if i+1 < len(v.starts) { // a voice restarted cuts itself short (it never is while busy)
				n = min(n, int(v.starts[i+1].Sub(at).Seconds()*sampleRate))
			}
			for j := range n {
				mix[from+j] += v.gain * pcm[j]
			}
		}
	}
	if top := peakOf(mix); top >= 1 {
		t.Errorf("the worst burst peaks at %.3f: it clips", top)
	}
}

func TestVolumeAndMute(t *testing.T) {
	type volumeCase struct {
		volume int
		mute   bool
		gain   float64 // what the player is started at; 0: nothing starts
	}
	for _, c := range []volumeCase{{100, false, 1}, {50, false, 0.25}, {70, true, 0}, {0, false, 0}} {
		d := &fakeDevice{now: time.Unix(1000, 0)}
		s, _ := started(t, d, c.volume, c.mute)
		s.click()
		if c.gain == 0 {
			if len(d.voices) != 0 {
				t.Errorf("volume %d mute %v: a click was played", c.volume, c.mute)
			}
			continue
		}
		if d.starts(s.pcm.Load()[sfxClick]) != 1 || math.Abs(d.voices[0].gain-c.gain) > 1e-9 {
			t.Errorf("volume %d: gain %v, want %v", c.volume, d.voices[0].gain, c.gain)
		}
	}
}

func TestNoSoundDeviceIsOneLineAndSilence(t *testing.T) {
	// The device was asked for and failed to start (no PulseAudio, no ALSA).
	d := &fakeDevice{now: time.Unix(1000, 0), failure: errors.New("oto: initialization failed: PulseAudio: no server; ALSA: no card")}
	s, logged := started(t, d, 70, false)
	for range 10 {
		s.click()
		s.happened(client.Happening{Kind: client.GemTaken, Player: 1}, 1)
		d.now = d.now.Add(time.Second)
	}
	if len(d.voices) != 0 {
		t.Errorf("%d sounds played on no device", len(d.voices))
	}
	if got := logged.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "level=INFO") ||
		!strings.Contains(got, "No sound device: Gem Rush plays silently") || !strings.Contains(got, "ALSA: no card") {
		t.Errorf("logged %q", got)
	}

	// The device could not even be asked for.
	var s2 sounds
	logged2 := &bytes.Buffer{}
	s2.start(func(*slog.Logger) (speaker, <-chan struct{}, error) {
		return nil, nil, errors.New("oto: context is already created")
	},
		settings.Defaults(), slog.New(slog.NewTextHandler(logged2, nil)))
	waitKnown(t, &s2)
	s2.click()
	if got := logged2.String(); strings.Count(got, "No sound device") != 1 {
		t.Errorf("logged %q", got)
	}

	// The device played, then went away mid-game.
	d3 := &fakeDevice{now: time.Unix(1000, 0)}
	s3, logged3 := started(t, d3, 70, false)
	s3.click()
	d3.failure = errors.New("pulse: connection closed")
	for range 5 {
		d3.now = d3.now.Add(time.Second)
		s3.click()
	}
	if n := d3.starts(s3.pcm.Load()[sfxClick]); n != 1 {
		t.Errorf("%d clicks played, want the one before the device went", n)
	}
	if got := logged3.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "connection closed") {
		t.Errorf("logged %q", got)
	}

	// Sounds never started (a Game made without a window) are silent, not a panic.
	var never sounds
	never.click()
	never.happened(client.Happening{Kind: client.RoundWon, Player: 1}, 1)
}

func TestAMachineWithNothingToPlayOnIsToldWithoutAskingALSA(t *testing.T) {
	for _, c := range []struct {
		env     map[string]string
		present []string
		nothing bool
	}{
		{nil, nil, true}, // a CI machine: a display, no sound
		{map[string]string{"XDG_RUNTIME_DIR": "/run/user/1000"}, nil, true},
		{map[string]string{"XDG_RUNTIME_DIR": "/run/user/1000"}, []string{"/run/user/1000/pulse/native"}, false},
		{map[string]string{"XDG_RUNTIME_DIR": "/run/user/1000"}, []string{"/run/user/1000/pipewire-0"}, false},
		{map[string]string{"PULSE_SERVER": "tcp:192.0.2.7"}, nil, false},
		{nil, []string{"/dev/snd"}, false},
		{nil, []string{"/pulse/native"}, true}, // no runtime dir: the socket is not looked for at the root
	} {
		err := nothingToPlayOn(func(k string) string { return c.env[k] }, func(p string) bool { return slices.Contains(c.present, p) })
		if (err != nil) != c.nothing {
			t.Errorf("env %v, present %v: %v", c.env, c.present, err)
		}
	}
}

func BenchmarkSynthesise(b *testing.B) {
	size := 0
	for _, pcm := range synthesise() {
		size += len(pcm)
	}
	b.ReportMetric(float64(size), "bytes")
	for b.Loop() {
		synthesise()
	}
}
