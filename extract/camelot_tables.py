"""The camelot engine (lattice flavour): camelot finds the grids (from the rendered page).

camelot returns each table as a full rows × cols matrix of cells that only know which of
their four sides are drawn; a merged cell is the set of neighbouring cells with no drawn
side between them. They become one grid cell with rowspan/colspan; coordinates are
converted to the top-left origin of the upright page.

The cells are then filled exactly like in the pdfplumber engine (each glyph goes to the
cell holding its centre), not with camelot's own text: camelot assigns whole pdfminer text
lines by overlap, which on tightly laid-out pages pulls the 单位：万元 line above a table
into its first cell. Text outside the tables is read the same way too.

Known limits: camelot renders each page (slow, ~8× the pdfplumber engine), needs a decrypted
file (`pdf_open` gives it one), drops a grid whose slots are ≥90 % empty as ruling noise,
marks every outer side of a table as drawn (so page-break cuts are taken from the vector
grid, `_borrow_cut_edges`), and lattice mode needs ruling lines: pages where it finds no
table are read exactly as by the pdfplumber engine (`pdf_tables.unruled_page_items`).
"""
from __future__ import annotations

import logging
import warnings
from typing import Any, Iterator, Optional

from .model import ExtractionError, Item
from .pdf_grid import Grid, GridCell, find_grids, joined_slots
from .pdf_open import reading
from .pdf_page_objects import PageObjects
from .pdf_settings import PdfSettings
from .pdf_tables import in_reading_order, page_items, read_page_objects, unruled_page_items
from .unruled_table import UnruledReader

ENGINE = "camelot"


def _regions(ct: Any) -> list[tuple[int, int, int, int]]:
    """Merged regions (row, col, rowspan, colspan) of a camelot table, from its drawn sides."""
    cells = ct.cells
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    groups = joined_slots(
        n_rows, n_cols,
        lambda r, c: not (cells[r][c].right or cells[r][c + 1].left),
        lambda r, c: not (cells[r][c].bottom or cells[r + 1][c].top))
    out = []
    for slots in groups:
        r0, r1 = min(r for r, _ in slots), max(r for r, _ in slots)
        c0, c1 = min(c for _, c in slots), max(c for _, c in slots)
        if len(slots) == (r1 - r0 + 1) * (c1 - c0 + 1):
            out.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
        else:  # not a rectangle: keep the parts as they are
            out += [(r, c, 1, 1) for r, c in slots]
    return sorted(out)


def to_grid(ct: Any, page_width: float, page_height: float, upside_down: bool = False) -> Grid:
    """One camelot table → Grid in top-left coordinates of the upright page.

    camelot turns pages whose text runs sideways itself, but not an upside-down page: there
    its grid is turned half round here (rows and columns counted from the other end)."""
    xs = [ct.cols[0][0]] + [right for _, right in ct.cols]
    ys = [page_height - ct.rows[0][0]] + [page_height - bottom for _, bottom in ct.rows]
    regions = _regions(ct)
    if upside_down:
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        xs = [page_width - x for x in reversed(xs)]
        ys = [page_height - y for y in reversed(ys)]
        regions = [(n_rows - r - rs, n_cols - c - cs, rs, cs) for r, c, rs, cs in regions]
    cells = [GridCell(r, c, rs, cs, (xs[c], ys[r], xs[c + cs], ys[r + rs]))
             for r, c, rs, cs in sorted(regions)]
    return Grid(xs, ys, cells)


def _borrow_cut_edges(grids: list[Grid], ruled: list[Grid], tol: float = 3.0) -> None:
    """camelot marks every outer side of a table as drawn, so it cannot tell where a page
    break cut a merged cell; take that from the vector grid with the same outline."""
    for grid in grids:
        for other in ruled:
            if all(abs(a - b) <= tol for a, b in zip(grid.bbox, other.bbox)):
                grid.cut_edges = other.cut_edges
                break


def camelot_tables(path: str) -> dict[int, list[Any]]:
    """camelot's lattice tables of every page, by page number."""
    import camelot

    logging.getLogger("camelot").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = camelot.read_pdf(path, pages="all", flavor="lattice", split_text=True,
                                 suppress_stdout=True)
    by_page: dict[int, list[Any]] = {}
    for ct in found:
        by_page.setdefault(int(ct.page), []).append(ct)
    return by_page


def read_pages(path: str, s: PdfSettings, shown: str = "",
               pages: Optional[frozenset[int]] = None,
               reread=None) -> Iterator[tuple[PageObjects, list[Item], list[dict]]]:
    """Per page: its objects, its items and its warnings (same shape as the pdfplumber engine).
    A page `reread` replaces (OCR) has no text for camelot: its rules make its grids."""
    fallback = []
    try:
        with reading(shown or path, "camelot's table detection"):
            by_page = camelot_tables(path)
    except ExtractionError as exc:
        if not isinstance(exc.__context__, ZeroDivisionError):
            raise
        # camelot divides by a zero font size (text drawn with Tf 0, a singular matrix) or
        # page size: read every page as the pdfplumber engine does instead
        by_page = {}
        fallback = [{"code": "camelot_failed", "page": None,
                     "message": "camelot could not read this file (zero-size text or page: "
                                "ZeroDivisionError); its pages were read without camelot's tables"}]
    unruled = UnruledReader()
    for objs in read_page_objects(path, s, shown, pages):
        number = objs.number
        objs.warnings[:0], fallback = fallback, []
        if reread is not None and (new := reread(objs)) is not objs:
            objs = new
            grids = find_grids(objs.rules, objs.glyphs, s) if objs.rules else []
            done = None if grids else unruled_page_items(objs, unruled, s, ENGINE)
            if done is not None:
                yield objs, done[0], objs.warnings + done[1]
                continue
            items = page_items(objs, grids, ENGINE, s)
            unruled.learn_columns(items)
            yield objs, items, objs.warnings
            continue
        if objs.scanned:
            yield objs, in_reading_order([], objs.glyphs, number, s), objs.warnings
            continue
        done = unruled_page_items(objs, unruled, s, ENGINE) if number not in by_page else None
        if done is not None:  # lattice needs rules: such pages are read as by pdfplumber
            yield objs, done[0], objs.warnings + done[1]
            continue
        grids = sorted((to_grid(ct, objs.width, objs.height, objs.turned == 180)
                        for ct in by_page.get(number, [])),
                       key=lambda g: (g.ys[0], g.xs[0]))
        _borrow_cut_edges(grids, find_grids(objs.rules, objs.glyphs, s) if grids else [])
        items = page_items(objs, grids, ENGINE, s)
        unruled.learn_columns(items)  # an unruled page after it may continue its indicators
        yield objs, items, objs.warnings
