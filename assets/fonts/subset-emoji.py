#!/usr/bin/env python3
"""Make Symbola-emoji-subset.ttf and NotoColorEmoji-subset.ttf, the fallbacks for the
emoji the other fonts lack.

DejaVu Sans and Noto Sans Symbols 2 draw the common symbols, the emoticons
and many pictographs, but not all: 🔥, 🍕, 🚀 and most of the newer emoji
are in neither. Symbola draws nearly every emoji of Unicode 9 in outline, one
colour, which suits text drawn in the interface's own colours. The whole face
is 3.1 MB; this keeps only the characters of the emoji and pictograph blocks
that neither font before it in assets.Fallbacks holds, with the hinting
dropped (the text renderer does not use it).

Symbola stops at Unicode 9; the 162 emoji of the same blocks added since (🥲 🥳
🫠) are taken from Noto Color Emoji, whose glyphs are colour bitmaps (CBDT),
the only ones in colour: 0.4 MB, where the whole font is 11 MB.

Inputs, from Debian 12: fonts-symbola 2.60-1.1 (Symbola 9.17 by George
Douros, "free for any use; they may be opened, edited, modified, regenerated,
packaged and redistributed"), fonts-noto-color-emoji 2.042-0+deb12u1 (SIL OFL
1.1) and fonttools 4.38.0. The output is byte for byte
the same for the same inputs. Run by hand, not by the build, from anywhere:

    apt-get install fonttools fonts-symbola fonts-noto-color-emoji
    /usr/bin/python3 assets/fonts/subset-emoji.py
"""

import os

import fontsubset

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
SOURCE_SHA256 = "af8bd8cc9c808272034651cb5ebf6c38370ae536fe631eb89462f127f11e793f"
OUTPUT = os.path.join(HERE, "Symbola-emoji-subset.ttf")
EARLIER = ["DejaVuSans.ttf", "NotoSansSymbols2-Regular.ttf"]
COLOUR_SOURCE = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
COLOUR_OUTPUT = os.path.join(HERE, "NotoColorEmoji-subset.ttf")

BLOCKS = [
    (0x2300, 0x23FF),    # Miscellaneous Technical (⌚ ⏰ ⏳)
    (0x2600, 0x26FF),    # Miscellaneous Symbols (⚽ ⛄)
    (0x2700, 0x27BF),    # Dingbats (✨ ❌)
    (0x2B00, 0x2BFF),    # Miscellaneous Symbols and Arrows (⭐ ⬛)
    (0x1F000, 0x1F0FF),  # Mahjong, Domino and Playing Cards
    (0x1F100, 0x1F1FF),  # Enclosed Alphanumeric Supplement, regional indicators
    (0x1F300, 0x1F5FF),  # Miscellaneous Symbols and Pictographs (🔥 🍕 🎉)
    (0x1F600, 0x1F64F),  # Emoticons
    (0x1F680, 0x1F6FF),  # Transport and Map Symbols (🚀)
    (0x1F900, 0x1F9FF),  # Supplemental Symbols and Pictographs (🤖 🦊)
    (0x1FA70, 0x1FAFF),  # Symbols and Pictographs Extended-A
]


def lacking(fonts, have):
    """The characters of BLOCKS that fonts (the source) has and have lacks."""
    wanted = set()
    for lo, hi in BLOCKS:
        wanted.update(range(lo, hi + 1))
    return (wanted & set(fonts.getBestCmap())) - have


def main():
    fontsubset.check_source(SOURCE, SOURCE_SHA256)
    have = set()
    for name in EARLIER:
        have.update(fontsubset.load(os.path.join(HERE, name)).getBestCmap())
    font = fontsubset.load(SOURCE)
    codepoints = lacking(font, have)
    print(fontsubset.write(font, codepoints, fontsubset.options(), OUTPUT))

    colour = fontsubset.load(COLOUR_SOURCE)
    later = lacking(colour, have | codepoints)
    print(fontsubset.write(colour, later, fontsubset.options([]), COLOUR_OUTPUT))


if __name__ == "__main__":
    main()
