"""OUT/fujian.xlsx: one sheet per batch table (write/batch_tables.py), for Excel users.

Header row frozen and bold; code columns (level codes, classification codes) are text cells so
Excel never turns `01` into 1; amounts and counts are number cells; every text value is a
text cell — a value starting with `=` is shown, never run as a formula. Written with
openpyxl's write-only mode, row by row, so memory does not grow with the batch.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from fujian.write.safe_output import strip_controls
from fujian.write.atomic import atomic_open
from fujian.write.batch_tables import BATCH_TABLES, BatchTable

WORKBOOK_NAME = "fujian.xlsx"
FIXED_TIME = __import__("datetime").datetime(2000, 1, 1)
EXCEL_MAX_CHARS = 32767  # per cell


class WorkbookWriter:
    def __init__(self, target: Path, tables: Iterable[BatchTable] = BATCH_TABLES):
        from openpyxl import Workbook  # imported here: only batch runs pay for it

        self.target = Path(target)
        self.tables = tuple(tables)
        self._wb = Workbook(write_only=True)
        self._sheets = []
        for table in self.tables:
            ws = self._wb.create_sheet(table.name)
            ws.freeze_panes = "A2"
            ws.append([self._cell(ws, name, "header") for name in table.column_names])
            self._sheets.append(ws)

    def _cell(self, ws, value: Any, kind: str):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        if value is None:
            return None
        if kind == "header":
            cell = WriteOnlyCell(ws, value=value)
            cell.font = Font(bold=True)
            return cell
        if kind in ("int", "number") and isinstance(value, (int, float, Decimal)) \
                and not isinstance(value, bool):
            return WriteOnlyCell(ws, value=float(value) if isinstance(value, Decimal) else value)
        text = strip_controls(str(value))[:EXCEL_MAX_CHARS]  # a worksheet refuses them
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # text, even when it starts with "=" (never a formula)
        return cell

    def add(self, doc: dict) -> None:
        for table, ws in zip(self.tables, self._sheets):
            kinds = [c.kind for c in table.columns]
            for row in table.rows(doc):
                ws.append([self._cell(ws, v, k) for v, k in zip(row, kinds)])

    def save(self) -> None:
        """Write the workbook; the same rows give the same bytes (fixed document times and
        zip entry times), so a resumed batch ends with files identical to a clean run's."""
        import tempfile
        import zipfile

        self._wb.properties.created = self._wb.properties.modified = FIXED_TIME
        with tempfile.TemporaryFile() as raw:
            self._wb.save(raw)
            raw.seek(0)
            with zipfile.ZipFile(raw) as src, atomic_open(self.target, "wb") as f, \
                    zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
                    fixed.compress_type = zipfile.ZIP_DEFLATED
                    data = src.read(info.filename)
                    if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                        data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
                    dst.writestr(fixed, data)
