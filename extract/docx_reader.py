""".docx / .docm document → Document, with python-docx (and its lxml tree).

    read_docx(source, path) -> Document     # source: a path or a binary file object

The body is read in order: a paragraph becomes one TextLine per printed line (a line break
inside the paragraph starts a new line), a table becomes a Table whose merged cells come from
the file (`w:gridSpan` across, `w:vMerge` down, `w:gridBefore` / `w:gridAfter` skipped grid
columns). Content controls (`w:sdt`) and custom XML wrappers are read through; text boxes are
read as paragraphs where they stand; deleted (tracked) text, hidden text (`w:vanish`) and the
fallback copy of alternate content are skipped; a table inside a cell adds its text to the
cell. Headers and footers (page furniture) are not read.

Word files have no pages until they are laid out, so `page` is None everywhere; provenance is
`ref`: `table 3!R2C1` for a cell (1-based table index, grid row and column of its top-left
corner), `paragraph 5` for a line, and `Table.source = "table 3"`.
"""
from __future__ import annotations

import zipfile
from typing import BinaryIO, Iterator, Optional, Union

from .grid_compact import drop_covered_columns
from .model import Cell, Document, ExtractionError, Item, Table, TextLine

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (_q(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml"))
WRAPPERS = {SDT, CUSTOM_XML, _q("smartTag"), _q("ins"), _q("moveTo"), _q("hyperlink"), _q("fldSimple"),
            _q("dir"), _q("bdo")}
SKIPPED = {_q("del"), _q("moveFrom"), _q("sdtPr"), _q("sdtEndPr"), _q("rPr"), _q("pPr"), _q("tblPr"),
           _q("trPr"), _q("tcPr"), _q("tblGrid"), _q("instrText"), _q("delText"), f"{{{MC}}}Fallback"}


def read_docx(source: Union[str, BinaryIO], path: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        body = docx.Document(source).element.body
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as e:
        raise ExtractionError(f"damaged .docx document, cannot be read ({type(e).__name__}: {e}); open it "
                              "in Word or WPS and save it again, or export it as PDF") from None
    except Exception as e:  # lxml syntax errors from a damaged part
        raise ExtractionError(f"damaged .docx document, cannot be read ({type(e).__name__}: {e}); open it "
                              "in Word or WPS and save it again, or export it as PDF") from None
    doc = Document(path=str(path), format="docx")
    reader = _BodyReader()
    reader.block(body)
    doc.items = reader.items
    return doc


class _BodyReader:
    def __init__(self) -> None:
        self.items: list[Item] = []
        self.tables = 0
        self.paragraphs = 0

    def block(self, parent) -> None:
        """Paragraphs and tables in document order (through content-control wrappers)."""
        for child in parent:
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag in WRAPPERS or tag == SDT_CONTENT:
                self.block(child)

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        ref = f"paragraph {self.paragraphs}"
        boxes: list = []
        text = _paragraph_text(p, boxes)
        for line in text.split("\n"):
            if line.strip():
                self.items.append(TextLine(line, page=None, ref=ref))
        for box in boxes:  # a text box anchored in this paragraph: its own paragraphs
            self.block(box)

    def table(self, tbl) -> None:
        self.tables += 1
        source = f"table {self.tables}"
        cells = drop_covered_columns(_table_cells(tbl, source))
        if cells:
            self.items.append(Table(cells=cells, page=None, engine="python-docx", source=source))


def _paragraph_text(p, boxes: Optional[list] = None) -> str:
    parts: list[str] = []
    _collect(p, parts, boxes)
    return "".join(parts)


def _collect(node, parts: list[str], boxes: Optional[list], hidden: bool = False) -> None:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == _q("r"):
            _run(child, parts, boxes)
        elif tag == _q("txbxContent"):
            if boxes is not None:
                boxes.append(child)
        elif tag == P:  # a paragraph inside a wrapper (e.g. a cell's nested content)
            if parts and parts[-1] != "\n":
                parts.append("\n")
            _collect(child, parts, boxes)
        else:
            _collect(child, parts, boxes)


def _run(r, parts: list[str], boxes: Optional[list]) -> None:
    rpr = r.find(_q("rPr"))
    if rpr is not None:
        vanish = rpr.find(_q("vanish"))
        if vanish is not None and vanish.get(_q("val"), "true") not in ("0", "false", "off"):
            return
    for child in r:
        tag = child.tag
        if tag == _q("t"):
            parts.append(child.text or "")
        elif tag in (_q("tab"), _q("ptab")):
            parts.append(" ")
        elif tag in (_q("br"), _q("cr")):
            parts.append("\n")
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
        elif tag == _q("softHyphen"):
            continue
        elif tag in SKIPPED:
            continue
        else:  # drawings, alternate content: look for text boxes inside
            for box in child.iter(_q("txbxContent")):
                if boxes is not None and not any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                    boxes.append(box)


def _val(el, tag: str) -> Optional[str]:
    if el is None:
        return None
    found = el.find(_q(tag))
    if found is None:
        return None
    return found.get(_q("val"), "")


def _rows(tbl) -> Iterator:
    for child in tbl:
        if child.tag == TR:
            yield child
        elif child.tag in WRAPPERS or child.tag == SDT_CONTENT:
            yield from _rows(child)


def _tcs(tr) -> Iterator:
    for child in tr:
        if child.tag == TC:
            yield child
        elif child.tag in WRAPPERS or child.tag == SDT_CONTENT:
            yield from _tcs(child)


def _cell_text(tc) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == P:
            lines.append(_paragraph_text(child))
        elif child.tag == TBL:  # a nested table: its text, row by row
            for tr in _rows(child):
                lines.append(" ".join(_cell_text(inner) for inner in _tcs(tr)))
        elif child.tag in WRAPPERS or child.tag == SDT_CONTENT:
            lines.append(_cell_text(child))
    return "\n".join(lines).strip("\n")


def _table_cells(tbl, source: str) -> list[Cell]:
    placed: list[Cell] = []
    open_above: dict[int, Cell] = {}  # grid column → the cell a vMerge continue extends
    row = 0
    for tr in _rows(tbl):
        trpr = tr.find(_q("trPr"))
        hidden = _val(trpr, "hidden")
        if hidden is not None and hidden not in ("0", "false", "off"):
            continue
        col = int(_val(trpr, "gridBefore") or 0)
        this_row: dict[int, Cell] = {}
        for tc in _tcs(tr):
            tcpr = tc.find(_q("tcPr"))
            span = max(1, int(_val(tcpr, "gridSpan") or 1))
            vmerge = _val(tcpr, "vMerge")
            hmerge = _val(tcpr, "hMerge")
            text = _cell_text(tc)
            if hmerge is not None and hmerge != "restart" and col - 1 in this_row:
                left = this_row[col - 1]  # legacy horizontal merge: widen the cell on the left
                left.colspan += span
                for k in range(col, col + span):
                    this_row[k] = left
                col += span
                continue
            above = open_above.get(col)
            if vmerge is not None and vmerge != "restart" and above is not None \
                    and above.col == col and above.colspan == span and above.row + above.rowspan == row:
                above.rowspan += 1
                if text.strip() and not (above.text or "").strip():
                    above.text = text
                cell = above
            else:
                cell = Cell(text=text if text.strip() else None, row=row, col=col, colspan=span, page=None,
                            ref=f"{source}!R{row + 1}C{col + 1}")
                placed.append(cell)
            for k in range(col, col + span):
                this_row[k] = cell
            col += span
        open_above = this_row
        row += 1
    return placed
