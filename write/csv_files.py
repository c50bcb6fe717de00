"""OUT/<table>.csv for every batch table (write/batch_tables.py), streamed document by document.

UTF-8 with BOM so that Excel opens them correctly; first column `source_file`. Empty values
are empty cells; numbers are written as printed (exact decimals, no float artefacts); nested
values are JSON text. A text cell that a spreadsheet would run as a formula (starting with
= + - @, a tab or a carriage return) is written with a leading apostrophe, as OWASP
recommends for CSV files; numbers (`-5.5`, `+3%`) and a lone sign (`=`, `-`: a comparator,
a dash for an empty amount) cannot run anything and are never altered.
"""
from __future__ import annotations

import csv
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from fujian.write.atomic import atomic_open
from fujian.write.batch_tables import BATCH_TABLES, BatchTable
from .. import lazy_regex

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = lazy_regex.compile_re(r"^(?:[-+]?\d[\d,]*(?:\.\d+)?%?|[=+\-@])$")


def neutralised(text: str) -> str:
    """`=1+2` → `'=1+2`: shown as text by Excel, LibreOffice and Google Sheets."""
    if text.startswith(FORMULA_STARTS) and not _HARMLESS.match(text):
        return "'" + text
    return text


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return neutralised(str(value))


class CsvFilesWriter:
    """Streams OUT/<table>.csv for `tables`, one document at a time (memory stays flat however
    many documents a batch has); every file replaces the old one atomically when the `with`
    block ends without an exception.

        with CsvFilesWriter(out) as w:
            for doc in docs:
                w.add(doc)
    """

    def __init__(self, out_dir: Path, tables: Iterable[BatchTable] = BATCH_TABLES):
        self.out_dir = Path(out_dir)
        self.tables = tuple(tables)
        self.counts = {t.name: 0 for t in self.tables}

    def __enter__(self) -> "CsvFilesWriter":
        self._stack = ExitStack()
        self._writers = []
        for table in self.tables:
            f = self._stack.enter_context(atomic_open(self.out_dir / f"{table.name}.csv", "w",
                                                      encoding="utf-8-sig", newline=""))
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(table.column_names)
            self._writers.append(w)
        return self

    def add(self, doc: dict) -> None:
        for table, w in zip(self.tables, self._writers):
            for row in table.rows(doc):
                w.writerow([csv_cell(v) for v in row])
                self.counts[table.name] += 1

    def __exit__(self, *exc) -> bool:
        return self._stack.__exit__(*exc)
