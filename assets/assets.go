// Package assets holds what Gem Rush draws with, embedded in the binary. It does
// not import ebiten, so anything may use it.
//
// The Go fonts (BSD licence, fonts/LICENSE-Go-fonts) draw all the interface's own
// text. Player names and chat can hold any character, so fallback fonts draw what
// the Go fonts lack, tried in the order of Fallbacks:
//
//   - DejaVu Sans (Bitstream Vera licence, fonts/LICENSE-DejaVu): Latin, Greek and
//     Cyrillic beyond the Go fonts, Hebrew, Arabic, Armenian, Georgian, arrows,
//     maths, the common symbols (☃ ★ ✓ ❤) and the emoticons (😀).
//   - Noto Sans Symbols 2 (SIL OFL 1.1, fonts/LICENSE-Noto): the rest of the
//     symbol and pictograph blocks DejaVu misses (🎮 👍, chess, cards).
//   - Symbola, a subset (free for any use, fonts/LICENSE-Symbola): the 1,129
//     emoji and pictographs neither of those two has (🔥 🍕 🚀 🤖), in outline,
//     one colour; 0.6 MB, made by fonts/subset-emoji.py.
//   - Noto Color Emoji, a subset (SIL OFL 1.1): the 162 emoji newer than Symbola
//     (🥲 🥳 🫠), in colour bitmaps, the only emoji drawn in colour; 0.4 MB of the
//     11 MB font, made by the same script.
//   - Noto Sans Devanagari, Bengali and Thai (SIL OFL 1.1): those scripts, shaped.
//   - Noto Sans CJK SC, a subset (SIL OFL 1.1): kana, Hangul, CJK punctuation and
//     the 5,009 most common ideographs, those of GB2312 level 1 and JIS X 0208
//     level 1, in their Simplified Chinese shapes. The whole font is 16 MB; the
//     subset is 1.4 MB, made by fonts/subset-cjk.py, which says what it keeps.
//     It is last, so it draws only what the others lack. A rarer ideograph
//     (鬱, 龘) or a Hangul syllable outside KS X 1001 (똠) is a box.
//
// Together they add 4.3 MB. Hebrew and Arabic are shaped and laid out by the
// bidirectional algorithm, a line holding them drawn from DejaVu (game/theme.go
// says why); the caret of a text field holding them moves in written order.
// Emoji up to Unicode 9 are drawn in one colour, like the text around them (all
// of Noto Color Emoji would be 11 MB); sequences joined by U+200D (👩‍🚀) are drawn
// as their parts.
package assets

import _ "embed"

// RegularTTF and BoldTTF are the Go Regular and Go Bold TrueType fonts.
var (
	//go:embed fonts/Go-Regular.ttf
	RegularTTF []byte
	//go:embed fonts/Go-Bold.ttf
	BoldTTF []byte
)

var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/NotoSansSymbols2-Regular.ttf
	notoSymbols2 []byte
	//go:embed fonts/Symbola-emoji-subset.ttf
	symbolaEmoji []byte
	//go:embed fonts/NotoColorEmoji-subset.ttf
	notoColorEmoji []byte
	//go:embed fonts/NotoSansDevanagari-Regular.ttf
	notoDevanagari []byte
	//go:embed fonts/NotoSansBengali-Regular.ttf
	notoBengali []byte
	//go:embed fonts/NotoSansThai-Regular.ttf
	notoThai []byte
	//go:embed fonts/NotoSansCJKsc-Regular-subset.otf
	notoCJK []byte
)

// Fallbacks are the fonts that draw what the Go fonts lack, in the order to try
// them; each has one weight, so bold text falls back to regular.
var Fallbacks = [][]byte{dejaVuSans, notoSymbols2, symbolaEmoji, notoColorEmoji, notoDevanagari, notoBengali, notoThai, notoCJK}
