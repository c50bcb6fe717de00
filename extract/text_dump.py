"""Text dumps of attachment PDFs → Document.

Two dump styles (SPEC.md "Inputs"):
- tab-separated: one table row per line, cells separated by tabs, merged cells left empty;
- `pdftotext -layout`: columns aligned with spaces (see layout_text.py).

Form feeds separate pages. Within a page, every non-blank line is one grid row; blank lines are
ignored. A cell whose text was broken onto the following line is joined back (the following
line continues the cell, it is not a new row): see `_join_broken_lines`.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path


from ..vocabulary import header_key, inline_header_key, is_indicator_header, is_table_title, looks_like_row_start
from .model import Cell, Document, ExtractionError, Table
from .text_encoding import decode_dump as decode_text
from .. import lazy_regex

# a quoted cell may be as long as the file (the csv module's default limit is 128 KiB)
csv.field_size_limit(max(csv.field_size_limit(), 256 * 1024 * 1024))

MAX_TEXT_BYTES = 200 * 1024 * 1024


def decode_dump(data: bytes, path: str = "") -> str:
    """Bytes → str (extract/text_encoding.py); kept for callers that want the text only."""
    return decode_text(data).text


def read_text_dump(path: str | Path) -> Document:
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise ExtractionError(f"text file too large ({len(data) // 2**20} MiB)")
    decoded = decode_text(data)
    # line endings first: CR-only files (classic Mac) are recognised like any other
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if pages and not pages[-1].strip() and len(pages) > 1:
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    if _is_layout_style(text):
        from .layout_text import layout_rows

        page_rows = layout_rows(pages)
    else:
        page_rows = [_join_broken_lines(_split_fields(p)) for p in pages]
    doc = Document(path=str(path), format="txt", page_count=len(pages),
                   warnings=list(decoded.warnings))
    for number, rows in enumerate(page_rows, start=1):
        cells = [Cell(text=t, row=r, col=c, page=number)
                 for r, fields in enumerate(rows) for c, t in enumerate(fields) if t and t.strip()]
        if cells:
            doc.items.append(Table(cells=cells, page=number, engine="text",
                                   n_rows=len(rows), n_cols=max(len(f) for f in rows)))
    return doc


_QUOTED_FIELD = lazy_regex.compile(r'(?:^|\t)"')


def _split_fields(page: str) -> list[list[str]]:
    """The page's non-blank lines as lists of fields. Spreadsheet and pandas exports quote a
    field holding a tab, a line break or a quote (`"…"`, `""` for a quote): read those with
    the csv module, so a quoted line break stays inside its cell."""
    if _QUOTED_FIELD.search(page):
        rows = list(csv.reader(io.StringIO(page), delimiter="\t", quotechar='"'))
    else:
        rows = [line.split("\t") for line in page.split("\n")]
    return [r for r in rows if any(f.strip() for f in r)]


def _is_layout_style(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    tabbed = sum(1 for ln in lines if "\t" in ln)
    spaced = sum(1 for ln in lines if "  " in ln.strip() or "\u3000\u3000" in ln.strip())
    return tabbed == 0 and spaced >= max(3, len(lines) // 5)


def _sentence_like(text: str) -> bool:
    """Text that reads as part of a sentence rather than a row label."""
    t = text.strip()
    return len(t) > 12 or any(p in t for p in "，。；、！？,;")


def _join_broken_lines(lines: list[list[str]]) -> list[list[str]]:
    """Join lines that continue a cell of the row above.

    A line continues the previous row when it does not start a row itself (no leading tab, its
    first field is not a label, level code, title …) and either the previous row is short of
    the table's width (the rest of the row follows on this line) or the line is a single field
    (the last cell wrapped).
    """
    lines = _join_broken_first_cells(lines)
    width_counts = Counter(len(f) for f in lines if len(f) > 1)
    width = width_counts.most_common(1)[0][0] if width_counts else 1
    padded = bool(width_counts) and width_counts[width] >= 0.6 * sum(width_counts.values())
    rows: list[list[str]] = []
    in_indicators = False  # below a 一级指标 | 二级指标 … row every row starts with a level cell or a tab
    for fields in lines:
        prev = rows[-1] if rows else None
        starts_row = fields[0].strip() == "" or looks_like_row_start(fields[0])
        # 「局<TAB>实施单位<TAB>…」: a label further along shows the first field is a tail
        label_follows = any(header_key(f) or inline_header_key(f) for f in fields[1:])
        continues = prev is not None and (len(prev) > 1 or inline_header_key(prev[0])) and not starts_row and (
            len(fields) == 1 or in_indicators or label_follows
            or (len(prev) + len(fields) - 1 <= width
                and (padded or _sentence_like(fields[0]) or not any(f.strip() for f in fields[1:]))))
        if is_indicator_header(fields):
            in_indicators = True
        elif header_key(fields[0]) or is_table_title(fields[0]):
            in_indicators = False
        if not continues:
            rows.append(list(fields))
            continue
        if len(prev) < width or not any(f.strip() for f in prev[1:]):
            target = len(prev) - 1
        else:
            target = max(i for i, f in enumerate(prev) if f.strip())
        prev[target] = prev[target].rstrip() + "\n" + fields[0].strip()
        prev.extend(fields[1:])
    return rows


def _join_broken_first_cells(rows: list[list[str]], most: int = 3) -> list[list[str]]:
    """A first cell broken over lines (`1-产出` ⏎ `指标<TAB>11-数量指标<TAB>…`, or a label
    `年度总体绩效` ⏎ `目标<TAB>…`): the lone fragments just above a row join its first cell when
    together they make a label or a level cell."""
    out: list[list[str]] = []
    for row in rows:
        if len(row) > 1 and row[0].strip() and not looks_like_row_start(row[0]):
            for k in range(min(most, len(out)), 0, -1):
                above = out[-k:]
                if all(len(r) == 1 and not looks_like_row_start(r[0]) for r in above) and \
                        looks_like_row_start("".join(r[0] for r in above) + row[0]):
                    row = ["\n".join([r[0].strip() for r in above] + [row[0].strip()])] + row[1:]
                    del out[-k:]
                    break
        out.append(row)
    return out
