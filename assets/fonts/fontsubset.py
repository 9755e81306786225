"""What subset-cjk.py and subset-emoji.py share: checking the source font and
writing a subset of it whose version string says it is one."""

import hashlib
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def check_source(path, sha256):
    """Warns when the font at path is not the one a subset was made from."""
    with open(path, "rb") as f:
        if hashlib.sha256(f.read()).hexdigest() != sha256:
            print(f"warning: {path} is not the font this subset was made from", file=sys.stderr)


def options(layout_features=None):
    """Subsetting options: no hinting (the text renderer does not use it), every
    name record kept (copyright, licence, trademark), a drawn .notdef box."""
    o = subset.Options()
    if layout_features is not None:
        o.layout_features = layout_features
    o.hinting = False
    o.name_IDs = ["*"]
    o.notdef_outline = True
    return o


def write(font, codepoints, opts, output):
    """Cuts font down to codepoints and saves it at output; returns a summary."""
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    for rec in font["name"].names:
        if rec.nameID == 5:
            rec.string = rec.toUnicode() + "; Gem Rush subset"
    font.save(output)
    return (f"{output}: {len(font.getBestCmap())} characters, {len(font.getGlyphOrder())} glyphs, "
            f"{os.path.getsize(output)} bytes")


def load(path, font_number=-1):
    """The font at path (font_number within a collection), its timestamp kept."""
    return TTFont(path, fontNumber=font_number, recalcTimestamp=False)
