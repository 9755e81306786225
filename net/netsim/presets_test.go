package netsim

import (
	"strings"
	"testing"
	"time"
)

// sampleValues is a valid value for every setting Parse knows; adding a setting
// without listing it in settingNames fails TestParseUnknownSettingListsAll.
var sampleValues = map[string]string{
	"loss": "5%", "burst": "4", "dup": "1%", "reorder": "2%",
	"delay": "40ms", "jitter": "10ms", "seed": "9",
}

func TestParse(t *testing.T) {
	mobile := Config{Delay: 40 * time.Millisecond, Jitter: 25 * time.Millisecond, Loss: 0.03, Burst: 3, Reorder: 0.01}
	tests := []struct {
		spec string
		want Config
	}{
		{"loss=5%,delay=40ms, jitter=10ms,dup=1.5%,seed=9",
			Config{Loss: 0.05, Delay: 40 * time.Millisecond, Jitter: 10 * time.Millisecond, Duplicate: 0.015, Seed: 9}},
		{"loss=5%,burst=4", Config{Loss: 0.05, Burst: 4}},
		{"burst=2.5,reorder=1%", Config{Burst: 2.5, Reorder: 0.01}},
		{"loss=100%,burst=3", Config{Loss: 1, Burst: 3}},
		{"", Config{}},
		{"mobile", mobile},
		{" mobile , loss=10%", func() Config { c := mobile; c.Loss = 0.1; return c }()},
		{"wifi,seed=3", Config{Delay: 5 * time.Millisecond, Jitter: 10 * time.Millisecond, Loss: 0.01, Burst: 2, Seed: 3}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.spec)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.spec, got, err, tt.want)
		}
	}
}

func TestEveryPresetParses(t *testing.T) {
	for _, p := range Presets {
		byName, err := Parse(p.Name)
		if err != nil {
			t.Errorf("preset %s: %v", p.Name, err)
			continue
		}
		bySpec, _ := Parse(p.Spec)
		if byName != bySpec || byName == (Config{}) || byName.Seed != 0 {
			t.Errorf("preset %s parsed to %+v; its spec %q to %+v", p.Name, byName, p.Spec, bySpec)
		}
		if _, err := Parse(p.Name + ",loss=10%"); err != nil {
			t.Errorf("preset %s cannot be overridden: %v", p.Name, err)
		}
	}
}

func TestParseErrorsSayWhatIsWrong(t *testing.T) {
	tests := []struct{ spec, says string }{
		{"loss", "neither key=value nor a preset (wifi, far, mobile, congested)"},
		{"wif", "neither key=value nor a preset"},
		{"loss=120%", "not a percentage"},
		{"loss=NaN", "not a percentage"},
		{"reorder=-1%", "not a percentage"},
		{"dup=lots", "not a percentage"},
		{"burst=0.5", "1 or more"},
		{"burst=x", "1 or more"},
		{"burst=NaN", "1 or more"},
		{"burst=Inf", "1 or more"},
		{"delay=soon", "not a duration"},
		{"jitter=-5ms", "not a duration"},
		{"seed=-1", "seed"},
		{"loss=5%,wifi", "must come first"},
		{"wifi,mobile", "must come first"},
		{"loss=80%,burst=2", "at most 66.7% can"},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.spec); err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("Parse(%q): error %v, want one that says %q", tt.spec, err, tt.says)
		}
	}
}

func TestParseUnknownSettingListsAll(t *testing.T) {
	_, err := Parse("lag=3ms")
	if err == nil {
		t.Fatal("lag=3ms parsed")
	}
	for key, val := range sampleValues {
		if _, perr := Parse(key + "=" + val); perr != nil {
			t.Errorf("%s=%s: %v", key, val, perr)
		}
		if !strings.Contains(err.Error(), key) {
			t.Errorf("the error for an unknown setting does not list %s: %v", key, err)
		}
	}
}

// TestHelpListsEverything checks the -netsim usage names every setting and every
// preset with its values, in lines that fit a terminal after flag's indent.
func TestHelpListsEverything(t *testing.T) {
	help := Help()
	for key := range sampleValues {
		if !strings.Contains(help, "  "+key+"=") {
			t.Errorf("help does not explain %s", key)
		}
	}
	for _, p := range Presets {
		if !strings.Contains(help, "  "+p.Name+" ") || !strings.Contains(help, p.Spec) {
			t.Errorf("help does not show preset %s as %s", p.Name, p.Spec)
		}
	}
	for _, line := range strings.Split(help, "\n") {
		if len(line) > 72 {
			t.Errorf("help line of %d characters: %q", len(line), line)
		}
	}
}
