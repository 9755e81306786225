#!/usr/bin/env python3
"""Make NotoSansCJKsc-Regular-subset.otf, the Chinese, Japanese and Korean fallback.

A whole Noto Sans CJK face is 16 MB; this keeps the characters most names and
chat lines use, about a quarter of it:

  - Hiragana, Katakana and its phonetic extensions, halfwidth katakana;
  - CJK symbols and punctuation, fullwidth forms;
  - the 2,350 Hangul syllables of KS X 1001 (EUC-KR) and the compatibility jamo;
  - the ideographs of GB2312 level 1 (3,755 hanzi) and of JIS X 0208 level 1
    (2,965 kanji), 5,000-odd once the two overlap.

The Simplified Chinese face is taken: most of the ideographs are GB2312's, and
one region's shapes for the ideographs both lists share is the usual compromise
of a pan-CJK fallback. Kana and Hangul are the same in every face.

Only the horizontal layout features are kept (kern, palt and the like): the
vertical, alternate and per-language (locl) glyphs the default features pull in
would make it 2.5 MB rather than 1.4, and Gem Rush lays text out horizontally
with no language set. Hinting is dropped: the text renderer does not use it.

Inputs, from Debian 12: the fonts-noto-cjk package 1:20220127+repack1-1
(Noto Sans CJK 2.004, from https://github.com/notofonts/noto-cjk) and
fonttools 4.38.0. The output is byte for byte the same for the same inputs.
Run by hand, not by the build, from anywhere:

    apt-get install fonttools fonts-noto-cjk
    /usr/bin/python3 assets/fonts/subset-cjk.py

Noto Sans CJK is under the SIL Open Font License 1.1 with no Reserved Font
Name, so the subset, a Modified Version, may keep its name; its version string
says it is a subset.
"""

import os
import sys

import fontsubset

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SOURCE_SHA256 = "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a"
FACE = 2  # in the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "NotoSansCJKsc-Regular-subset.otf")

BLOCKS = [
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


def decoded(codec, pairs):
    """The characters the two-byte codes pairs decode to in codec, one each."""
    chars = set()
    for lead, trail in pairs:
        try:
            s = bytes([lead, trail]).decode(codec)
        except UnicodeDecodeError:
            continue  # an unassigned cell
        if len(s) == 1:
            chars.add(s)
    return chars


def hangul():
    """The Hangul syllables of KS X 1001: EUC-KR rows 0xB0-0xC8."""
    return decoded("euc_kr", ((r, c) for r in range(0xB0, 0xC9) for c in range(0xA1, 0xFF)))


def hanzi():
    """GB2312 level 1: rows 0xB0-0xD7 (row 0xD7 ends at 0xF9)."""
    return decoded("gb2312", ((r, c) for r in range(0xB0, 0xD8) for c in range(0xA1, 0xFF)))


def kanji():
    """JIS X 0208 level 1: Shift-JIS 0x889F-0x9872."""
    trails = [c for c in range(0x40, 0xFD) if c != 0x7F]
    pairs = ((r, c) for r in range(0x88, 0x99) for c in trails if 0x889F <= r << 8 | c <= 0x9872)
    return decoded("shift_jis", pairs)


def main():
    fontsubset.check_source(SOURCE, SOURCE_SHA256)

    syllables, han, kan = hangul(), hanzi(), kanji()
    for name, got, want in [("Hangul syllables", syllables, 2350), ("GB2312 level 1", han, 3755), ("JIS level 1", kan, 2965)]:
        if len(got) != want:
            sys.exit(f"{name}: {len(got)} characters, want {want}")
    codepoints = {ord(c) for c in syllables | han | kan}
    for lo, hi in BLOCKS:
        codepoints.update(range(lo, hi + 1))

    opts = fontsubset.options(["ccmp", "kern", "palt", "halt", "mark", "liga", "calt"])
    font = fontsubset.load(SOURCE, FACE)
    print(fontsubset.write(font, codepoints, opts, OUTPUT) + f", {len(han | kan)} ideographs")


if __name__ == "__main__":
    main()
