"""What keeps a long document's memory flat (issue 14; bench/bench_memory.py measures it):
the objects held per cell and per row carry no per-instance __dict__, the pipeline lets go of
the grids once their rows exist without changing what it reads, and the JSON file is written
piece by piece with the same bytes as the whole text."""
from pathlib import Path

from fujian.extract.model import Cell, Slot, Table, TextLine
from fujian.normalize.bundle import normalize_document
from fujian.normalize.records import Amount, BudgetRow, Indicator, Paragraph, Warning_
from fujian.normalize.regions import Region
from fujian.normalize.rows import Row, RowCell
from fujian.pipeline import read_document, to_json
from fujian.write.document_json import dumps_document, stamped, write_document_json

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "samples" / "real" / "附件2：部门决算模板.pdf"


def test_per_cell_and_per_row_objects_have_no_instance_dict():
    cell = Cell("1.00", 0, 0, page=1, bbox=(0.0, 0.0, 1.0, 1.0))
    row = Row([RowCell("1.00", "1.00", 0)], 0, 0, 1)
    objects = [cell, Slot(cell), Table([cell]), TextLine("x", 1), row, row.cells[0], Region("table", [row]),
               Indicator(None, None, None, None, "x", "y"), BudgetRow(None, "item", "x", {}),
               Paragraph(1, "x"), Warning_("c", "m"), Amount("1.50")]
    assert [type(o).__name__ for o in objects if hasattr(o, "__dict__")] == []
    assert Amount("1.50").text == "1.50" and Amount("1.50") == 1.5


def _record_json(release: bool) -> dict:
    doc = read_document(REAL)
    result = to_json(normalize_document(doc, release=release), doc, name=REAL.name, sha256="0")
    if release:
        assert doc.items == []  # let go of
    return result


def test_releasing_the_grids_reads_the_same_document():
    kept, released = _record_json(False), _record_json(True)
    assert released["budget_tables"] and dumps_document(released) == dumps_document(kept)


def test_the_file_written_piece_by_piece_is_the_whole_text(tmp_path):
    doc = _record_json(True)
    target = tmp_path / "a.json"
    write_document_json(doc, target, engine="pdfium")
    assert target.read_bytes() == dumps_document(stamped(doc, engine="pdfium")).encode("utf-8")
