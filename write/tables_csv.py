"""OUT/projects.csv and OUT/indicators.csv: every document's projects and indicators.

UTF-8 with BOM so Excel opens them correctly, first column `source_file` (the input's
path relative to the directory it was found in, as in the JSON's source.file). Missing
values are empty cells; nested values (extra_fields, an indicator's extra) are JSON text.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterable

from fujian.write.atomic import atomic_write_bytes

PROJECT_COLUMNS = [
    "source_file", "title", "seq", "pages", "table_title", "amount_unit", "project_name",
    "department", "implementing_unit", "project_type", "duration", "managing_office",
    "annual_amount", "overall_goal", "extra_fields", "indicator_count",
]
INDICATOR_COLUMNS = [
    "source_file", "project_seq", "project_name", "indicator_seq", "level1_code", "level1",
    "level2_code", "level2", "level3", "target", "page", "extra",
]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _pages(value) -> str:
    if isinstance(value, list):
        return ";".join(str(p) for p in value)
    return _cell(value)


def project_rows(doc: dict) -> Iterable[list[str]]:
    source_file = (doc.get("source") or {}).get("file")
    for p in doc.get("projects") or []:
        if not isinstance(p, dict):
            continue
        row = {
            "source_file": source_file,
            "title": doc.get("title"),
            "pages": _pages(p.get("pages")),
            "extra_fields": json.dumps(p.get("extra_fields") or {}, ensure_ascii=False),
            "indicator_count": len(p.get("indicators") or []),
        }
        yield [row[c] if c in row else _cell(p.get(c)) for c in PROJECT_COLUMNS]


def indicator_rows(doc: dict) -> Iterable[list[str]]:
    source_file = (doc.get("source") or {}).get("file")
    for p in doc.get("projects") or []:
        if not isinstance(p, dict):
            continue
        for i, ind in enumerate(p.get("indicators") or [], start=1):
            if not isinstance(ind, dict):
                continue
            row = {
                "source_file": source_file,
                "project_seq": p.get("seq"),
                "project_name": p.get("project_name"),
                "indicator_seq": i,
                "extra": ind.get("extra") or None,
            }
            yield [_cell(row[c]) if c in row else _cell(ind.get(c)) for c in INDICATOR_COLUMNS]


def _csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow([_cell(v) if not isinstance(v, str) else v for v in r])
    return buf.getvalue().encode("utf-8-sig")


def write_projects_csv(docs: list[dict], target: Path) -> int:
    rows = [r for d in docs for r in project_rows(d)]
    atomic_write_bytes(Path(target), _csv_bytes(PROJECT_COLUMNS, rows))
    return len(rows)


def write_indicators_csv(docs: list[dict], target: Path) -> int:
    rows = [r for d in docs for r in indicator_rows(d)]
    atomic_write_bytes(Path(target), _csv_bytes(INDICATOR_COLUMNS, rows))
    return len(rows)
