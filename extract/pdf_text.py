"""Glyphs → text: lines of a region, glyphs bucketed into grid cells in one pass.

Text is kept raw — wrapped lines are joined with "\\n", characters are kept as drawn
(Kangxi look-alikes included); the normaliser decides what they mean.
"""
from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter
from dataclasses import dataclass
from typing import Optional, Sequence

from .pdf_grid import Grid
from .pdf_page_objects import Glyph
from .pdf_settings import PdfSettings


@dataclass
class Line:
    glyphs: list[Glyph]
    text: str
    bbox: tuple[float, float, float, float]


def _line_text(glyphs: list[Glyph], space_gap: float) -> str:
    parts: list[str] = []
    prev: Optional[Glyph] = None
    for g in glyphs:
        if prev is not None and g.x0 - prev.x1 > space_gap \
                and not g.text.isspace() and not prev.text.isspace():
            parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


_X0, _X1, _TOP, _BOTTOM = attrgetter("x0"), attrgetter("x1"), attrgetter("top"), attrgetter("bottom")


def group_lines(glyphs: Sequence[Glyph], s: PdfSettings) -> list[Line]:
    """Glyphs → text lines, top to bottom, each read left to right."""
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    bottom = 0.0
    if not isinstance(glyphs, (list, tuple)):
        glyphs = list(glyphs)
    twice = [g.top + g.bottom for g in glyphs]  # twice the vertical centre: the sort key
    for k in sorted(range(len(twice)), key=twice.__getitem__):
        g = glyphs[k]
        if row and twice[k] / 2 < bottom:
            row.append(g)
            if g.bottom > bottom:
                bottom = g.bottom
        else:
            row = [g]
            rows.append(row)
            bottom = g.bottom
    lines = []
    x0_of = _X0
    space_gap = s.space_gap
    for row in rows:
        row.sort(key=x0_of)
        text = _line_text(row, space_gap)
        if not text.strip():
            continue
        bbox = (row[0].x0, min(map(_TOP, row)), max(map(_X1, row)), max(map(_BOTTOM, row)))
        lines.append(Line(row, text, bbox))
    return lines


def region_text(glyphs: Sequence[Glyph], s: PdfSettings) -> Optional[str]:
    """The text of a cell: its lines joined with "\\n" (None when it holds no text).
    Text written sideways in the cell (most of its glyphs turned) is read turned upright."""
    turned = [g for g in glyphs if g.turn]
    if turned and 2 * len(turned) > len(glyphs):
        turn = max((90, 180, 270), key=lambda t: sum(g.turn == t for g in turned))
        glyphs = [_read_upright(g, turn) for g in glyphs]
    text = "\n".join(line.text.strip() for line in group_lines(glyphs, s))
    return text if text else None


def _read_upright(g: Glyph, turn: int) -> Glyph:
    """The glyph's box after turning the cell so that text turned by `turn` reads upright
    (only the order of the boxes matters, so no page size is needed)."""
    if turn == 90:  # reads upwards: turn the cell clockwise, (x, y) → (-y, x)
        return Glyph(g.text, -g.bottom, g.x0, -g.top, g.x1, 0)
    if turn == 270:  # reads downwards: counter-clockwise, (x, y) → (y, -x)
        return Glyph(g.text, g.top, -g.x1, g.bottom, -g.x0, 0)
    return Glyph(g.text, -g.x1, -g.bottom, -g.x0, -g.top, 0)


@dataclass
class Buckets:
    """Glyphs sorted into the cells of each grid, and the glyphs outside every grid."""

    cells: list[list[list[Glyph]]]  # [grid][cell index] → glyphs
    outside: list[Glyph]


def _inside(x: float, y: float, bbox: tuple[float, float, float, float]) -> bool:
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def bucket_glyphs(grids: Sequence[Grid], glyphs: Sequence[Glyph]) -> Buckets:
    """One pass over the glyphs: each goes to the cell holding its centre."""
    lookups = []
    for grid in grids:
        n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
        slot_cell: list[list[int]] = [[-1] * n_cols for _ in range(n_rows)]
        for i, cell in enumerate(grid.cells):
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    slot_cell[r][c] = i
        lookups.append(slot_cell)
    cells: list[list[list[Glyph]]] = [[[] for _ in g.cells] for g in grids]
    outside = []
    frames = [(grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1], grid.xs, grid.ys, lookup,
               grid.cells, grid_glyphs)
              for grid, lookup, grid_glyphs in zip(grids, lookups, cells)]
    for g in glyphs:
        x, y = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2  # g.xmid, g.ymid
        for left, right, top, bottom, xs, ys, lookup, grid_cells, grid_glyphs in frames:
            if not (left <= x < right and top <= y < bottom):
                continue
            c = bisect_right(xs, x) - 1
            r = bisect_right(ys, y) - 1
            i = lookup[r][c]
            if i < 0 or not _inside(x, y, grid_cells[i].bbox):
                # cells that do not tile the grid (text-aligned tables): look at their boxes
                i = next((j for j, cell in enumerate(grid_cells) if _inside(x, y, cell.bbox)), -1)
            if i >= 0:
                grid_glyphs[i].append(g)
                break
        else:
            outside.append(g)
    for grid, cell_glyphs in zip(grids, cells):
        reclaim_overflow(grid, cell_glyphs)
    return Buckets(cells, outside)


def reclaim_overflow(grid: Grid, cell_glyphs: list[list[Glyph]], max_gap: float = 1.0) -> None:
    """Give back text that runs on over an empty neighbour to the right (Excel prints an
    unwrapped line across the empty cells after it): when every line of a cell's text
    starts where a line of the cell to its left ends — same baseline, no gap at the rule —
    the text is the left cell's. Repeated, so a line running over several cells comes home."""
    ending = {(c.row, c.rowspan, c.col + c.colspan): i for i, c in enumerate(grid.cells)}
    for i in sorted(range(len(grid.cells)), key=lambda i: -grid.cells[i].col):
        cell = grid.cells[i]
        j = ending.get((cell.row, cell.rowspan, cell.col))  # the neighbour on the left
        if j is None or not cell_glyphs[i] or not cell_glyphs[j]:
            continue
        if _is_number(cell_glyphs[i]) and _is_number(cell_glyphs[j]):
            continue  # two amounts filling their cells edge to edge, not one line running on
        if all(_continues(line, cell_glyphs[j], max_gap) for line in _rough_lines(cell_glyphs[i])):
            cell_glyphs[j].extend(cell_glyphs[i])
            cell_glyphs[i] = []


def _is_number(glyphs: list[Glyph]) -> bool:
    text = "".join(g.text for g in glyphs if not g.text.isspace())
    return bool(text) and all(ch.isdigit() or ch in ",.，．-" for ch in text) and any(ch.isdigit() for ch in text)


def _rough_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: g.ymid):
        if lines and g.ymid < max(o.bottom for o in lines[-1]):
            lines[-1].append(g)
        else:
            lines.append([g])
    return lines


def _continues(line: list[Glyph], left: list[Glyph], max_gap: float) -> bool:
    """Does this line start right where one of the left cell's lines ends?"""
    first = min(line, key=lambda g: g.x0)
    height = first.bottom - first.top
    same_line = [g for g in left if abs(g.ymid - first.ymid) <= 0.3 * height]
    if not same_line:
        return False
    last = max(same_line, key=lambda g: g.x1)
    return -max_gap <= first.x0 - last.x1 <= max_gap
