"""Fallback for a page without any ruling lines: a grid from text alignment.

A chain of small steps over text lines:

1. `_runs`        each line is cut into runs of text at wide gaps.
2. body           the table is the block from the first to the last line holding ≥2 runs;
                  lines above it stay text lines (titles, 单位：万元).
3. `_bands`       lines that overlap vertically form one row: a wrapped value with its label
                  centred beside it.
4. `_gutters`     columns are separated by the blank vertical stripes between the runs of
                  the lines with most runs (lines with one long run — a goal spanning three
                  columns — would hide the stripes); lines are re-cut at any visible gap
                  inside a stripe.
5. `_row_cells`   each run goes to the column(s) it covers; a run reaching over a stripe
                  gets a colspan; runs of one row in one column are one cell, whose box is
                  its text's extent (unruled cells have no drawn box).
6. `_join_wrapped` a row that only continues columns the row above filled to their width,
                  at the tight spacing of wrapped lines, is that row's wrapped text.
7. `_merge_down`  without rules a merged cell shows only as a label centred on a block of
                  rows whose column is otherwise empty. A label that floats between two
                  rows, or sits off the middle of its own row, and every label in a column
                  where one floats, takes the largest block of rows, empty in its column,
                  that it is centred on; rows holding nothing but such labels disappear.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Optional, Sequence

from .pdf_grid import Grid, GridCell
from .pdf_page_objects import Glyph
from .pdf_settings import PdfSettings
from .pdf_text import Line, group_lines

Run = tuple[float, float]  # x0, x1


@dataclass
class _Band:
    top: float
    bottom: float
    runs: list[tuple[Run, float]]  # each run with its vertical centre


@dataclass
class _Label:
    band: int
    col: int
    end: int  # last column
    ymid: float
    x0: float  # horizontal extent of its text
    x1: float
    rowspan_to: Optional[tuple[int, int]] = None  # band range it was merged over


def _runs(line: Line, gap: float, gap_em: float, gutters: Sequence[Run] = ()) -> list[Run]:
    """Runs of text: a gap wider than `gap` and than `gap_em` × the glyph size splits them;
    so does any visible gap inside a gutter between columns."""
    runs: list[list[float]] = []
    last: Optional[list[float]] = None  # runs[-1]
    for g in line.glyphs:
        if g.text.isspace():
            continue
        x0 = g.x0
        if last is not None:
            end = last[1]
            if gutters and x0 - end > 1.0 \
                    and any(g0 - 1.0 <= end and x0 <= g1 + 1.0 for g0, g1 in gutters):
                pass  # a new run, below
            else:
                em_gap = gap_em * (g.bottom - g.top)
                if x0 - end <= (em_gap if em_gap > gap else gap):  # max(gap, em_gap)
                    x1 = g.x1
                    if x1 > end:  # max(end, x1)
                        last[1] = x1
                    continue
        last = [x0, g.x1]
        runs.append(last)
    return [(a, b) for a, b in runs]


def _bands(lines: list[Line], runs: list[list[Run]]) -> list[_Band]:
    bands: list[_Band] = []
    for line, line_runs in zip(lines, runs):
        ymid = (line.bbox[1] + line.bbox[3]) / 2
        tagged = [(r, ymid) for r in line_runs]
        if bands and line.bbox[1] < bands[-1].bottom:
            bands[-1].bottom = max(bands[-1].bottom, line.bbox[3])
            bands[-1].runs += tagged
        else:
            bands.append(_Band(line.bbox[1], line.bbox[3], tagged))
    return bands


def _gutters(runs: list[list[Run]]) -> tuple[float, float, list[Run]]:
    """Left and right edge of the table's text and the blank vertical stripes (gutters)
    between the runs of the lines with most runs."""
    most = max(len(r) for r in runs)
    # a spanning header (5 runs over a 13-column body) would hide the body's stripes too
    busy = [line_runs for line_runs in runs if len(line_runs) >= max(min(3, most), -(-3 * most // 5))]
    left = min(a for line_runs in runs for a, _ in line_runs) - 1
    right = max(b for line_runs in runs for _, b in line_runs) + 1
    spans = sorted(run for line_runs in busy for run in line_runs)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 2:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return left, right, [(u[1], v[0]) for u, v in zip(merged, merged[1:])]


NARROW_GAP_EM = 0.3  # a narrower blank stripe than a column gap …
NARROW_SUPPORT = 0.6  # … separates columns when this share of the busy lines has text both sides


def _narrow_gutters(lines: list[Line], runs: list[list[Run]], gutters: list[Run]) -> list[Run]:
    """Blank vertical stripes narrower than a column gap (a dense table: 'no. Rate (95% CI)')
    that no busy line crosses and that most busy lines have text right beside on both sides —
    word gaps inside a text column do not line up like that."""
    most = max(len(r) for r in runs)
    busy = [line for line, r in zip(lines, runs) if len(r) >= max(min(3, most), -(-3 * most // 5))]
    if len(busy) < 3:
        return []
    em = median(g.bottom - g.top for line in busy for g in line.glyphs)
    fine = [_runs(line, 0.0, NARROW_GAP_EM) for line in busy]
    spans = sorted(run for r in fine for run in r)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for u, v in zip(merged, merged[1:]):
        g0, g1 = u[1], v[0]
        if g1 - g0 < NARROW_GAP_EM * em or any(a < g1 and g0 < b for a, b in gutters):
            continue
        both = sum(1 for r in fine if any(g0 - 2 * em <= b <= g0 + 0.5 for _, b in r)
                   and any(g1 - 0.5 <= a <= g1 + 2 * em for a, _ in r))
        if both >= NARROW_SUPPORT * len(busy):
            out.append((g0, g1))
    return out


def _start_col(a: float, gutters: list[Run]) -> int:
    """Column of text starting at a: right of every gutter whose middle it has passed."""
    return sum(1 for g0, g1 in gutters if (g0 + g1) / 2 < a)


def _end_col(b: float, gutters: list[Run]) -> int:
    """Column of text ending at b: a run ending inside a gutter stays left of it."""
    return sum(1 for _, g1 in gutters if g1 < b)


def _row_cells(band: _Band, gutters: list[Run]) -> dict[int, tuple[int, float, float, float]]:
    """first column → (last column, vertical centre of its first run, x0, x1 of its runs)."""
    cells: dict[int, tuple[int, float, float, float]] = {}
    for (a, b), ymid in sorted(band.runs):
        col = _start_col(a, gutters)
        end = max(col, _end_col(b, gutters))
        owner = next((c for c, (e, *_) in cells.items() if c <= col <= e), None)
        if owner is not None:
            e, y, x0, x1 = cells[owner]
            cells[owner] = (max(e, end), y, min(x0, a), max(x1, b))
        else:
            cells[col] = (end, ymid, a, b)
    return cells


def _join_wrapped(bands: list[_Band], rows: list[dict], em: float) -> tuple[list[_Band], list[dict]]:
    """A row that only continues columns the row above filled to their width, at the tight
    spacing of wrapped lines (less than 0.6 em apart), is that row's wrapped text. A label
    centred on the wrapped cell may sit between the two lines; it joins the row too."""
    col_right: dict[int, float] = {}
    for row in rows:
        for c, (e, _, _, x1) in row.items():
            if e == c:
                col_right[c] = max(col_right.get(c, x1), x1)

    def continues(above_b: _Band, above: dict, band: _Band, row: dict) -> bool:
        """Every cell of `row` continues a cell of `above` that filled its column, or is a
        label in a column `above` leaves empty; at least one continues."""
        if not row or band.top - above_b.bottom > 0.6 * em:
            return False
        if len(row) >= 3 and set(row) == set(above):
            return False  # every column again: the next row of a dense table, not a wrap
        filled = [c in above and above[c][0] == e and above[c][3] >= col_right.get(c, 0) - em
                  for c, (e, *_) in row.items()]
        empty_above = [not any(_occupied(above, k) for k in range(c, e + 1))
                       for c, (e, *_) in row.items()]
        return any(filled) and all(f or n for f, n in zip(filled, empty_above))

    out_b, out_r = [bands[0]], [dict(rows[0])]
    for band, row in zip(bands[1:], rows[1:]):
        take = 0
        if continues(out_b[-1], out_r[-1], band, row):
            take = 1
        elif len(out_b) >= 2 and not set(out_r[-1]) & set(row) \
                and continues(out_b[-2], out_r[-2], band, row):
            take = 2  # across a label line between the wrapped lines
        if not take:
            out_b.append(band)
            out_r.append(dict(row))
            continue
        if take == 2:  # fold the label line into the row first
            mid_b, mid = out_b.pop(), out_r.pop()
            out_b[-1].bottom = max(out_b[-1].bottom, mid_b.bottom)
            out_b[-1].runs += mid_b.runs
            out_r[-1].update(mid)
        above_b, above = out_b[-1], out_r[-1]
        above_b.bottom = max(above_b.bottom, band.bottom)
        above_b.runs += band.runs
        for c, (e, y, x0, x1) in row.items():
            if c in above:
                e0, y0, a0, b0 = above[c]
                above[c] = (e0, y0, min(a0, x0), max(b0, x1))
            else:
                above[c] = (e, y, x0, x1)
    return out_b, out_r


def _occupied(cells: dict[int, tuple], col: int) -> bool:
    return any(c <= col <= e for c, (e, *_) in cells.items())


def _floating(i: int, col: int, end: int, rows: list[dict]) -> bool:
    """A label alone between two rows that leave its columns empty but hold text further right."""
    if i == 0 or i == len(rows) - 1:
        return False
    for j in (i - 1, i + 1):
        if any(_occupied(rows[j], c) for c in range(col, end + 1)):
            return False
        if not any(c > end for c in rows[j]):
            return False
    return True


def _merge_down(rows: list[dict], edges: list[float], tol: float) -> tuple[list[_Label], set[int]]:
    """Labels with the band range they span, and the floating bands."""
    labels = [_Label(i, c, e, y, x0, x1) for i, row in enumerate(rows)
              for c, (e, y, x0, x1) in sorted(row.items())]
    floating = {i for i, row in enumerate(rows)
                if row and all(_floating(i, c, e, rows) for c, (e, *_) in row.items())}
    merge_cols = {lab.col for lab in labels if lab.band in floating}
    real = [i for i in range(len(rows)) if i not in floating]
    claimed: set[tuple[int, int]] = set()  # (band, column) already inside a merged cell
    for lab in labels:
        off_centre = abs(lab.ymid - (edges[lab.band] + edges[lab.band + 1]) / 2) > tol
        if lab.col not in merge_cols and not off_centre:
            continue
        cols = range(lab.col, lab.end + 1)

        def free(i: int) -> bool:
            if any((i, c) in claimed for c in cols):
                return False
            return i == lab.band or not any(_occupied(rows[i], c) for c in cols)

        k = next((n for n, i in enumerate(real) if i >= lab.band), len(real))
        if lab.band in floating:
            lo, hi = k, k - 1  # between real[k - 1] and real[k]
        else:
            if not free(lab.band):
                continue
            lo = hi = k
        while lo - 1 >= 0 and free(real[lo - 1]):
            lo -= 1
        while hi + 1 < len(real) and free(real[hi + 1]):
            hi += 1
        best = None
        for j in range(lo, hi + 1):
            for m in range(j, hi + 1):
                top, bottom = edges[real[j]], edges[real[m] + 1]
                if top <= lab.ymid <= bottom and abs((top + bottom) / 2 - lab.ymid) <= tol \
                        and (best is None or m - j > best[1] - best[0]):
                    best = (j, m)
        if best is None:
            continue
        lab.rowspan_to = (real[best[0]], real[best[1]])
        claimed.update((i, c) for i in range(real[best[0]], real[best[1]] + 1) for c in cols)
    return labels, floating


def text_grid(glyphs: list[Glyph], s: PdfSettings) -> Optional[Grid]:
    lines = group_lines(glyphs, s)
    runs = [_runs(line, s.min_column_gap, s.min_column_gap_em) for line in lines]
    multi = [i for i, r in enumerate(runs) if len(r) >= 2]
    if len(multi) < s.min_table_rows:
        return None
    first, last = multi[0], multi[-1]
    left, right, gutters = _gutters(runs[first:last + 1])
    if not gutters:
        return None
    gutters = sorted(gutters + _narrow_gutters(lines[first:last + 1], runs[first:last + 1], gutters))
    xs = [left] + [(g0 + g1) / 2 for g0, g1 in gutters] + [right]
    runs = [_runs(line, s.min_column_gap, s.min_column_gap_em, gutters) for line in lines]
    bands = _bands(lines[first:last + 1], runs[first:last + 1])
    rows = [_row_cells(b, gutters) for b in bands]
    em = median(g.bottom - g.top for g in glyphs)
    bands, rows = _join_wrapped(bands, rows, em)
    # band edges: halfway between neighbouring bands
    edges = [bands[0].top - 1] + [(u.bottom + v.top) / 2 for u, v in zip(bands, bands[1:])] \
        + [bands[-1].bottom + 1]
    labels, floating = _merge_down(rows, edges, s.centre_tolerance)
    moved = {lab.band for lab in labels if lab.rowspan_to is None and lab.band in floating}
    kept = [i for i in range(len(rows)) if i not in floating or i in moved]
    index = {band: r for r, band in enumerate(kept)}
    ys = [edges[i] for i in kept] + [edges[-1]]
    cells = []
    for lab in labels:
        first_band, last_band = lab.rowspan_to or (lab.band, lab.band)
        r0, r1 = index[first_band], index[last_band]
        # the box of an unruled cell is its text's horizontal extent over its rows
        cells.append(GridCell(r0, lab.col, r1 - r0 + 1, lab.end - lab.col + 1,
                              (lab.x0 - 0.5, ys[r0], lab.x1 + 0.5, ys[r1 + 1])))
    return Grid(xs, ys, sorted(cells, key=lambda k: (k.row, k.col)))
