"""Cut Noto Sans CJK SC (Debian's fonts-noto-cjk) down to the characters the Chinese string table uses, at
build time. The page fetches the result only when it shows Chinese.

Usage: python3 subset_cjk.py STRINGS_ZH_CPP... MODELS_JSON OUT.otf
       python3 subset_cjk.py --text TEXT OUT.otf     (just these characters: the "中文" of the language switch,
                                                      compiled into the page so it reads right before the font)
Takes every non-ASCII character in the STRINGS_ZH_CPP files (the tables, their comments included: a few spare glyphs are
cheaper than a parser) and in the model names of MODELS_JSON, plus CJK punctuation. Fails if the font lacks any
of them, so a missing glyph (drawn as '?') stops the build instead of reaching a reader.
"""
import json
import sys

from fontTools.ttLib import TTCollection

from subset_font import cut

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = "Noto Sans CJK SC"
PUNCTUATION = "，。、；：？！“”‘’（）《》【】…—·～"


def wanted_text(strings_paths, models_path):
    text = "".join(open(p, encoding="utf-8").read() for p in strings_paths)
    models = json.load(open(models_path, encoding="utf-8"))
    entries = models["models"] if isinstance(models, dict) else models
    names = "".join(m.get("name", "") for m in entries)
    return sorted({ch for ch in text + names + PUNCTUATION if ord(ch) > 0x7F})


def main(*args):
    if args[0] == "--text":
        chars, dst = sorted(set(args[1])), args[2]
    else:
        chars, dst = wanted_text(args[:-2], args[-2]), args[-1]
    collection = TTCollection(FONT)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FACE)
    cmap = font.getBestCmap()
    # Latin-1 and general punctuation come from Inter; everything else must be in the CJK font.
    missing = [c for c in chars if ord(c) not in cmap and ord(c) > 0x2FFF]
    if missing:
        sys.exit(f"subset_cjk: {FACE} has no glyph for {''.join(missing)!r}")
    cut(font, [ord(c) for c in chars if ord(c) in cmap], dst, name_ids=[0, 1, 2, 13, 14])  # with the OFL text
    print(f"subset_cjk: {len(chars)} characters -> {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:])
