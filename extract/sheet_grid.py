"""A worksheet as the spreadsheet readers see it → the grid model's Tables and TextLines.

`Sheet` is what both workbook readers (xlsx_reader with openpyxl, xls_reader with xlrd) fill
in: the displayed text of every cell, whether the cell has a border, the merged ranges, the
hidden rows and columns. `sheet_items` turns it into reading-order items:

- Hidden rows and columns are skipped (as if absent); a merged range keeps the text of its
  top-left cell and spans the visible rows/columns it covers.
- A sheet with borders: a table is a run of consecutive visible rows that hold a bordered cell,
  over the columns its bordered cells cover (a ruled region, like a PDF table), less the rows
  without any text at its top and foot. Grid columns in which no cell of the table starts are
  dropped (grid_compact). Text outside
  those regions — the title row, the 单位：元 row, notes under a table — are TextLines.
- A sheet without any border: blank rows separate blocks; the rows at the top and at the foot
  of a block that hold a single text (title, unit line, note) are TextLines, the rest of the
  block is a table.

Provenance: every Cell gets `page` = the sheet's 1-based position among the sheets read and
`ref` = its top-left cell's address (`绩效目标表!B7`); each Table gets `source` = the sheet
name and TextLines their cell's `ref`. Knows nothing about budgets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .grid_compact import drop_covered_columns
from .model import Cell, Item, Table, TextLine
from .. import lazy_regex


@dataclass
class SheetCell:
    text: Optional[str]  # as displayed (number format applied); None when empty
    bordered: bool = False


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], SheetCell] = field(default_factory=dict)  # (row, col), 0-based
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


_PLAIN_SHEET_NAME = lazy_regex.compile_re(r"[\w\u3400-\u9fff\uf900-\ufaff]+")


def cell_ref(sheet: str, row: int, col: int) -> str:
    """`Sheet1!B7`; a sheet name with spaces or punctuation is quoted as Excel does ('a b'!B7)."""
    name = sheet if _PLAIN_SHEET_NAME.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letters(col)}{row + 1}"


@dataclass
class _Unit:
    """One cell or one merged range, seen on the visible grid."""

    row: int  # anchor (top-left) in sheet coordinates
    col: int
    rows: list[int]  # visible sheet rows it covers
    cols: list[int]  # visible sheet columns it covers
    text: Optional[str]
    bordered: bool


def _units(sheet: Sheet) -> list[_Unit]:
    covered: dict[tuple[int, int], int] = {}
    units: list[_Unit] = []
    for r0, c0, r1, c1 in sheet.merges:
        rows = [r for r in range(r0, r1 + 1) if r not in sheet.hidden_rows]
        cols = [c for c in range(c0, c1 + 1) if c not in sheet.hidden_cols]
        if not rows or not cols:
            continue
        anchor = sheet.cells.get((r0, c0))
        bordered = any(sheet.cells[(r, c)].bordered for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                       if (r, c) in sheet.cells)
        index = len(units)
        units.append(_Unit(r0, c0, rows, cols, anchor.text if anchor else None, bordered))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                covered.setdefault((r, c), index)
    for (r, c), cell in sheet.cells.items():
        if (r, c) in covered or r in sheet.hidden_rows or c in sheet.hidden_cols:
            continue
        if cell.text is None and not cell.bordered:
            continue
        units.append(_Unit(r, c, [r], [c], cell.text, cell.bordered))
    return units


def sheet_items(sheet: Sheet, page: int, engine: str) -> list[Item]:
    units = _units(sheet)
    if not units:
        return []
    rows = sorted({r for u in units for r in u.rows})
    position = {r: i for i, r in enumerate(rows)}  # visible rows in order; hidden ones are absent
    by_row: dict[int, list[_Unit]] = {}
    for u in units:
        for r in u.rows:
            by_row.setdefault(r, []).append(u)
    bordered = any(u.bordered for u in units)
    regions: list[tuple[list[int], int, int]] = []  # (sheet rows, first col, last col)
    if bordered:
        run: list[int] = []
        for r in rows:
            if any(u.bordered for u in by_row[r]):
                if run and position[r] != position[run[-1]] + 1:
                    regions.append(_region(run, by_row))
                    run = []
                run.append(r)
            elif run:
                regions.append(_region(run, by_row))
                run = []
        if run:
            regions.append(_region(run, by_row))
    else:
        block: list[int] = []
        for r in rows + [None]:
            texts = [u for u in by_row.get(r, []) if u.text] if r is not None else []
            if r is not None and texts and (not block or position[r] == position[block[-1]] + 1):
                block.append(r)
                continue
            if block:
                body = _strip_single_text_rows(block, by_row)
                if body:
                    regions.append(_region(body, by_row))
            block = [r] if r is not None and texts else []
    in_region: set[int] = set()
    placed: list[tuple[tuple[int, int], Item]] = []
    for region_rows, c0, c1 in regions:
        table, members = _table(sheet, region_rows, c0, c1, by_row, page, engine)
        in_region |= members
        placed.append(((position[region_rows[0]], -1), table))
    for u in units:
        if id(u) in in_region or not u.text:
            continue
        for k, line in enumerate(t for t in u.text.split("\n") if t.strip()):
            placed.append(((position[u.rows[0]], u.cols[0] * 1000 + k),
                           TextLine(line, page=page, ref=cell_ref(sheet.name, u.row, u.col))))
    placed.sort(key=lambda p: p[0])
    return [item for _, item in placed]


def _strip_single_text_rows(block: list[int], by_row: dict[int, list[_Unit]]) -> list[int]:
    def single(r: int) -> bool:
        return sum(1 for u in by_row[r] if u.text) <= 1 and all(u.rows[0] == r for u in by_row[r] if u.text)

    start, end = 0, len(block)
    while start < end and single(block[start]):
        start += 1
    while end > start and single(block[end - 1]):
        end -= 1
    return block[start:end]


def _region(rows: list[int], by_row: dict[int, list[_Unit]]) -> tuple[list[int], int, int]:
    # bordered rows without any text above or below the table (borders formatted far down a
    # sheet, blank ruled filler rows) are not part of it
    texts = [i for i, r in enumerate(rows) if any(u.text for u in by_row[r])]
    if texts:
        rows = rows[texts[0]:texts[-1] + 1]
    bordered = [u for r in rows for u in by_row[r] if u.bordered]
    units = bordered or [u for r in rows for u in by_row[r] if u.text]
    return rows, min(u.cols[0] for u in units), max(u.cols[-1] for u in units)


def _table(sheet: Sheet, region_rows: list[int], c0: int, c1: int, by_row: dict[int, list[_Unit]],
           page: int, engine: str) -> tuple[Table, set[int]]:
    row_index = {r: i for i, r in enumerate(region_rows)}
    cols = sorted({c for r in region_rows for u in by_row[r] for c in u.cols if c0 <= c <= c1})
    col_index = {c: i for i, c in enumerate(cols)}
    cells: list[Cell] = []
    members: set[int] = set()
    seen: set[int] = set()
    taken: set[tuple[int, int]] = set()
    all_units = {id(u): u for r in region_rows for u in by_row[r]}
    for u in sorted(all_units.values(), key=lambda u: (u.rows[0], u.cols[0])):
        urows = [r for r in u.rows if r in row_index]
        ucols = [c for c in u.cols if c in col_index]
        if not urows or not ucols:
            continue  # beside the table (a note to its right): a text line
        seen.add(id(u))
        cell = Cell(text=u.text, row=row_index[urows[0]], col=col_index[ucols[0]],
                    rowspan=row_index[urows[-1]] - row_index[urows[0]] + 1,
                    colspan=col_index[ucols[-1]] - col_index[ucols[0]] + 1, page=page,
                    ref=cell_ref(sheet.name, u.row, u.col))
        cells.append(cell)
        taken |= {(cell.row + i, cell.col + j) for i in range(cell.rowspan) for j in range(cell.colspan)}
    for r in region_rows:  # empty grid positions: empty cells, so every position has an address
        for c in cols:
            if (row_index[r], col_index[c]) not in taken:
                cells.append(Cell(text=None, row=row_index[r], col=col_index[c], page=page,
                                  ref=cell_ref(sheet.name, r, c)))
    cells = drop_covered_columns(sorted(cells, key=lambda c: (c.row, c.col)))
    return Table(cells=cells, page=page, engine=engine, source=sheet.name), seen
