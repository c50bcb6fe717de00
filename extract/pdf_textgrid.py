"""Fallback for a page without any ruling lines: a grid from text alignment.

Lines of text are split into runs at wide gaps; the table is the block of lines holding at
least two runs; its columns start where runs start in at least two lines; each line is a row.
A run reaching over later column starts gets a colspan. Lines that overlap vertically (a label
centred beside a wrapped value) form one row; otherwise each line is a row, so a wrapped
cell whose neighbours are not centred on it appears as several rows. Vertical merges cannot
be seen without rules (the normaliser is told by a warning).
"""
from __future__ import annotations

from typing import Optional

from .pdf_grid import Grid, GridCell
from .pdf_page_objects import Glyph
from .pdf_settings import PdfSettings
from .pdf_text import Line, group_lines


def _runs(line: Line, gap: float) -> list[tuple[float, float]]:
    runs: list[list[float]] = []
    for g in line.glyphs:
        if g.text.isspace():
            continue
        if runs and g.x0 - runs[-1][1] <= gap:
            runs[-1][1] = max(runs[-1][1], g.x1)
        else:
            runs.append([g.x0, g.x1])
    return [(a, b) for a, b in runs]


def _column_starts(run_lists: list[list[tuple[float, float]]], tol: float) -> list[float]:
    starts = sorted(a for runs in run_lists for a, _ in runs)
    clusters: list[list[float]] = []
    for x in starts:
        if clusters and x - clusters[-1][-1] <= tol:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [min(c) for c in clusters if len(c) >= 2]


def text_grid(glyphs: list[Glyph], s: PdfSettings) -> Optional[Grid]:
    lines = group_lines(glyphs, s)
    runs = [_runs(line, s.min_column_gap) for line in lines]
    multi = [i for i, r in enumerate(runs) if len(r) >= 2]
    if len(multi) < s.min_table_rows:
        return None
    first, last = multi[0], multi[-1]
    body, body_runs = lines[first:last + 1], runs[first:last + 1]
    starts = _column_starts(body_runs, s.min_column_gap / 2)
    if len(starts) < 2:
        return None
    right = max(b for rs in body_runs for _, b in rs) + 1
    xs = [x - 1 for x in starts] + [right]
    bands = _bands(body)
    ys = [body[0].bbox[1] - 1]
    for upper, lower in zip(bands, bands[1:]):
        ys.append((body[upper[-1]].bbox[3] + body[lower[0]].bbox[1]) / 2)
    ys.append(body[-1].bbox[3] + 1)
    cells = []
    for r, band in enumerate(bands):
        spans: dict[int, int] = {}  # first column → last column of a run starting there
        for a, b in (run for i in band for run in body_runs[i]):
            col = max((i for i, x in enumerate(xs[:-1]) if x <= a), default=0)
            end = max([col] + [i for i, x in enumerate(xs[:-1]) if x < b])
            spans[col] = max(spans.get(col, col), end)
        taken: set[int] = set()
        for col in sorted(spans):
            if col in taken:
                continue
            end = spans[col]
            taken.update(range(col, end + 1))
            cells.append(GridCell(r, col, 1, end - col + 1, (xs[col], ys[r], xs[end + 1], ys[r + 1])))
    return Grid(xs, ys, cells)


def _bands(lines: list[Line]) -> list[list[int]]:
    """Lines that overlap vertically (a label centred beside a wrapped value) form one row."""
    bands: list[list[int]] = []
    bottom = float("-inf")
    for i, line in enumerate(lines):
        if bands and line.bbox[1] < bottom:
            bands[-1].append(i)
        else:
            bands.append([i])
        bottom = max(bottom, line.bbox[3]) if len(bands[-1]) > 1 else line.bbox[3]
    return bands
