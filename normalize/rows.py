"""Document → a flat stream of rows in reading order, each cell in canonical text.

The normaliser reads a document as rows, whatever produced them: a table row of a PDF grid, a
line of a text dump, or a line of text outside any table (a one-cell row). Cells keep their
provenance and whether they are the continuation of a vertically merged cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

from ..extract.model import BBox, Document, Table, TextLine
from .cjk_text import canonical


@dataclass(slots=True)
class RowCell:
    raw: Optional[str]  # as extracted
    text: Optional[str]  # canonical
    col: int
    continued: bool = False  # below the first row of a vertically merged cell
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    colspan: int = 1
    ref: Optional[str] = None  # office inputs: the cell's address (Sheet1!B7, table 3!R2C1)

    @property
    def fresh_text(self) -> Optional[str]:
        """The text when this row is where the cell starts; None on merged continuation rows."""
        return None if self.continued else self.text


@dataclass(slots=True)
class Row:
    cells: list[RowCell]  # one per grid column
    table: Optional[int]  # index of the source Table among the document's items; None: text line
    index: int  # row number within the table
    page: Optional[int]
    last: bool = False  # the table's last row (at the foot of a page)

    def nonempty(self) -> list[RowCell]:
        """Cells that start on this row and hold text, left to right."""
        return [c for c in self.cells if c.fresh_text is not None]

    def at(self, col: Optional[int]) -> Optional[RowCell]:
        return self.cells[col] if col is not None and 0 <= col < len(self.cells) else None


def document_rows(doc: Document, release: bool = False) -> Iterator[Row]:
    """The rows of `doc`'s items in order. `release=True` lets go of each item once its rows
    are made (doc.items is left empty): a long document's grids are not held beside its rows
    (the rows keep the cells' texts and boxes, not the cells)."""
    items = doc.items
    if release:
        doc.items = []
    for item_index in range(len(items)):
        item = items[item_index]
        if release:
            items[item_index] = None
        if isinstance(item, TextLine):
            text = canonical(item.text)
            if text:
                yield Row([RowCell(item.text, text, 0, page=item.page, bbox=item.bbox, ref=item.ref)],
                          None, 0, item.page)
        elif isinstance(item, Table):
            yield from _table_rows(item, item_index)


def _table_rows(table: Table, table_index: int) -> Iterator[Row]:
    canon: dict[int, Optional[str]] = {}
    for r, slots in enumerate(table.grid()):
        cells = []
        for c, slot in enumerate(slots):
            cell = slot.cell
            if cell is None:
                cells.append(RowCell(None, None, c, page=table.page))
                continue
            if id(cell) not in canon:
                canon[id(cell)] = canonical(cell.text)
            cells.append(RowCell(cell.text, canon[id(cell)], c, slot.continued, cell.page, cell.bbox, cell.colspan,
                                 cell.ref))
        page = next((c.page for c in cells if c.page is not None), table.page)
        yield Row(cells, table_index, r, page, last=r == table.n_rows - 1)
