"""A PDF page with no ruling lines → a Table, through the same reader as `pdftotext -layout`
dumps (unruled_table): glyphs are grouped into text lines, a line is cut into fragments at
gaps of about a character or more, and fragments are placed by their x position in points.
A cell's bbox is the box of its text (there are no cell borders to measure)."""
from __future__ import annotations

from statistics import median
from typing import Optional

from .model import Cell, Table
from .pdf_page_objects import Glyph, PageObjects
from .pdf_settings import PdfSettings
from .pdf_text import _line_text
from ..vocabulary import header_key, is_indicator_header, is_table_title
from .unruled_table import Fragment, Line, UnruledReader

CELL_GAP_EM = 0.9  # a gap this many character widths wide separates two cells


def char_width(glyphs: list[Glyph]) -> float:
    """The width of a CJK character (≈ the font size) on the page."""
    wide = [g.x1 - g.x0 for g in glyphs if ord(g.text[:1] or " ") > 0x2E80]
    return median(wide) if wide else median([g.x1 - g.x0 for g in glyphs] or [10.0]) * 2


def visual_lines(glyphs: list[Glyph], em: float) -> list[list[Glyph]]:
    """Glyphs → the lines a reader sees: glyphs whose tops are within ~0.4 em, left to right.
    (Grouping by overlapping heights would chain a cell's second line to its neighbour's first
    when the two cells' texts are centred at different heights.)"""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.top):
        if lines and abs(g.top - lines[-1][0].top) <= 0.4 * em:
            lines[-1].append(g)
        else:
            lines.append([g])
    return [sorted(ln, key=lambda g: g.x0) for ln in lines]


def page_lines(objs: PageObjects, s: PdfSettings, em: float) -> list[Line]:
    lines = visual_lines(objs.glyphs, em)
    heights = [max(g.bottom for g in ln) - min(g.top for g in ln) for ln in lines]
    pitch = ((median(heights) if heights else em) or em) * 1.15  # one text line, for line numbers
    out = []
    for ln in lines:
        runs: list[list[Glyph]] = []
        for g in ln:
            if runs and g.x0 - runs[-1][-1].x1 < CELL_GAP_EM * em:
                runs[-1].append(g)  # spaces drawn as glyphs stay inside the text
            elif not g.text.isspace():
                runs.append([g])
        frags = [Fragment(r[0].x0, r[-1].x1, _line_text(r, s.space_gap).strip(),
                          min(g.top for g in r), max(g.bottom for g in r)) for r in runs]
        out.append(Line(round(min(g.top for g in ln) / pitch), [f for f in frags if f.text]))
    return [ln for ln in out if ln.fragments]


def _names_the_form(line: Line) -> bool:
    texts = [f.text for f in line.fragments]
    return is_indicator_header(texts) or any(header_key(t) or is_table_title(t) for t in texts)


def unruled_table(objs: PageObjects, reader: UnruledReader, s: PdfSettings, engine: str) -> Optional[Table]:
    if not objs.glyphs:
        return None
    em = char_width(objs.glyphs)
    if not em > 0:  # text drawn at size 0 (Tf 0) or through a singular matrix: invisible
        return None
    reader.char_width = em
    lines = page_lines(objs, s, em)
    if reader.columns is None and not any(_names_the_form(ln) for ln in lines):
        return None  # not a performance-target table: the generic text-aligned grid reads it
    rows = reader.page_rows(lines)
    cells = [Cell(text=f.text, row=r, col=c, page=objs.number,
                  bbox=tuple(round(v, 2) for v in f.bbox) if f.bbox else None)
             for r, fields in enumerate(rows) for c, f in enumerate(fields) if f and f.text.strip()]
    if not cells:
        return None
    bbox = (min(g.x0 for g in objs.glyphs), min(g.top for g in objs.glyphs),
            max(g.x1 for g in objs.glyphs), max(g.bottom for g in objs.glyphs))
    return Table(cells=cells, page=objs.number, bbox=tuple(round(v, 2) for v in bbox), engine=engine,
                 n_rows=len(rows), n_cols=max(len(f) for f in rows))
