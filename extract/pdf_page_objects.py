"""One pdfplumber page → plain objects: glyphs and visible ruling lines, in the upright frame.

Everything downstream (grid finding, text assembly) works on these dataclasses only, never
on pdfplumber objects, so it can be tested and reused by the camelot engine.

- Rules come from lines, rectangles and curves that would actually show on paper: white or
  unpainted rectangles (used by exporters as backgrounds and clipping helpers) are dropped,
  so they cannot create phantom cells.
- A glyph drawn twice at the same place (fake bold) is kept once.
- When most text on the page runs sideways (a landscape table printed on a portrait page),
  the page is turned so that text reads left to right: coordinates are then those of the
  upright page, and the grid is not transposed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

import numpy as np

from .pdf_settings import PdfSettings
from .shading_grid import shading_edges


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    turn: int = 0  # 0 reads left to right; 90 reads upwards, 270 downwards, 180 upside down

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Rule:
    """A straight ruling line: horizontal ("h", at y=pos from start to end along x) or
    vertical ("v", at x=pos from start to end along y)."""

    orientation: str
    pos: float
    start: float
    end: float


@dataclass
class PageObjects:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    has_images: bool = False
    turned: int = 0  # degrees the content was turned clockwise to read upright
    unmapped: int = 0  # glyphs whose font has no Unicode mapping (text "(cid:N)")
    image_cover: float = 0.0  # share of the page covered by its largest image

    @property
    def scanned(self) -> bool:
        """An image of a page: an image and no text at all, or an image over (nearly) the whole
        page with no more text than a page number or a stamp (a scan with `- 3 -` typed on). A
        figure with its caption, or a designed cover's background picture under its title
        (images over half to two thirds of the page), is not a scan: its text layer is read."""
        if not self.has_images:
            return False
        shown = [g for g in self.glyphs if not g.text.isspace()]
        return not shown or (self.image_cover >= 0.8 and len(shown) <= 24 and not self.rules)
    warnings: list[dict] = field(default_factory=list)


# --- colours ---------------------------------------------------------------------------------

def _is_white(color: Any) -> bool:
    """True for a colour that does not show on white paper (gray 1, RGB 1,1,1, CMYK 0,0,0,0)."""
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False  # pattern / named colour space: assume visible
    if len(values) in (1, 3):
        return all(v >= 0.95 for v in values)
    if len(values) == 4:
        return all(v <= 0.05 for v in values)
    return False


def _shows_stroke(obj: dict) -> bool:
    return bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))


def _shows_fill(obj: dict) -> bool:
    return bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color"))


# --- rules -----------------------------------------------------------------------------------

def _segment_rule(x0: float, y0: float, x1: float, y1: float, s: PdfSettings) -> Optional[Rule]:
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) >= s.min_piece_length:
        return Rule("h", (y0 + y1) / 2, min(x0, x1), max(x0, x1))
    if abs(x0 - x1) <= 0.5 and abs(y1 - y0) >= s.min_piece_length:
        return Rule("v", (x0 + x1) / 2, min(y0, y1), max(y0, y1))
    return None


def _rect_rules(r: dict, s: PdfSettings) -> list[Rule]:
    x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
    w, h = x1 - x0, bottom - top
    if _shows_stroke(r):
        out = [_segment_rule(x0, top, x1, top, s), _segment_rule(x0, bottom, x1, bottom, s),
               _segment_rule(x0, top, x0, bottom, s), _segment_rule(x1, top, x1, bottom, s)]
        return [o for o in out if o is not None]
    if _shows_fill(r):
        # A thin filled rectangle is how many exporters draw a rule; a big filled one is
        # shading, whose edges are not rules (unless the fills tile a table: shading_grid).
        if h <= s.max_rule_thickness and w >= max(h, s.min_piece_length):
            return [Rule("h", (top + bottom) / 2, x0, x1)]
        if w <= s.max_rule_thickness and h > max(w, s.min_piece_length):
            return [Rule("v", (x0 + x1) / 2, top, bottom)]
    return []


def _line_rules(obj: dict, s: PdfSettings) -> list[Rule]:
    if not _shows_stroke(obj):
        return []
    pts = obj.get("pts") or [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])]
    out = []
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        rule = _segment_rule(ax, ay, bx, by, s)
        if rule is not None:
            out.append(rule)
    return out


def visible_rules(lines: Iterable[dict], rects: Iterable[dict], curves: Iterable[dict],
                  s: PdfSettings) -> list[Rule]:
    rules: list[Rule] = []
    for obj in lines:
        rules += _line_rules(obj, s)
    for obj in curves:
        rules += _line_rules(obj, s)
    for obj in rects:
        rules += _rect_rules(obj, s)
    return rules


# --- glyphs ----------------------------------------------------------------------------------

def _dedupe(glyphs: list[Glyph], tol: float) -> list[Glyph]:
    """Drop a glyph drawn again within `tol` of the same glyph (synthetic bold draws each
    character twice, a fraction of a point apart). Looked up in a grid of cells 2·`tol` wide,
    one grid per text: a copy within `tol` lies in the glyph's cell or the one beside it on
    the side of the cell the glyph is nearer to, so four cells are looked at, not nine (and
    only for the glyphs that have a glyph of the same text in one of the nine at all:
    `_twin_candidates`)."""
    if tol <= 0:
        return list(glyphs)
    size = 2 * tol
    candidates = _twin_candidates(glyphs, size)
    seen: dict[str, dict[tuple, list[Glyph]]] = {}
    out = []
    append = out.append
    for k, g in enumerate(glyphs):
        if candidates is not None and not candidates[k]:
            append(g)  # no glyph of its text anywhere near: neither a copy nor copied
            continue
        x0, top, text = g.x0, g.top, g.text
        fx, fy = x0 / size, top / size
        gx, gy = int(fx // 1), int(fy // 1)
        cells = seen.get(text)
        if cells is None:
            seen[text] = {(gx, gy): [g]}
            append(g)
            continue
        nx = gx - 1 if fx - gx < 0.5 else gx + 1
        ny = gy - 1 if fy - gy < 0.5 else gy + 1
        get = cells.get
        twin = False
        for key in ((gx, gy), (nx, gy), (gx, ny), (nx, ny)):
            bucket = get(key)
            if bucket and any(abs(o.x0 - x0) <= tol and abs(o.top - top) <= tol for o in bucket):
                twin = True
                break
        if twin:
            continue
        bucket = get((gx, gy))
        if bucket is None:
            cells[(gx, gy)] = [g]
        else:
            bucket.append(g)
        append(g)
    return out


_CELL_BITS = 21  # a cell number, offset to be positive, in 21 bits of an int64 key


def _twin_candidates(glyphs: list[Glyph], size: float) -> Optional[list[bool]]:
    """For each glyph, whether another glyph of the same text lies in its cell of `_dedupe`'s
    grid or in one of the eight around it. Only those glyphs can be a copy or have one (the
    relation is symmetric), so `_dedupe` looks at them alone; computed with numpy at once.
    None (look at every glyph) for a short list or a grid too large for the keys."""
    n = len(glyphs)
    if n < 64:
        return None
    ids: dict[str, int] = {}
    tid = np.fromiter((ids.setdefault(g.text, len(ids)) for g in glyphs), dtype=np.int64, count=n)
    with np.errstate(all="ignore"):
        gx = np.floor(np.fromiter((g.x0 for g in glyphs), dtype=np.float64, count=n) / size)
        gy = np.floor(np.fromiter((g.top for g in glyphs), dtype=np.float64, count=n) / size)
    half = 1 << (_CELL_BITS - 2)
    if len(ids) >= 1 << _CELL_BITS or not (np.isfinite(gx).all() and np.isfinite(gy).all()) \
            or np.abs(gx).max() >= half or np.abs(gy).max() >= half:
        return None
    offset = 1 << (_CELL_BITS - 1)
    key = (tid << (2 * _CELL_BITS)) | ((gx.astype(np.int64) + offset) << _CELL_BITS) \
        | (gy.astype(np.int64) + offset)
    cells, counts = np.unique(key, return_counts=True)
    near = counts[np.searchsorted(cells, key)] > 1  # another glyph of the text in its cell
    last = len(cells) - 1
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if dx or dy:
                other = key + ((dx << _CELL_BITS) + dy)
                at = np.minimum(np.searchsorted(cells, other), last)
                near |= cells[at] == other
    return near.tolist()


def _is_light(color: Any) -> bool:
    """A pale colour: grey/RGB all ≥ 0.6, or CMYK all ≤ 0.4."""
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) in (1, 3):
        return all(v >= 0.6 for v in values)
    if len(values) == 4:
        return all(v <= 0.4 for v in values)
    return False


def _without_watermarks(chars: list[dict], s: PdfSettings) -> tuple[list[dict], int]:
    """The characters that are not a watermark, and how many were. A watermark (内部资料,
    仅供内部使用 …) is written at a slant, or large and pale; across a table it would
    otherwise land in the cells."""
    sizes = sorted(ch["size"] for ch in chars)
    body = sizes[len(sizes) // 2] if sizes else 0.0
    kept = []
    big, slant = s.watermark_size * body, s.max_slant
    for ch in chars:
        m = ch["matrix"]
        a, b = abs(m[0]), abs(m[1])
        # the text direction (a, b) must lie within a few degrees of an axis
        if (b if a > b else a) > slant * (a if a > b else b):
            continue
        if ch["size"] >= big and _is_light(ch.get("non_stroking_color")):
            continue  # large and pale
        kept.append(ch)
    return kept, len(chars) - len(kept)


def _char_turn(ch: dict) -> int:
    """Which way a character reads: 0 left to right, 90 upwards, 180, 270 downwards."""
    a, b = ch["matrix"][0], ch["matrix"][1]  # the text direction in PDF space (y up)
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b > 0 else 270


def _reading_turn(chars: list[dict], turns: Optional[list[int]] = None) -> int:
    """Clockwise turn (0, 90, 180, 270) that makes most of the page's text read left to right
    (`turns`: each character's `_char_turn`, when already known)."""
    votes = {0: 0, 90: 0, 180: 0, 270: 0}
    if turns is None:
        turns = [_char_turn(ch) for ch in chars]
    for ch, t in zip(chars, turns):
        if ch["text"].strip():
            votes[t] += 1
    if not votes[90] and not votes[180] and not votes[270]:
        return 0
    best = max(votes, key=votes.get)
    return best if votes[best] > votes[0] else 0


def _turner(turn: int, width: float, height: float) -> tuple[Callable, float, float]:
    """Point map (x, top) → upright frame, and the upright page size."""
    if turn == 90:  # text runs upwards: turn the page clockwise
        return (lambda x, t: (height - t, x)), height, width
    if turn == 270:  # text runs downwards: turn counter-clockwise
        return (lambda x, t: (t, width - x)), height, width
    if turn == 180:
        return (lambda x, t: (width - x, height - t)), width, height
    return (lambda x, t: (x, t)), width, height


def _turn_box(f: Callable, x0: float, top: float, x1: float, bottom: float) -> tuple:
    ax, at = f(x0, top)
    bx, bt = f(x1, bottom)
    return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)


def _turn_rule(f: Callable, r: Rule) -> Rule:
    if r.orientation == "h":
        x0, t0, x1, t1 = _turn_box(f, r.start, r.pos, r.end, r.pos)
    else:
        x0, t0, x1, t1 = _turn_box(f, r.pos, r.start, r.pos, r.end)
    if abs(t1 - t0) < abs(x1 - x0):
        return Rule("h", t0, x0, x1)
    return Rule("v", x0, t0, t1)


def page_objects(page: Any, number: int, s: PdfSettings) -> PageObjects:
    """Read one pdfplumber page into plain objects (upright frame)."""
    return build_page_objects(number, float(page.width), float(page.height), page.chars,
                              page.lines, page.rects, page.curves, page.images, s)


def build_page_objects(number: int, width: float, height: float, chars: list[dict],
                       lines: Iterable[dict], rects: Iterable[dict], curves: Iterable[dict],
                       images: list[dict], s: PdfSettings) -> PageObjects:
    """Page objects from a reader's characters, paths and images, as pdfplumber names them
    (top-left coordinates): a char has text, x0, top, x1, bottom, size, matrix and
    non_stroking_color; lines and curves have pts; rects x0, top, x1, bottom; paths stroke,
    fill and their colours; images their box. Every reader (pdfplumber, pdfium) ends here, so
    what counts as a watermark, a rule or a turned page is decided once."""
    chars, watermark = _without_watermarks(chars, s)
    turns = []
    glyphs = []
    for c in chars:
        a, b = c["matrix"][0], c["matrix"][1]  # _char_turn, inline: once per character
        if abs(a) >= abs(b):
            t = 0 if a > 0 else 180
        else:
            t = 90 if b > 0 else 270
        turns.append(t)
        glyphs.append(Glyph(c["text"], c["x0"], c["top"], c["x1"], c["bottom"], t))
    rects = list(rects)
    rules = visible_rules(lines, rects, curves, s)
    rules += [Rule(*e) for e in shading_edges(
        [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in rects
         if _shows_fill(r) and not _shows_stroke(r)], glyphs, width * height,
        [(r.pos, r.start, r.end) for r in rules if r.orientation == "h"])]
    page_width, page_height = width, height
    turn = _reading_turn(chars, turns)
    if turn:
        f, width, height = _turner(turn, width, height)
        glyphs = [Glyph(g.text, *_turn_box(f, g.x0, g.top, g.x1, g.bottom), (g.turn - turn) % 360)
                  for g in glyphs]
        rules = [_turn_rule(f, r) for r in rules]
    glyphs = _dedupe(glyphs, s.duplicate_tolerance)
    warnings = []
    unmapped = sum(1 for g in glyphs if g.text.startswith("(cid:"))
    if unmapped:
        warnings.append({"code": "unmapped_glyphs", "page": number,
                         "message": f"page {number}: {unmapped} characters have no Unicode "
                                    "mapping in their font and read as (cid:N); that text is lost"})
    if watermark:
        warnings.append({"code": "watermark_ignored", "page": number,
                         "message": f"page {number}: {watermark} characters of a watermark "
                                    "(slanted, or large and pale) were left out"})
    if turn:
        warnings.append({"code": "page_turned", "page": number,
                         "message": f"text on page {number} runs sideways; read it turned "
                                    f"{turn}° clockwise"})
    return PageObjects(number, width, height, glyphs, rules, has_images=bool(images),
                       turned=turn, unmapped=unmapped, warnings=warnings,
                       image_cover=_largest_image_share(images, page_width, page_height))


def _largest_image_share(images: list[dict], width: float, height: float) -> float:
    def share(im: dict) -> float:
        w = max(0.0, min(im["x1"], width) - max(im["x0"], 0.0))
        h = max(0.0, min(im["bottom"], height) - max(im["top"], 0.0))
        return w * h / (width * height) if width and height else 0.0

    return max((share(im) for im in images), default=0.0)
