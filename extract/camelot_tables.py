"""The camelot engine (lattice flavour): camelot finds the grids and fills the cells.

camelot returns each table as a full rows × cols matrix of cells that only know which of
their four sides are drawn; a merged cell is the set of neighbouring cells with no drawn
side between them. They become one `Cell` with rowspan/colspan and the text of its parts
(camelot moves a merged cell's text to its top-left part). Coordinates are converted to the
top-left origin of the upright page.

Text outside the tables (titles, 单位：万元, page numbers) is not camelot's business: it is
read with pdfplumber like in the default engine, from the glyphs outside camelot's tables.

Known limits: camelot renders each page (slow), needs a decrypted file (`pdf_open` gives it
one), and has no text-alignment fallback in lattice mode: a page without ruling lines
yields no table.
"""
from __future__ import annotations

import logging
import warnings
from typing import Any, Iterator

import pdfplumber

from .model import Cell, Item, Table
from .pdf_page_objects import Glyph, PageObjects, page_objects
from .pdf_settings import PdfSettings
from .pdf_tables import in_reading_order

ENGINE = "camelot"


def _regions(ct: Any) -> list[tuple[int, int, int, int]]:
    """Merged regions (row, col, rowspan, colspan) of a camelot table, from its drawn sides."""
    cells = ct.cells
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = cells[r][c]
            if c + 1 < n_cols and not (here.right or cells[r][c + 1].left):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and not (here.bottom or cells[r + 1][c].top):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(find(r * n_cols + c), []).append((r, c))
    out = []
    for slots in groups.values():
        r0, r1 = min(r for r, _ in slots), max(r for r, _ in slots)
        c0, c1 = min(c for _, c in slots), max(c for _, c in slots)
        if len(slots) == (r1 - r0 + 1) * (c1 - c0 + 1):
            out.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
        else:  # not a rectangle: keep the parts as they are
            out += [(r, c, 1, 1) for r, c in slots]
    return sorted(out)


def _text(parts: list[str]) -> str | None:
    pieces = [p.strip("\n") for p in parts if p and p.strip()]
    text = "\n".join(pieces)
    return text or None


def to_table(ct: Any, page: int, page_height: float) -> Table:
    """One camelot table → Table (top-left coordinates of the upright page)."""
    cells = []
    grid = ct.cells
    for r, c, rs, cs in _regions(ct):
        parts = [grid[i][j].text for i in range(r, r + rs) for j in range(c, c + cs)]
        first, last = grid[r][c], grid[r + rs - 1][c + cs - 1]
        bbox = (first.x1, page_height - first.y2, last.x2, page_height - last.y1)
        cells.append(Cell(text=_text(parts), row=r, col=c, rowspan=rs, colspan=cs, page=page,
                          bbox=tuple(round(v, 2) for v in bbox)))
    x1, y1, x2, y2 = ct._bbox
    return Table(cells=cells, page=page, engine=ENGINE, n_rows=len(grid), n_cols=len(grid[0]),
                 bbox=tuple(round(v, 2) for v in (x1, page_height - y2, x2, page_height - y1)))


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


def _outside(glyphs: list[Glyph], tables: list[Table]) -> list[Glyph]:
    def inside(g: Glyph, b: tuple) -> bool:
        return b[0] <= g.xmid <= b[2] and b[1] <= g.ymid <= b[3]

    return [g for g in glyphs if not any(inside(g, t.bbox) for t in tables)]


def read_pages(path: str, s: PdfSettings) -> Iterator[tuple[PageObjects, list[Item], list[dict]]]:
    """Per page: its objects, its items and its warnings (same shape as the pdfplumber engine)."""
    by_page = camelot_tables(path)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                objs = page_objects(page, number, s)
            finally:
                page.close()
            tables = sorted((to_table(ct, number, objs.height) for ct in by_page.get(number, [])),
                            key=lambda t: (t.bbox[1], t.bbox[0]))
            items = in_reading_order(tables, _outside(objs.glyphs, tables), number, s)
            yield objs, items, objs.warnings
