"""Tables drawn by shading alone: each cell a filled rectangle, the cells parted by white gaps,
no ruling line drawn (annual reports, slides exported to PDF).

A big filled rectangle is shading, not a rule (pdf_page_objects). But fills that tile a region —
neighbours edge to edge or across a gap of a white hairline, at least two rows and two
columns of them, text inside most — are a table's cells, and their edges are the rules the
table would have had: they are handed to the grid finder like drawn ones. Striped tables (every other
row shaded) count their unshaded rows as cells too. A lone shaded header row, a chart's bars
(no text in them) or a page background stay shading.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable, Sequence

Edge = tuple[str, float, float, float]  # a Rule's fields: "h"/"v", pos, start, end

MIN_FILLS = 4  # fills in a cluster
MIN_TEXT_SHARE = 0.5  # of its fills holding text
GAP = 3.0  # at most this far apart (a white hairline between two cells)
MIN_SIDE = 4.0  # a fill narrower or lower than this is a rule or a dot, not a cell
STRIPE_GAP = 1.5  # an unshaded row between stripes: at most this many times a stripe's height
MAX_FILLS = 3000  # more on one page is a picture drawn in paths, not a table


def _outermost(boxes: list[tuple]) -> list[tuple]:
    """Without the fills lying inside another (a cell's padding shaded again inside it)."""
    kept: list[tuple] = []
    for b in sorted(set(boxes), key=lambda f: -(f[2] - f[0]) * (f[3] - f[1])):
        if not any(k[0] - 0.5 <= b[0] and k[1] - 0.5 <= b[1] and b[2] <= k[2] + 0.5
                   and b[3] <= k[3] + 0.5 for k in kept):
            kept.append(b)
    return kept


def _stripe_gaps(boxes: list[tuple], drawn: Sequence[tuple]) -> list[tuple]:
    """The unshaded rows of a striped table as cells: between two fills of the same column
    (the same left and right edges) one above the other, a gap no higher than them; and
    between the last fill and a drawn horizontal (the table's bottom border) as close."""
    columns: dict[tuple, list[tuple]] = {}
    for b in boxes:
        columns.setdefault((round(b[0]), round(b[2])), []).append(b)
    gaps = []
    for same in columns.values():
        same.sort(key=lambda f: f[1])
        for a, b in zip(same, same[1:]):
            gap = b[1] - a[3]
            if GAP < gap <= STRIPE_GAP * min(a[3] - a[1], b[3] - b[1]):
                gaps.append((max(a[0], b[0]), a[3], min(a[2], b[2]), b[1]))
        last = same[-1]
        below = [pos for pos, x0, x1 in drawn if x0 <= last[0] + GAP and x1 >= last[2] - GAP
                 and last[3] + GAP < pos <= last[3] + STRIPE_GAP * (last[3] - last[1])]
        if below and len(same) > 1:
            gaps.append((last[0], last[3], last[2], min(below)))
    return gaps


def _neighbours(a: tuple, b: tuple) -> bool:
    """Side by side or one above the other, across at most GAP, sharing most of that side."""
    ax0, at, ax1, ab = a
    bx0, bt, bx1, bb = b
    x_gap = max(bx0 - ax1, ax0 - bx1)
    y_gap = max(bt - ab, at - bb)
    if -GAP <= x_gap <= GAP and y_gap < 0:  # side by side
        overlap = min(ab, bb) - max(at, bt)
        return overlap >= 0.5 * min(ab - at, bb - bt)
    if -GAP <= y_gap <= GAP and x_gap < 0:  # one above the other
        overlap = min(ax1, bx1) - max(ax0, bx0)
        return overlap >= 0.5 * min(ax1 - ax0, bx1 - bx0)
    return False


def _clusters(boxes: list[tuple]) -> list[list[int]]:
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    tops = [boxes[i][1] for i in order]
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for k, i in enumerate(order):
        a = boxes[i]
        # candidates start at most GAP below a's bottom
        for j in order[k + 1:bisect_right(tops, a[3] + GAP)]:
            if _neighbours(a, boxes[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) >= MIN_FILLS]


def _snapped(values: Iterable[float]) -> dict[float, float]:
    """Each edge position → the middle of its group: edges of neighbouring cells across a
    white gap (at most GAP apart) are one boundary."""
    groups: list[list[float]] = []
    for v in sorted(set(values)):
        if groups and v - groups[-1][-1] <= GAP + 0.5:
            groups[-1].append(v)
        else:
            groups.append([v])
    return {v: (g[0] + g[-1]) / 2 for g in groups for v in g}


def _distinct(values: Iterable[float]) -> int:
    return len(set(_snapped(values).values()))


def shading_edges(fills: list[tuple], glyphs: Sequence, page_area: float,
                  drawn: Sequence[tuple] = ()) -> list[Edge]:
    """The edges of the fills (x0, top, x1, bottom) that tile a table, as rules' fields;
    `glyphs` are the page's (text, xmid, ymid used), `drawn` its drawn horizontals
    (pos, start, end)."""
    boxes = [f for f in fills if f[2] - f[0] >= MIN_SIDE and f[3] - f[1] >= MIN_SIDE
             and (f[2] - f[0]) * (f[3] - f[1]) < 0.5 * page_area]
    if not MIN_FILLS <= len(boxes) <= MAX_FILLS:
        return []
    boxes = _outermost(boxes)
    boxes += _stripe_gaps(boxes, drawn)
    mids = sorted((g.ymid, g.xmid) for g in glyphs if not g.text.isspace())
    ys = [m[0] for m in mids]
    rules: list[Edge] = []
    for cluster in _clusters(boxes):
        cells = [boxes[i] for i in cluster]
        if _distinct(c[1] for c in cells) < 2 or _distinct(c[0] for c in cells) < 2:
            continue
        with_text = 0
        for x0, top, x1, bottom in cells:
            lo, hi = bisect_left(ys, top), bisect_right(ys, bottom)
            with_text += any(x0 <= x <= x1 for _, x in mids[lo:hi])
        if with_text < MIN_TEXT_SHARE * len(cells):
            continue
        xs = _snapped(v for c in cells for v in (c[0], c[2]))
        ys_ = _snapped(v for c in cells for v in (c[1], c[3]))
        for x0, top, x1, bottom in cells:
            x0, x1, top, bottom = xs[x0], xs[x1], ys_[top], ys_[bottom]
            rules += [("h", top, x0, x1), ("h", bottom, x0, x1),
                      ("v", x0, top, bottom), ("v", x1, top, bottom)]
    return rules
