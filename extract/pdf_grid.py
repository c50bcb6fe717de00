"""Ruling lines → table grids with merged cells.

A chain of small steps over plain `Rule`s:

1. `merge_rules`     snap rules lying on (almost) the same line together and join collinear
                     pieces that meet end to end (Word draws one segment per cell side, report
                     systems one per character); joined rules shorter than a few points
                     (tick marks) are dropped.
2. `group_rules`     split the rules into connected groups: each group is one table.
3. `close_open_ends` a table continued from the previous page often has no top rule (or
                     only over some columns, when a merged cell is cut by the page break):
                     the verticals' ends are left open with text between them. An implied
                     rule closes them (same at the bottom). A table drawn open at the sides
                     (its first and last columns without outer verticals, the horizontals
                     running on past the verticals over the row labels) is closed where the
                     horizontals end.
4. `grid_cells`      the unique x positions of the verticals and y positions of the
                     horizontals give the elementary grid; neighbouring slots not separated
                     by a drawn border belong to the same (merged) cell. Each cell gets
                     row/col/rowspan/colspan and its bbox.

Coordinates are top-left origin points throughout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from .pdf_page_objects import Glyph, Rule
from .pdf_settings import PdfSettings


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    cells: list[GridCell]
    # stretches of the outline left undrawn beside drawn ones — a merged cell cut by a page
    # break: (side "top"/"bottom", y, x0, x1)
    cut_edges: list[tuple[str, float, float, float]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


# --- 1. merge --------------------------------------------------------------------------------

def _cluster(values: list[float], tol: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


def merge_rules(rules: Iterable[Rule], s: PdfSettings) -> list[Rule]:
    out: list[Rule] = []
    for orientation in ("h", "v"):
        same = [r for r in rules if r.orientation == orientation]
        if not same:
            continue
        snapped: dict[float, list[Rule]] = {}
        for group in _cluster([r.pos for r in same], s.snap_tolerance):
            lo, hi = group[0], group[-1]
            pos = sum(group) / len(group)
            snapped[pos] = [r for r in same if lo <= r.pos <= hi]
        for pos, members in snapped.items():
            members.sort(key=lambda r: r.start)
            start, end = members[0].start, members[0].end
            for r in members[1:]:
                if r.start <= end + s.join_tolerance:
                    end = max(end, r.end)
                else:
                    out.append(Rule(orientation, pos, start, end))
                    start, end = r.start, r.end
            out.append(Rule(orientation, pos, start, end))
    # the minimum length applies to the joined rule: short pieces of a segmented side count
    return [r for r in out if r.end - r.start >= s.min_rule_length]


# --- 2. group --------------------------------------------------------------------------------

def _meets(h: Rule, v: Rule, tol: float) -> bool:
    return (h.start - tol <= v.pos <= h.end + tol) and (v.start - tol <= h.pos <= v.end + tol)


def group_rules(rules: list[Rule], s: PdfSettings) -> list[list[Rule]]:
    """Connected groups of crossing/touching rules (union-find), each with ≥2 h and ≥2 v."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.orientation == "h"]
    vs = [i for i, r in enumerate(rules) if r.orientation == "v"]
    for i in hs:
        for j in vs:
            if _meets(rules[i], rules[j], s.touch_tolerance):
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(find(i), []).append(r)
    out = []
    for g in groups.values():
        n_h = sum(r.orientation == "h" for r in g)
        if n_h >= 1 and len(g) - n_h >= 2:  # one horizontal may be enough: see close_open_ends
            out.append(g)
    return sorted(out, key=lambda g: min(r.pos if r.orientation == "h" else r.start for r in g))


# --- 3. implied rules --------------------------------------------------------------------------

def _implied_rule(hs: list[Rule], vs: list[Rule], side: str, glyphs: list[Glyph],
                  s: PdfSettings) -> Optional[Rule]:
    """The rule closing the verticals' far ends on one side, when none is drawn there and the
    last band (between that end and the nearest horizontal) holds text."""
    tol = s.touch_tolerance
    if side == "top":
        y = min(v.start for v in vs)
        reaching = [v for v in vs if v.start <= y + tol]
        inner = [h.pos for h in hs if h.pos > y + tol]
        band = (y, min(inner)) if inner else None
    else:
        y = max(v.end for v in vs)
        reaching = [v for v in vs if v.end >= y - tol]
        inner = [h.pos for h in hs if h.pos < y - tol]
        band = (max(inner), y) if inner else None
    if len(reaching) < 2 or band is None:
        return None
    x0, x1 = min(v.pos for v in reaching), max(v.pos for v in reaching)
    if _covered(hs, y, x0, x1, s):
        return None
    lo, hi = band
    if not any(x0 < g.xmid < x1 and lo < g.ymid < hi for g in glyphs):
        return None
    return Rule("h", y, x0, x1)


OPEN_SIDE_MIN = 12.0  # horizontals running on this far past the outer vertical: an open side


def _open_side_rule(hs: list[Rule], vs: list[Rule], side: str, glyphs: list[Glyph],
                    s: PdfSettings) -> Optional[Rule]:
    """The vertical closing a side left open: the table's first and last horizontals both run
    on past the outermost vertical (at least OPEN_SIDE_MIN) to about the same x, and the band
    they leave holds text (a column of row labels, a total column)."""
    if len(hs) < 2 or len(_positions(vs, s.snap_tolerance)) < 3:
        return None  # a frame with one divider is read from its text (grid_fit), not widened
    tol = s.touch_tolerance
    top, bottom = min(hs, key=lambda h: h.pos), max(hs, key=lambda h: h.pos)
    if side == "left":
        x = min(v.pos for v in vs)
        ends = [top.start, bottom.start]
        if max(ends) > x - OPEN_SIDE_MIN:
            return None
        edge = max(ends)
        lo, hi = edge, x
    else:
        x = max(v.pos for v in vs)
        ends = [top.end, bottom.end]
        if min(ends) < x + OPEN_SIDE_MIN:
            return None
        edge = min(ends)
        lo, hi = x, edge
    if max(ends) - min(ends) > 2 * tol:
        return None
    if not any(lo < g.xmid < hi and top.pos < g.ymid < bottom.pos and not g.text.isspace()
               for g in glyphs):
        return None
    return Rule("v", edge, top.pos, bottom.pos)


def close_open_ends(group: list[Rule], glyphs: list[Glyph],
                    s: PdfSettings) -> tuple[list[Rule], list[tuple[str, float, float, float]]]:
    """Add the rules a page break left out (a table continued from / on another page).

    Also returns the cut edges: undrawn stretches of an implied rule beside drawn ones."""
    hs = [r for r in group if r.orientation == "h"]
    vs = [r for r in group if r.orientation == "v"]
    added, cuts = [], []
    for side in ("top", "bottom"):
        rule = _implied_rule(hs, vs, side, glyphs, s)
        if rule is None:
            continue
        added.append(rule)
        gaps = _gaps(hs, rule.pos, rule.start, rule.end, s)
        if gaps and gaps != [(rule.start, rule.end)]:
            cuts += [(side, rule.pos, a, b) for a, b in gaps]
    hs += [r for r in added if r.orientation == "h"]
    for side in ("left", "right"):
        rule = _open_side_rule(hs, vs, side, glyphs, s)
        if rule is not None:
            added.append(rule)
    return group + added, cuts


def _gaps(rules: list[Rule], pos: float, lo: float, hi: float, s: PdfSettings) -> list[tuple[float, float]]:
    """Stretches of lo..hi at `pos` that no rule draws."""
    pieces = sorted((r.start, r.end) for r in rules if abs(r.pos - pos) <= s.snap_tolerance
                    and r.end > lo and r.start < hi)
    gaps, reach = [], lo
    for start, end in pieces:
        if start > reach + s.cover_tolerance:
            gaps.append((reach, start))
        reach = max(reach, end)
    if reach < hi - s.cover_tolerance:
        gaps.append((reach, hi))
    return gaps


def is_clipped_overflow(g: Glyph, grid: Grid, reach: float) -> bool:
    """A glyph just outside a cut edge of the grid: text of the merged cell the page break cut,
    drawn centred on the whole cell and clipped away (Excel does this). It is not visible."""
    for side, y, x0, x1 in grid.cut_edges:
        if not (x0 <= g.x0 and g.x1 <= x1):
            continue
        if side == "top" and y - reach <= g.ymid < y:
            return True
        if side == "bottom" and y < g.ymid <= y + reach:
            return True
    return False


# --- 4. cells --------------------------------------------------------------------------------

def _positions(rules: list[Rule], tol: float) -> list[float]:
    return [sum(g) / len(g) for g in _cluster([r.pos for r in rules], tol)]


def _covered(rules: list[Rule], pos: float, lo: float, hi: float, s: PdfSettings) -> bool:
    """Is the segment lo..hi at `pos` drawn (by one rule, or by pieces that chain over it)?"""
    return not _gaps(rules, pos, lo, hi, s)


def joined_slots(n_rows: int, n_cols: int, open_right: Callable[[int, int], bool],
                 open_below: Callable[[int, int], bool]) -> list[list[tuple[int, int]]]:
    """Grid slots joined into regions wherever no border separates two neighbours (a merged
    cell is one region); each region's slots in reading order."""
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and open_right(r, c):
                parent[find(r * n_cols + c)] = find(r * n_cols + c + 1)
            if r + 1 < n_rows and open_below(r, c):
                parent[find(r * n_cols + c)] = find((r + 1) * n_cols + c)
    regions: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            regions.setdefault(find(r * n_cols + c), []).append((r, c))
    return list(regions.values())


def grid_cells(group: list[Rule], s: PdfSettings) -> Optional[Grid]:
    hs = [r for r in group if r.orientation == "h"]
    vs = [r for r in group if r.orientation == "v"]
    xs, ys = _positions(vs, s.snap_tolerance), _positions(hs, s.snap_tolerance)
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # borders[(r, c, side)]: is there a drawn border to the right of / below slot (r, c)?
    right = [[_covered(vs, xs[c + 1], ys[r], ys[r + 1], s) for c in range(n_cols)]
             for r in range(n_rows)]
    below = [[_covered(hs, ys[r + 1], xs[c], xs[c + 1], s) for c in range(n_cols)]
             for r in range(n_rows)]
    left_edge = [_covered(vs, xs[0], ys[r], ys[r + 1], s) for r in range(n_rows)]
    top_edge = [_covered(hs, ys[0], xs[c], xs[c + 1], s) for c in range(n_cols)]

    regions = joined_slots(n_rows, n_cols, lambda r, c: not right[r][c], lambda r, c: not below[r][c])
    cells = []
    for slots in regions:
        r0, r1 = min(r for r, _ in slots), max(r for r, _ in slots)
        c0, c1 = min(c for _, c in slots), max(c for _, c in slots)
        if not _enclosed(slots, r0, r1, c0, c1, right, below, left_edge, top_edge, n_rows, n_cols):
            continue  # open to the outside: not a cell of this table
        if len(slots) != (r1 - r0 + 1) * (c1 - c0 + 1):
            # an L-shaped region (a border drawn only partly): keep its slots as plain cells
            cells += [GridCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])) for r, c in slots]
            continue
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    if not cells:
        return None
    return _trim(Grid(xs, ys, sorted(cells, key=lambda k: (k.row, k.col))))


def _enclosed(slots, r0, r1, c0, c1, right, below, left_edge, top_edge, n_rows, n_cols) -> bool:
    """A region touching the table's outline must be closed there by a drawn border."""
    for r, c in slots:
        if c == 0 and not left_edge[r]:
            return False
        if c == n_cols - 1 and not right[r][c]:
            return False
        if r == 0 and not top_edge[c]:
            return False
        if r == n_rows - 1 and not below[r][c]:
            return False
    return True


def _trim(grid: Grid) -> Grid:
    """Drop boundary rows/columns no cell uses (left by regions open to the outside)."""
    used_rows = sorted({r for k in grid.cells for r in range(k.row, k.row + k.rowspan)})
    used_cols = sorted({c for k in grid.cells for c in range(k.col, k.col + k.colspan)})
    r_first, r_last = used_rows[0], used_rows[-1]
    c_first, c_last = used_cols[0], used_cols[-1]
    if (r_first, c_first) == (0, 0) and r_last == len(grid.ys) - 2 and c_last == len(grid.xs) - 2:
        return grid
    cells = [GridCell(k.row - r_first, k.col - c_first, k.rowspan, k.colspan, k.bbox)
             for k in grid.cells]
    return Grid(grid.xs[c_first:c_last + 2], grid.ys[r_first:r_last + 2], cells)


def find_grids(rules: list[Rule], glyphs: list[Glyph], s: PdfSettings) -> list[Grid]:
    """All ruled tables on a page, top to bottom."""
    grids = []
    for group in group_rules(merge_rules(rules, s), s):
        rules, cuts = close_open_ends(group, glyphs, s)
        grid = grid_cells(rules, s)
        if grid is not None and len(grid.cells) >= 2:
            grid.cut_edges = cuts
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))
