"""A page image → `PageObjects` (glyphs and rules in PDF points), read by OCR.

The result is the same plain objects the PDF text layer gives, so the grid finders, the
unruled reader, the bucketing of text into cells and the normaliser run unchanged:

1. text boxes are detected on a reduced copy (`ocr_engine`);
2. the page is turned upright (sideways: the boxes stand up; upside down: the line
   classifier says so) and deskewed (`ocr_orient`); a page that was askew is searched for
   text boxes again once level, and the boxes the first pass missed are added (`_missed`);
3. ruling lines are found in the image (`ocr_rules`) and wiped from the copy OCR reads;
4. each text box is cut where a vertical rule crosses it (a box that ran over a cell border
   becomes one line per cell); ink that no box holds, as high and dense as text, gets a box of
   its own (`_unread_ink`: the detector misses a short word alone in a cell); each is
   recognised, text in a seal's pale ink is dropped, and each character becomes a `Glyph` placed where
   the recogniser saw it, its top and bottom those of the ink of its line
   (`ocr_repair` fixes look-alikes first).

Coordinates: the upright, deskewed page, in PDF points from its top-left corner (the image's
size at its resolution); `OcrPage.turned` says how the page was turned.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Optional

import cv2
import numpy as np
import regex

from .ocr_engine import OcrEngine, RecognizedLine
from .ocr_orient import (deskew, deskew_matrix, is_sideways, is_upside_down, longest_lines,
                         map_points, rough_skew, skew_angle, turn_image)
from .ocr_lexicon import lexicon
from .ocr_numbers import reread_amounts
from .ocr_render import PageImage
from .ocr_repair import repair_line
from .ocr_rules import binarize, find_rules
from .pdf_page_objects import Glyph, PageObjects, Rule

MAX_DETECT_PIXELS = 2.5e6  # the detector's input never exceeds this (its memory grows with it)
DETECT_DPI = 120.0  # text boxes are found at this resolution (fast; text is still ≥ 12 px)
PAD = 0.12  # share of a box's height added above and below it, twice that left and right
# (the recogniser wants a margin; without one it drops a full stop at the end of a line)
REDETECT_SKEW = 0.5  # degrees: a page more askew than this is searched for text again once
MISSED_COVER = 0.3  # levelled; a box found then, less than this share of it covered, is added
MIN_LINE_CONFIDENCE = 0.4  # a line read with less is noise (a seal's rim, dust), not text
LONE_CONFIDENCE = 0.6  # … and a lone stroke read with less (a rule's remnant read as "1")
_STROKE_LIKE = {"1", "l", "I", "|", "丨", "!", "i", "/", "\\"}
CLIPPED_HEIGHT = 0.6  # a line with Chinese characters less high than this × the text size is cut
_HAN = regex.compile(r"\p{Han}")
_WORD_OR_NUMBER = regex.compile(r"\p{Han}+[：:]?|-?[0-9][0-9,]*(?:\.[0-9]+)?%?")  # what a missed box
# holds (a word, a label with its colon, a number), once a seal's characters are taken from it
_FULL_HEIGHT = regex.compile(r"[\p{Han}--[一二]]", regex.V1)
SPECK_HEIGHT = 0.45  # ink lower than this × the text height is no text, save a dash
_LOW_SYMBOLS = regex.compile(r"[-—－–_~～.·…、/=＝≥≤≧≦<>＜＞+＋]+")  # marks lower than text
RUN_NOT_SPECK = 0.2  # a run of inked rows this share of the detected box high is text, not dust
# (a box around a wrapped line's last character may reach over the line above: twice as high)
GAP_EM = 1.0  # characters of one box this far apart (in character heights) have a gap between them
_NARROW = set("0123456789.,:;%+-/()[]<>=*#'\"!?|lI ")


@dataclass
class OcrChar:
    text: str
    bbox: tuple[float, float, float, float]  # points
    confidence: float


@dataclass
class OcrLine:
    text: str
    bbox: tuple[float, float, float, float]  # points
    confidence: float


@dataclass
class OcrPage:
    number: int
    reason: str  # why it was read by OCR: "no_text_layer", "unmapped_text", "forced"
    dpi: float
    turned: int = 0  # clockwise degrees the image was turned to read upright
    skew: float = 0.0  # degrees the content was askew (counter-clockwise > 0), now levelled
    lines: list[OcrLine] = field(default_factory=list)
    chars: list[OcrChar] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # uncertain look-alikes

    @property
    def confidence(self) -> Optional[float]:
        return round(float(np.mean([c.confidence for c in self.chars])), 4) if self.chars else None


def levels(crop: np.ndarray) -> np.ndarray:
    """Paper to white and ink to black: a faded seal, show-through and grey paper tone go
    (they are lighter than the print), thin strokes get their contrast back."""
    if crop.size == 0:
        return crop
    paper = float(np.percentile(crop, 90))
    ink = float(np.percentile(crop, 2))
    if paper - ink < 40:
        return crop
    hi = ink + 0.8 * (paper - ink)
    out = (crop.astype(np.float32) - ink) * (255.0 / max(1.0, hi - ink))
    return np.clip(out, 0, 255).astype(np.uint8)


def _line_image(img: np.ndarray, box: tuple[int, int, int, int], extent: tuple[int, int, int, int],
                em_px: float, levelled: bool = True) -> np.ndarray:
    """The crop the recogniser reads: the box, with the strokes of the lines above and below
    that reach into it (wrapped text in a narrow cell is tightly spaced) painted out."""
    crop = _crop(img, box)
    crop = levels(crop).copy() if levelled else crop.copy()
    margin = max(2, int(0.15 * em_px))
    crop[:max(0, extent[1] - margin)] = 255
    crop[extent[3] + margin:] = 255
    return crop


def _with_seal(clean: np.ndarray, luma: Optional[np.ndarray], rules: np.ndarray) -> list[np.ndarray]:
    """The images an amount is read again from: the page as read, and on a colour page the
    page with its seal left in (rules wiped from both)."""
    if luma is None:
        return [clean]
    seal = luma.copy()
    seal[rules > 0] = 255
    return [clean, seal]


def _crop(img: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    return img[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]


def _upright(gray: np.ndarray, engine: OcrEngine, scale: float) -> tuple[np.ndarray, int, list[np.ndarray]]:
    """The image turned upright, the clockwise turn applied, and the text boxes (small scale)."""
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    quads = engine.detect(small)
    turn = 0
    if quads and is_sideways(quads):
        turn = 90
        gray, small = turn_image(gray, 1), turn_image(small, 1)
        quads = engine.detect(small)
    lines = longest_lines(quads)
    if lines:
        crops = [_crop(small, _aabb(q)) for q in lines]
        if is_upside_down(engine.upside_down([c for c in crops if c.size])):
            turn = (turn + 180) % 360
            gray, small = turn_image(gray, 2), turn_image(small, 2)
            h, w = small.shape[:2]
            quads = [np.array([w, h], dtype=np.float32) - q[[2, 3, 0, 1]] for q in quads]
    return gray, turn, quads


MAX_SLANT = 6.0  # degrees: a text box more slanted than this after deskewing is not print


def _level(q: np.ndarray) -> bool:
    dx, dy = q[1] - q[0]
    angle = abs(np.degrees(np.arctan2(dy, dx))) % 90
    return min(angle, 90 - angle) <= MAX_SLANT


def _missed(found: list[np.ndarray], again: list[np.ndarray]) -> list[np.ndarray]:
    """The boxes of a second detection (on the levelled page) that no box of the first (on the
    askew page) covers: lines the first pass missed, a seal's strokes crossing them. The first
    pass's boxes are kept as they are (the recogniser reads their crops well)."""
    def area(b):
        return max(0, b[2] - b[0]) * max(0, b[3] - b[1])

    have = [_aabb(q) for q in found]
    if not have:
        return list(again)
    tall = 2 * median(k[3] - k[1] for k in have)  # a line's box is not higher than this
    out = []
    for q in again:
        b = _aabb(q)
        shared = [area((max(b[0], k[0]), max(b[1], k[1]), min(b[2], k[2]), min(b[3], k[3]))) for k in have]
        if b[3] - b[1] > tall or sum(shared) >= MISSED_COVER * max(1, area(b)):
            continue
        if any(s >= 0.5 * max(1, area(k)) for s, k in zip(shared, have)):
            continue  # it would hide a line found before (a seal's box around it)
        out.append(q)
    return out


UNREAD_HEIGHT = (0.6, 1.5)  # ink left unread, this high in text heights (em), is a line of text …
UNREAD_FILL = 0.08  # … when its strokes fill this share of its box at least (a seal's arc does not)
UNREAD_CONFIDENCE = 0.95  # … and is read as surely as print is, in ink as dark (its strokes'
UNREAD_PALE = 25  # cores at most this much lighter than the print's: a grey seal's are lighter)
UNREAD_OVERLAP = 0.5  # … unless its box holds this share of the height of a line read already
UNREAD_END = 0.8  # a character at the end of such ink read with less is a seal's, not print


def _unread_ink(ink: np.ndarray, pieces: list, em_px: float) -> list[tuple[int, int, int, int]]:
    """Boxes, like the detector's, around ink no text box holds: the detector misses a short
    word alone in a wide cell (合计, 类) and print crossed by a seal's strokes. The ink of the
    read boxes is blanked; what is left is joined into lines (characters half a text height
    apart) and kept where it is as high as text and dense enough not to be a stroke of a
    seal's ring, a rule's remnant or dust."""
    if em_px < 4:
        return []
    left = ink.copy()
    read = [(bx + x0, by + y0, bx + x1, by + y1) for (bx, by, _, _), (x0, y0, x1, y1) in pieces]
    for x0, y0, x1, y1 in read:
        left[y0:y1, x0:x1] = 0
    left = cv2.morphologyEx(left, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # noise and dust
    joined = cv2.dilate(left, np.ones((max(1, int(0.2 * em_px)), max(1, int(0.5 * em_px))), np.uint8))
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, _a = stats[i]
        if not (UNREAD_HEIGHT[0] * em_px <= h <= UNREAD_HEIGHT[1] * em_px + 0.2 * em_px) or w < 0.6 * em_px:
            continue
        if (left[y:y + h, x:x + w] > 0).mean() < UNREAD_FILL:
            continue
        grow = int(round(0.3 * h))  # the detector's boxes reach about half a line beyond the ink
        y0, y1 = max(0, int(y) - grow), int(y + h) + grow
        pad = PAD * (y1 - y0)  # the crop the recogniser reads reaches this much further
        if any(r[0] <= x + w / 2 <= r[2] and min(r[3], y1 + pad) - max(r[1], y0 - pad) >= UNREAD_OVERLAP * (r[3] - r[1])
               for r in read):
            continue  # its crop would hold half a line read already (a seal's star below it)
        out.append((int(x), y0, int(x + w), y1))
    return out


def _aabb(q: np.ndarray) -> tuple[int, int, int, int]:
    return (int(np.floor(q[:, 0].min())), int(np.floor(q[:, 1].min())),
            int(np.ceil(q[:, 0].max())), int(np.ceil(q[:, 1].max())))


def _cut_at_rules(box: tuple[int, int, int, int], verticals: list[tuple[float, float, float]],
                  gap: int) -> list[tuple[int, int, int, int]]:
    """The box split where vertical rules (x, y0, y1 in px) cross its middle."""
    x0, y0, x1, y1 = box
    ymid = (y0 + y1) / 2
    cuts = sorted(x for x, a, b in verticals if a <= ymid <= b and x0 < x < x1)
    pieces, left = [], x0
    for x in cuts:
        pieces.append((left, y0, int(x) - gap, y1))
        left = int(x) + gap
    pieces.append((left, y0, x1, y1))
    return [p for p in pieces if p[2] - p[0] >= 3]


def _ink_extent(ink: np.ndarray, band: tuple[int, int]) -> Optional[tuple[int, int, int, int]]:
    """(x0, y0, x1, y1) of the line's ink in a binarised crop (None when it holds none).
    Vertically: the run of inked rows around the middle of `band` (the detected box's rows
    within the crop), so a neighbouring line that reaches into the crop is not counted."""
    rows = ink.sum(axis=1) / 255
    reach = max(2, (band[1] - band[0]) // 4)  # the detector's box may be a little short
    lo, hi = max(0, band[0] - reach), min(len(rows), band[1] + reach)
    if not rows[lo:hi].any():
        return None
    inked = rows >= max(2.0, 0.12 * rows[lo:hi].max())  # a speck of dust is not a line of text
    mid = (band[0] + band[1]) // 2
    centre = max(range(lo, hi), key=lambda y: (bool(inked[y]), -abs(y - mid)))
    if not inked[centre]:
        return None
    top = bottom = centre
    while top > lo and inked[top - 1]:
        top -= 1
    while bottom < hi - 1 and inked[bottom + 1]:
        bottom += 1
    # a blank row inside a character (率, 言) is no gap between lines: from a run of some
    # height (not a speck), short blanks are crossed
    skip = max(1, (band[1] - band[0]) // 10)
    while bottom - top + 1 >= RUN_NOT_SPECK * (band[1] - band[0]):
        above = [y for y in range(max(lo, top - skip - 1), top) if inked[y]]
        below = [y for y in range(bottom + 1, min(hi, bottom + skip + 2)) if inked[y]]
        if not above and not below:
            break
        top, bottom = (above[0] if above else top), (below[-1] if below else bottom)
        while top > lo and inked[top - 1]:
            top -= 1
        while bottom < hi - 1 and inked[bottom + 1]:
            bottom += 1
    cols = np.flatnonzero(ink[top:bottom + 1].sum(axis=0) >= 255)
    if not len(cols):
        return None
    return int(cols[0]), top, int(cols[-1]) + 1, bottom + 1


PALE_INK = 50  # ink this much lighter than the page's print (0–255) is a stamp or watermark
PALE_CHAR_CONFIDENCE = 0.6  # a Chinese character read with less, whose strokes' cores (the
CORE = 25  # darkest quarter of its ink) are PALE_CORE lighter than the print's, is a seal's,
PALE_CORE = 45  # read along with the line it touches (print under a seal keeps dark cores)


def _ink_level(gray: np.ndarray, ink: np.ndarray, q: float = 50) -> float:
    """The grey level of the inked pixels (the median; a lower percentile: the strokes' cores)."""
    m = ink > 0
    return float(np.percentile(gray[m], q)) if m.any() else 255.0


def _pale(pieces: list, gray: np.ndarray, ink: np.ndarray) -> tuple[list[tuple[bool, float]], float]:
    """Which text is inked much paler than the page's print (on a greyscale scan a red seal is
    mid-grey, and the characters along its rim are read as text otherwise), and the print's
    typical ink level. Only Chinese characters in such ink are dropped, once read: a thin
    mark of the print (≥, =, a full stop) has a pale median too, a seal's rim has no such mark.
    Per piece: (pale?, how much lighter its strokes' cores are than the print's)."""
    levels_ = [(_ink_level(g, m), _ink_level(g, m, CORE)) for g, m in
               ((_crop(gray, box)[y0:y1, x0:x1], _crop(ink, box)[y0:y1, x0:x1])
                for box, (x0, y0, x1, y1) in pieces)]
    if not levels_:
        return [], 0.0
    typical = float(np.median([a for a, _ in levels_]))
    core = float(np.median([b for _, b in levels_]))
    return [(level > typical + PALE_INK, c - core) for level, c in levels_], core


def _without_overlaps(pieces: list) -> list:
    """Drop a detected box lying mostly inside a bigger one (the detector sometimes reports a
    piece of a line again on its own)."""
    def area(b):
        return max(0, b[2] - b[0]) * max(0, b[3] - b[1])

    def ink_box(p):
        (bx, by, _, _), (x0, y0, x1, y1) = p
        return bx + x0, by + y0, bx + x1, by + y1

    kept: list = []
    for p in sorted(pieces, key=lambda p: -area(ink_box(p))):
        b = ink_box(p)
        if any(area((max(b[0], k[0]), max(b[1], k[1]), min(b[2], k[2]), min(b[3], k[3])))
               >= 0.5 * max(1, area(b)) for k in map(ink_box, kept)):
            continue
        kept.append(p)
    order = {id(p): i for i, p in enumerate(pieces)}
    return sorted(kept, key=lambda p: order[id(p)])


def _ink_runs(ink_cols: np.ndarray, min_gap: float) -> list[tuple[int, int]]:
    """Runs of inked columns, joined across blanks narrower than `min_gap`."""
    cols = np.flatnonzero(ink_cols)
    if not len(cols):
        return []
    runs = [[int(cols[0]), int(cols[0]) + 1]]
    for c in cols[1:]:
        if c - runs[-1][1] >= min_gap:
            runs.append([int(c), int(c) + 1])
        else:
            runs[-1][1] = int(c) + 1
    return [(a, b) for a, b in runs]


def _char_boxes(line: RecognizedLine, ink_cols: np.ndarray, em: float) -> list[tuple[float, float]]:
    """x extents (crop px) for the characters of a line (spaces excluded).

    The print decides where the text is: the inked columns, cut into runs where a blank at
    least a character wide separates them (a gap in the print). Each character goes to the
    run nearest to where the recogniser saw it (its positions are only roughly right), and
    a run is shared among its characters by their widths (full-width ≈ one character height,
    digits and Latin ≈ half). So a gap shows exactly where the print has one."""
    chars = [(ch, (a + b) / 2) for ch, _c, a, b in line.chars if ch != " "]
    if not chars:
        return []
    runs = _ink_runs(ink_cols, GAP_EM * em) or [(0, len(ink_cols))]
    owner = []
    for _, mid in chars:
        k = min(range(len(runs)), key=lambda j: 0 if runs[j][0] <= mid <= runs[j][1]
                else min(abs(mid - runs[j][0]), abs(mid - runs[j][1])))
        owner.append(max(k, owner[-1]) if owner else k)  # reading order is kept
    boxes: list[tuple[float, float]] = []
    for j, (a, b) in enumerate(runs):
        mine = [ch for (ch, _), k in zip(chars, owner) if k == j]
        if not mine:
            continue
        widths = [0.55 if ch in _NARROW else 1.0 for ch in mine]
        scale = (b - a) / sum(widths)
        x = float(a)
        for w in widths:
            boxes.append((x, x + w * scale))
            x += w * scale
    return boxes


def read_image(image: PageImage, number: int, reason: str, engine: OcrEngine) -> tuple[PageObjects, OcrPage]:
    dpi = image.dpi
    h0, w0 = image.gray.shape[:2]
    scale = min(1.0, DETECT_DPI / dpi, (MAX_DETECT_PIXELS / max(1, h0 * w0)) ** 0.5)
    gray, turn, quads = _upright(image.gray, engine, scale)
    luma = turn_image(image.luma, turn // 90) if image.luma is not None else None
    up = 1.0 / scale
    quads = [q * up for q in quads]
    skew = skew_angle(gray, rough_skew(quads))
    again: list[np.ndarray] = []
    if abs(skew) >= 0.05:
        m = deskew_matrix(gray.shape, skew)
        gray = deskew(gray, m)
        luma = deskew(luma, m) if luma is not None else None
        quads = [map_points(q, m) for q in quads]
        if abs(skew) >= REDETECT_SKEW:  # the levelled page searched again: lines crossed by a
            # seal's strokes, missed on the askew page, are found there
            small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            again = _missed(quads, [q * up for q in engine.detect(small)])
    else:
        skew = 0.0
    quads = [q for q in quads if _level(q)]  # text at a slant on a levelled page: a seal's rim
    again = [q for q in again if _level(q)]
    quads.sort(key=lambda q: (round(float(q[:, 1].min()) / 4), float(q[:, 0].min())))  # reading order
    page = OcrPage(number, reason, dpi, turned=turn, skew=skew)
    h_px, w_px = gray.shape[:2]
    to_pt = 72.0 / dpi
    objs = PageObjects(number, w_px * to_pt, h_px * to_pt, [], [], has_images=False, turned=turn)
    if not quads:
        return objs, page
    heights = [min(np.linalg.norm(q[3] - q[0]), np.linalg.norm(q[1] - q[0])) for q in quads + again]
    em_px = median(heights) / 1.6  # detected boxes are grown by about half a line
    ink = binarize(gray)
    found = find_rules(ink, dpi, em_px, binarize(luma) if luma is not None else None, gray)
    objs.rules = found.rules
    clean = gray.copy()
    clean[found.mask > 0] = 255
    ink[found.mask > 0] = 0
    rule_mask = found.mask
    verticals = [(r.pos / to_pt, r.start / to_pt, r.end / to_pt) for r in found.rules if r.orientation == "v"]
    gap = max(2, int(0.08 * em_px))
    pieces = []
    order: dict[int, tuple] = {}  # piece → reading order (that of the detected boxes)

    def add(boxes):
        for x0, y0, x1, y1 in list(boxes):
            key = (round(y0 / 4), x0)
            pad = int(round(PAD * (y1 - y0)))
            band = (min(pad, y0), min(pad, y0) + (y1 - y0))  # the detected rows, within the crop
            x0, y0, x1, y1 = max(0, x0 - 2 * pad), max(0, y0 - pad), min(w_px, x1 + 2 * pad), min(h_px, y1 + pad)
            for box in _cut_at_rules((x0, y0, x1, y1), verticals, gap):
                extent = _ink_extent(_crop(ink, box), band)
                if extent is None or extent[2] - extent[0] < 0.25 * em_px:
                    continue
                pieces.append((box, extent))
                order[id(pieces[-1])] = key

    add(_aabb(q) for q in quads + again)
    found = len(pieces)
    add(_unread_ink(ink, pieces, em_px))
    unread = {p[0] for p in pieces[found:]}
    pieces = sorted(_without_overlaps(pieces), key=lambda p: order[id(p)])
    pale, print_core = _pale(pieces, gray, ink)
    ink_heights = [e[3] - e[1] for _, e in pieces]
    em_ink = median(ink_heights) if ink_heights else em_px  # the height of a line of text
    words = lexicon()
    recognized = engine.recognize([_line_image(clean, box, extent, em_px) for box, extent in pieces])
    recognized, notes = reread_amounts(engine, recognized, pieces, lambda: _with_seal(clean, luma, rule_mask),
                                       lambda img, box, extent, lev: _line_image(img, box, extent, em_px, lev),
                                       to_pt)
    page.notes += notes
    for (box, extent), line, faint in zip(pieces, recognized, pale):
        if not line.chars or line.confidence < MIN_LINE_CONFIDENCE:
            continue
        if line.text.strip() in _STROKE_LIKE and line.confidence < LONE_CONFIDENCE:
            continue  # a stroke alone, read unsurely: what is left of a rule or a seal's ring
        seal_line = faint[0] and bool(_HAN.search(line.text))  # a seal's rim, or print a seal's
        # strokes cross (their grey makes the line's ink pale): only characters of print-dark
        # ink are kept from it
        found_by_ink = box in unread
        if found_by_ink and (faint[1] > UNREAD_PALE or line.confidence < MIN_LINE_CONFIDENCE):
            continue  # not found by the detector, and not in print's ink: a stroke of a seal
        height = extent[3] - extent[1]
        if height < CLIPPED_HEIGHT * em_ink and _FULL_HEIGHT.search(line.text):
            continue  # the top or bottom half of a line cut by the page edge: not readable
        if height < SPECK_HEIGHT * em_ink and not _LOW_SYMBOLS.fullmatch(line.text.strip()):
            continue  # a speck or what is left of a rule, read as "1" or "4"
        reread = words.reread([c[0] for c in line.chars], [c[1] for c in line.chars],
                              line.alternatives or [[] for _ in line.chars])
        text, notes = repair_line("".join(reread))
        page.notes += notes
        bx, by = box[0], box[1]
        top, bottom = (by + extent[1]) * to_pt, (by + extent[3]) * to_pt
        kept, chars, dropped = [], [], False
        shown = [(c[1], fixed) for c, fixed in zip(line.chars, text) if c[0] != " "]
        band = _crop(ink, box)[extent[1]:extent[3]]
        shade = _crop(gray, box)[extent[1]:extent[3]]
        for (conf, fixed), (a, b) in zip(shown, _char_boxes(line, band.any(axis=0), extent[3] - extent[1])):
            if fixed.isspace():
                continue
            if (seal_line or found_by_ink or (conf < PALE_CHAR_CONFIDENCE and _HAN.match(fixed))) and _ink_level(
                    shade[:, int(a):int(np.ceil(b))], band[:, int(a):int(np.ceil(b))], CORE) > print_core + PALE_CORE:
                dropped = True
                continue  # a seal's character next to the print, read as part of its line
            g = Glyph(fixed, (bx + a) * to_pt, top, (bx + b) * to_pt, bottom)
            kept.append(g)
            chars.append(OcrChar(fixed, (g.x0, g.top, g.x1, g.bottom), round(conf, 4)))
        while found_by_ink and kept and min(chars[0].confidence, chars[-1].confidence) < UNREAD_END:
            end = 0 if chars[0].confidence < UNREAD_END else -1  # a seal's stroke the ink joined
            kept.pop(end), chars.pop(end)  # to the print, read as a character at its end
            dropped = True
        if not kept or (seal_line and not any(_HAN.match(g.text) for g in kept)):
            continue
        if found_by_ink and (float(np.mean([c.confidence for c in chars])) < UNREAD_CONFIDENCE
                             or not _WORD_OR_NUMBER.fullmatch("".join(g.text for g in kept))):
            continue  # … nor surely print: a seal's strokes read as characters
        page.chars += chars
        objs.glyphs += kept
        if dropped:
            text = "".join(g.text for g in kept)
        page.lines.append(OcrLine(text.strip(), (round(kept[0].x0, 2), round(top, 2),
                                                 round(kept[-1].x1, 2), round(bottom, 2)),
                                  round(line.confidence, 4)))
    return objs, page
