package e2e

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The disc colours of the first four players (game/theme.go): the host's own player
// gets the first, the bots the next three.
var firstFourColours = map[string]color.RGBA{
	"red (host player)": {0xe6, 0x19, 0x4b, 0xff},
	"green (bot)":       {0x3c, 0xb4, 0x4b, 0xff},
	"yellow (bot)":      {0xff, 0xe1, 0x19, 0xff},
	"blue (bot)":        {0x43, 0x63, 0xd8, 0xff},
}

// needDesktopTools skips when the tools for a real window are missing. CI installs
// them (.ci/run), so there this never skips.
func needDesktopTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "import", "xclip"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s for a real window (apt-get install xvfb xdotool imagemagick xclip ffmpeg): %v", tool, err)
		}
	}
}

// startXvfb starts a virtual display and returns its DISPLAY value. Xvfb picks a free
// display number itself and writes it to a pipe once it accepts clients.
func startXvfb(t *testing.T, size string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", size+"x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 16)
		n, _ := r.Read(buf)
		got <- strings.TrimSpace(string(buf[:n]))
	}()
	select {
	case d := <-got:
		if _, err := strconv.Atoi(d); err != nil {
			t.Fatalf("Xvfb said display %q", d)
		}
		return ":" + d
	case <-time.After(15 * time.Second):
		t.Fatal("Xvfb did not start")
		return ""
	}
}

// awaitWindow waits until a window's title matches name and returns its id.
func awaitWindow(t *testing.T, display, name string) string {
	t.Helper()
	return strings.Fields(xdotool(t, display, "search", "--sync", "--name", name))[0]
}

// screenshot saves the whole screen under tests/e2e/out and decodes it.
func screenshot(t *testing.T, display, name string) image.Image {
	t.Helper()
	os.MkdirAll("out", 0o755)
	path := filepath.Join("out", name+".png")
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return img
}

// countColour counts the pixels of img within a small distance of c.
func countColour(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c.R) && near(g>>8, c.G) && near(bl>>8, c.B) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, want uint8) bool { return v+6 >= uint32(want) && v <= uint32(want)+6 }

func TestHostingWindowShowsBotsJoining(t *testing.T) {
	needDesktopTools(t)
	display := startXvfb(t, "1280x800")
	win := start(t, []string{"DISPLAY=" + display}, "-host", "-port", "0", "-name", "Ana", "-debug-addr", "127.0.0.1:0")
	vars := win.await(`msg="debug server" vars=(\S+)`, 20*time.Second)[1]
	port := win.await(`msg=hosting port=(\d+)`, 20*time.Second)[1]
	awaitWindow(t, display, "Gem Rush — hosting on port "+port)
	awaitPlayers(t, vars, 1)

	bots := start(t, nil, "-bots", "3", "-join", "127.0.0.1:"+port, "-duration", "30s")
	awaitPlayers(t, vars, 4)
	awaitVar(t, vars, "client", "players_drawn", 4) // the window has drawn all four discs

	// Bots chase gems and may cover one another for a moment, so look again (a
	// bounded number of times) until every disc is in view.
	var counts map[string]int
	for attempt := range 20 {
		img := screenshot(t, display, "host-with-three-bots")
		counts = map[string]int{}
		all := true
		for name, c := range firstFourColours {
			// A disc is about 650 pixels of its colour and its scoreboard dot about 140.
			counts[name] = countColour(img, c)
			all = all && counts[name] >= 400
		}
		if all {
			t.Logf("every disc on screen (attempt %d): %v", attempt+1, counts)
			break
		}
	}
	for name, n := range counts {
		if n < 400 {
			t.Errorf("%s: %d pixels on screen, want a disc's worth", name, n)
		}
	}
	bots.cmd.Process.Kill()

	// Sound is optional: three players joining and taking gems on a machine with no
	// sound device (CI has none) is at most one line saying so, and no noise from
	// libasound; with a device, nothing at all.
	if log := win.logText(); strings.Count(log, "No sound device") > 1 || strings.Contains(log, "ALSA lib") {
		t.Errorf("the window's log about sound:\n%s", log)
	}
}
