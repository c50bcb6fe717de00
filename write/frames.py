"""pandas DataFrames of the batch tables (write/batch_tables.py), and OUT/*.csv read back
with the dtypes their columns have (codes stay strings: `11`, not `11.0`)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from fujian.write.batch_tables import BATCH_TABLES, BatchTable

PANDAS_DTYPES = {"text": "string", "code": "string", "json": "string", "pages": "string",
                 "int": "Int64", "number": "Float64"}


def _plain(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def table_frame(table: BatchTable, rows: Iterable[list[Any]]):
    import pandas as pd

    frame = pd.DataFrame([[_plain(v) for v in row] for row in rows], columns=table.column_names)
    return frame.astype({c.name: PANDAS_DTYPES[c.kind] for c in table.columns})


def read_table_csv(path: Path):
    """Read a batch-table CSV; the table is known by its file name (projects.csv …), and any
    other CSV is read with every column as a string."""
    import pandas as pd

    table = next((t for t in BATCH_TABLES if Path(path).name == f"{t.name}.csv"), None)
    if table is None:
        return pd.read_csv(path, dtype="string", encoding="utf-8-sig", keep_default_na=False,
                           na_values=[""])
    frame = pd.read_csv(path, dtype="string", encoding="utf-8-sig", keep_default_na=False,
                        na_values=[""])
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        if column.kind in ("text", "json", "pages") and column.name in frame:
            # a leading apostrophe neutralised a formula-like text cell (write/csv_files.py)
            frame[column.name] = frame[column.name].str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
        elif column.kind in ("int", "number"):
            frame[column.name] = pd.to_numeric(frame[column.name]).astype(PANDAS_DTYPES[column.kind])
    return frame
