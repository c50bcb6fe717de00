"""The review page's budget tables and checks: each table's box on its page, each failed check's
cells marked on the page image (a cell's box is its row's vertical extent within its column's
horizontal extent), and beside the image the page's tables with their failed checks."""
from __future__ import annotations

from html import escape
from typing import Optional

from .page_images import PageImage


def _column_x(table: dict, column: Optional[str], side, panel) -> Optional[list]:
    for c in table.get("columns") or []:
        if c.get("id") == column and c.get("side") == side and c.get("panel") == panel and c.get("x"):
            return c["x"]
    return None


def _row_of(table: dict, cell: dict) -> Optional[dict]:
    for row in table.get("rows") or []:
        name = " ".join(x for x in (row.get("code"), row.get("name")) if x) or "（数据行）"
        if name == cell.get("row") and row.get("page") == cell.get("page") and (
                cell.get("column") in (row.get("values") or {})):
            return row
    return None


def failed_checks(doc: dict) -> list[dict]:
    return [c for c in doc.get("checks") or [] if isinstance(c, dict) and c.get("status") == "fail"]


def cell_box(doc: dict, cell: dict) -> Optional[list]:
    """Where a check's cell is printed: its row's box narrowed to its column."""
    for table in doc.get("budget_tables") or []:
        if table.get("kind") != cell.get("table"):
            continue
        row = _row_of(table, cell)
        if row is None or not row.get("bbox"):
            continue
        x = _column_x(table, cell.get("column"), row.get("side"), row.get("panel"))
        x0, top, x1, bottom = row["bbox"]
        return [x[0], top, x[1], bottom] if x else [x0, top, x1, bottom]
    return cell.get("bbox")


def budget_page_boxes(doc: dict, page: PageImage, box) -> str:
    """`box(bbox, page, cls, id, label, tip)` is the review page's box drawer."""
    parts = []
    for i, table in enumerate(doc.get("budget_tables") or []):
        if table.get("bbox") and (table.get("pages") or [None])[0] == page.number:
            parts.append(box(table["bbox"], page, "tbox", f"t{i}", table.get("kind") or "table",
                             table.get("title") or ""))
    for k, check in enumerate(failed_checks(doc)):
        for j, cell in enumerate(check.get("cells") or []):
            if cell.get("page") != page.number:
                continue
            bbox = cell_box(doc, cell)
            if bbox:
                tip = f"{check.get('id')}: {check.get('message') or check.get('rule')}"
                parts.append(box(bbox, page, "cbox warned", f"c{k}-{j}", check.get("id") or "", tip))
    return "".join(parts)


def _num(v) -> str:
    return "" if v is None else escape(repr(v) if isinstance(v, float) else str(v))


def budget_values_for_page(doc: dict, page_number: Optional[int]) -> str:
    blocks = []
    failed = failed_checks(doc)
    for i, table in enumerate(doc.get("budget_tables") or []):
        pages = table.get("pages") or []
        if page_number is not None and (not pages or pages[0] != page_number):
            continue
        mine = [c for c in failed if table.get("kind") in (c.get("tables") or [])]
        columns = table.get("columns") or []
        head = "".join(f"<th>{escape(' / '.join(c.get('header') or []))}<small>{escape(c.get('id') or '')}"
                       f"{' · ' + escape(c['side']) if c.get('side') else ''}</small></th>" for c in columns)
        rows = []
        for row in table.get("rows") or []:
            values = row.get("values") or {}
            cells = "".join(f"<td>{_num(values.get(c.get('id')))}</td>" if (c.get("side") == row.get("side")
                            and c.get("panel") == row.get("panel")) else "<td></td>" for c in columns)
            rows.append(f"<tr><td>{escape(row.get('code') or '')}</td><td>{escape(row.get('name') or '')}</td>"
                        f"<td class=dim>{escape(row.get('level') or '')}</td>{cells}</tr>")
        checks = "".join(f'<div class="wmsg" data-box="c{failed.index(c)}-0">✗ {escape(c.get("id") or "")}: '
                         f'{escape(c.get("message") or c.get("rule") or "")}</div>' for c in mine)
        cls = "budget warned" if mine else "budget"
        blocks.append(f'<section class="{cls}"><h3 data-box="t{i}">{escape(table.get("title") or table.get("kind") or "")}'
                      f' <small>{escape(table.get("kind") or "")} · {escape(table.get("unit") or "unit unknown")} · '
                      f'pages {", ".join(str(p) for p in pages)}</small></h3>{checks}'
                      f'<table class="budget"><tr><th>code</th><th>name</th><th>level</th>{head}</tr>'
                      + "".join(rows) + "</table></section>")
    return "".join(blocks)


CSS = """
.tbox{border:1px dashed #7b3fc4}.tbox .tag{background:#7b3fc4}
.cbox{border:2px solid #d62020}
section.budget{border-left-color:#7b3fc4}section.budget.warned{border-left-color:#d62020}
table.budget td,table.budget th{font-size:11px}.dim{color:#999}
"""
