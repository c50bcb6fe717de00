"""The PDF engines: each page's glyphs and ruling lines → Tables and TextLines.

PDFium (`pdfium_page_objects`, the default) or pdfplumber (pdfminer) only supplies the page
objects; grids come from `pdf_grid` (ruled
tables) or `pdf_textgrid` (pages without rules), and text from one pass of bucketing the
glyphs into cells (`pdf_text`). Pages are closed as soon as they are read so memory stays
flat over long files.
"""
from __future__ import annotations

import logging
from bisect import bisect_right
from typing import Any, Callable, Iterator, Optional, Sequence

from .model import Cell, Item, Table, TextLine
from .pdf_grid import Grid, find_grids, is_clipped_overflow
from .pdf_open import reading
from .pdf_page_objects import Glyph, PageObjects, page_objects
from .pdf_settings import PdfSettings
from .pdf_text import Line, bucket_glyphs, group_lines, region_text
from .figure_captions import under_figure_caption
from .grid_fit import fit_grids
from .pdf_textgrid import text_grid
from .table_regions import find_regions, glyphs_in, is_chart
from .unruled_pdf import unruled_table
from .unruled_table import UnruledReader

ENGINE = "pdfplumber"

# pdfminer logs a warning for every oddity of a font or stream it works around; they are
# not the user's concern (damage that matters raises and is reported as an ExtractionError)
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def page_items(objs: PageObjects, grids: list[Grid], engine: str, s: PdfSettings) -> list[Item]:
    """Tables (cells filled with their glyphs) and the text lines outside them, top to bottom."""
    buckets = bucket_glyphs(grids, objs.glyphs)
    tables = []
    shared: dict[float, float] = {}  # a grid's cells share their edges: one float per edge
    for grid, cell_glyphs in zip(grids, buckets.cells):
        cells = [Cell(text=region_text(glyphs, s), row=gc.row, col=gc.col, rowspan=gc.rowspan,
                      colspan=gc.colspan, page=objs.number, bbox=_round(gc.bbox, shared))
                 for gc, glyphs in zip(grid.cells, cell_glyphs)]
        tables.append(Table(cells=cells, page=objs.number, bbox=_round(grid.bbox), engine=engine,
                            n_rows=len(grid.ys) - 1, n_cols=len(grid.xs) - 1))
    outside = [g for g in buckets.outside
               if not any(is_clipped_overflow(g, grid, s.clipped_reach) for grid in grids)] \
        if grids else buckets.outside
    return in_reading_order(tables, outside, objs.number, s)


def in_reading_order(tables: list[Table], outside: list[Glyph], page: int,
                     s: PdfSettings) -> list[Item]:
    """The page's tables and the text lines made of the glyphs outside them, top to bottom;
    a page holding tables side by side is read column by column."""
    columns = _side_by_side(tables)
    if not columns:
        return _top_to_bottom(tables, group_lines(outside, s), page)
    gutters = [(left[1] + right[0]) / 2 for left, right in zip(columns, columns[1:])]
    spanning, by_column = [], [[] for _ in columns]
    for line in group_lines(outside, s):
        if _crosses(line, gutters):
            spanning.append(line)
        else:
            for g in line.glyphs:
                by_column[bisect_right(gutters, g.xmid)].append(g)
    first_top = min(t.bbox[1] for t in tables)
    items = _top_to_bottom([], [ln for ln in spanning if ln.bbox[1] < first_top], page)
    for k, glyphs in enumerate(by_column):
        mine = [t for t in tables if bisect_right(gutters, (t.bbox[0] + t.bbox[2]) / 2) == k]
        items += _top_to_bottom(mine, group_lines(glyphs, s), page)
    return items + _top_to_bottom([], [ln for ln in spanning if ln.bbox[1] >= first_top], page)


def _top_to_bottom(tables: list[Table], lines: list[Line], page: int) -> list[Item]:
    placed: list[tuple[float, float, Item]] = [(t.bbox[1], t.bbox[0], t) for t in tables]
    for line in lines:
        placed.append((line.bbox[1], line.bbox[0],
                       TextLine(text=line.text.strip(), page=page, bbox=_round(line.bbox))))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [item for _, _, item in placed]


def _side_by_side(tables: list[Table]) -> list[tuple[float, float]]:
    """The x ranges of the page's table columns when tables stand side by side (else [])."""
    spans = sorted((t.bbox[0], t.bbox[2]) for t in tables if t.bbox)
    columns: list[list[float]] = []
    for a, b in spans:
        if columns and a < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], b)
        else:
            columns.append([a, b])
    return [(a, b) for a, b in columns] if len(columns) > 1 else []


def _crosses(line: Line, gutters: list[float]) -> bool:
    """Does a text line run across a gutter (a page-wide title) rather than stop short of it?"""
    em = max(g.bottom - g.top for g in line.glyphs)
    for m in gutters:
        left = [g.x1 for g in line.glyphs if g.xmid < m]
        right = [g.x0 for g in line.glyphs if g.xmid >= m]
        if left and right and min(right) - max(left) < em:
            return True
    return False


def _round(bbox: tuple, shared: Optional[dict] = None) -> tuple:
    """The box to 0.01 pt; with `shared`, equal coordinates are one float object (a long
    document holds a box per cell). Zero is never shared: -0.0 stays -0.0."""
    if shared is None:
        return tuple(round(v, 2) for v in bbox)
    return tuple(shared.setdefault(r, r) if r else r for r in (round(v, 2) for v in bbox))


def page_grids(objs: PageObjects, s: PdfSettings) -> tuple[list[Grid], list[dict]]:
    """The page's ruled grids (extended over the aligned text around them, degenerate ones
    left to the text reader) and the text-aligned grids of the table regions in the text
    outside them (none at all, several tables, horizontal rules only)."""
    grids, figures = ruled_grids(objs, s)
    extra, warnings = text_region_grids(objs, grids, s, figures=figures)
    return grids + extra, warnings


def ruled_grids(objs: PageObjects, s: PdfSettings) -> tuple[list[Grid], list[tuple]]:
    """The page's ruled grids (degenerate ones left to the text reader), and the boxes of
    those that are figures under their caption (a chart's bars: its words stay text)."""
    grids = find_grids(objs.rules, objs.glyphs, s) if objs.rules else []
    grids = fit_grids(grids, objs.glyphs, s)
    figures = [g.bbox for g in grids if under_figure_caption(g.bbox, objs.glyphs)]
    return [g for g in grids if g.bbox not in figures], figures


def text_region_grids(objs: PageObjects, grids: list[Grid], s: PdfSettings,
                      figures: Sequence[tuple] = ()) -> tuple[list[Grid], list[dict]]:
    """Grids read from text alignment, one per table region of the text outside `grids` and
    the figures' boxes (not read as tables again)."""
    boxes = [g.bbox for g in grids] + list(figures)
    free = [g for g in objs.glyphs if not any(_holds(b, g.xmid, g.ymid) for b in boxes)] \
        if boxes else list(objs.glyphs)
    if not free:
        return [], []
    rules = [r for r in objs.rules if not any(_holds(b, *_rule_mid(r)) for b in boxes)]
    out = []
    for region in find_regions(free, rules, s, taken=boxes):
        inner = glyphs_in(free, region.bbox)
        if is_chart(inner) or under_figure_caption(region.bbox, objs.glyphs):
            continue
        grid = text_grid(inner, s)
        if grid is not None:
            out.append(grid)
    if not out:
        return [], []
    return out, [{"code": "unruled_table", "page": objs.number,
                  "message": f"page {objs.number} has a table without ruling lines; it was read "
                             "from text alignment (cell boxes are the text's extent)"}]


def _holds(box: tuple, x: float, y: float, tol: float = 1.0) -> bool:
    return box[0] - tol <= x <= box[2] + tol and box[1] - tol <= y <= box[3] + tol


def _rule_mid(r) -> tuple[float, float]:
    mid = (r.start + r.end) / 2
    return (mid, r.pos) if r.orientation == "h" else (r.pos, mid)


def read_page_objects(path: str, s: PdfSettings, shown: str = "",
                      pages: Optional[frozenset[int]] = None) -> Iterator[PageObjects]:
    """Each page's objects, in order; a page is closed (its caches flushed) once read.
    `shown` names the file in error messages (`path` may be a decrypted temporary copy);
    `pages` (1-based numbers) limits the pages read."""
    import pdfplumber  # imported here: the default engine (PDFium) never loads pdfminer

    shown = shown or path
    with reading(shown, "the document structure"):
        pdf = pdfplumber.open(path)
    try:
        with reading(shown, "the page tree"):
            all_pages = pdf.pages
        for number, page in enumerate(all_pages, start=1):
            if pages is not None and number not in pages:
                continue
            try:
                with reading(shown, f"page {number}"):
                    objs = page_objects(page, number, s)
            finally:
                page.close()
            yield objs
    finally:
        _close(pdf)


def _close(pdf: Any) -> None:
    """Close without raising: pdfplumber's close() walks the page tree again, which fails on
    the damaged files that brought us here."""
    try:
        pdf.close()
    except Exception:
        stream = getattr(pdf, "stream", None)
        if stream is not None and getattr(pdf, "stream_is_external", False) is False:
            stream.close()


def unruled_page_items(objs: PageObjects, unruled: UnruledReader, s: PdfSettings,
                       engine: str) -> Optional[tuple[list[Item], list[dict]]]:
    """Items and warnings of a page whose rules form no table (None for a page without text).

    The unruled-table reader shared with layout dumps comes first (`unruled` carries the
    indicator columns over to the next page); pages it does not recognise fall back to the
    generic text-aligned grid."""
    if not objs.glyphs:
        return None
    table = unruled_table(objs, unruled, s, engine)
    if table is not None:
        return [table], [{"code": "unruled_table", "page": objs.number,
                          "message": f"page {objs.number} has no ruled table; its table was "
                                     "rebuilt from text positions (cell boxes unknown)"}]
    grids, warnings = text_region_grids(objs, [], s)
    return page_items(objs, grids, engine, s), warnings


def page_object_source(engine: str):
    """The reader of page objects for an engine: PDFium (default) or pdfplumber (pdfminer)."""
    if engine == "pdfplumber":
        return read_page_objects
    from .pdfium_page_objects import read_page_objects as read_with_pdfium
    return read_with_pdfium


def read_pages(path: str, s: PdfSettings, shown: str = "", pages: Optional[frozenset[int]] = None,
               engine: str = ENGINE, password: Optional[str] = None,
               reread: Optional[Callable[[PageObjects], PageObjects]] = None,
               ) -> Iterator[tuple[PageObjects, list[Item], list[dict]]]:
    """Per page: its objects, its items and its warnings (pages are closed after use).
    `engine` picks the page-object reader ("pdfium" or "pdfplumber"); the rest is shared;
    `pages` (1-based numbers) limits the pages read; `reread` may replace a page's objects (OCR
    of a page whose text layer is unusable)."""
    unruled = UnruledReader()  # pages without rules: indicator columns carry over to the next page
    read = page_object_source(engine)
    objects = read(path, s, shown, password, pages) if engine != "pdfplumber" else read(path, s, shown, pages)
    for objs in objects:
        if reread is not None:
            objs = reread(objs)
        if objs.scanned:  # no table to look for; a typed page number stays a text line
            yield objs, in_reading_order([], objs.glyphs, objs.number, s), objs.warnings
            continue
        grids, figures = ruled_grids(objs, s)
        if not grids and not figures:  # no rules, or rules that form no table (三线表)
            done = unruled_page_items(objs, unruled, s, engine)
            if done is not None:
                yield objs, done[0], objs.warnings + done[1]
                continue
        extra, warnings = text_region_grids(objs, grids, s, figures=figures)
        items = page_items(objs, grids + extra, engine, s)
        unruled.learn_columns(items)  # an unruled page after it may continue its indicators
        yield objs, items, objs.warnings + warnings
