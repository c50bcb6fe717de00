"""Where the tables are on a page whose text is not inside a ruled grid.

A page may hold several tables, prose between them (justified paragraphs, two columns of
body text), captions (Table 3, 表3) and notes. Each text line is classed once:

- `prose`    a line of running text: one run across most of the text width, or runs that
             are all long and wordy (body text set in columns);
- `caption`  a line that names a table (`Table 3.`, 表3);
- `table`    a line of two or more runs of text that is not prose;
- `other`    a single short run (a heading, a row label, a note).

Regions are the stretches of `table` lines (with the `other` lines between them) that no
prose, caption or blank band interrupts and whose column structure holds; horizontal rules
with the same extent (a 三线表's top, header and bottom rules) make a region of their own,
from the first rule to the last, and pull in the lines between them. The grid of each
region is read by `pdf_textgrid.text_grid` from that region's glyphs only.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Sequence

from ..vocabulary.bundle import TABLE_CAPTION, TABLE_NOTE
from .pdf_grid import merge_rules
from .pdf_page_objects import Glyph, Rule
from .pdf_settings import PdfSettings
from .pdf_text import Line, group_lines
from .pdf_textgrid import Run, _runs
from .. import lazy_regex

BBox = tuple[float, float, float, float]

WORDY_SPACES = 5  # a run with this many word gaps is running text …
PROSE_WIDTH = 0.55  # … and a single run this share of the text width is a line of prose
COLUMN_PROSE_WIDTH = 0.25  # every run wordy and this wide: body text set in columns
MIN_TEXT_ROWS = 3  # table lines a region without rules needs
INDENT = 0.12  # prose starts this close (share of the text width) to the left margin
MARKER_EM = 0.6  # a bullet or footnote number before it is at most ~4 such widths
BLANK_BAND = 2.4  # a vertical gap this many line pitches tall ends a region
MIN_RULE = 60.0  # a horizontal rule of a 三线表 is at least this long (points)
RULE_EXTENT = 6.0  # rules of one table start and end within this of each other
SENTENCE_SHARE = 0.6  # this share of a region's cells being phrases of words: prose in columns
# a list item's marker: a bullet, or an enumerator (1. 2) a. (iv)) standing apart from its text
LIST_MARKER = lazy_regex.compile_re(r"^(?:[•·▪■●○◦‣⁃∙\-–—*□➢►✓]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}[.)])$")


@dataclass
class Region:
    bbox: BBox
    ruled: bool = False  # bounded by horizontal rules (a 三线表)


@dataclass
class _Row:
    line: Line
    runs: list[Run]
    kind: str  # "table", "prose", "caption", "other"


def _spaces(line: Line, run: Run, gap: float) -> int:
    """Word gaps inside one run (a space glyph, or a visible gap between two glyphs)."""
    inside = [g for g in line.glyphs if g.x0 >= run[0] - 0.5 and g.x1 <= run[1] + 0.5]
    n, prev = 0, None
    for g in inside:
        if g.text.isspace():
            if prev is not None and not prev.text.isspace():
                n += 1
        elif prev is not None and not prev.text.isspace() and g.x0 - prev.x1 > gap:
            n += 1
        prev = g
    return n


def _wordy(line: Line, run: Run, gap: float) -> bool:
    if _spaces(line, run, gap) >= WORDY_SPACES:
        return True
    wide = sum(1 for g in line.glyphs if run[0] <= g.xmid <= run[1] and ord(g.text[:1] or " ") > 0x2E80)
    return wide >= 24  # CJK running text has no spaces


def _em(line: Line) -> float:
    return median(g.bottom - g.top for g in line.glyphs)


def classify(line: Line, runs: list[Run], text_left: float, text_width: float, s: PdfSettings) -> str:
    text = line.text.strip()
    if TABLE_CAPTION.match(text) or TABLE_NOTE.match(text):
        return "caption"
    gap = s.space_gap * 0.5
    for k, (a, b) in enumerate(runs):
        # running text from the left margin, or after a bullet or a footnote number — not a
        # long value beside its label, nor a value's wrapped line in a later column
        lead = runs[0][1] - runs[0][0] if k else 0.0
        if k <= 1 and lead <= 4 * MARKER_EM * _em(line) and runs[0][0] - text_left <= INDENT * text_width \
                and b - a >= PROSE_WIDTH * text_width and _wordy(line, (a, b), gap):
            return "prose"
    if len(runs) == 1 or _list_item(line, runs):
        return "other"
    if all(_wordy(line, r, gap) and r[1] - r[0] >= COLUMN_PROSE_WIDTH * text_width for r in runs):
        return "prose"
    if _justified(line, runs, text_width):
        return "prose"
    # justified running text whose stretched word gaps cut it into runs
    span = runs[-1][1] - runs[0][0]
    if span >= 0.8 * text_width and len(runs) <= 3 and \
            sum(_spaces(line, r, gap) for r in runs) >= 4 * WORDY_SPACES:
        return "prose"
    return "table"


def run_text(line: Line, run: Run) -> str:
    return "".join(g.text for g in line.glyphs if run[0] - 0.5 <= g.xmid <= run[1] + 0.5).strip()


def _list_item(line: Line, runs: list[Run]) -> bool:
    """A bulleted or numbered list item: a marker, then its text (words, not a number)."""
    if len(runs) != 2 or not LIST_MARKER.match(run_text(line, runs[0])):
        return False
    text = run_text(line, runs[1]).replace(" ", "")
    return sum(ch.isalpha() for ch in text) >= 0.6 * max(len(text), 1)


def _sentence(text: str) -> bool:
    """A phrase of words (three or more, few digits): what a column of running text holds."""
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    return text.count(" ") >= 2 and letters >= 12 and digits <= 0.1 * letters


def prose_columns(rows: Sequence["_Row"]) -> bool:
    """Lines cut into runs by a page's column gutters rather than by a table's: most of the
    runs are phrases of words (a table's cells are mostly numbers, names and short labels)."""
    cells = [run_text(r.line, run) for r in rows if r.kind == "table" for run in r.runs]
    return bool(cells) and sum(map(_sentence, cells)) >= SENTENCE_SHARE * len(cells)


def _justified(line: Line, runs: list[Run], text_width: float) -> bool:
    """A justified line of prose whose stretched word gaps cut it into runs: word runs
    across the text width, the gaps between them all about the same."""
    if len(runs) < 4 or runs[-1][1] - runs[0][0] < 0.7 * text_width:
        return False
    gaps = [v[0] - u[1] for u, v in zip(runs, runs[1:])]
    if max(gaps) > 1.6 * min(gaps):
        return False
    letters = sum(ch.isalpha() and ord(ch) < 0x2E80 for ch in line.text)  # words, not CJK
    return letters >= 0.6 * len(line.text.replace(" ", ""))


def is_chart(glyphs: Sequence[Glyph]) -> bool:
    """Text of a chart rather than a table: axis titles and labels written sideways."""
    turned = sum(1 for g in glyphs if g.turn)
    return turned >= 4 and turned >= 0.05 * len(glyphs)


def _stacks(rules: Sequence[Rule], s: PdfSettings) -> list[list[Rule]]:
    """Long horizontal rules grouped by extent (same start and end), each top to bottom."""
    hs = sorted((r for r in merge_rules(rules, s) if r.orientation == "h" and r.end - r.start >= MIN_RULE),
                key=lambda r: r.pos)
    stacks: list[list[Rule]] = []
    for r in hs:
        home = next((st for st in stacks if abs(st[0].start - r.start) <= RULE_EXTENT
                     and abs(st[0].end - r.end) <= RULE_EXTENT), None)
        if home is None:
            stacks.append([r])
        else:
            home.append(r)
    return stacks


def _rows_between(rows: list[_Row], top: float, bottom: float, x0: float, x1: float) -> list[_Row]:
    out = []
    for row in rows:
        ymid = (row.line.bbox[1] + row.line.bbox[3]) / 2
        if top < ymid < bottom and row.line.bbox[0] < x1 and row.line.bbox[2] > x0:
            out.append(row)
    return out


def rule_regions(rows: list[_Row], rules: Sequence[Rule], s: PdfSettings) -> list[Region]:
    """三线表: runs of same-extent horizontal rules whose bands hold table lines and no
    prose or caption."""
    out = []
    for stack in _stacks(rules, s):
        piece: list[Rule] = [stack[0]]
        pieces = []
        for r in stack[1:]:
            between = _rows_between(rows, piece[-1].pos, r.pos, r.start, r.end)
            if any(b.kind in ("prose", "caption") for b in between):
                pieces.append(piece)
                piece = [r]
            else:
                piece.append(r)
        pieces.append(piece)
        for p in pieces:
            if len(p) < 2:
                continue
            x0, x1 = min(r.start for r in p), max(r.end for r in p)
            inside = _rows_between(rows, p[0].pos, p[-1].pos, x0, x1)
            if sum(b.kind == "table" for b in inside) >= s.min_table_rows:
                out.append(Region((x0, p[0].pos, x1, p[-1].pos), ruled=True))
    return out


def _pitch(rows: list[_Row]) -> float:
    heights = [r.line.bbox[3] - r.line.bbox[1] for r in rows]
    return median(heights) * 1.2 if heights else 12.0


def _columns_change(block: list[_Row], row: _Row, pitch: float) -> bool:
    """A line whose runs start nowhere near the block's column starts while the block already
    has a settled structure: a new table begins (two tables one under the other)."""
    table_rows = [b for b in block if b.kind == "table"]
    if len(table_rows) < 3 or row.kind != "table":
        return False
    starts = sorted({round(a) for b in table_rows for a, _ in b.runs})
    ends = sorted({round(e) for b in table_rows for _, e in b.runs})
    tol = pitch * 0.8
    hit = sum(1 for a, e in row.runs if any(abs(a - x) <= tol for x in starts)
              or any(abs(e - x) <= tol for x in ends))
    return hit == 0


def _numeric(row: _Row) -> bool:
    """A body line of figures: most of its runs after the first hold digits."""
    cells = [run_text(row.line, run) for run in row.runs[1:]]
    return len(cells) >= 2 and sum(any(ch.isdigit() for ch in c) for c in cells) >= 0.6 * len(cells)


def _header_again(block: list[_Row], row: _Row) -> bool:
    """A line of words in several runs after a body of figures: the column headings of the
    next table printed under the first (stacked tables, one heading each)."""
    if row.kind != "table" or any(ch.isdigit() for ch in row.line.text):
        return False
    body = [b for b in block if b.kind == "table"][-3:]
    return len(body) == 3 and all(map(_numeric, body))


def text_regions(rows: list[_Row], s: PdfSettings, taken: Sequence[BBox] = ()) -> list[Region]:
    """Stretches of table lines uninterrupted by prose, captions, blank bands or a change of
    column structure (lines inside `taken` regions are not looked at)."""
    free = [r for r in rows if not any(_inside(r.line.bbox, box) for box in taken)]
    pitch = _pitch(free)
    blocks: list[list[_Row]] = []
    block: list[_Row] = []
    for row in free:
        cut = row.kind in ("prose", "caption")
        if block and not cut:
            gap = row.line.bbox[1] - block[-1].line.bbox[3]
            cut = gap > BLANK_BAND * pitch or _columns_change(block, row, pitch) \
                or _header_again(block, row) \
                or any(_between(block[-1].line.bbox, row.line.bbox, box) for box in taken)
        if cut:
            if block:
                blocks.append(block)
            block = [] if row.kind in ("prose", "caption") else [row]
        else:
            block.append(row)
    if block:
        blocks.append(block)
    out = []
    for b in blocks:
        tables = [i for i, r in enumerate(b) if r.kind == "table"]
        if len(tables) < MIN_TEXT_ROWS:
            continue
        body = b[tables[0]:tables[-1] + 1]
        if sum(r.kind == "other" for r in body) > len(tables):
            continue  # mostly single runs: two columns of body text, not a table
        if prose_columns(body):
            continue  # the columns are the page's: running text set in columns
        box = (min(r.line.bbox[0] for r in body), min(r.line.bbox[1] for r in body),
               max(r.line.bbox[2] for r in body), max(r.line.bbox[3] for r in body))
        if any(_overlap(box, t) > 0.2 for t in taken):
            continue  # text beside a ruled table, reaching over it: not a table of its own
        out.append(Region(box))
    return out


def _overlap(box: BBox, other: BBox) -> float:
    """Share of `other` that `box` covers."""
    w = min(box[2], other[2]) - max(box[0], other[0])
    h = min(box[3], other[3]) - max(box[1], other[1])
    area = (other[2] - other[0]) * (other[3] - other[1])
    return w * h / area if w > 0 and h > 0 and area > 0 else 0.0


def _outermost(regions: list[Region]) -> list[Region]:
    """Regions not lying inside a larger one (the rules under a merged header or beside a
    merged cell, inside the table's own top and bottom rules)."""
    def area(b: BBox) -> float:
        return max(b[2] - b[0], 0) * max(b[3] - b[1], 0)

    return [r for r in regions
            if not any(area(o.bbox) > area(r.bbox) and _overlap(o.bbox, r.bbox) >= 0.8 for o in regions)]


def _inside(box: BBox, region: BBox, tol: float = 1.0) -> bool:
    ymid = (box[1] + box[3]) / 2
    xmid = (box[0] + box[2]) / 2
    return region[1] - tol <= ymid <= region[3] + tol and region[0] - tol <= xmid <= region[2] + tol


def _holds(box: BBox, g: Glyph, tol: float = 1.0) -> bool:
    return box[0] - tol <= g.xmid <= box[2] + tol and box[1] - tol <= g.ymid <= box[3] + tol


def _between(above: BBox, below: BBox, region: BBox) -> bool:
    return above[3] <= region[1] + 1 and region[3] - 1 <= below[1]


def classed_rows(glyphs: Sequence[Glyph], s: PdfSettings) -> list[_Row]:
    lines = group_lines(glyphs, s)
    runs = [_runs(line, s.min_column_gap, s.min_column_gap_em) for line in lines]
    if not lines:
        return []
    left = min(line.bbox[0] for line in lines)
    right = max(line.bbox[2] for line in lines)
    width = max(right - left, 1.0)
    return [_Row(line, r, classify(line, r, left, width, s)) for line, r in zip(lines, runs) if r]


def find_regions(glyphs: Sequence[Glyph], rules: Sequence[Rule], s: PdfSettings,
                 taken: Sequence[BBox] = ()) -> list[Region]:
    """The table regions of the page's free text, top to bottom."""
    rows = classed_rows(glyphs, s)
    if not rows:
        return []
    ruled = _outermost(rule_regions(rows, rules, s)) if rules else []
    if ruled:  # the text beside a 三线表 (the other column of the page) is read on its own
        rows = classed_rows([g for g in glyphs if not any(_holds(r.bbox, g) for r in ruled)], s)
    regions = ruled + text_regions(rows, s, list(taken) + [r.bbox for r in ruled])
    return sorted(regions, key=lambda r: (r.bbox[1], r.bbox[0]))


def glyphs_in(glyphs: Sequence[Glyph], box: BBox, tol: float = 1.0) -> list[Glyph]:
    return [g for g in glyphs if box[0] - tol <= g.xmid <= box[2] + tol
            and box[1] - tol <= g.ymid <= box[3] + tol]

