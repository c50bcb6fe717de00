""".xls (Excel 97–2003, BIFF) workbook → Document, with xlrd.

    read_xls(data, path) -> Document     # data: the file's bytes

Opened with `formatting_info=True`, which gives the number format, the borders, the merged
ranges and the hidden rows/columns of every cell; each visible sheet is then laid out by
`sheet_grid.sheet_items`, exactly like an .xlsx sheet. An encrypted workbook (FILEPASS) is
decrypted by the caller (office_open) before it gets here.
"""
from __future__ import annotations

import datetime as dt

from .model import Document, ExtractionError
from .number_format import LOCALE_BUILTINS, display_text
from .sheet_grid import Sheet, SheetCell, sheet_items

_EPOCHS = {0: dt.datetime(1899, 12, 30), 1: dt.datetime(1904, 1, 1)}


def read_xls(data: bytes, path: str) -> Document:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False,
                                  logfile=_Silent(), ragged_rows=True)
    except xlrd.XLRDError as e:
        if "encrypt" in str(e).lower():
            raise ExtractionError("the .xls workbook is encrypted with a password: give the password "
                                  "(--password), or save an unencrypted copy") from None
        raise ExtractionError(f"damaged or unsupported .xls workbook ({e}); open it in Excel or WPS "
                              "and save it as .xlsx, or export it as PDF") from None
    except Exception as e:  # xlrd's compound-document reader raises assorted errors on damage
        raise ExtractionError(f"damaged .xls workbook, cannot be read ({type(e).__name__}: {e}); open it "
                              "in Excel or WPS and save it as .xlsx, or export it as PDF") from None
    doc = Document(path=str(path), format="xls")
    epoch = _EPOCHS.get(book.datemode, _EPOCHS[0])
    page = 0
    for index in range(book.nsheets):
        sh = book.sheet_by_index(index)
        if sh.visibility != 0:
            doc.warnings.append({"code": "hidden_sheet", "page": None,
                                 "message": f"hidden sheet {sh.name!r} not read"})
            continue
        page += 1
        doc.items += sheet_items(_sheet(book, sh, epoch), page, "xlrd")
    doc.page_count = page
    book.release_resources()
    return doc


class _Silent:
    def write(self, *_):  # xlrd prints warnings about odd records to its log file
        pass


def _sheet(book, sh, epoch) -> Sheet:
    import xlrd

    sheet = Sheet(sh.name)
    for r in range(sh.nrows):
        for c in range(sh.row_len(r)):
            ctype = sh.cell_type(r, c)
            value = sh.cell_value(r, c)
            xf = book.xf_list[sh.cell_xf_index(r, c)]
            fmt_key = xf.format_key
            fmt = LOCALE_BUILTINS.get(fmt_key)
            if fmt is None:
                entry = book.format_map.get(fmt_key)
                fmt = entry.format_str if entry is not None else "General"
            if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            elif ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(value, "#ERR")
                fmt = "General"
            text = display_text(value, fmt, epoch=epoch)
            if text is not None:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
                if not text.strip():
                    text = None
            b = xf.border
            bordered = any((b.top_line_style, b.bottom_line_style, b.left_line_style, b.right_line_style))
            if text is not None or bordered:
                sheet.cells[(r, c)] = SheetCell(text, bordered)
    for rlo, rhi, clo, chi in sh.merged_cells:
        sheet.merges.append((rlo, clo, rhi - 1, chi - 1))
    for r, info in sh.rowinfo_map.items():
        if info.hidden:
            sheet.hidden_rows.add(r)
    for c, info in sh.colinfo_map.items():
        if info.hidden:
            sheet.hidden_cols.add(c)
    return sheet
