"""`pdftotext -layout` pages → rows: columns are aligned with spaces, so a run of two or more
spaces separates cells; the table structure is rebuilt by unruled_table."""
from __future__ import annotations

import regex

from .unruled_table import Fragment, Line, UnruledReader

_FRAGMENT = regex.compile(r"\S+(?: \S+)*")


def layout_rows(pages: list[str]) -> list[list[list[str]]]:
    """Rows of fields for each page of a layout dump."""
    reader = UnruledReader()
    out = []
    for page_text in pages:
        lines = []
        for y, raw in enumerate(page_text.split("\n")):
            raw = raw.replace("\u3000", "  ")
            frags = [Fragment(m.start(), m.end(), m.group()) for m in _FRAGMENT.finditer(raw)]
            if frags:
                lines.append(Line(y, frags))
        out.append([[f.text if f else "" for f in row] for row in reader.page_rows(lines)])
    return out
