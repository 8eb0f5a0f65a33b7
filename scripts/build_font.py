#!/usr/bin/env python3
"""Build the bundled CJK UI font: assets/fonts/NotoSansSC-Shanhai-Subset.otf.

Source : Debian package `fonts-noto-cjk`,
         /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,
         the face whose family is "Noto Sans CJK SC" / "Regular" (index 2).
Tool   : fontTools' subsetter (the pyftsubset API), `pip install fonttools`.
Output : a CFF-flavoured OpenType subset (egui's ab_glyph and resvg's
         fontdb/ttf-parser both read CFF outlines), renamed "Shanhai Sans CJK".

Character set (see SOURCE.md for the full list):
  * every character encodable in GB2312;
  * Big5 level 1 hanzi (codes 0xA440..0xC67E, 5,401 characters);
  * every non-control character in assets/gazetteer/**/*.{csv,txt},
    assets/reference/**/*.csv, sample_data/*.txt and
    ../shared/reference/*.csv (those that exist);
  * ASCII, Latin-1, Latin Extended-A, pinyin letters, punctuation,
    arrows, shapes, box drawing and a few more small blocks.

The build is deterministic: head.created/head.modified are pinned to a
constant and fontTools is told not to recalculate the timestamp, so two runs
over the same inputs with the same fontTools version give identical bytes.

Usage:  python3 scripts/build_font.py [--source PATH] [--out PATH]
"""
from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

try:
    from fontTools import subset, version as fonttools_version
    from fontTools.ttLib import TTFont, TTCollection
except ImportError:  # pragma: no cover
    sys.exit("fontTools missing: pip install fonttools")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEFAULT_OUT = REPO / "assets" / "fonts" / "NotoSansSC-Shanhai-Subset.otf"

WANT_FAMILY = "Noto Sans CJK SC"
WANT_SUBFAMILY = "Regular"
EXPECTED_INDEX = 2

NEW_FAMILY = "Shanhai Sans CJK"
NEW_PS_NAME = "ShanhaiSansCJK-Regular"

# Upstream head.created/modified of NotoSansCJK-Regular.ttc 2.004
# (2021-04-29 16:24:21 UTC, seconds since 1904-01-01).  Pinned so that the
# output never depends on the time of the build.
FIXED_TIMESTAMP = 3702558261

# Text files whose characters must all be covered.
# (folder, pattern); "**/" patterns also search subfolders.
DATA_GLOBS = [
    (REPO / "assets" / "gazetteer", "**/*.csv"),
    (REPO / "assets" / "gazetteer", "**/*.txt"),
    (REPO / "assets" / "reference", "**/*.csv"),
    (REPO / "sample_data", "*.txt"),
    (REPO.parent / "shared" / "reference", "*.csv"),
]

PINYIN = (
    "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
    "ĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙÜǕǗǙǛ"
    "êÊ ḿḾ ńŃňŇǹǸ ɑɡ"
)

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x01CD, 0x01DC),  # Latin Extended-B: pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ (+ capitals)
    (0x0300, 0x0304),  # combining grave/acute/circumflex/tilde/macron
    (0x030C, 0x030C),  # combining caron
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols (℃ № ™ ...)
    (0x2150, 0x218F),  # Number Forms (Ⅰ Ⅱ ...)
    (0x2190, 0x21FF),  # Arrows
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ② ...)
    (0x2500, 0x257F),  # Box Drawing (─ │ ...)
    (0x25A0, 0x25FF),  # Geometric Shapes (▸ ● ■ ...)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    (0xFFFD, 0xFFFD),  # replacement character
]
EXTRA = "·─▸●•…—–"

MUST_HAVE = "天津甘肅肃滨羚團疆臨濟積石縣區āǎ▸"

# Small triangles that Noto Sans CJK does not have (it has only the large
# ones).  Each is made from its large counterpart, scaled about the centre
# of its bounding box; the advance width stays that of the large glyph.
SYNTHETIC = {
    0x25B8: (0x25B6, 0.6),  # ▸ from ▶
    0x25C2: (0x25C0, 0.6),  # ◂ from ◀
    0x25B4: (0x25B2, 0.6),  # ▴ from ▲
    0x25BE: (0x25BC, 0.6),  # ▾ from ▼
}


def gb2312_chars() -> set[str]:
    out = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                out.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def big5_level1_chars() -> set[str]:
    """Big5 frequently used hanzi: 0xA440..0xC67E (5,401 characters)."""
    out = set()
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            code = (lead << 8) | trail
            if not 0xA440 <= code <= 0xC67E:
                continue
            try:
                out.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return out


def data_chars() -> tuple[set[str], list[Path]]:
    out: set[str] = set()
    used = []
    for folder, pattern in DATA_GLOBS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(pattern)):
            text = path.read_text(encoding="utf-8", errors="replace")
            out.update(c for c in text if ord(c) >= 0x20 and c != "\x7f")
            used.append(path)
    return out, used


def wanted_codepoints() -> tuple[list[int], dict[str, int], list[Path]]:
    gb = gb2312_chars()
    b5 = big5_level1_chars()
    data, used = data_chars()
    fixed = set(PINYIN.replace(" ", "")) | set(EXTRA) | set(MUST_HAVE)
    for lo, hi in RANGES:
        fixed.update(chr(c) for c in range(lo, hi + 1))
    allc = gb | b5 | data | fixed
    stats = {
        "gb2312": len(gb),
        "big5_level1": len(b5),
        "data_files": len(data),
        "fixed_ranges": len(fixed),
        "union": len(allc),
    }
    return sorted(ord(c) for c in allc), stats, used


def find_face(source: Path) -> int:
    coll = TTCollection(str(source), lazy=True)
    found = None
    for i, face in enumerate(coll.fonts):
        name = face["name"]
        fam, sub = name.getDebugName(1), name.getDebugName(2)
        print(f"  face {i}: {fam} / {sub}")
        if fam == WANT_FAMILY and sub == WANT_SUBFAMILY and found is None:
            found = i
    coll.close()
    if found is None:
        sys.exit(f"no face '{WANT_FAMILY}' '{WANT_SUBFAMILY}' in {source}")
    if found != EXPECTED_INDEX:
        print(f"  note: '{WANT_FAMILY}' is at index {found}, not {EXPECTED_INDEX}")
    return found


def add_synthetic_glyphs(font: TTFont) -> list[str]:
    """Add SYNTHETIC glyphs to the (CID-keyed) CFF subset, return their chars."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.transformPen import TransformPen

    cmap = font.getBestCmap()
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    if not hasattr(top, "ROS"):
        raise SystemExit("expected a CID-keyed CFF")
    char_strings = top.CharStrings
    glyph_set = font.getGlyphSet()
    order = list(font.getGlyphOrder())
    used_cids = {0} | {int(n[3:]) for n in order if n.startswith("cid")}
    free_cids = (c for c in range(top.CIDCount - 1, 0, -1) if c not in used_cids)
    vorg = font["VORG"] if "VORG" in font else None
    added = []
    for target, (parent_cp, scale) in sorted(SYNTHETIC.items()):
        if target in cmap or parent_cp not in cmap:
            continue
        parent = cmap[parent_cp]
        bp = BoundsPen(glyph_set)
        glyph_set[parent].draw(bp)
        x0, y0, x1, y1 = bp.bounds
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        advance, _ = font["hmtx"][parent]
        pgid = font.getGlyphID(parent)
        fd_index = top.FDSelect[pgid]
        private = top.FDArray[fd_index].Private
        width = None if advance == private.defaultWidthX else advance - private.nominalWidthX
        pen = T2CharStringPen(width, glyph_set)
        tpen = TransformPen(pen, (scale, 0, 0, scale, cx - cx * scale, cy - cy * scale))
        glyph_set[parent].draw(tpen)
        cs = pen.getCharString(private=private, globalSubrs=cff.GlobalSubrs)
        name = f"cid{next(free_cids):05d}"
        char_strings.charStringsIndex.append(cs)
        char_strings.charStrings[name] = len(char_strings.charStringsIndex) - 1
        top.FDSelect.append(fd_index)
        top.charset.append(name)
        order.append(name)
        font.setGlyphOrder(order)
        bp = BoundsPen(None)
        cs.draw(bp)
        nx0, ny0, nx1, ny1 = bp.bounds
        font["hmtx"][name] = (advance, round(nx0))
        if "vmtx" in font:
            origin = vorg.defaultVertOriginY if vorg else 880
            if vorg and parent in vorg.VOriginRecords:
                origin = vorg.VOriginRecords[parent]
            font["vmtx"][name] = (font["vmtx"][parent][0], round(origin - ny1))
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[target] = name
        added.append(chr(target))
    font["maxp"].numGlyphs = len(order)
    return added


def rename(font: TTFont) -> None:
    """Give the subset its own family name (see SOURCE.md)."""
    name = font["name"]
    version = name.getDebugName(5) or "Version 2.004"
    new = {
        1: NEW_FAMILY,
        2: "Regular",
        3: f"2.004;SHANHAI;{NEW_PS_NAME}",
        4: f"{NEW_FAMILY} Regular",
        5: f"{version}; Shanhai subset of Noto Sans CJK SC",
        6: NEW_PS_NAME,
    }
    for rec in list(name.names):
        if rec.nameID in new:
            name.setName(new[rec.nameID], rec.nameID, rec.platformID,
                         rec.platEncID, rec.langID)
    # Drop typographic/WWS family names if present, they would still say Noto.
    for nid in (16, 17, 21, 22):
        name.removeNames(nameID=nid)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [NEW_PS_NAME]
        top = cff.topDictIndex[0]
        if hasattr(top, "FamilyName"):
            top.FamilyName = NEW_FAMILY
        if hasattr(top, "FullName"):
            top.FullName = f"{NEW_FAMILY} Regular"
        if hasattr(top, "CIDFontName"):
            top.CIDFontName = NEW_PS_NAME
        for fd in getattr(top, "FDArray", []):
            fd_name = getattr(fd, "FontName", None)
            if fd_name and "-Regular-" in fd_name:
                fd.FontName = NEW_PS_NAME + "-" + fd_name.split("-Regular-", 1)[1]


def build(source: Path, out: Path) -> bytes:
    print(f"fontTools {fonttools_version}")
    print(f"source: {source}")
    index = find_face(source)
    print(f"using face index {index}")

    codepoints, stats, used = wanted_codepoints()
    for path in used:
        try:
            shown = path.relative_to(REPO.parent)
        except ValueError:
            shown = path
        print(f"  data file: {shown}")
    for k, v in stats.items():
        print(f"  {k}: {v} characters")
    charset_digest = hashlib.sha256(
        ",".join(f"{c:X}" for c in codepoints).encode()).hexdigest()
    print(f"  requested character set sha256: {charset_digest}")

    opts = subset.Options()
    opts.hinting = False            # drop hinting (CFF hints, hint tables)
    opts.desubroutinize = False     # keep CFF subroutines: smaller file
    opts.name_IDs = ["*"]           # keep the whole name table
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True      # missing glyphs show a box, not nothing
    opts.glyph_names = False
    opts.recalc_timestamp = False
    opts.recalc_bounds = True
    opts.prune_unicode_ranges = True
    opts.layout_closure = True

    font = TTFont(str(source), fontNumber=index, recalcTimestamp=False,
                  lazy=False)
    source_cmap = font.getBestCmap()
    data, _ = data_chars()
    absent = sorted(c for c in data
                    if ord(c) not in source_cmap and ord(c) not in SYNTHETIC
                    and not c.isspace())
    if absent:
        print("  characters in the data files that the source face lacks: "
              + " ".join(f"{c}(U+{ord(c):04X})" for c in absent))
    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=codepoints)
    sub.subset(font)

    added = add_synthetic_glyphs(font)
    print(f"  synthesised glyphs: {''.join(added) or 'none'}")
    rename(font)
    font["head"].created = FIXED_TIMESTAMP
    font["head"].modified = FIXED_TIMESTAMP

    buf = io.BytesIO()
    font.recalcTimestamp = False
    font.save(buf, reorderTables=True)
    data = buf.getvalue()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return data


def verify(out: Path) -> None:
    font = TTFont(str(out))
    cmap = font.getBestCmap()
    missing = [c for c in MUST_HAVE if ord(c) not in cmap]
    glyphs = len(font.getGlyphOrder())
    name = font["name"]
    print(f"output: {out}")
    print(f"  family/subfamily: {name.getDebugName(1)} / {name.getDebugName(2)}")
    print(f"  outlines: {'CFF' if 'CFF ' in font else 'glyf'}")
    print(f"  mapped characters: {len(cmap)}")
    print(f"  glyphs: {glyphs}")
    print(f"  size: {out.stat().st_size} bytes")
    print(f"  sha256: {hashlib.sha256(out.read_bytes()).hexdigest()}")
    print(f"  required {MUST_HAVE}: "
          + ("all present" if not missing else f"MISSING {''.join(missing)}"))
    if missing:
        sys.exit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    if not args.source.exists():
        sys.exit(f"{args.source} not found: apt-get install -y fonts-noto-cjk")
    build(args.source, args.out)
    verify(args.out)


if __name__ == "__main__":
    main()
