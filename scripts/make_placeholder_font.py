"""Write extract/fonts/fujian-placeholder.ttf: a small font that gives PDFium an outline box for
every character of a font a PDF names but does not embed (STSong-Light, SimSun …).

    python scripts/make_placeholder_font.py     # needs fontTools and reportlab (its Vera.ttf)

Why: PDFium's text page leaves out a text object whose box has no width, and the box comes
from the outlines of the font PDFium draws with. On a machine without Chinese fonts, a
non-embedded Chinese font is drawn with nothing, so a one-character object (年度总体绩效目|标,
a cell's wrapped last character, a lone 0) has no width and its character is lost. PDFium is
pointed at this font as well as the system's font folders (extract/pdfium_library.py); it
claims the CJK code pages, so PDFium substitutes it for such a font only when no system font
fits better.

The font is Bitstream Vera Sans (shipped with reportlab; its licence allows changed copies under
another name) with one glyph added for the wide characters (ideographs, kana, hangul, CJK
punctuation, full-width forms): an ink-less outline (a degenerate contour of two corners of the
em box, no area) of one em advance. Latin letters and digits keep Vera's outlines, so they are
drawn as before; the wide characters draw nothing, as without this font, but PDFium's character
boxes are the advance by the em height, as a real font's would be. The cmap is one format 13
subtable (many-to-one ranges) for the wide characters, with Vera's own mappings, so the file
stays small.
"""
from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

TARGET = Path(__file__).resolve().parent.parent / "extract" / "fonts" / "fujian-placeholder.ttf"
FAMILY = "zzFujianPlaceholder"  # PDFium keeps its font list sorted by name: a tie goes to a real font

WIDE = [(0x1100, 0x11FF), (0x2E80, 0x303F), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
        (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF01, 0xFF60),
        (0xFFE0, 0xFFE6), (0x20000, 0x3FFFD)]


def _vera() -> Path:
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts" / "Vera.ttf"


def build(target: Path = TARGET) -> Path:
    font = TTFont(str(_vera()))
    em = font["head"].unitsPerEm
    pen = TTGlyphPen(None)  # no area: the box is the em box, nothing is filled
    pen.moveTo((0, round(-0.12 * em)))
    pen.lineTo((em, round(0.88 * em)))
    pen.closePath()
    order = font.getGlyphOrder() + ["cjk.box", "cjk.space"]
    glyf = font["glyf"]
    glyf.glyphs["cjk.box"] = pen.glyph()
    glyf.glyphs["cjk.space"] = TTGlyphPen(None).glyph()
    glyf.glyphOrder = order
    font.setGlyphOrder(order)
    font["hmtx"]["cjk.box"] = (em, 0)
    font["hmtx"]["cjk.space"] = (em, 0)
    font["maxp"].numGlyphs = len(order)
    font["hhea"].numberOfHMetrics = len(order)
    for table in ("hdmx", "LTSH", "VDMX", "kern", "gasp", "fpgm", "prep", "cvt "):
        if table in font:
            del font[table]  # per-glyph tables and hinting that would not know the new glyphs
    latin = font.getBestCmap()
    cmap = dict(latin)
    for lo, hi in WIDE:
        cmap.update((cp, "cjk.box") for cp in range(lo, hi + 1) if (cp & 0xFFFF) < 0xFFFE)
    cmap[0x3000] = "cjk.space"
    wide = CmapSubtable.newSubtable(13)  # FreeType takes a UCS-4 (3, 10) table first
    wide.platformID, wide.platEncID, wide.language, wide.cmap = 3, 10, 0, cmap
    bmp = CmapSubtable.newSubtable(4)
    bmp.platformID, bmp.platEncID, bmp.language = 3, 1, 0
    bmp.cmap = {cp: g for cp, g in latin.items() if cp <= 0xFFFF}  # Vera's own (a shorter table)
    font["cmap"].tables = [bmp, wide]
    os2 = font["OS/2"]
    # code pages: 936 simplified Chinese, 950 traditional, 932 Japanese, 949 and 1361 Korean
    os2.ulCodePageRange1 = (1 << 17) | (1 << 18) | (1 << 19) | (1 << 20) | (1 << 21)
    os2.ulCodePageRange2 = 0
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    for name_id, text in ((1, FAMILY), (2, "Regular"), (3, FAMILY), (4, FAMILY), (6, FAMILY),
                          (5, "fujian placeholder, made from Bitstream Vera Sans")):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target


if __name__ == "__main__":
    path = build()
    print(f"{path} ({path.stat().st_size} bytes)")
