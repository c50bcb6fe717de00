"""Checks inside one budget table: each row's total against its parts, the code hierarchy
(类 = Σ 款 = Σ 项, 合计 = Σ 类), and the two sides of a 收 | 支 table.

Inside a table a blank cell among the terms counts as 0 (tables print nothing for none); a row
whose terms are all blank is not checked. Tables are the JSON records (docs/SPEC.md).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator, Optional


from . import rules as R
from .model import Cell, Check, compare, dec
from .. import lazy_regex

TOP_ITEM = lazy_regex.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
SUB_ITEM = lazy_regex.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])")
BASES = ("", ".budget", ".final", ".prior")


def label(table: dict) -> str:
    return table.get("title") or R.KIND_NAMES.get(table.get("kind"), table.get("kind") or "table")


def _row_name(row: dict) -> str:
    return " ".join(x for x in (row.get("code"), row.get("name")) if x) or "（数据行）"


def _cell(table: dict, row: dict, column: str) -> Cell:
    return Cell(table.get("kind"), _row_name(row), column, row.get("page"), row.get("bbox"))


def _total_of(values: Iterable[Optional[Decimal]]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


# --- rows ------------------------------------------------------------------------------------------

def row_sums(table: dict) -> Iterator[Check]:
    kind = table.get("kind")
    for rule in R.ROW_SUMS:
        if kind not in rule["kinds"]:
            continue
        for row in table.get("rows") or []:
            if rule.get("side") and row.get("side") != rule["side"]:
                continue
            values = row.get("values") or {}
            for suffix in (BASES if rule.get("bases") else ("",)):
                check = _row_sum(rule, table, row, values, suffix)
                if check is not None:
                    yield check


def _row_sum(rule: dict, table: dict, row: dict, values: dict, suffix: str) -> Optional[Check]:
    total_id = rule["total"] + suffix
    if total_id not in values:
        return None
    if rule["parts"] == "others":
        parts = [(1, c) for c in values if c != total_id and not c.startswith("col:")]
    else:
        parts = [(-1 if p.startswith("-") else 1, p.lstrip("-") + suffix) for p in rule["parts"]]
        parts = [(sign, c) for sign, c in parts if c in values]
    if not parts:
        return None
    terms = [dec(values.get(c)) for _, c in parts]
    total = dec(values.get(total_id))
    if total is None and all(t is None for t in terms):
        return None
    lhs = total if total is not None else Decimal(0)
    rhs = sum((sign * t for (sign, _), t in zip(parts, terms) if t is not None), Decimal(0))
    cells = [_cell(table, row, total_id)] + [_cell(table, row, c) for _, c in parts]
    return compare(rule["id"], f"{rule['rule']}（{_row_name(row)}）", lhs, rhs, len(parts) + 1,
                   tables=[table.get("kind")], pages=[row.get("page")], unit=table.get("unit"), cells=cells)


# --- the code hierarchy -----------------------------------------------------------------------------

def hierarchy(table: dict) -> Iterator[Check]:
    kind = table.get("kind")
    if kind not in R.HIERARCHY_KINDS:
        return
    rows = table.get("rows") or []
    columns = [c.get("id") for c in table.get("columns") or [] if not str(c.get("id")).startswith("col:")]
    for panel in sorted({r.get("panel") for r in rows}, key=lambda p: -1 if p is None else p):
        mine = [r for r in rows if r.get("panel") == panel]
        coded = [r for r in mine if r.get("code")]
        if not coded:
            continue
        for parent in coded:
            code = parent["code"]
            child_len = {3: 5, 5: 7}.get(len(code))
            children = [r for r in coded if child_len and len(r["code"]) == child_len and r["code"].startswith(code)]
            if not children:
                continue
            yield from _sum_down(f"{kind}.hierarchy", R.HIERARCHY_RULES["parent"].format(kind=kind), table,
                                 parent, children, columns)
        tops = [r for r in coded if len(r["code"]) == 3]
        for total in (r for r in mine if r.get("level") == "total"):
            if tops:
                yield from _sum_down(f"{kind}.total", R.HIERARCHY_RULES["total"].format(kind=kind), table,
                                     total, tops, columns)


def _sum_down(check_id: str, rule: str, table: dict, parent: dict, children: list[dict],
              columns: list[str]) -> Iterator[Check]:
    for column in columns:
        if column not in (parent.get("values") or {}):
            continue
        top = dec(parent["values"].get(column))
        parts = [dec((c.get("values") or {}).get(column)) for c in children]
        if top is None and all(p is None for p in parts):
            continue
        cells = [_cell(table, parent, column)] + [_cell(table, c, column) for c in children]
        yield compare(check_id, f"{rule}：{_row_name(parent)} {column}", top or Decimal(0), _total_of(parts),
                      len(children) + 1, tables=[table.get("kind")],
                      pages=[parent.get("page")] + [c.get("page") for c in children], unit=table.get("unit"),
                      cells=cells)


# --- two-sided tables --------------------------------------------------------------------------------

def _side_rows(table: dict, side: str) -> list[dict]:
    return [r for r in table.get("rows") or [] if r.get("side") == side]


def _side_columns(table: dict, side: str) -> list[str]:
    return [c["id"] for c in table.get("columns") or [] if c.get("side") == side and not c["id"].startswith("col:")]


def side_total(table: dict, side: str) -> Optional[dict]:
    """The side's 总计 row (the last total row printed on that side)."""
    totals = [r for r in _side_rows(table, side) if r.get("level") == "total"]
    return totals[-1] if totals else None


def side_subtotal(table: dict, side: str) -> Optional[dict]:
    return next((r for r in _side_rows(table, side) if r.get("level") == "subtotal"), None)


def two_sided(table: dict) -> Iterator[Check]:
    kind = table.get("kind")
    if kind not in R.SIDE_RULES["balance"]["kinds"]:
        return
    for side in ("revenue", "expenditure"):
        yield from _side_checks(table, side)
    income, spending = side_total(table, "revenue"), side_total(table, "expenditure")
    if income and spending:
        a = _first_value(income, _side_columns(table, "revenue"))
        b = _first_value(spending, _side_columns(table, "expenditure"))
        yield compare(f"{kind}.balance", R.SIDE_RULES["balance"]["rule"], a[1], b[1], 2,
                      tables=[kind], pages=[income.get("page"), spending.get("page")], unit=table.get("unit"),
                      cells=[_cell(table, income, a[0]), _cell(table, spending, b[0])])


def _first_value(row: dict, columns: list[str]) -> tuple[Optional[str], Optional[Decimal]]:
    values = row.get("values") or {}
    for column in ("amount", "total", *columns):
        if column in values:
            return column, dec(values.get(column))
    return None, None


def _side_checks(table: dict, side: str) -> Iterator[Check]:
    kind = table.get("kind")
    rows = _side_rows(table, side)
    columns = _side_columns(table, side)
    subtotal = side_subtotal(table, side)
    total = side_total(table, side)
    by_panel: dict = {}
    for r in rows:
        by_panel.setdefault(r.get("panel"), []).append(r)
    for panel, panel_rows in by_panel.items():
        own_sub = next((r for r in panel_rows if r.get("level") == "subtotal"), None)
        own_total = next((r for r in reversed(panel_rows) if r.get("level") == "total"), None)
        end = panel_rows.index(own_sub) if own_sub else panel_rows.index(own_total) if own_total else len(panel_rows)
        before = panel_rows[:end]
        tops = [r for r in before if r.get("level") == "item" and TOP_ITEM.match(r.get("name") or "")]
        loose = [r for r in before if r.get("level") == "item" and not TOP_ITEM.match(r.get("name") or "")
                 and not SUB_ITEM.match(r.get("name") or "")]
        target = own_sub or own_total or subtotal or total  # a panel without a total of its own: the side's
        if target is not None and tops:
            parts = tops + ([] if own_sub or (target is subtotal and not own_total) else loose)
            yield from _against(f"{kind}.items", R.SIDE_RULES["items"]["rule"], table, target, parts, columns)
        if own_sub is not None and own_total is not None:
            after = panel_rows[panel_rows.index(own_sub) + 1:panel_rows.index(own_total)]
            # the items between 本年合计 and 总计 (结转, 结余); numbered rows there break one of them down
            extra = [r for r in after if r.get("level") == "item" and not TOP_ITEM.match(r.get("name") or "")
                     and not SUB_ITEM.match(r.get("name") or "")]
            yield from _against(f"{kind}.total", R.SIDE_RULES["total"]["rule"], table, own_total,
                                [own_sub] + extra, columns)
        yield from _sub_items(table, panel_rows, columns)


def _sub_items(table: dict, rows: list[dict], columns: list[str]) -> Iterator[Check]:
    kind = table.get("kind")
    for i, row in enumerate(rows):
        if not TOP_ITEM.match(row.get("name") or ""):
            continue
        subs = []
        for nxt in rows[i + 1:]:
            if SUB_ITEM.match(nxt.get("name") or ""):
                subs.append(nxt)
            else:
                break
        if subs:
            yield from _against(f"{kind}.subitems", R.SIDE_RULES["subitems"]["rule"], table, row, subs, columns)


def _against(check_id: str, rule: str, table: dict, whole: dict, parts: list[dict],
             columns: list[str]) -> Iterator[Check]:
    for column in columns:
        if column not in (whole.get("values") or {}):
            continue
        top = dec(whole["values"].get(column))
        terms = [dec((p.get("values") or {}).get(column)) for p in parts]
        if top is None and all(t is None for t in terms):
            continue
        yield compare(check_id, f"{rule}：{_row_name(whole)} {column}", top or Decimal(0), _total_of(terms),
                      len(parts) + 1, tables=[table.get("kind")],
                      pages=[whole.get("page")] + [p.get("page") for p in parts], unit=table.get("unit"),
                      cells=[_cell(table, whole, column)] + [_cell(table, p, column) for p in parts])


def table_checks(table: dict) -> Iterator[Check]:
    yield from row_sums(table)
    yield from hierarchy(table)
    yield from two_sided(table)
