"""Completeness: a bundle of a known kind holds its standard tables, and a table printed
without any value says why (「…故本表为空表」) — unless the bundle's other tables show that it
has nothing to hold (a 政府性基金 table left blank while 财政拨款收支总表 prints no 政府性基金
spending is consistent; left blank while it prints some is a blanked figure)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from fujian.vocabulary import budget as bv
from fujian.vocabulary import squeeze

from . import rules as R
from .cross_tables import figure
from .model import FAIL, NOT_APPLICABLE, PASS, Check

# what another table must print for a kind's table to have something to hold
EXPECTED_BY = {
    "gf_expenditure": {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("gf",)},
    "soc_expenditure": {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("soc",)},
    "gpb_expenditure": {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("gpb",)},
}


def completeness_checks(doc: dict) -> Iterator[Check]:
    tables = doc.get("budget_tables") or []
    kind = (doc.get("document") or {}).get("kind")
    if kind in R.REQUIRED_KINDS and len(tables) >= R.MIN_TABLES_FOR_BUNDLE:
        required = R.REQUIRED_KINDS[kind]
        present = {t.get("kind") for t in tables}
        missing = [k for k in required if k not in present]
        yield Check("bundle.complete", f"{kind}公开 holds its standard tables", FAIL if missing else PASS,
                    Decimal(len(required) - len(missing)), Decimal(len(required)),
                    tables=sorted(present & set(required)),
                    message=("missing: " + "、".join(R.KIND_NAMES.get(k, k) for k in missing)) if missing else None)
    for table in tables:
        if not table.get("empty"):
            continue
        check = blank_table_check(table, tables)
        if check is not None:
            yield check


def blank_table_check(table: dict, tables: list[dict]) -> Optional[Check]:
    note = squeeze(table.get("note"))
    rule = "a table printed without values says so (本表为空表 / 本表无数据)"
    title = table.get("title") or R.KIND_NAMES.get(table.get("kind"), table.get("kind"))
    if note and bv.EMPTY_TABLE_NOTE.search(note):
        return Check("bundle.empty_table", rule, PASS, tables=[table.get("kind")], pages=table.get("pages") or [])
    selector = EXPECTED_BY.get(table.get("kind"))
    other = figure(tables, selector) if selector else (None, None, [], 0)
    if other[0] is None:
        if selector is None or len(tables) < R.MIN_TABLES_FOR_BUNDLE:
            return None  # nothing says whether it should hold values
        missing = R.KIND_NAMES.get(selector["kind"], selector["kind"])
        return Check("bundle.blank_table", f"{rule}; {missing} says whether it should hold values", NOT_APPLICABLE,
                     tables=[table.get("kind")], pages=table.get("pages") or [],
                     message=f"{title} is printed without values and without a note saying it is empty; not "
                             f"checked ({missing} is not in the bundle)")
    value = other[1]
    if value is None or value == 0:
        return Check("bundle.empty_table", rule, PASS, tables=[table.get("kind"), other[0].get("kind")],
                     pages=table.get("pages") or [],
                     message=None)
    return Check("bundle.blank_table", f"{rule}; {R.KIND_NAMES.get(other[0].get('kind'))} prints {format(value, 'f')}",
                 FAIL, Decimal(0), value, tables=[table.get("kind"), other[0].get("kind")],
                 pages=(table.get("pages") or []) + [c.page for c in other[2]],
                 message=f"{title} is printed without values and without a note saying it is empty, "
                         f"yet {R.KIND_NAMES.get(other[0].get('kind'))} prints {format(value, 'f')} for it",
                 cells=other[2])
