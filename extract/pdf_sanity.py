"""Checks of an opened PDF before any engine reads it (issue 16): structures that make the
engines loop, crash, divide by zero or inflate gigabytes get a specific message instead.

    rewrite = check_pdf(pdf, repairs)   # raises ExtractionError; True: read a repaired copy

- page boxes: a page needs a MediaBox of four finite numbers with a width and a height
  (a zero-size box divides by zero in camelot; a 400-digit number is no size). A page with no
  MediaBox at all, or one that is a reference loop (pdfminer follows `6 0 R → 7 0 R → 6 0 R`
  for ever), was given US Letter by qpdf while it read the page tree: the engines then read a
  repaired copy (`rewrite`), with a warning, as for any other repair;
- Form XObjects that draw themselves, directly or through others (camelot's renderer recurses
  until it crashes): a specific error;
- content streams that inflate past `MAX_CONTENT_BYTES` (a 4 MB file whose page inflates to
  4 GiB): a specific error, found by inflating the stream in bounded pieces and counting,
  without ever holding it.
"""
from __future__ import annotations

import math
import zlib
from decimal import Decimal
from typing import Iterable, Optional

import pikepdf

from .model import ExtractionError

MAX_CONTENT_BYTES = 256 * 1024 * 1024  # one page's content stream, inflated
MAX_BOX = 10 ** 6  # points; the largest page PDF allows is 14,400 × UserUnit
MAX_XOBJECT_VISITS = 50_000  # Form XObjects looked at in one file
MAX_XOBJECT_DEPTH = 100  # forms inside forms
_PIECE = 1 << 20


def check_pdf(pdf: pikepdf.Pdf, repairs: Iterable[str] = ()) -> bool:
    """Raise ExtractionError for a page the engines cannot read; True when qpdf repaired the
    page tree (a missing or looping MediaBox) and the engines should read the repaired copy."""
    rewrite = any("MediaBox is undefined" in r for r in repairs)
    checked_forms: set[tuple[int, int]] = set()
    inflated: set[tuple[int, int]] = set()
    visits = [0]
    for number, page in enumerate(pdf.pages, start=1):
        _check_box(number, _inherited(page.obj, "/MediaBox"))
        for stream in _contents(page.obj):
            _check_inflated_size(number, stream, inflated)
        resources = _inherited(page.obj, "/Resources")
        _check_forms(number, resources, [], checked_forms, inflated, visits)
    return rewrite


def _key(obj) -> Optional[tuple[int, int]]:
    try:
        return obj.objgen if obj.is_indirect else None
    except (AttributeError, pikepdf.PdfError):
        return None


def _inherited(node, name: str):
    """`name` on the page or the nearest /Pages ancestor that has it (loops ignored)."""
    seen = set()
    while isinstance(node, pikepdf.Dictionary):
        key = _key(node)
        if key is not None:
            if key in seen:
                return None
            seen.add(key)
        value = node.get(name)
        if value is not None:
            return value
        node = node.get("/Parent")
    return None


def _number(v) -> Optional[float]:
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        f = float(v)
        return f if math.isfinite(f) else None
    return None


def _check_box(number: int, box) -> None:
    if box is None:
        raise ExtractionError(f"page {number} has no MediaBox (its size): the PDF is damaged")
    values = [_number(v) for v in box] if isinstance(box, pikepdf.Array) else []
    shown = "[" + " ".join(str(v)[:12] for v in box) + "]" if isinstance(box, pikepdf.Array) else str(box)[:40]
    if len(values) != 4 or any(v is None for v in values):
        raise ExtractionError(f"page {number}: its MediaBox {shown} is not four numbers; "
                              "the page size cannot be read (damaged PDF)")
    if any(abs(v) > MAX_BOX for v in values):
        raise ExtractionError(f"page {number}: its MediaBox {shown} holds a number out of range "
                              f"(more than {MAX_BOX:,} points); the page size cannot be read")
    x0, y0, x1, y1 = values
    if abs(x1 - x0) < 1 or abs(y1 - y0) < 1:
        raise ExtractionError(f"page {number}: its MediaBox {shown} has no area (zero width or "
                              "height); the page cannot be read")


def _contents(page) -> list:
    contents = page.get("/Contents")
    if isinstance(contents, pikepdf.Stream):
        return [contents]
    if isinstance(contents, pikepdf.Array):
        return [c for c in contents if isinstance(c, pikepdf.Stream)]
    return []


def _flate_only(stream) -> bool:
    f = stream.get("/Filter")
    if isinstance(f, pikepdf.Array):
        return len(f) == 1 and f[0] == pikepdf.Name.FlateDecode
    return f == pikepdf.Name.FlateDecode


def inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes `raw` (a zlib stream) inflates to, counting no further than past `limit`;
    damaged data counts as far as it inflates."""
    d = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while data and not d.eof:
            out = d.decompress(data, _PIECE)
            total += len(out)
            if total > limit:
                break
            data = d.unconsumed_tail
            if not out and data:
                break  # no progress
    except zlib.error:
        pass
    return total


def _check_inflated_size(number: int, stream, done: set) -> None:
    key = _key(stream)
    if key is not None:
        if key in done:
            return
        done.add(key)
    if not _flate_only(stream):
        return  # other filters: the worker's memory limit bounds them
    try:
        raw = stream.read_raw_bytes()
    except (pikepdf.PdfError, RuntimeError):
        return  # the engines report the damage
    if inflated_size(raw, MAX_CONTENT_BYTES) > MAX_CONTENT_BYTES:
        raise ExtractionError(
            f"page {number}: a content stream of {len(raw) / 2**20:.1f} MB inflates to more than "
            f"{MAX_CONTENT_BYTES // 2**20} MB (a decompression bomb); not read")


def _forms(resources):
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(xobjects, pikepdf.Dictionary):
        return
    for name, xobj in xobjects.items():
        if isinstance(xobj, pikepdf.Stream) and xobj.get("/Subtype") == pikepdf.Name.Form:
            yield name, xobj


def _check_forms(number: int, resources, path: list, checked: set, inflated: set,
                 visits: list) -> None:
    """Depth first through the Form XObjects `resources` can draw; a form met again on its
    own path draws itself."""
    for name, form in _forms(resources):
        key = _key(form)
        if key is not None and key in checked:
            continue
        if key is not None and key in path:
            raise ExtractionError(
                f"page {number}: the Form XObject {name} draws itself (a loop in the page's "
                "resources); the PDF is damaged")
        visits[0] += 1
        if len(path) >= MAX_XOBJECT_DEPTH:
            raise ExtractionError(f"page {number}: Form XObjects nested more than "
                                  f"{MAX_XOBJECT_DEPTH} deep; the PDF is damaged or hostile")
        if visits[0] > MAX_XOBJECT_VISITS:
            raise ExtractionError(f"page {number}: more than {MAX_XOBJECT_VISITS:,} nested Form "
                                  "XObjects; the PDF is damaged or hostile")
        _check_inflated_size(number, form, inflated)
        _check_forms(number, form.get("/Resources"), path + [key], checked, inflated, visits)
        if key is not None:
            checked.add(key)
