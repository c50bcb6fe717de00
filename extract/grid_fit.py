"""A ruled grid is a start, not the answer.

- A grid of one column (a box drawn around a block of text, a frame with a single divider)
  is read again from the alignment of its text: when that finds two or more columns, the
  text grid replaces it; a real one-column box (label：value lines of a form) stays.
- Body rows printed without row rules under a ruled header are one ruled row holding every
  value stacked: it is cut at its text lines when the columns' lines run side by side.
- Columns printed without column rules inside a ruled column (Male | Female under one ruled
  group) share a gutter: an empty vertical band that parts the text of nearly every row.
  The column is cut there; a cell whose text crosses the gutter (the group's heading) spans
  both halves.
"""
from __future__ import annotations

from bisect import bisect_right

from .pdf_grid import Grid, GridCell
from .pdf_page_objects import Glyph
from .pdf_settings import PdfSettings
from .pdf_textgrid import text_grid


def is_degenerate(grid: Grid) -> bool:
    return len(grid.xs) - 1 < 2


def _inside(g: Glyph, box: tuple) -> bool:
    return box[0] <= g.xmid <= box[2] and box[1] <= g.ymid <= box[3]


def fit_grids(grids: list[Grid], glyphs: list[Glyph], s: PdfSettings) -> list[Grid]:
    out = []
    for grid in grids:
        if is_degenerate(grid):
            inner = [g for g in glyphs if _inside(g, grid.bbox)]
            again = text_grid(inner, s) if inner else None
            if again is not None and len(again.xs) - 1 >= 2:
                out.append(again)
                continue
        out.append(split_gutter_columns(split_stacked_rows(grid, glyphs), glyphs))
    return out


# --- body rows without row rules ------------------------------------------------------------

STACKED_MIN_LINES = 3  # a grid row holding this many text lines side by side is several rows


def _line_bands(glyphs: list[Glyph]) -> list[tuple[float, float]]:
    """Vertical extents of the text lines among `glyphs` (overlapping glyphs: one line)."""
    bands: list[list[float]] = []
    for g in sorted(glyphs, key=lambda g: g.top):
        if bands and g.top < bands[-1][1] - 0.25 * (g.bottom - g.top):
            bands[-1][1] = max(bands[-1][1], g.bottom)
        else:
            bands.append([g.top, g.bottom])
    return [(a, b) for a, b in bands]


def _numeric_lines(glyphs: list[Glyph]) -> bool:
    """A column of stacked amounts: three or more lines, nearly all of them numbers."""
    bands = _line_bands(glyphs)
    if len(bands) < STACKED_MIN_LINES:
        return False
    numeric = 0
    for a, b in bands:
        text = "".join(g.text for g in glyphs if a <= g.ymid <= b and not g.text.isspace())
        numeric += bool(text) and any(ch.isdigit() for ch in text) and \
            all(ch.isdigit() or ch in ".,-–—()%$+" for ch in text)
    return numeric >= 0.8 * len(bands)


def _row_splits(grid: Grid, r: int, glyphs: list[Glyph]) -> list[float]:
    """Where row r is cut into the text rows it holds: body rows stacked in one ruled row,
    each column's values on the same lines (not a header whose cells wrap differently)."""
    top, bottom = grid.ys[r], grid.ys[r + 1]
    inside = [g for g in glyphs if top <= g.ymid < bottom and grid.xs[0] <= g.xmid <= grid.xs[-1]
              and not g.text.isspace()]  # `glyphs` may be more than row r's: filtered here
    bands = _line_bands(inside)
    if len(bands) < STACKED_MIN_LINES:
        return []
    cells = [k for k in grid.cells if k.row == r and k.rowspan == 1]
    cols = [[g for g in inside if k.bbox[0] <= g.xmid < k.bbox[2]] for k in cells]
    filled = [c for c in cols if c]
    if sum(1 for c in filled if len(_line_bands(c)) >= STACKED_MIN_LINES) < 2:
        return []
    if not any(_numeric_lines(c) for c in filled):
        return []  # a header whose cells wrap alike (公务用 / 车购置 / 费), not stacked values
    shared = 0
    for a, b in bands:
        n = sum(1 for c in filled if any(a <= g.ymid <= b for g in c))
        shared += n >= max(2, (len(filled) + 1) // 2)
    if shared < 0.8 * len(bands):
        return []
    return [(u[1] + v[0]) / 2 for u, v in zip(bands, bands[1:])]


def split_stacked_rows(grid: Grid, glyphs: list[Glyph]) -> Grid:
    """Cut ruled rows that hold several body rows (row rules left out) at their text lines."""
    by_row: list[list[Glyph]] = [[] for _ in range(len(grid.ys) - 1)]
    for g in glyphs:  # each glyph to the row holding its middle, once (not once a row)
        r = bisect_right(grid.ys, g.ymid) - 1
        if 0 <= r < len(by_row):
            by_row[r].append(g)
    splits = {r: _row_splits(grid, r, by_row[r]) for r in range(len(grid.ys) - 1)}
    splits = {r: cuts for r, cuts in splits.items() if cuts}
    if not splits:
        return grid
    ys, first = [], []  # new boundaries; first[r] = new index of old boundary r
    for r in range(len(grid.ys) - 1):
        first.append(len(ys))
        ys.append(grid.ys[r])
        ys += splits.get(r, [])
    first.append(len(ys))
    ys.append(grid.ys[-1])
    cells = []
    for k in grid.cells:
        r0, r1 = first[k.row], first[k.row + k.rowspan]
        if k.rowspan == 1 and k.row in splits:
            for i in range(r0, r1):
                cells.append(GridCell(i, k.col, 1, k.colspan, (k.bbox[0], ys[i], k.bbox[2], ys[i + 1])))
        else:
            cells.append(GridCell(r0, k.col, r1 - r0, k.colspan, k.bbox))
    return Grid(grid.xs, ys, sorted(cells, key=lambda c: (c.row, c.col)), grid.cut_edges)


# --- columns without column rules -----------------------------------------------------------

GUTTER_MIN_ROWS = 3  # rows a gutter must part (each with text on both sides)
GUTTER_SHARE = 0.8  # of the column's rows with text
GUTTER_MIN_EM = 0.4  # the gutter's width, in the column's median glyph height (about a space)
_FIGURE = frozenset("0123456789.,-–—()%$+")
_STEP = 0.5  # points per bin of the column's profile


def _is_figure(glyphs: list[tuple[float, float, str]]) -> bool:
    text = "".join(t for _, _, t in glyphs)
    return any(ch.isdigit() for ch in text) and all(ch in _FIGURE for ch in text)


def _gutters(spans_by_row: list[list[tuple[float, float, str]]], x0: float, x1: float,
             em: float) -> list[float]:
    """Middles of the empty bands that part nearly every row's text (from `spans_by_row`,
    each row's glyphs as x0, x1, text) into a left and a right part, a figure on the right
    of nearly all of them (columns of amounts; words of a label are not columns)."""
    n_bins = int((x1 - x0) / _STEP)
    rows = [r for r in spans_by_row if r]
    if n_bins < 3 or len(rows) < GUTTER_MIN_ROWS:
        return []
    delta = [0] * (n_bins + 1)  # +1 / -1 where a row's gap opens / closes
    for spans in rows:
        reach = None
        for a, b, _ in sorted(spans):
            if reach is not None and a > reach:  # a gap between this row's glyphs
                i, j = max(0, int((reach - x0) / _STEP) + 1), min(n_bins, int((a - x0) / _STEP))
                if i < j:
                    delta[i] += 1
                    delta[j] -= 1
            reach = b if reach is None else max(reach, b)
    parted, running = [], 0
    for d in delta[:n_bins]:
        running += d
        parted.append(running)
    need = max(GUTTER_MIN_ROWS, GUTTER_SHARE * len(rows))
    cuts, start = [], None
    for i in range(n_bins + 1):
        inside = i < n_bins and parted[i] >= need
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            cut = x0 + (start + i) / 2 * _STEP
            if (i - start) * _STEP >= GUTTER_MIN_EM * em and _parts_figures(rows, cut, need):
                cuts.append(cut)
            start = None
    return cuts


def _parts_figures(rows: list[list[tuple[float, float, str]]], cut: float, need: float) -> bool:
    figures = 0
    for spans in rows:
        left = [g for g in spans if g[1] <= cut]
        right = [g for g in spans if g[0] >= cut]
        figures += bool(left) and len(left) + len(right) == len(spans) and _is_figure(right)
    return figures >= need


def split_gutter_columns(grid: Grid, glyphs: list[Glyph]) -> Grid:
    """Cut ruled columns at the gutters of the columns printed inside them without rules."""
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    if n_rows < GUTTER_MIN_ROWS:
        return grid
    inside = [g for g in glyphs if not g.text.isspace() and grid.xs[0] <= g.xmid <= grid.xs[-1]
              and grid.ys[0] <= g.ymid <= grid.ys[-1]]
    if not inside:
        return grid
    heights = sorted(g.bottom - g.top for g in inside)
    em = heights[len(heights) // 2]
    single = {(r, k.col) for k in grid.cells if k.colspan == 1
              for r in range(k.row, k.row + k.rowspan)}  # slots of one-column cells
    spans = [[[] for _ in range(n_rows)] for _ in range(n_cols)]  # [col][row]: glyph extents
    for g in inside:
        r, c = bisect_right(grid.ys, g.ymid) - 1, bisect_right(grid.xs, g.xmid) - 1
        if 0 <= r < n_rows and 0 <= c < n_cols:
            spans[c][r].append((g.x0, g.x1, g.text))
    cuts = {}
    for c in range(n_cols):
        rows = [spans[c][r] if (r, c) in single else [] for r in range(n_rows)]
        found = _gutters(rows, grid.xs[c], grid.xs[c + 1], em)
        if found:
            cuts[c] = found
    if not cuts:
        return grid
    xs, first = [], []  # new boundaries; first[c] = new index of old boundary c
    for c in range(n_cols):
        first.append(len(xs))
        xs.append(grid.xs[c])
        xs += cuts.get(c, [])
    first.append(len(xs))
    xs.append(grid.xs[-1])
    cells = []
    for k in grid.cells:
        c0, c1 = first[k.col], first[k.col + k.colspan]
        text = [x for r in range(k.row, k.row + k.rowspan) for x in spans[k.col][r]]
        if k.colspan == 1 and k.col in cuts and \
                not any(a < cut < b for a, b, _ in text for cut in cuts[k.col]):
            cells += [GridCell(k.row, i, k.rowspan, 1, (xs[i], k.bbox[1], xs[i + 1], k.bbox[3]))
                      for i in range(c0, c1)]
        else:  # right of a cut, spanning it, or a heading whose text crosses the gutter
            cells.append(GridCell(k.row, c0, k.rowspan, c1 - c0, k.bbox))
    return Grid(xs, grid.ys, sorted(cells, key=lambda c: (c.row, c.col)), grid.cut_edges)
