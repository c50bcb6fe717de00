"""camelot engine: same Document shape as the pdfplumber engine, spans from camelot's cell sides."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_extract_pdf_builders import (  # noqa: E402
    A4, INDICATORS, PageSpec, build_pdf, project_page, project_table, spec_rows, title_lines)

from fujian.extract.model import Table, TextLine  # noqa: E402
from fujian.extract.pdf_document import read_pdf  # noqa: E402


def cells_of(table):
    return sorted((c.row, c.col, c.rowspan, c.colspan, (c.text or "").replace("\n", ""))
                  for c in table.cells)


def tables(doc):
    return [i for i in doc.items if isinstance(i, Table)]


def test_camelot_grid_spans_bboxes_and_text_lines(tmp_path):
    page = project_page()
    path = build_pdf(tmp_path / "plain.pdf", [page])
    doc = read_pdf(path, engine="camelot")
    (table,) = tables(doc)
    assert table.engine == "camelot" and table.page == 1
    assert cells_of(table) == spec_rows(page.tables[0])
    assert [i.text for i in doc.items if isinstance(i, TextLine)] == [t for _, _, t in page.lines]
    assert isinstance(doc.items[-1], Table)
    # same boxes as the pdfplumber engine, in the same (top-left origin) frame
    ours = {(c.row, c.col): c.bbox for c in tables(read_pdf(path))[0].cells}
    for c in table.cells:
        assert c.bbox == pytest.approx(ours[(c.row, c.col)], abs=1.0)


def test_camelot_continued_table_and_page_numbers(tmp_path):
    first = project_table(top=125, rows=INDICATORS[:5])
    rest = project_table(top=60, rows=INDICATORS[5:], with_header=False, header=False, top_rule=False)
    path = build_pdf(tmp_path / "cont.pdf", [PageSpec(lines=title_lines(), tables=[first]),
                                             PageSpec(tables=[rest])])
    t1, t2 = tables(read_pdf(path, engine="camelot"))
    assert (t1.page, t2.page) == (1, 2)
    assert {c.page for c in t2.cells} == {2}
    assert cells_of(t1) == spec_rows(first)
    assert cells_of(t2) == spec_rows(rest)


@pytest.mark.parametrize("how", [dict(rotate=90), dict(sideways=True)])
def test_camelot_turned_pages(tmp_path, how):
    page = project_page()
    page.size = (A4[1], A4[0])
    for key, value in how.items():
        setattr(page, key, value)
    doc = read_pdf(build_pdf(tmp_path / "turned.pdf", [page]), engine="camelot")
    (table,) = tables(doc)
    assert cells_of(table) == spec_rows(page.tables[0])
    assert table.bbox[1] == pytest.approx(125, abs=1.5)


def test_camelot_upside_down_page(tmp_path):
    page = project_page()
    page.upside_down = True
    path = build_pdf(tmp_path / "upside_down.pdf", [page])
    ours, theirs = read_pdf(path), read_pdf(path, engine="camelot")
    (table,) = tables(theirs)
    assert cells_of(table) == spec_rows(page.tables[0])
    assert [w["code"] for w in theirs.warnings] == ["page_turned"]
    ours_boxes = {(c.row, c.col): c.bbox for c in tables(ours)[0].cells}
    for c in table.cells:
        assert c.bbox == pytest.approx(ours_boxes[(c.row, c.col)], abs=1.0)
