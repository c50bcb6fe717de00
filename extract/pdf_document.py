"""PDF → Document: the one entry point of the PDF readers.

    read_pdf(path, engine="pdfium" | "pdfplumber" | "camelot", password=("pw", …), pages={1, 2},
             ocr="auto") -> Document

Items are in reading order page by page: `Table`s (one per ruled region per page) and the
`TextLine`s outside them. Unreadable inputs raise `ExtractionError` with a message for the
user; no pdfminer / pikepdf / camelot exception escapes. Pages without a usable text layer
are read by OCR (`ocr_reader`; `ocr="never"` only reports them, `"always"` OCRs every page).
"""
from __future__ import annotations

import os
from typing import Optional, Sequence, Union

from .model import Document, ExtractionError, Item
from .ocr_confidence import rate_cells
from .ocr_reader import LOW_CONFIDENCE, OcrReader, page_record
from .page_events import page_done
from .pdf_open import open_pdf
from .pdf_page_objects import PageObjects
from .pdf_settings import DEFAULT_SETTINGS, PdfSettings

ENGINES = ("pdfium", "pdfplumber", "camelot")
DEFAULT_ENGINE = "pdfium"


def read_pdf(path: str | os.PathLike, *, engine: str = DEFAULT_ENGINE,
             password: Union[str, Sequence[str], None] = None,
             pages: Optional[frozenset[int]] = None,
             settings: PdfSettings = DEFAULT_SETTINGS, ocr: str = "auto") -> Document:
    if engine not in ENGINES:
        raise ExtractionError(f"unknown PDF engine {engine!r}; choose one of {', '.join(ENGINES)}")
    with open_pdf(path, password) as opened:
        doc = Document(path=str(path), format="pdf", page_count=opened.page_count,
                       warnings=list(opened.warnings))
        if engine == "camelot":
            from .camelot_tables import read_pages
        else:
            from functools import partial

            from .pdf_tables import read_pages as read_engine_pages
            read_pages = partial(read_engine_pages, engine=engine)
        ocr_reader = OcrReader(opened.path, ocr, str(path))
        pages_without_text = []
        pages_with_text = 0
        glyphs = unmapped = 0
        # parser failures become ExtractionErrors inside read_pages (pdf_open.reading)
        if pages is not None and not any(1 <= n <= opened.page_count for n in pages):
            raise ExtractionError(f"{path}: --pages selects no page of this document "
                                  f"(it has {opened.page_count})")
        try:
            for objs, items, warnings in read_pages(opened.path, settings, str(path), pages, reread=ocr_reader):
                doc.items += items
                doc.warnings += warnings
                glyphs += len(objs.glyphs)
                unmapped += objs.unmapped
                if objs.scanned:
                    pages_without_text.append(objs.number)
                elif objs.glyphs:
                    pages_with_text += 1
                if not objs.scanned:
                    doc.warnings += unread_text(objs, items)
                ocr_page = ocr_reader.pages.get(objs.number)
                if ocr_page is not None:
                    doc.warnings += rate_cells(items, ocr_page, LOW_CONFIDENCE)
                page_done(objs.number, opened.page_count, "ocr" if ocr_page else "text")
        finally:
            ocr_reader.close()
    doc.ocr_pages = ocr_reader.pages
    doc.pages_read = [page_record(n, ocr_reader.pages.get(n), ocr_reader.skipped.get(n))
                      for n in range(1, opened.page_count + 1) if pages is None or n in pages]
    off = "; OCR is off (--ocr never)" if ocr == "never" else ""
    if ocr_reader.pages and not pages_with_text:
        n = len(ocr_reader.pages)
        if all(p.reason == "unmapped_text" for p in ocr_reader.pages.values()):
            raise ExtractionError(f"{path}: the text layer is unreadable — its fonts carry no "
                                  "Unicode mapping (text comes out as (cid:N)) — and OCR found no "
                                  f"text on the rendered page(s) either")
        raise ExtractionError(f"{path}: scanned document, but OCR found no text on its "
                              f"{n} page(s) (blank or unreadable images)")
    if pages_without_text and not pages_with_text:
        raise ExtractionError(f"{path}: no text layer — scanned document{off}")
    if glyphs and unmapped >= 0.9 * glyphs:
        raise ExtractionError(f"{path}: the text layer is unreadable — its fonts carry no Unicode "
                              f"mapping (text comes out as (cid:N)){off}")
    for number in pages_without_text:
        doc.warnings.append({"code": "scanned_page", "page": number,
                             "message": f"page {number} is an image without a text layer "
                                        f"(scanned); its content is missing{off}"})
    return doc


def _letters(text: Optional[str]) -> int:
    return len("".join(text.split())) if text else 0


def unread_text(objs: PageObjects, items: list[Item]) -> list[dict]:
    """A warning for a page whose text did not reach its items (tables and text lines): nothing
    read from a page with text, or less than half of its characters. Nothing is dropped
    silently — a table finder that gave up, or a filter that took too much, shows here."""
    on_page = sum(1 for g in objs.glyphs if g.text and not g.text.isspace())  # ligatures: one
    if on_page == 0:
        return []
    read = 0
    for item in items:
        cells = getattr(item, "cells", None)
        read += sum(_letters(c.text) for c in cells) if cells is not None else _letters(getattr(item, "text", ""))
    if read >= 0.5 * on_page:
        return []
    n = objs.number
    what = "nothing was read from it" if read == 0 else f"only {read} of its {on_page} characters were read"
    return [{"code": "page_unread", "page": n,
             "message": f"page {n} has text, but {what} (no table or text line holds the rest)"}]
