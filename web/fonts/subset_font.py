"""Cut a font down to the glyphs the page uses, at build time (Debian's fontTools).

Usage: python3 subset_font.py IN.otf OUT.otf
Keeps printable ASCII and the symbols in EXTRA; maps the digits to their tabular forms
(Inter's `tnum` glyphs) so columns of numbers line up, since Dear ImGui applies no OpenType features.
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Beyond ASCII: what the English table, the core's formulas and common numbers use (the Latin-1 letters are
# left out: no text of ours has them, and they cost about a third of the font).
EXTRA = "–—‘’“”•…×÷±≈≤≥→←↑↓▲▼✓✗∞µ²³°€£¥·"


def main(src, dst):
    text = "".join(chr(c) for c in range(0x20, 0x7F)) + EXTRA
    font = TTFont(src)
    cmap = font.getBestCmap()
    # Tabular figures: point the digit code points at the .tf glyphs before subsetting.
    glyph_order = set(font.getGlyphOrder())
    tnum = {}
    for i, name in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]):
        for candidate in (name + ".tf", name + ".tnum"):
            if candidate in glyph_order:
                tnum[0x30 + i] = candidate
                break
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({cp: g for cp, g in tnum.items() if cp in table.cmap})
    cut(font, [ord(c) for c in text if ord(c) in cmap], dst, name_ids=[0, 1, 2])  # keeps the OFL notice


def cut(font, codepoints, dst, name_ids):
    """Keeps `codepoints` of `font` (no layout features, no hinting; desubroutinized CFF compresses better) and
    the name records `name_ids` (0 copyright, 1 family, 2 style, 13 licence, 14 licence URL), saved to `dst`."""
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = name_ids
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.save(dst)


if __name__ == "__main__":
    main(*sys.argv[1:])
