"""Text regions → narrative paragraphs (`{"page", "heading", "text"}`), in reading order.

Lines wrapped by the page are joined back into their paragraph (canonical text rules: a line
break next to a CJK character disappears). A paragraph ends where a line stops short of the
right margin, where the next line is indented or starts a numbered item, or — without line
positions (text dumps) — where a line ends a sentence. A heading (一、…, （一）…, 第三部分 …, a
short line without sentence punctuation) is not a paragraph: it becomes the `heading` of the
paragraphs that follow it; a heading followed by another heading is kept as a paragraph of its
own so that no text is lost.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..vocabulary import bundle as vb
from .cjk_text import canonical
from .records import Paragraph
from .regions import TEXT, Region
from .rows import Row


def _text(row: Row) -> Optional[str]:
    cells = row.nonempty()
    return " ".join(c.text for c in cells) if cells else None


def is_heading(text: str) -> bool:
    s = text.strip()
    if len(s) > vb.MAX_HEADING_CHARS or vb.SENTENCE_END.search(s) or vb.TOC_LINE.search(s):
        return False
    if vb.HEADING_NUMBER.match(s):
        return True
    return len(s) <= vb.MAX_BARE_HEADING_CHARS and not regex.search(r"[，,；;：:]", s) \
        and not regex.match(r"^[\d\s.,%()（）-]+$", s)


class _Margins:
    """Left and right text margins per page (from the lines of its text regions)."""

    def __init__(self, rows: list[Row]):
        self.left: dict[int, float] = {}
        self.right: dict[int, float] = {}
        self.em: dict[int, float] = {}
        for row in rows:
            box = row.cells[0].bbox if row.cells else None
            if box is None or row.page is None:
                continue
            self.left[row.page] = min(self.left.get(row.page, box[0]), box[0])
            self.right[row.page] = max(self.right.get(row.page, box[2]), box[2])
            self.em[row.page] = min(self.em.get(row.page, 99.0), max(4.0, box[3] - box[1]))

    def full(self, row: Row) -> Optional[bool]:
        box = row.cells[0].bbox if row.cells else None
        if box is None or row.page not in self.right:
            return None
        return box[2] >= self.right[row.page] - 2.5 * self.em[row.page]

    def indented(self, row: Row) -> Optional[bool]:
        box = row.cells[0].bbox if row.cells else None
        if box is None or row.page not in self.left:
            return None
        return box[0] > self.left[row.page] + 0.8 * self.em[row.page]


def read_narrative(regions: list[Region]) -> list[Paragraph]:
    lines = [r for reg in regions if reg.kind == TEXT for r in reg.rows if _text(r)]
    margins = _Margins(lines)
    paragraphs: list[Paragraph] = []
    heading: Optional[str] = None
    pending_heading: Optional[tuple[str, Optional[int]]] = None  # a heading not yet followed by text
    current: list[str] = []
    current_page: Optional[int] = None
    previous: Optional[Row] = None

    def flush() -> None:
        nonlocal current
        if current:
            text = canonical("\n".join(current))
            if text:
                paragraphs.append(Paragraph(current_page, text, heading))
        current = []

    for row in lines:
        text = _text(row).strip()
        if is_heading(text) and not (current and _continues(previous, row, margins, current[-1])):
            flush()
            if pending_heading is not None:  # two headings in a row: keep the first as text
                paragraphs.append(Paragraph(pending_heading[1], canonical(pending_heading[0]), heading))
            pending_heading = (text, row.page)
            heading = canonical(text)
            previous = None
            continue
        if current and not _continues(previous, row, margins, current[-1]):
            flush()
        if not current:
            current_page = row.page
        current.append(text)
        pending_heading = None
        previous = row
    flush()
    if pending_heading is not None:
        paragraphs.append(Paragraph(pending_heading[1], canonical(pending_heading[0]), None))
    return paragraphs


def _continues(previous: Optional[Row], row: Row, margins: _Margins, previous_text: str) -> bool:
    """Whether `row` goes on with the paragraph whose last line is `previous`."""
    text = _text(row).strip()
    if previous is None or vb.LIST_ITEM.match(text) or vb.TOC_LINE.search(text) or vb.TOC_LINE.search(previous_text):
        return False
    full, indented = margins.full(previous), margins.indented(row)
    if full is None or indented is None:  # no positions: a sentence end ends the paragraph
        return not vb.SENTENCE_END.search(previous_text.rstrip())
    if row.page != previous.page:
        return full and not indented and not vb.SENTENCE_END.search(previous_text.rstrip())
    return full and not indented
