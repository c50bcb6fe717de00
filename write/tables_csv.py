"""OUT/projects.csv and OUT/indicators.csv: every document's projects and indicators.

UTF-8 with BOM so Excel opens them correctly, first column `source_file` (the input's
path relative to the directory it was found in, as in the JSON's source.file). Missing
values are empty cells; nested values (extra_fields, an indicator's extra) are JSON text.
"""
from __future__ import annotations

import csv
import json
from contextlib import ExitStack
from pathlib import Path
from typing import Iterable

from fujian.write.atomic import atomic_open

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
            "indicator_count": str(len(p.get("indicators") or [])),
        }
        yield [_cell(row[c]) if c in row else _cell(p.get(c)) for c in PROJECT_COLUMNS]


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
                "indicator_seq": str(i),
                "extra": ind.get("extra") or None,
            }
            yield [_cell(row[c]) if c in row else _cell(ind.get(c)) for c in INDICATOR_COLUMNS]


class TablesCsvWriter:
    """Streams projects.csv and indicators.csv one document at a time (memory stays flat
    however many documents a batch has); both files replace the old ones atomically when
    the `with` block ends without an exception.

        with TablesCsvWriter(out / "projects.csv", out / "indicators.csv") as w:
            for doc in docs:
                w.add(doc)
    """

    def __init__(self, projects_path: Path, indicators_path: Path):
        self.paths = (Path(projects_path), Path(indicators_path))
        self.projects = self.indicators = 0

    def __enter__(self) -> "TablesCsvWriter":
        self._stack = ExitStack()
        files = [self._stack.enter_context(atomic_open(p, "w", encoding="utf-8-sig", newline=""))
                 for p in self.paths]
        self._w = [csv.writer(f, lineterminator="\r\n") for f in files]
        self._w[0].writerow(PROJECT_COLUMNS)
        self._w[1].writerow(INDICATOR_COLUMNS)
        return self

    def add(self, doc: dict) -> None:
        for row in project_rows(doc):
            self._w[0].writerow(row)
            self.projects += 1
        for row in indicator_rows(doc):
            self._w[1].writerow(row)
            self.indicators += 1

    def __exit__(self, *exc) -> bool:
        return self._stack.__exit__(*exc)


def _write_csv(docs: list[dict], target: Path, columns, rows_of) -> int:
    with atomic_open(Path(target), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(columns)
        rows = [r for d in docs for r in rows_of(d)]
        w.writerows(rows)
    return len(rows)


def write_projects_csv(docs: list[dict], target: Path) -> int:
    """projects.csv alone, for a list of documents; returns the number of rows."""
    return _write_csv(docs, target, PROJECT_COLUMNS, project_rows)


def write_indicators_csv(docs: list[dict], target: Path) -> int:
    """indicators.csv alone, for a list of documents; returns the number of rows."""
    return _write_csv(docs, target, INDICATOR_COLUMNS, indicator_rows)
