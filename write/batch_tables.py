"""The batch-wide tables (projects, indicators, …): their columns and the rows a document gives.

One definition serves every writer and reader of these tables — `OUT/*.csv`
(`write/csv_files.py`), the workbook `OUT/fujian.xlsx` (`write/workbook.py`),
`fujian.to_dataframes` and `fujian.read_csv` — so a column has the same name, order and type
everywhere. Rows are lists of plain Python values (str, int, Decimal, None); the writers
format them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterable, Optional

# Column kinds: "text" (free text), "code" (digits that are names, never numbers: level and
# classification codes), "int", "number" (amounts and measured values), "json" (nested data
# as JSON text), "pages" ("1;2").
KINDS = ("text", "code", "int", "number", "json", "pages")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"


@dataclass(frozen=True)
class BatchTable:
    name: str  # file stem and sheet name: "projects" → projects.csv, sheet "projects"
    columns: tuple[Column, ...]
    rows: Callable[[dict], Iterable[list[Any]]]  # one per-document JSON → its rows

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


# 10,000 元 = 1 万元; the amounts of a batch in one unit, whatever unit each table printed
YUAN_PER_UNIT = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000),
                 "百万元": Decimal(1000000), "亿元": Decimal(100000000)}


def to_wanyuan(amount: Any, unit: Optional[str]) -> Optional[Decimal]:
    """An amount printed in `unit` as 万元 (exact decimal arithmetic); None when either is
    unknown."""
    value = as_decimal(amount)
    if value is None or unit not in YUAN_PER_UNIT:
        return None
    return (value * YUAN_PER_UNIT[unit] / YUAN_PER_UNIT["万元"]).normalize()


def as_decimal(value: Any) -> Optional[Decimal]:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    text = getattr(value, "text", None)  # a printed amount keeps its printed decimals
    try:
        return Decimal(text if isinstance(text, str) else repr(value) if isinstance(value, float) else str(value))
    except (InvalidOperation, ValueError):
        return None


def _pages(value: Any) -> Optional[str]:
    if isinstance(value, list):
        return ";".join(str(p) for p in value) or None
    return None if value is None else str(value)


def _json(value: Any) -> Optional[str]:
    return json.dumps(value, ensure_ascii=False) if value else None


def _source(doc: dict) -> Optional[str]:
    return (doc.get("source") or {}).get("file")


def _projects(doc: dict) -> Iterable[dict]:
    return (p for p in doc.get("projects") or [] if isinstance(p, dict))


# --- projects ---------------------------------------------------------------------------

PROJECT_COLUMNS = (
    Column("source_file"), Column("title"), Column("seq", "int"), Column("form"),
    Column("pages", "pages"), Column("table_title"), Column("project_name"),
    Column("department"), Column("implementing_unit"), Column("project_type"),
    Column("duration"), Column("managing_office"),
    Column("annual_amount", "number"), Column("amount_unit"),
    Column("annual_amount_wanyuan", "number"),
    Column("overall_goal"), Column("extra_fields", "json"), Column("funding", "json"),
    Column("indicator_count", "int"),
)


def project_rows(doc: dict) -> Iterable[list[Any]]:
    for p in _projects(doc):
        values = {
            "source_file": _source(doc), "title": doc.get("title"),
            "pages": _pages(p.get("pages")),
            "annual_amount": as_decimal(p.get("annual_amount")),
            "annual_amount_wanyuan": to_wanyuan(p.get("annual_amount"), p.get("amount_unit")),
            "extra_fields": _json(p.get("extra_fields")), "funding": _json(p.get("funding")),
            "indicator_count": len(p.get("indicators") or []),
        }
        yield [values[c.name] if c.name in values else p.get(c.name) for c in PROJECT_COLUMNS]


# --- indicators -------------------------------------------------------------------------

TARGET_KEYS = ("comparator", "value", "low", "high", "unit", "qualifier")
INDICATOR_COLUMNS = (
    Column("source_file"), Column("project_seq", "int"), Column("project_name"),
    Column("department"), Column("implementing_unit"), Column("indicator_seq", "int"),
    Column("level1_code", "code"), Column("level1"), Column("level2_code", "code"),
    Column("level2"), Column("level3"), Column("target"),
    Column("target_comparator"), Column("target_value", "number"), Column("target_low", "number"),
    Column("target_high", "number"), Column("target_unit"), Column("target_qualifier"),
    Column("page", "int"), Column("extra", "json"),
)


def indicator_rows(doc: dict) -> Iterable[list[Any]]:
    for p in _projects(doc):
        for i, ind in enumerate(p.get("indicators") or [], start=1):
            if not isinstance(ind, dict):
                continue
            parsed = ind.get("target_parsed") if isinstance(ind.get("target_parsed"), dict) else {}
            values = {
                "source_file": _source(doc), "project_seq": p.get("seq"),
                "project_name": p.get("project_name"), "department": p.get("department"),
                "implementing_unit": p.get("implementing_unit"), "indicator_seq": i,
                "extra": _json(ind.get("extra")),
            }
            for key in TARGET_KEYS:
                v = parsed.get(key)
                values[f"target_{key}"] = as_decimal(v) if key in ("value", "low", "high") else v
            yield [values[c.name] if c.name in values else ind.get(c.name)
                   for c in INDICATOR_COLUMNS]


# --- budget rows (long format: one row per table row and value column) ---------------------

BUDGET_ROW_COLUMNS = (
    Column("source_file"), Column("table_seq", "int"), Column("kind"), Column("title"), Column("unit"),
    Column("page", "int"), Column("side"), Column("panel", "int"), Column("code", "code"), Column("level"),
    Column("group"), Column("name"), Column("column"), Column("header"), Column("value", "number"),
    Column("value_wanyuan", "number"), Column("raw"),
)


def budget_rows(doc: dict) -> Iterable[list[Any]]:
    for seq, table in enumerate(doc.get("budget_tables") or [], start=1):
        if not isinstance(table, dict):
            continue
        headers = {(c.get("id"), c.get("side"), c.get("panel")): " / ".join(c.get("header") or [])
                   for c in table.get("columns") or [] if isinstance(c, dict)}
        for row in table.get("rows") or []:
            if not isinstance(row, dict):
                continue
            raw = row.get("raw") or {}
            for column, value in (row.get("values") or {}).items():
                amount = as_decimal(value)
                values = {
                    "source_file": _source(doc), "table_seq": seq, "kind": table.get("kind"),
                    "title": table.get("title"), "unit": table.get("unit"), "page": row.get("page"),
                    "side": row.get("side"), "panel": row.get("panel"), "code": row.get("code"),
                    "level": row.get("level"), "group": row.get("group"), "name": row.get("name"),
                    "column": column, "header": headers.get((column, row.get("side"), row.get("panel"))),
                    "value": amount, "value_wanyuan": to_wanyuan(amount, table.get("unit")),
                    "raw": raw.get(column),
                }
                yield [values[c.name] for c in BUDGET_ROW_COLUMNS]


# --- checks --------------------------------------------------------------------------------

CHECK_COLUMNS = (
    Column("source_file"), Column("id"), Column("status"), Column("rule"), Column("lhs", "number"),
    Column("rhs", "number"), Column("difference", "number"), Column("tolerance", "number"),
    Column("unit"), Column("tables"), Column("pages", "pages"), Column("message"),
)


def check_rows(doc: dict) -> Iterable[list[Any]]:
    for check in doc.get("checks") or []:
        if not isinstance(check, dict):
            continue
        values = {
            "source_file": _source(doc), "tables": ";".join(check.get("tables") or []) or None,
            "pages": _pages(check.get("pages")),
            **{k: as_decimal(check.get(k)) for k in ("lhs", "rhs", "difference", "tolerance")},
        }
        yield [values[c.name] if c.name in values else check.get(c.name) for c in CHECK_COLUMNS]


PROJECTS = BatchTable("projects", PROJECT_COLUMNS, project_rows)
INDICATORS = BatchTable("indicators", INDICATOR_COLUMNS, indicator_rows)
BUDGET_ROWS = BatchTable("budget_rows", BUDGET_ROW_COLUMNS, budget_rows)
CHECKS = BatchTable("checks", CHECK_COLUMNS, check_rows)
BATCH_TABLES: tuple[BatchTable, ...] = (PROJECTS, INDICATORS, BUDGET_ROWS, CHECKS)
