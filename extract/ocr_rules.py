"""Ruling lines of a page image → `Rule`s in PDF points, and a mask of their pixels.

Morphology (OpenCV): the ink is binarised, opened with a long thin horizontal (vertical)
kernel so that only runs of ink longer than a few characters survive, and each surviving
connected piece becomes one rule. Strokes of characters are shorter than the kernel; a dash
or a stroke that does reach it is kept only when it is long (a three-line table's rules) or
meets a rule of the other direction, as the borders of a table's cells do.
The pieces are handed to the same grid finder the PDF path uses (`pdf_grid`), which joins
broken pieces and snaps near-collinear ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import cv2
import numpy as np

from .pdf_page_objects import Rule


@dataclass
class ImageRules:
    rules: list[Rule]  # PDF points, the image's frame
    mask: np.ndarray  # uint8, 255 on the pixels of the rules (dilated a little)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255. Adaptive, so uneven paper tone and show-through do not matter."""
    block = max(15, (min(gray.shape[:2]) // 60) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 block, 12)


def _pieces(mask: np.ndarray, horizontal: bool, thick: float) -> list[tuple[float, float, float, float]]:
    """(pos, start, end, thickness) of each connected piece, pixels. A piece thicker than a
    rule (a rule that touches a seal's ring or a stroke) keeps only its rule: the band of
    rows (columns) that run along most of it."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if (h if horizontal else w) <= thick:
            out.append((y + h / 2, float(x), float(x + w), float(h)) if horizontal
                       else (x + w / 2, float(y), float(y + h), float(w)))
            continue
        part = labels[y:y + h, x:x + w] == i
        if not horizontal:
            part = part.T
        counts = part.sum(axis=1)
        band = np.flatnonzero(counts >= 0.5 * part.shape[1])
        if not len(band) or band[-1] - band[0] + 1 > thick:
            continue
        cols = np.flatnonzero(part[band[0]:band[-1] + 1].any(axis=0))
        pos = (band[0] + band[-1] + 1) / 2 + (y if horizontal else x)
        base = x if horizontal else y
        out.append((pos, float(base + cols[0]), float(base + cols[-1] + 1), float(band[-1] - band[0] + 1)))
    return out


def _runs(ink: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical runs of ink at least k pixels long. A gap of a pixel
    (JPEG, thin print) is bridged; a wider one is not, so the strokes of two lines of text or
    of neighbouring characters never join into a "rule"."""
    close = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    horiz = cv2.morphologyEx(close, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    close = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    vert = cv2.morphologyEx(close, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, k)))
    return horiz, vert


def _continuations(found: list, candidates: list, tol: float) -> list:
    """Candidate pieces on the line of a found piece (the part of a rule a seal covered)."""
    return [c for c in candidates
            if any(abs(c[0] - f[0]) <= tol for f in found)
            and not any(abs(c[0] - f[0]) <= tol and c[1] >= f[1] - tol and c[2] <= f[2] + tol for f in found)]


HIDDEN_GAP = 4.0  # em: a gap in a rule at most this long, where the page is not paper but ink
HIDDEN_INKED = 0.9  # (this share of its length: a seal's star or ring stamped over the rule),
# is the rule's hidden part; a border left out (a merged cell) leaves paper
PAPER_MARGIN = 40  # grey levels darker than the paper: ink (print, or a seal's grey)


def _bridged(pieces: list, gray: np.ndarray, horizontal: bool, max_gap: float) -> list:
    """Collinear pieces of one rule joined across the gaps a stamp hides (see HIDDEN_GAP)."""
    if len(pieces) < 2:
        return pieces
    paper = float(np.percentile(gray[::4, ::4], 90))
    out: list = []
    for piece in sorted(pieces, key=lambda p: (round(p[0] / 3), p[1])):
        if out:
            pos, a, b, t = out[-1]
            gap = piece[1] - b
            if abs(piece[0] - pos) <= 2.5 and 0 < gap <= max_gap:
                lo, hi = int(np.ceil(b)), int(piece[1])
                r0, r1 = int(round((pos + piece[0]) / 2)) - 1, int(round((pos + piece[0]) / 2)) + 2
                band = gray[max(0, r0):r1, lo:hi] if horizontal else gray[lo:hi, max(0, r0):r1].T
                if band.size and (band.min(axis=0) < paper - PAPER_MARGIN).mean() >= HIDDEN_INKED:
                    out[-1] = ((pos + piece[0]) / 2, a, max(b, piece[2]), max(t, piece[3]))
                    continue
        out.append(piece)
    return out


def find_rules(ink: np.ndarray, dpi: float, em_px: float,
               under_seal: Optional[np.ndarray] = None, gray: Optional[np.ndarray] = None) -> ImageRules:
    """Rules of a binarised, deskewed page (`ink` 255 on ink). `em_px`: the text size.
    `under_seal`: the same page binarised with its seal left in (a colour page whose seal was
    taken out of `ink` took the thin rules under it too); pieces of it on the line of a rule
    found in `ink` are that rule's hidden part. `gray`: the page itself; where a seal's grey
    star or ring hides a stretch of a rule, the pieces either side are joined (`_bridged`)."""
    em_px = max(8.0, em_px)
    k = int(max(1.6 * em_px, dpi * 0.22))  # shortest run of ink that can be a rule
    horiz, vert = _runs(ink, k)
    thick = max(3.0, 0.35 * em_px)  # a rule is thin; a filled block (a black bar) is not
    hs = _pieces(horiz, True, thick)
    vs = _pieces(vert, False, thick)
    if under_seal is not None:
        h2, v2 = _runs(under_seal, k)
        hs += _continuations(hs, _pieces(h2, True, thick), 2.5)
        vs += _continuations(vs, _pieces(v2, False, thick), 2.5)
        horiz, vert = horiz | h2, vert | v2

    def ends_met(piece, others) -> int:
        """How many ends of `piece` lie on a rule of the other direction (borders meet
        exactly; a character's stroke near a border stops short of it)."""
        pos, a, b, _ = piece
        met = 0
        for end in (a, b):
            if any(o[1] - 3 <= pos <= o[2] + 3 and abs(o[0] - end) <= 3 + o[3] for o in others):
                met += 1
        return met

    def collinear(piece, same) -> bool:
        """Another piece on the same line (a rule broken by a gap in the ink)."""
        return any(o is not piece and abs(o[0] - piece[0]) <= 3 and (o[1] >= piece[2] or o[2] <= piece[1])
                   for o in same)

    def kept(pieces, others) -> list:
        """Long pieces, and cell borders: pieces that meet rules of the other direction at both
        ends, or at one end when another such piece continues them on the same line (a border
        broken by a gap in the ink) or when they are thin lines a few characters long (the
        border of a table continued from the previous page, without its top rule). The side of
        a seal's ring or a stroke near a border meets at most one rule, by chance; it is broad
        or short, and nothing continues it."""
        met = [ends_met(p, others) for p in pieces]
        strong = [p for p, m in zip(pieces, met) if m == 2 or p[2] - p[1] >= 6 * em_px]
        half = [p for p, m in zip(pieces, met) if m == 1 and p[2] - p[1] < 6 * em_px]
        thin = max(3.0, 0.2 * em_px)  # a ruled line, not a seal's ring (a ring is broad)
        return strong + [p for p in half if collinear(p, half + strong)
                         or (p[2] - p[1] >= 3 * em_px and p[3] <= thin)]

    hs_kept = kept(hs, vs)
    vs_kept = kept(vs, hs_kept)
    to_pt = 72.0 / dpi
    hs_drawn, vs_drawn = hs_kept, vs_kept
    if gray is not None:
        hs_drawn = _bridged(hs_kept, gray, True, HIDDEN_GAP * em_px)
        vs_drawn = _bridged(vs_kept, gray, False, HIDDEN_GAP * em_px)
    rules = [Rule("h", pos * to_pt, a * to_pt, b * to_pt) for pos, a, b, _ in hs_drawn]
    rules += [Rule("v", pos * to_pt, a * to_pt, b * to_pt) for pos, a, b, _ in vs_drawn]
    keep = np.zeros_like(ink)
    for pieces, src in ((hs_kept, horiz), (vs_kept, vert)):
        for pos, a, b, t in pieces:  # only the pixels of the kept rules, not their boxes
            if src is horiz:
                y0, y1 = int(pos - t / 2) - 1, int(pos + t / 2) + 2
                keep[max(0, y0):y1, int(a):int(b) + 1] |= src[max(0, y0):y1, int(a):int(b) + 1]
            else:
                x0, x1 = int(pos - t / 2) - 1, int(pos + t / 2) + 2
                keep[int(a):int(b) + 1, max(0, x0):x1] |= src[int(a):int(b) + 1, max(0, x0):x1]
    mask = cv2.dilate(keep, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    return ImageRules(rules, mask)
