package game

import (
	"strings"
	"testing"

	"github.com/gemrush/gemrush/assets"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// TestFallbackFontsDrawWhatGoLacks checks that characters the Go fonts lack are drawn
// from a fallback's real glyph, not the box of glyph 0 (.notdef), in every face:
// symbols, emoji, other scripts, and Chinese, Japanese (kana full and halfwidth)
// and Korean from the CJK subset.
func TestFallbackFontsDrawWhatGoLacks(t *testing.T) {
	faces := map[string]text.Face{"small": faceSmall, "body": faceBody, "bold": faceBold, "title": faceTitle, "banner": faceBanner}
	goOnly := &text.GoTextFace{Source: mustSource(assets.RegularTTF), Size: 16}
	for _, s := range []string{"☃", "😀", "🎮", "🔥", "🍕🚀🤖", "Ωμέγα", "Ж", "שלום", "नमस्ते", "বাংলা", "ไทย", "✓❤★", "你好", "こんにちは", "カタカナ", "ｶﾀｶﾅ", "한국어", "「中文」、。"} {
		if gs := text.AppendLazyGlyphs(nil, s, goOnly, nil); len(gs) > 0 && allDrawn(gs) && s != "Ж" && s != "Ωμέγα" {
			t.Errorf("the Go font has %q itself: the test no longer tests the fallback", s)
		}
		for name, f := range faces {
			gs := text.AppendLazyGlyphs(nil, s, f, nil)
			if len(gs) == 0 || !allDrawn(gs) {
				t.Errorf("%s face draws %q with .notdef boxes: %+v", name, s, gs)
			}
			if text.Advance(s, f) <= 0 {
				t.Errorf("%s face gives %q no width", name, s)
			}
			// The outlines are read too: the CJK fallback's are CFF, not TrueType.
			var p vector.Path
			text.AppendVectorPath(&p, s, f, nil)
			if p.Bounds().Empty() {
				t.Errorf("%s face draws %q with no ink", name, s)
			}
		}
	}
}

// TestEmojiSinceUnicode9AreDrawnInColour: the emoji Symbola is too old for come from
// the colour subset, as bitmaps, each with an image to draw.
func TestEmojiSinceUnicode9AreDrawnInColour(t *testing.T) {
	for _, s := range []string{"🥲", "🥳", "🫠", "🦩"} {
		gs := text.AppendLazyGlyphs(nil, s, faceBody, nil)
		if len(gs) == 0 || !allDrawn(gs) || gs[0].ImageBounds.Empty() {
			t.Errorf("%q is drawn as %+v", s, gs)
		}
	}
}

func allDrawn(gs []text.LazyGlyph) bool {
	for _, g := range gs {
		if g.GID == 0 {
			return false
		}
	}
	return true
}

// TestFallbacksKeepTheLineBox checks that the fallbacks leave every face's line as
// tall as the Go font's, so no text moves when fallbacks are added.
func TestFallbacksKeepTheLineBox(t *testing.T) {
	for _, size := range []float64{13, 16, 44} {
		goOnly := (&text.GoTextFace{Source: mustSource(assets.RegularTTF), Size: size}).Metrics()
		with := withFallbacks(mustSource(assets.RegularTTF), size, fallbackSources()).Metrics()
		if d := with.HAscent - goOnly.HAscent; d > 0.05 || d < -0.05 {
			t.Errorf("size %v: ascent %.2f with fallbacks, %.2f without", size, with.HAscent, goOnly.HAscent)
		}
		if d := with.HDescent - goOnly.HDescent; d > 0.05 || d < -0.05 {
			t.Errorf("size %v: descent %.2f with fallbacks, %.2f without", size, with.HDescent, goOnly.HDescent)
		}
	}
}

// TestRightToLeftWordsReadRightToLeft: in "Ana: שלום עולם" and its Arabic
// counterpart, the Latin name comes first on the left, and in them and a name of
// two Hebrew words alone the two right-to-left
// words are in their reading order, the first word to the right of the second,
// though the space between them is from the Go font and the words from a fallback.
func TestRightToLeftWordsReadRightToLeft(t *testing.T) {
	for _, c := range []struct{ line, first, second string }{
		{"Ana: שלום עולם", "שלום", "עולם"},
		{"Ana: مرحبا بالعالم", "مرحبا", "بالعالم"},
		{"שלום עולם", "שלום", "עולם"}, // a name all in Hebrew
	} {
		gs := text.AppendLazyGlyphs(nil, c.line, laidOut(c.line, faceBody), nil)
		x := func(word string) float64 { // the leftmost origin of word's glyphs
			start := strings.Index(c.line, word)
			left := 1e9
			for _, g := range gs {
				if g.StartIndexInBytes >= start && g.StartIndexInBytes < start+len(word) {
					left = min(left, g.OriginX)
				}
			}
			return left
		}
		name, first, second := x("Ana"), x(c.first), x(c.second)
		if !strings.HasPrefix(c.line, "Ana") {
			name = -1
		}
		if !(name < second && second < first) {
			t.Errorf("%q: Ana at %.0f, %s at %.0f, %s at %.0f; want Ana, then %s, then %s",
				c.line, name, c.first, first, c.second, second, c.second, c.first)
		}
	}
}
