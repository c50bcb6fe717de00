"""Amounts OCR read in a form no table prints, read again.

A printed amount has a fixed shape: groups of three digits after the first comma, at most one
decimal point, no mark before its first digit. When the recogniser's reading of a line that is
all number breaks that shape (`8,661, 62`, `21,601.733.00`, `1,206,00`, `.60,000`), the
reading is wrong, and how it went wrong is known:

- a seal's ink over the print: on a colour page the seal is taken out of the image OCR reads,
  and with it the parts of the print's strokes JPEG tinted red (a `4` loses its foot, a comma
  its tail and becomes a point) — the same crop of the page with the seal left in reads right;
- repeated digits merged: the recogniser (CTC) needs a blank step between two equal
  characters, and a narrow digit gets about three steps, so `000` comes out `00` — the crop
  stretched sideways gives every digit more steps;
- a speck of dust before the number, read as a point.

So such a line is recognised again from a few crops of the same box (with and without the
seal, levelled and plain, stretched), and the reading most of the well-formed ones agree on
is kept (with a note when other readings differ); failing that, a speck before the number is dropped, or a separator is swapped for the
one the recogniser gave as its second choice when that makes the shape right. The table's
arithmetic is not used: a value is only ever one the recogniser read. A line nothing settles
stays as read, with a note (page and bbox) to check it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Optional, Sequence

import cv2
import numpy as np
import regex

from .ocr_engine import OcrEngine, RecognizedLine

STRETCH = 1.4  # the crop is read again this much wider (more CTC steps per digit)
# a line that is a number with a separator between digits (what the shape rules apply to)
_NUMBERISH = regex.compile(r"^[.,·\s]*-?[0-9][0-9,.\s]*[.,][0-9,.\s]*[0-9]%?$")
_WELL_FORMED = regex.compile(r"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?|[0-9]+(?:\.[0-9]+)?)%?$")
# printed with points but no amount: a date (2025.01.01), an outline number (1.2.3)
_NOT_AN_AMOUNT = regex.compile(r"^(?:[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}|[0-9]{1,2}(?:\.[0-9]{1,2})+)\.?$")
_SPECK = regex.compile(r"^[.,·]+(?=\s*[0-9])")  # marks before the first digit
_SEPARATORS = ",."

# a crop of the page: (image, box, ink extent, levelled?) → the image the recogniser reads
CropFn = Callable[[np.ndarray, tuple, tuple, bool], np.ndarray]


def squeezed(text: str) -> str:
    return "".join(text.split())


def malformed(text: str) -> bool:
    """A line that is a number (with separators) in a shape no table prints."""
    s = squeezed(text)
    return bool(_NUMBERISH.match(s)) and not _WELL_FORMED.match(s) and not _NOT_AN_AMOUNT.match(s)


def well_formed(text: str) -> bool:
    s = squeezed(text)
    return bool(_NUMBERISH.match(s)) and bool(_WELL_FORMED.match(s))


def _value(text: str) -> str:
    return squeezed(text).replace(",", "")


def _with_char(line: RecognizedLine, index: int, ch: str) -> RecognizedLine:
    chars = list(line.chars)
    c = chars[index]
    chars[index] = (ch, c[1], c[2], c[3])
    return RecognizedLine("".join(c[0] for c in chars), line.confidence, chars, line.alternatives)


def _repairs(line: RecognizedLine) -> list[RecognizedLine]:
    """Readings of a malformed line one change away that are well formed: the specks before
    its first digit made blanks, or one separator swapped for the recogniser's second choice."""
    out = []
    text = "".join(c[0] for c in line.chars)
    m = _SPECK.match(text)
    if m:
        fixed = line
        for i in range(m.end()):
            fixed = _with_char(fixed, i, " ")
        if well_formed("".join(c[0] for c in fixed.chars)):
            out.append(fixed)
    alternatives = line.alternatives or [[] for _ in line.chars]
    for i, (c, alts) in enumerate(zip(line.chars, alternatives)):
        if c[0] not in _SEPARATORS:
            continue
        other = next((a for a, _p in alts if a in _SEPARATORS and a != c[0]), None)
        if other is None:
            continue
        fixed = _with_char(line, i, other)
        if well_formed("".join(ch[0] for ch in fixed.chars)):
            out.append(fixed)
    return out


def _unstretched(line: RecognizedLine, factor: float) -> RecognizedLine:
    if factor == 1.0:
        return line
    chars = [(c, p, a / factor, b / factor) for c, p, a, b in line.chars]
    return RecognizedLine(line.text, line.confidence, chars, line.alternatives)


def _variants(images: Sequence[np.ndarray], box, extent, crop: CropFn) -> list[tuple[np.ndarray, float]]:
    out = []
    for image in images:
        for levelled in (True, False):
            c = crop(image, box, extent, levelled)
            if c.size == 0:
                continue
            out.append((c, 1.0))
            out.append((cv2.resize(c, None, fx=STRETCH, fy=1.0, interpolation=cv2.INTER_CUBIC), STRETCH))
    return out


def _choose(readings: list[RecognizedLine]) -> tuple[Optional[RecognizedLine], list[str]]:
    """The well-formed reading most readings agree on (then the surest), and the other
    well-formed values read (when the readings disagree)."""
    groups: dict[str, list[RecognizedLine]] = defaultdict(list)
    for r in readings:
        if well_formed(r.text):
            groups[_value(r.text)].append(r)
    if not groups:
        return None, []
    best = max(groups.values(), key=lambda g: (len(g), sum(r.confidence for r in g)))
    others = [squeezed(g[0].text) for g in groups.values() if g is not best]
    return max(best, key=lambda r: r.confidence), others


def reread_amounts(engine: OcrEngine, lines: list[RecognizedLine], pieces: list,
                   images: Callable[[], Sequence[np.ndarray]], crop: CropFn,
                   to_pt: float) -> tuple[list[RecognizedLine], list[str]]:
    """`lines` (one per piece: (box, ink extent) in px) with the malformed amounts read again
    from `images` (the page as OCR reads it, then, on a colour page, with the seal left in);
    notes on those nothing settled."""
    todo = [k for k, line in enumerate(lines) if line.chars and malformed(line.text)]
    if not todo:
        return lines, []
    crops, owner = [], []
    pages = images()
    for k in todo:
        box, extent = pieces[k]
        for c, factor in _variants(pages, box, extent, crop):
            crops.append(c)
            owner.append((k, factor))
    read = engine.recognize(crops) if crops else []
    again: dict[int, list[RecognizedLine]] = defaultdict(list)
    for (k, factor), r in zip(owner, read):
        again[k].append(_unstretched(r, factor))
    out, notes = list(lines), []
    for k in todo:
        chosen, others = _choose(again[k])
        if chosen is None:
            chosen, others = _choose([f for r in [lines[k]] + again[k] for f in _repairs(r)])
        box = [round(v * to_pt, 1) for v in pieces[k][0]]
        if chosen is not None:
            out[k] = chosen
            if others:
                notes.append(f"{squeezed(lines[k].text)!r} at {box}: OCR read an amount in a shape no "
                             f"table prints; read again it is {squeezed(chosen.text)!r} most often, "
                             f"but also {', '.join(map(repr, others))} (check the page)")
            continue
        notes.append(f"{squeezed(lines[k].text)!r} at {box}: OCR read an amount in a shape no table "
                     "prints, and reading it again did not settle it (check the page)")
    return out, notes
