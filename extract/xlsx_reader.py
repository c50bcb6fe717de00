""".xlsx / .xlsm workbook → Document, with openpyxl.

    read_xlsx(source, path) -> Document     # source: a path or a binary file object

Each visible worksheet is read into a `sheet_grid.Sheet` — the cached values (what Excel last
computed, `data_only=True`) shown through their number formats, borders, merged ranges,
hidden rows and columns — and laid out by `sheet_grid.sheet_items`. Hidden sheets are skipped
with a warning; so are formula cells the file holds no computed value for (a file written by
a script and never opened in Excel). openpyxl and zip errors become ExtractionErrors.
"""
from __future__ import annotations

import warnings
import zipfile
from typing import BinaryIO, Union

from .model import Document, ExtractionError
from .number_format import LOCALE_BUILTINS, display_text
from .sheet_grid import Sheet, SheetCell, cell_ref, sheet_items
from .. import lazy_regex

Source = Union[str, "os.PathLike[str]", BinaryIO]  # noqa: F821

_FORMULA = lazy_regex.compile_re(rb"<(?:\w+:)?f[ >/]")


def read_xlsx(source: Source, path: str) -> Document:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Data Validation extension is not supported" …
            wb = openpyxl.load_workbook(source, data_only=True, read_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError,
            AttributeError, IndexError, EOFError) as e:
        raise ExtractionError(f"damaged .xlsx workbook, cannot be read ({_why(e)}); open it in Excel or "
                              "WPS and save it again, or export it as PDF") from None
    except Exception as e:  # lxml syntax errors and the like, from a damaged part
        raise ExtractionError(f"damaged .xlsx workbook, cannot be read ({_why(e)}); open it in Excel or "
                              "WPS and save it again, or export it as PDF") from None
    doc = Document(path=str(path), format="xlsx")
    missing = _formulas_without_values(source, wb)
    page = 0
    for ws in wb.worksheets:
        if not hasattr(ws, "merged_cells"):
            continue  # a chart sheet
        if ws.sheet_state != "visible":
            doc.warnings.append({"code": "hidden_sheet", "page": None,
                                 "message": f"hidden sheet {ws.title!r} not read"})
            continue
        page += 1
        doc.items += sheet_items(_sheet(ws, wb.epoch), page, "openpyxl")
        if missing.get(ws.title):
            refs = missing[ws.title]
            doc.warnings.append({"code": "formula_without_value", "page": page, "message":
                                 f"{len(refs)} formula cell(s) hold no computed value and read as empty "
                                 f"({', '.join(refs[:5])}{' …' if len(refs) > 5 else ''}); the file was "
                                 "saved without calculating: open and save it in Excel or LibreOffice"})
    doc.page_count = page
    wb.close()
    return doc


def _why(e: Exception) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _sheet(ws, epoch) -> Sheet:
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    sheet = Sheet(ws.title)
    for (r, c), cell in getattr(ws, "_cells", {}).items():
        value = cell.value
        fmt = cell.number_format
        style = getattr(cell, "_style", None)
        fmt_id = getattr(style, "numFmtId", None)
        if fmt_id in LOCALE_BUILTINS and fmt_id not in BUILTIN_FORMATS or fmt_id in (14, 22):
            fmt = LOCALE_BUILTINS[fmt_id]
        text = display_text(value, fmt, epoch=epoch)
        if text is not None:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            if not text.strip():
                text = None
        bordered = False
        if cell.has_style:
            b = cell.border
            bordered = any(getattr(b, side).style for side in ("left", "right", "top", "bottom")
                           if getattr(b, side) is not None)
        if text is not None or bordered:
            sheet.cells[(r - 1, c - 1)] = SheetCell(text, bordered)
    for rng in ws.merged_cells.ranges:
        sheet.merges.append((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1))
    for r, dim in ws.row_dimensions.items():
        if dim.hidden or dim.height == 0:
            sheet.hidden_rows.add(r - 1)
    for dim in ws.column_dimensions.values():
        if dim.hidden or dim.width == 0 and dim.customWidth:
            lo, hi = dim.min or 0, dim.max or 0
            sheet.hidden_cols.update(range(lo - 1, hi))
    return sheet


def _formulas_without_values(source: Source, wb) -> dict[str, list[str]]:
    """Sheet name → addresses of formula cells with no cached value (empty in the data view)."""
    try:
        if hasattr(source, "seek"):
            source.seek(0)
        with zipfile.ZipFile(source) as z:
            has_formulas = any(_FORMULA.search(z.read(n)) for n in z.namelist()
                               if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, KeyError):
        return {}
    if not has_formulas:
        return {}
    import openpyxl

    if hasattr(source, "seek"):
        source.seek(0)
    out: dict[str, list[str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = openpyxl.load_workbook(source, data_only=False, read_only=True)
    try:
        for ws in formulas.worksheets:
            if ws.title not in wb.sheetnames or not hasattr(ws, "iter_rows"):
                continue
            cached = getattr(wb[ws.title], "_cells", {})
            for row in ws.iter_rows():
                for cell in row:
                    v = getattr(cell, "value", None)
                    if isinstance(v, str) and v.startswith("=") and getattr(cell, "data_type", "") == "f" \
                            and getattr(cached.get((cell.row, cell.column)), "value", None) is None:
                        out.setdefault(ws.title, []).append(cell_ref(ws.title, cell.row - 1, cell.column - 1))
    finally:
        formulas.close()
    return out
