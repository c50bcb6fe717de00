"""The grid model every reader yields and the normaliser consumes.

A reader (text dump, pdfplumber, camelot) turns one input file into a `Document`: the
page-ordered list of `Table`s found in it plus the `TextLine`s outside any table (document
title, 单位：万元 …). A table is a set of `Cell`s on a grid; a merged cell is one Cell with
rowspan/colspan > 1, so merged cells are known as merged rather than guessed from blanks.
Every cell keeps its provenance (page number, bbox in PDF points, top-left origin) so an
auditor can find it again; cells read from a workbook or a Word file have no bbox but a `ref`
instead (`Sheet1!B7`, `table 3!R2C1`, see docs/SPEC.md "Spreadsheet and Word inputs"). Nothing here knows about budgets: that is normalize/'s job.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (points, origin top-left)


@dataclass(slots=True)
class Cell:
    text: Optional[str]  # raw text as extracted (line breaks kept); None or "" when empty
    row: int  # grid row of the top-left corner (0-based)
    col: int  # grid column of the top-left corner (0-based)
    rowspan: int = 1
    colspan: int = 1
    page: Optional[int] = None  # 1-based page number, None when unknown
    bbox: Optional[BBox] = None
    ref: Optional[str] = None  # office inputs: "Sheet1!B7" (top-left cell) or "table 3!R2C1"
    confidence: Optional[float] = None  # OCR'd cells: the lowest character confidence (0–1)


@dataclass(slots=True)
class Slot:
    """What one grid position holds, as seen row by row.

    `cell` is the cell covering the position (None for a position no cell covers).
    `continued` is True on the rows below the first row of a vertically merged cell: the
    text belongs to that row too (fill-down). Positions covered by a cell's colspan to the
    right of its first column are reported with `cell=None`, so a value spanning three
    columns is read once.
    """

    cell: Optional[Cell]
    continued: bool = False

    @property
    def text(self) -> Optional[str]:
        return self.cell.text if self.cell is not None else None


@dataclass(slots=True)
class Table:
    cells: list[Cell]
    page: Optional[int] = None  # page of the table's first row
    bbox: Optional[BBox] = None
    engine: str = ""  # "text", "pdfplumber", "camelot", …
    n_rows: int = 0
    n_cols: int = 0
    source: Optional[str] = None  # office inputs: the sheet name, or "table 3" (Word)

    def __post_init__(self) -> None:
        if self.cells and not (self.n_rows and self.n_cols):
            self.n_rows = max(c.row + c.rowspan for c in self.cells)
            self.n_cols = max(c.col + c.colspan for c in self.cells)

    def grid(self) -> list[list[Slot]]:
        """The table as rows of Slots (see Slot for how merged cells appear)."""
        rows = [[Slot(None) for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                rows[r][c.col] = Slot(c, continued=r > c.row)
        return rows

    def text_rows(self) -> list[list[Optional[str]]]:
        """Plain text matrix: merged cells appear once, at their top-left position."""
        out = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c.text
        return out

    def pages(self) -> list[int]:
        return sorted({c.page for c in self.cells if c.page is not None})


@dataclass(slots=True)
class TextLine:
    """A line of text outside every table (title, unit line, page header …)."""

    text: str
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    ref: Optional[str] = None  # office inputs: "Sheet1!A1", "paragraph 4"


Item = Union[Table, TextLine]


@dataclass
class Document:
    path: str
    format: str  # "pdf" | "txt" | "xlsx" | "xls" | "docx"
    page_count: Optional[int] = None
    items: list[Item] = field(default_factory=list)  # reading order
    warnings: list[dict] = field(default_factory=list)  # {"code","message","page"}
    pages_read: list[dict] = field(default_factory=list)  # PDFs: how each page was read (text / ocr)
    ocr_pages: dict = field(default_factory=dict)  # page number → extract.ocr_page.OcrPage

    def tables(self) -> Iterator[Table]:
        return (i for i in self.items if isinstance(i, Table))


class ExtractionError(Exception):
    """An input that cannot be read; the message is shown to the user as is."""
