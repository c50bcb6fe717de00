"""OUT/fujian.xlsx: one sheet per batch table (write/batch_tables.py), for Excel users.

Header row frozen and bold; code columns (level codes, classification codes) are text cells so
Excel never turns `01` into 1; amounts and counts are number cells; every text value is a
text cell — a value starting with `=` is shown, never run as a formula. Written with
XlsxWriter in its constant-memory mode, row by row, so memory does not grow with the batch;
XlsxWriter rather than openpyxl because a batch writes the workbook on every run and openpyxl's
import alone costs about 0.35 s of CPU, five times XlsxWriter's (bench/bench_startup.py).
"""
from __future__ import annotations

import datetime
import math
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from fujian.write.atomic import atomic_open
from fujian.write.safe_output import strip_controls
from fujian.write.batch_tables import BATCH_TABLES, BatchTable

WORKBOOK_NAME = "fujian.xlsx"
FIXED_TIME = datetime.datetime(2000, 1, 1)
EXCEL_MAX_CHARS = 32767  # per cell
_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "nan_inf_to_errors": True}


class WorkbookWriter:
    def __init__(self, target: Path, tables: Iterable[BatchTable] = BATCH_TABLES):
        import tempfile

        import xlsxwriter  # imported here: only batch runs pay for it

        self.target = Path(target)
        self.tables = tuple(tables)
        self._raw = tempfile.TemporaryFile()
        self._wb = xlsxwriter.Workbook(self._raw, {**_OPTIONS, "in_memory": False})
        self._wb.set_properties({"created": FIXED_TIME})  # the same rows give the same bytes
        bold = self._wb.add_format({"bold": True})
        self._sheets = []
        self._next_row = []
        for table in self.tables:
            ws = self._wb.add_worksheet(table.name)
            ws.freeze_panes(1, 0)
            ws.write_row(0, 0, list(table.column_names), bold)
            self._sheets.append(ws)
            self._next_row.append(1)

    @staticmethod
    def _write(ws, row: int, col: int, value: Any, kind: str) -> None:
        if value is None:
            return
        if kind in ("int", "number") and isinstance(value, (int, float, Decimal)) \
                and not isinstance(value, bool):
            number = float(value)
            if math.isfinite(number):
                ws.write_number(row, col, number)
                return
        # text, never a formula; without control characters, which a worksheet refuses
        ws.write_string(row, col, strip_controls(str(value))[:EXCEL_MAX_CHARS])

    def add(self, doc: dict) -> None:
        for k, (table, ws) in enumerate(zip(self.tables, self._sheets)):
            kinds = [c.kind for c in table.columns]
            for row in table.rows(doc):
                r = self._next_row[k]
                for col, (value, kind) in enumerate(zip(row, kinds)):
                    self._write(ws, r, col, value, kind)
                self._next_row[k] = r + 1

    def save(self) -> None:
        """Write the workbook (atomically: a temporary file, then renamed into place)."""
        try:
            self._wb.close()
            self._raw.seek(0)
            with atomic_open(self.target, "wb") as f:
                while True:
                    chunk = self._raw.read(1 << 20)
                    if not chunk:
                        break
                    f.write(chunk)
        finally:
            self._raw.close()
