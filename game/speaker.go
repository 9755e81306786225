package game

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/ebitengine/oto/v3"
)

// openDevice opens the machine's sound device through oto, the library under
// Ebitengine's own audio package: PulseAudio over its socket, else ALSA's libasound
// loaded at run time, with no cgo either way. Gem Rush speaks to oto directly because
// Ebitengine's audio package returns a device's failure from every Update, which
// ends RunGame: a machine without sound would lose its window.
func openDevice(*slog.Logger) (speaker, <-chan struct{}, error) {
	if runtime.GOOS == "linux" {
		if err := nothingToPlayOn(os.Getenv, exists); err != nil {
			return nil, nil, err
		}
	}
	ctx, ready, err := oto.NewContext(&oto.NewContextOptions{
		SampleRate:      sampleRate,
		ChannelCount:    1, // the effects are mono; the device spreads them to both sides
		Format:          oto.FormatFloat32LE,
		ApplicationName: "Gem Rush", // what the desktop's volume mixer calls it
	})
	if err != nil {
		return nil, nil, err
	}
	return otoSpeaker{ctx}, ready, nil
}

type otoSpeaker struct{ ctx *oto.Context }

func (o otoSpeaker) voice(pcm []byte) voice { return otoVoice{o.ctx.NewPlayer(bytes.NewReader(pcm))} }
func (o otoSpeaker) err() error             { return o.ctx.Err() }

// otoVoice is one oto player, rewound for each sound: oto mixes its players.
type otoVoice struct{ p *oto.Player }

func (v otoVoice) start(gain float64) {
	v.p.Seek(0, io.SeekStart) // cannot fail: the source is a bytes.Reader
	v.p.SetVolume(gain)
	v.p.Play()
}

func (v otoVoice) busy() bool { return v.p.IsPlaying() }

// errNoSoundHere is a Linux machine with neither a sound server nor a sound card.
var errNoSoundHere = errors.New("no PulseAudio or PipeWire server, and no sound card in /dev/snd")

// nothingToPlayOn says when a Linux machine plainly has nothing to play on, so that
// oto is not asked. Asked, it falls back to ALSA, whose libasound writes a dozen lines
// to stderr as it fails to find card 0 (and, with the JACK plugin installed, tries to
// start a JACK server): a CI machine or a server with a display but no sound would
// start with that noise every time. oto's PulseAudio client dials $PULSE_SERVER or
// else $XDG_RUNTIME_DIR/pulse/native; PipeWire serves ALSA through its own socket
// beside it; any other ALSA device is a card under /dev/snd. Where any of them is
// there, oto is asked and tells for itself.
func nothingToPlayOn(getenv func(string) string, exists func(string) bool) error {
	run := getenv("XDG_RUNTIME_DIR")
	switch {
	case getenv("PULSE_SERVER") != "",
		run != "" && (exists(filepath.Join(run, "pulse", "native")) || exists(filepath.Join(run, "pipewire-0"))),
		exists("/dev/snd"):
		return nil
	}
	return errNoSoundHere
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
