package netsim

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// This file is the link as a person types it after -netsim: the settings, the named
// presets, and the help text that lists both.

// Preset is a link a person can ask for by name instead of spelling it out. The values
// are for one direction, as everything netsim does.
type Preset struct {
	Name  string
	Spec  string // settings, as Parse reads them
	About string // one line for the help text
}

// Presets are the named links, from mild to poor: the networks players actually join
// from, so that the game can be tried on each before it meets them.
var Presets = []Preset{
	{"wifi", "delay=5ms,jitter=10ms,loss=1%,burst=2", "home Wi-Fi: a few ms, short bursts of interference"},
	{"far", "delay=75ms,jitter=5ms,loss=0.5%", "a host on another continent: steady, but far"},
	{"mobile", "delay=40ms,jitter=25ms,loss=3%,burst=3,reorder=1%", "4G on the move: uneven, losses in bursts"},
	{"congested", "delay=60ms,jitter=40ms,loss=8%,burst=4,reorder=2%,dup=1%", "a shared line at its limit: everything at once"},
}

// lookupPreset finds the preset called name.
func lookupPreset(name string) (Preset, bool) {
	for _, p := range Presets {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// presetNames lists the presets' names, for an error that has to say which exist.
func presetNames() string {
	names := make([]string, len(Presets))
	for i, p := range Presets {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// Help explains what Parse reads, one setting or preset a line, for -netsim's usage.
func Help() string {
	var b strings.Builder
	b.WriteString("settings, comma-separated:\n")
	for _, s := range [][2]string{
		{"loss=5%", "packets lost"},
		{"burst=4", "mean packets lost in a row (default 1: no bursts)"},
		{"dup=1%", "packets sent twice"},
		{"reorder=1%", "packets held back " + reorderHold.String() + " so later ones overtake them"},
		{"delay=40ms", "added to every packet"},
		{"jitter=10ms", "up to this much more, at random"},
		{"seed=N", "the same losses and delays every run"},
	} {
		fmt.Fprintf(&b, "  %-12s %s\n", s[0], s[1])
	}
	b.WriteString("presets, alone or before settings that override them (mobile,loss=10%):\n")
	for _, p := range Presets {
		fmt.Fprintf(&b, "  %-12s %s\n  %-12s %s\n", p.Name, p.About, "", p.Spec)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Parse reads a spec such as "loss=5%,burst=4,delay=40ms,jitter=10ms,dup=1%,reorder=1%",
// or one of the Presets by name, alone or followed by settings that override it:
// "mobile,loss=10%".
func Parse(spec string) (Config, error) {
	var c Config
	first := true
	for _, part := range strings.Split(spec, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		wasFirst := first
		first = false
		key, val, ok := strings.Cut(part, "=")
		if ok {
			if err := c.set(key, val); err != nil {
				return c, err
			}
			continue
		}
		p, found := lookupPreset(part)
		switch {
		case !found:
			return c, fmt.Errorf("netsim: %q is neither key=value nor a preset (%s)", part, presetNames())
		case !wasFirst:
			return c, fmt.Errorf("netsim: preset %q must come first, before the settings that override it", part)
		}
		var err error
		if c, err = Parse(p.Spec); err != nil {
			return c, fmt.Errorf("preset %s: %w", p.Name, err)
		}
	}
	if c.Burst > 1 && c.Loss < 1 && c.Loss > maxBurstLoss(c.Burst) {
		return c, fmt.Errorf("netsim: loss=%g%% cannot come in bursts of %g: at most %.1f%% can, "+
			"as a packet gets through between two bursts; lower loss or raise burst",
			100*c.Loss, c.Burst, 100*maxBurstLoss(c.Burst))
	}
	return c, nil
}

// settingNames are the keys Parse knows, listed when it meets one it does not.
const settingNames = "loss, burst, dup, reorder, delay, jitter, seed"

// set reads one key=value of a spec into c.
func (c *Config) set(key, val string) error {
	var err error
	switch key {
	case "loss":
		c.Loss, err = parsePercent(val)
	case "burst":
		if c.Burst, err = strconv.ParseFloat(val, 64); err != nil || !(c.Burst >= 1) || math.IsInf(c.Burst, 1) {
			err = fmt.Errorf("%q is not a mean number of packets lost in a row, 1 or more", val)
		}
	case "dup":
		c.Duplicate, err = parsePercent(val)
	case "reorder":
		c.Reorder, err = parsePercent(val)
	case "delay":
		c.Delay, err = parseDuration(val)
	case "jitter":
		c.Jitter, err = parseDuration(val)
	case "seed":
		c.Seed, err = strconv.ParseUint(val, 10, 64)
	default:
		return fmt.Errorf("netsim: unknown setting %q (%s)", key, settingNames)
	}
	if err != nil {
		return fmt.Errorf("netsim: %s: %w", key, err)
	}
	return nil
}

func parsePercent(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || !(v >= 0 && v <= 100) { // NaN is neither

		return 0, fmt.Errorf("%q is not a percentage from 0 to 100", s)
	}
	return v / 100, nil
}

func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration such as 40ms", s)
	}
	return d, nil
}
