#!/usr/bin/env python3
"""Regenerate the report maps' CJK fonts: subsets of Noto Sans CJK SC.

    /usr/bin/python3 data/report/fonts/subset.py     (from the repository root)

Needs Debian's fonts-noto-cjk and python3-fonttools. Writes, next to this file:

  map-regular.otf  Noto Sans CJK SC Regular: ASCII and Latin-1, every GB2312
                   character (6,763 hanzi in levels 1 and 2, punctuation,
                   full-width forms), and every non-ASCII character of the
                   embedded data, the report's and the shared wording's Go
                   sources, not their tests (unit names, province names, map
                   words). A map label with a character outside the subset
                   is drawn as the unit's code; other text shows a box.
  map-bold.otf     Noto Sans CJK SC Bold for titles: ASCII and Latin-1, GB2312
                   punctuation and the same source characters only; a title
                   character it lacks is drawn from map-regular.otf.

Both are renamed (family "Kepu Map Sans") as a modified version under the
SIL Open Font License 1.1 (OFL.txt).
"""
import glob
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-%s.ttc"
SC = 2  # Noto Sans CJK SC in the collection


def gb2312(first, last):
    out = set()
    for hi in range(first, last + 1):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def source_chars():
    files = glob.glob(os.path.join(ROOT, "data", "embedded", "*.geojson"))
    for pattern in ("*.go", "report/*.go", "words/*.go", "report/templates/*"):
        files += glob.glob(os.path.join(ROOT, "data", pattern))
    out = set()
    for f in sorted(files):
        if f.endswith("_test.go"):
            continue
        with open(f, encoding="utf-8") as r:
            out |= {c for c in r.read() if ord(c) > 0x7F}
    return out


def write(weight, chars, name):
    font = TTCollection(NOTO % weight).fonts[SC]
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    s = subset.Subsetter(opts)
    s.populate(unicodes=set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | {ord(c) for c in chars})
    s.subset(font)
    family, full = "Kepu Map Sans", "Kepu Map Sans " + weight
    for rec in font["name"].names:
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID in (4,):
            rec.string = full
        elif rec.nameID in (3, 6):
            rec.string = "KepuMapSans-" + weight
        elif rec.nameID == 17:
            rec.string = weight
    out = os.path.join(HERE, name)
    font.save(out)
    print("%s: %d characters, %d bytes" % (name, len(chars), os.path.getsize(out)))


def main():
    symbols, hanzi = gb2312(0xA1, 0xA9), gb2312(0xB0, 0xF7)
    src = source_chars()
    write("Regular", symbols | hanzi | src, "map-regular.otf")
    write("Bold", symbols | src, "map-bold.otf")


if __name__ == "__main__":
    sys.exit(main())
