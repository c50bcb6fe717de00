"""The budget-table reader: budget regions (regions.py) → typed `BudgetTable` records.

    tables, warnings = read_budget_tables(regions)

One record per printed table: a region and the regions that continue it on the next pages
(its header printed again or not). Steps, each a small function:

1. header rows (above the first row holding a code, an amount, an ordinal item or 合计) →
   columns with paths, roles, panels, sides and ids (budget_header.py);
2. body rows → per panel: the classification code (one column, or 类 | 款 | 项 joined), the
   name (wrapped names joined to their row), a group label, the values as printed amounts;
3. unit from the 单位 line (or the header), note from the 注 lines, title and kind from the
   caption (regions.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..vocabulary import UNIT_IN_LABEL, squeeze, unit_of
from ..vocabulary import budget as bv
from .budget_header import CODE, NAME, HeaderLayout, Panel, read_header
from .cjk_text import canonical
from .hierarchy import _union
from .number_bounds import digits_in_range
from .records import Amount, BudgetColumn, BudgetRow, BudgetTable, Warning_
from .regions import BUDGET, Region, is_note_line, is_number_line, is_unit_line
from .rows import Row, RowCell
from .. import lazy_regex

_ORDINAL = lazy_regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])")
_CODE_AND_NAME = lazy_regex.compile(r"^(?P<code>\d{7}|\d{5}|\d{3})\s*(?P<name>[^\d年月日%.,、].*)$")


@dataclass
class _Grid:
    """One region's rows split into its header and its body."""
    header: list[Row]
    body: list[Row]


def read_budget_tables(regions: list[Region]) -> tuple[list[BudgetTable], list[Warning_]]:
    tables, warnings = [], []
    groups: list[list[Region]] = []
    for region in regions:
        if region.kind != BUDGET:
            continue
        if region.continues and groups:
            groups[-1].append(region)
        else:
            groups.append([region])
    for group in groups:
        table, table_warnings = read_budget_table(group)
        if table is not None:
            tables.append(table)
        warnings += table_warnings
    return tables, warnings


def read_budget_table(group: list[Region]) -> tuple[Optional[BudgetTable], list[Warning_]]:
    first = group[0]
    warnings: list[Warning_] = []
    n_cols = max(len(r.cells) for r in first.rows)
    grid = split_header(first.rows)
    notes = list(first.notes)
    body_rows = [r for r in grid.body if not _is_note_row(r, notes)]
    extents = _column_extents(first.rows)
    layout = read_header(grid.header, body_rows, n_cols, extents, first.budget_kind)
    title = canonical(first.title) if first.title else None
    unknown_money = [c.path[-1] for p in layout.panels for c in p.value_columns
                     if c.id.startswith("col:") and c.path and _holds_amounts(c.index, body_rows)]
    if unknown_money:  # a money column the vocabulary has no id for (text columns are kept quietly)
        warnings.append(Warning_("budget_column_unknown",
                                 f"{title or first.budget_kind}: column(s) outside the vocabulary: "
                                 + ", ".join(dict.fromkeys(canonical(u) for u in unknown_money)), first.page))
    panel_rows: dict[int, list[BudgetRow]] = {p.number: [] for p in layout.panels}
    pages = {r.page for r in grid.header if r.page is not None}
    for index, region in enumerate(group):
        rows = body_rows if index == 0 else _continuation_rows(region, grid.header, notes)
        if index and _needs_remap(layout, region):
            rows = [_remapped(row, layout) for row in rows]
        read = [_read_row(row, layout, _same_columns) for row in rows]
        for k, records in enumerate(read):
            for panel, record in records:
                following = next((r.name for p, r in (read[1] if len(read) > 1 else []) if p is panel), None)
                if index and k == 0 and _rest_of_cut_row(record, panel_rows[panel.number], following):
                    continue  # 「八、社会保障和就 / 业支出」: a row cut by the page break
                _append(panel_rows[panel.number], record, panel)
        notes += region.notes if index else []
    rows = [r for p in layout.panels for r in panel_rows[p.number]]
    pages |= {r.page for r in rows if r.page is not None}
    unit = table_unit(first, grid.header)
    note = canonical("\n".join(c.text for r in notes for c in r.nonempty())) if notes else None
    columns = [BudgetColumn(c.id, [canonical(p) for p in c.path] or [c.id], _side(layout, c.panel),
                            layout.panel_label(layout.panels[c.panel]), c.extent)
               for p in layout.panels for c in p.value_columns]
    bbox = _union([c.bbox for r in first.rows if r.page == first.page for c in r.cells])
    labels = [_label_json(c, layout) for p in layout.panels for c in p.columns if c.role != "value" and c.path]
    number = canonical(first.number) if first.number else None
    caption = [canonical(t) for t in (_line(r) for r in first.caption)
               if t and t != first.title and not (number and is_number_line(t) and canonical(t).rstrip("：:、.．") == number)]
    table = BudgetTable(first.budget_kind or "other", title, sorted(pages), unit, columns, rows, note, bbox,
                        labels, [c for c in caption if c], number)
    if unit is None:
        warnings.append(Warning_("budget_unit_unknown", f"{title or table.kind}: no 单位 line or unit "
                                 "in the header; its amounts have no unit", first.page))
    return table, warnings


def _label_json(col, layout: HeaderLayout) -> dict:
    out = {"role": col.role, "header": [canonical(p) for p in col.path]}
    if col.side is not None:
        out["side"] = col.side
    panel = layout.panel_label(layout.panels[col.panel])
    if panel is not None:
        out["panel"] = panel
    return out


def _line(row: Row) -> Optional[str]:
    cells = row.nonempty()
    return " ".join(c.text for c in cells) if cells else None


def _holds_amounts(col: int, rows: list[Row]) -> bool:
    return any(col < len(r.cells) and r.cells[col].fresh_text and bv.AMOUNT.match(squeeze(r.cells[col].fresh_text))
               for r in rows)


def _side(layout: HeaderLayout, panel: int) -> Optional[str]:
    return layout.panels[panel].side


# --- header / body ---------------------------------------------------------------------------

def split_header(rows: list[Row]) -> _Grid:
    for i, row in enumerate(rows):
        if is_body_row(row):
            return _Grid(rows[:i], rows[i:])
    return _split_total_from_header(_Grid(rows, []))


def _split_total_from_header(grid: _Grid) -> _Grid:
    """A table printed empty whose 合计 line also carries the lowest header labels (合计 |  | 合计 |
    基本支出 | 项目支出): the 合计 label is a body row, the other cells are header."""
    for i, row in enumerate(grid.header):
        cells = row.nonempty()
        if len(cells) < 2 or not bv.TOTAL_ROW.match(squeeze(cells[0].text)) or cells[0].col != 0:
            continue
        label = cells[0]
        above = [squeeze(c.text) for r in grid.header[:i] for c in r.cells
                 if c.fresh_text and c.col <= label.col < c.col + max(1, c.colspan)]
        if not any(bv.CODE_HEADER.search(t) or bv.NAME_HEADER.search(t) for t in above):
            continue  # 合计 heads a value column here (the 三公 table)
        blank = RowCell(None, None, label.col, page=label.page)
        header_part = Row([blank if c is label else c for c in row.cells], row.table, row.index, row.page)
        body_part = Row([c if c is label else RowCell(None, None, c.col, page=c.page) for c in row.cells],
                        row.table, row.index, row.page, row.last)
        return _Grid(grid.header[:i] + [header_part], [body_part] + grid.header[i + 1:])
    return grid


def is_body_row(row: Row) -> bool:
    """A row holding a classification code, an amount, a dash in an amount column is not
    known yet — so: a code, an amount, an ordinal item (一、财政拨款收入) or a 合计/总计 label."""
    cells = row.nonempty()
    if not cells:
        return False
    for c in cells:
        s = squeeze(c.text)
        if bv.AMOUNT.match(s) or bv.CODE_CELL.match(s) or _CODE_AND_NAME.match(s):
            return True
    first = squeeze(cells[0].text)
    if not (_ORDINAL.match(first) or bv.TOTAL_ROW.match(first) or bv.SUBTOTAL_ROW.match(first)):
        return False
    # 合计 | 因公出国（境）费 | 公务接待费 is a header row; 合计 | 91,016,775.35 (or 合计 alone,
    # in a table printed empty) is a body row
    rest = [squeeze(c.text) for c in cells[1:]]
    return all(bv.AMOUNT.match(t) or bv.DASHES.match(t) or _ORDINAL.match(t) or bv.TOTAL_ROW.match(t)
               or bv.SUBTOTAL_ROW.match(t) for t in rest)


def _is_note_row(row: Row, notes: list[Row]) -> bool:
    cells = row.nonempty()
    if len(cells) == 1 and is_note_line(cells[0].text):
        notes.append(row)
        return True
    return False


def _continuation_rows(region: Region, header: list[Row], notes: list[Row]) -> list[Row]:
    """A continuation's body: without a header printed again at its top."""
    rows = list(region.rows)
    words = {squeeze(c.text) for r in header for c in r.nonempty()}
    while rows and not is_body_row(rows[0]) and rows[0].nonempty() and \
            all(squeeze(c.text) in words for c in rows[0].nonempty()):
        rows.pop(0)
    return [r for r in rows if not _is_note_row(r, notes)]


# --- columns of continuation pages --------------------------------------------------------------

def _column_extents(rows: list[Row]) -> dict[int, tuple[float, float]]:
    out: dict[int, tuple[float, float]] = {}
    for row in rows:
        for c in row.cells:
            if c.bbox is None or c.continued or c.colspan > 1 or c.text is None:
                continue
            x0, x1 = out.get(c.col, (c.bbox[0], c.bbox[2]))
            out[c.col] = (min(x0, c.bbox[0]), max(x1, c.bbox[2]))
    return out


def _same_columns(col: int) -> int:
    return col


def _needs_remap(layout: HeaderLayout, region: Region) -> bool:
    width = max(len(r.cells) for r in region.rows)
    first_width = max(c.index for c in layout.columns) + 1 if layout.columns else width
    return width != first_width and all(c.extent for c in layout.columns)


def _remapped(row: Row, layout: HeaderLayout) -> Row:
    """A continuation row whose grid has other columns than the first page's (a label merged
    over both panels on the last page): each cell placed on the first page's columns its box
    covers, starting at the column its left edge falls in."""
    columns = sorted(layout.columns, key=lambda c: c.index)
    n = columns[-1].index + 1
    cells = [RowCell(None, None, i, page=row.page) for i in range(n)]
    for cell in row.cells:
        if cell.text is None or cell.bbox is None:
            continue
        x0, x1 = cell.bbox[0], cell.bbox[2]
        covered = [c.index for c in columns if x0 - 1 <= (c.extent[0] + c.extent[1]) / 2 <= x1 + 1]
        if not covered:
            covered = [max(columns, key=lambda c: min(x1, c.extent[1]) - max(x0, c.extent[0])).index]
        start = covered[0]
        cells[start] = RowCell(cell.raw, cell.text, start, cell.continued, cell.page, cell.bbox,
                               covered[-1] - start + 1)
    return Row(cells, row.table, row.index, row.page, row.last)


def _rest_of_cut_row(record: BudgetRow, rows: list[BudgetRow], following: Optional[str]) -> bool:
    """The first row of a continuation page holding only the end of the previous page's last
    name is that row's, not a row of its own: joined there. It is the rest of a cut row when
    the rows around it are numbered (八、… | 业支出 | 九、…) and it is not, or when the two
    pieces make a total label (当年收入 | 小计)."""
    if not rows or record.code is not None or not record.name or record.raw:
        return False
    if any(v is not None for v in record.values.values()) or _ORDINAL.match(record.name) \
            or bv.TOTAL_ROW.match(squeeze(record.name)):
        return False
    previous = rows[-1]
    if previous.name is None or previous.level in ("total", "subtotal") or previous.code is not None:
        return False
    joined = squeeze(previous.name + record.name)
    numbered_around = bool(_ORDINAL.match(previous.name)) and bool(following and _ORDINAL.match(following))
    if not (numbered_around or bv.SUBTOTAL_ROW.match(joined) or bv.TOTAL_ROW.match(joined)):
        return False
    previous.name = canonical(f"{previous.name}\n{record.name}")
    previous.level = row_level(previous.code, previous.name)
    return True


# --- rows ------------------------------------------------------------------------------------

def _cells_by_column(row: Row, mapping) -> dict[int, RowCell]:
    out: dict[int, RowCell] = {}
    for cell in row.cells:
        if cell.text is None:
            continue
        out.setdefault(mapping(cell.col), cell)
    return out


def _read_row(row: Row, layout: HeaderLayout, mapping) -> list[tuple[Panel, BudgetRow]]:
    cells = _cells_by_column(row, mapping)
    out = []
    spanning_label: Optional[str] = None
    for panel in layout.panels:
        code_texts = [_fresh(cells.get(c.index)) for c in panel.code_columns]
        names = [(c, cells.get(c.index)) for c in panel.name_columns]
        name, group = _name_and_group(names)
        if name is None:  # 合计 printed in a cell merged over the code and name columns
            label = next((t for t in code_texts if t and not squeeze(t).isdigit()), None)
            if label is not None:
                name, code_texts = canonical(label), [t for t in code_texts if t != label]
        if spanning_label is not None and name is None:
            name, spanning_label = spanning_label, None
        code = _code(code_texts)
        if code is None and name is None and panel.name_columns == [] and code_texts:
            pass
        if code is None and name:
            m = _CODE_AND_NAME.match(squeeze(name))
            if m and not panel.code_columns:
                code, name = m.group("code"), canonical(m.group("name"))
        values, raw = {}, {}
        for col in panel.value_columns:
            value, printed = parse_amount(_fresh(cells.get(col.index)))
            values[col.id] = value
            if printed is not None:
                raw[col.id] = printed
        # a label merged across into the next panel (Jiangsu 当年支出小计 over both 支出 panels)
        if name is not None and all(v is None for v in values.values()) and code is None:
            label_cell = next((c for _, c in names if c is not None and c.fresh_text is not None), None)
            if label_cell is not None and label_cell.col + label_cell.colspan > max(
                    c.index for c in panel.columns) + 1:
                spanning_label = name
                continue
        if code is None and name is None and all(v is None for v in values.values()) and not raw:
            continue
        page = row.page
        bbox = _union([c.bbox for c in row.cells if c.bbox is not None and c.fresh_text is not None
                       and mapping(c.col) in {x.index for x in panel.columns}])
        out.append((panel, BudgetRow(code, row_level(code, name), name, values, page, panel.side,
                                     layout.panel_label(panel), group, raw, bbox)))
    return out


def _fresh(cell: Optional[RowCell]) -> Optional[str]:
    return cell.fresh_text if cell is not None else None


def _name_and_group(names: list) -> tuple[Optional[str], Optional[str]]:
    """The row's name is its rightmost name cell's text; a merged cell left of it spanning
    several rows is the row's group (Jiangsu 收入预算总表: 一般公共预算资金 over its items)."""
    texts = [(col, cell) for col, cell in names if cell is not None and cell.text]
    if not texts:
        return None, None
    col, cell = texts[-1]
    name = cell.fresh_text
    if name is None:  # only a merged group label continues here
        return None, None
    group = None
    for _, left in texts[:-1]:
        group = canonical(left.text)
    return canonical(name), group


def _code(texts: list[Optional[str]]) -> Optional[str]:
    parts = [squeeze(t) for t in texts if t and squeeze(t)]
    if not parts or not all(p.isdigit() for p in parts):
        return None
    return "".join(parts)


def row_level(code: Optional[str], name: Optional[str]) -> str:
    if code:
        return bv.CODE_LEVELS.get(len(code), "项" if len(code) > 5 else "款")
    s = squeeze(name)
    if s and bv.TOTAL_ROW.match(s):
        return "total"
    if s and bv.SUBTOTAL_ROW.match(s):
        return "subtotal"
    return "item"


def parse_amount(text: Optional[str]) -> tuple[Optional[Amount], Optional[str]]:
    """(amount, None) for a printed number; (None, printed) for a dash or other text;
    (None, None) for a blank cell."""
    if text is None:
        return None, None
    s = squeeze(text).replace("−", "-")
    if not s:
        return None, None
    if bv.AMOUNT.match(s) and digits_in_range(s):
        return Amount(s.replace(",", "")), None
    return None, canonical(text)


def _append(rows: list[BudgetRow], record: BudgetRow, panel: Panel) -> None:
    """A row holding only a name right after a coded row is the rest of that row's name
    (「机关事业单位基本养老保险缴 / 费支出」)."""
    if rows and record.code is None and record.name and not record.raw and panel.code_columns \
            and all(v is None for v in record.values.values()) and rows[-1].code is not None \
            and record.level == "item" and not _ORDINAL.match(record.name) \
            and regex.search(r"\p{Han}", record.name):
        previous = rows[-1]
        previous.name = canonical(f"{previous.name or ''}\n{record.name}")
        return
    rows.append(record)


# --- unit ------------------------------------------------------------------------------------

def table_unit(region: Region, header: list[Row]) -> Optional[str]:
    for row in region.caption + header[:2]:
        for cell in row.nonempty():
            if is_unit_line(cell.text):
                m = bv.UNIT_ANYWHERE.search(squeeze(cell.text))
                unit = unit_of(cell.text) or (m.group("unit") if m else None)
                if unit:
                    return unit
    for row in header:
        for cell in row.nonempty():
            m = UNIT_IN_LABEL.search(squeeze(cell.text))
            if m:
                return m.group("unit")
    return None
