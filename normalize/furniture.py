"""Page furniture: running headers and footers, page numbers — text at the page edges that is
not part of any table or of the narrative, skipped before regions are formed.

Only text outside tables is considered (a table row that repeats on every page is a table
row: the spanning header of a continued table), except in text dumps, where a page's lines
are all rows of one grid.
"""
from __future__ import annotations

from typing import Optional

from ..vocabulary import (PAGE_MARKER, header_key, inline_header_key, is_document_title, is_indicator_header,
                          is_level_cell, is_table_title, squeeze, unit_of)
from .records import Warning_
from .regions import is_caption_line
from .rows import Row

EDGE_LINES = 2  # lines at the top and foot of a page that may be furniture


def _candidate(row: Row, dump: bool) -> Optional[str]:
    cells = row.nonempty()
    if len(cells) != 1 or not (row.table is None or dump):
        return None
    return cells[0].text


def page_furniture(rows: list[Row], dump: bool) -> set[str]:
    """Texts printed alone on a line at the top or foot of two or more pages that are not
    part of the form (running headers such as 「某局2025年部门预算」)."""
    by_page: dict[int, list[Row]] = {}
    for row in rows:
        if row.page is not None and row.nonempty():
            by_page.setdefault(row.page, []).append(row)
    pages: dict[str, set] = {}
    tops: dict[str, list[float]] = {}
    for page, page_rows in by_page.items():
        for row in page_rows[:EDGE_LINES] + page_rows[-EDGE_LINES:]:
            text = _candidate(row, dump)
            if text is not None:
                pages.setdefault(text, set()).add(page)
                box = row.cells[0].bbox if row.cells else None
                if box is not None:
                    tops.setdefault(text, []).append(box[1])
    return {text for text, on in pages.items()
            if len(on) >= 2 and _same_place(tops.get(text))
            and not (is_table_title(text) or unit_of(text) or header_key(text)
                                     or inline_header_key(text) or is_level_cell(text)
                                     or is_indicator_header([text]) or is_caption_line(text))}


_BARE_NUMBER = __import__("regex").compile(r"^\d{1,3}$")


def _edge_rows(rows: list[Row]) -> set[int]:
    """The first and last text line of each page (where a page number is printed)."""
    by_page: dict[int, list[Row]] = {}
    for row in rows:
        if row.page is not None and row.table is None and row.nonempty():
            by_page.setdefault(row.page, []).append(row)
    return {id(r) for lines in by_page.values() for r in (lines[0], lines[-1])}


def _same_place(tops: Optional[list[float]], tolerance: float = 12.0) -> bool:
    """Printed at the same height on every page it appears on (a running header is; a
    section heading that also stands in the 目录 is not)."""
    return not tops or max(tops) - min(tops) <= tolerance


def drop_furniture(rows: list[Row], dump: bool) -> tuple[list[Row], list[Warning_]]:
    """Rows without the furniture and without page numbers printed alone on a text line; a
    document title repeated as a running header is kept once."""
    furniture = page_furniture(rows, dump)
    edges = _edge_rows(rows)
    kept, seen = [], set()
    for row in rows:
        text = _candidate(row, dump)
        if text is not None and (PAGE_MARKER.match(squeeze(text)) or (
                row.table is None and id(row) in edges and _BARE_NUMBER.match(squeeze(text)))):
            continue  # a page number
        if text in furniture and (not is_document_title(text) or text in seen):
            continue
        seen.add(text)
        kept.append(row)
    warnings = [Warning_("page_furniture", "skipped text repeated at the same place on several pages: "
                         + ", ".join(repr(t) for t in sorted(furniture)))] if furniture else []
    return kept, warnings
