"""OUT/report.json: a JSON array, one entry per input, ok or error (SPEC.md "Batch outputs").

Entry keys: file, status ("ok" | "error"), error (null when ok), projects, indicators,
pages, seconds; plus the optional `output` (the per-document JSON, relative to OUT) for
ok entries and `skipped` (true when this run reused an existing output or did not see
the input, so `seconds` is 0).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

from fujian.write.atomic import atomic_write_text


@dataclass
class ReportEntry:
    file: str
    status: str  # "ok" | "error"
    error: Optional[str]
    projects: int
    indicators: int
    pages: Optional[int]
    seconds: float
    output: Optional[str] = None
    skipped: bool = False



def report_list(entries: list[ReportEntry]) -> list[dict]:
    """The report as written: a JSON array of entries sorted by file."""
    return [asdict(e) for e in sorted(entries, key=lambda e: e.file)]


def write_report(entries: list[ReportEntry], target: Path) -> None:
    text = json.dumps(report_list(entries), ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(Path(target), text)
