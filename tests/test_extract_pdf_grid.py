"""pdfplumber engine: real PDFs built with reportlab, compared with the layout they were drawn from."""
import sys
from pathlib import Path

import pdfplumber
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_extract_pdf_builders import (  # noqa: E402
    A4, INDICATORS, PageSpec, SpecCell, TableSpec, build_pdf, project_page, project_table,
    spec_rows, title_lines)

from fujian.extract.model import Table, TextLine  # noqa: E402
from fujian.extract.pdf_document import read_pdf  # noqa: E402
from fujian.extract.pdf_page_objects import page_objects  # noqa: E402
from fujian.extract.pdf_settings import DEFAULT_SETTINGS  # noqa: E402
from fujian.extract.pdf_tables import page_grids, page_items  # noqa: E402

LANDSCAPE = (A4[1], A4[0])


def cells_of(table: Table):
    return sorted((c.row, c.col, c.rowspan, c.colspan, (c.text or "").replace("\n", ""))
                  for c in table.cells)


def tables(doc):
    return [i for i in doc.items if isinstance(i, Table)]


def test_plain_page_grid_spans_text_lines_and_order(tmp_path):
    page = project_page()
    path = build_pdf(tmp_path / "plain.pdf", [page])
    doc = read_pdf(path)
    assert doc.format == "pdf" and doc.page_count == 1
    kinds = [type(i).__name__ for i in doc.items]
    assert kinds == ["TextLine", "TextLine", "TextLine", "Table"]
    assert [i.text for i in doc.items[:3]] == [t for _, _, t in page.lines]
    (table,) = tables(doc)
    assert table.engine == "pdfium" and table.page == 1  # the default engine
    assert cells_of(table) == spec_rows(page.tables[0])
    level1 = next(c for c in table.cells if c.text == "1-产出指标")
    assert (level1.rowspan, level1.colspan) == (5, 1)
    name_value = next(c for c in table.cells if c.text == "常委会议工作经费")
    assert (name_value.colspan, name_value.col) == (3, 1)
    # bbox: top-left origin, the cell box of the drawn grid
    t = page.tables[0]
    assert level1.bbox[0] == pytest.approx(t.x, abs=0.6)
    assert level1.bbox[1] == pytest.approx(t.top + sum(t.row_heights[:6]), abs=0.6)
    assert level1.bbox[3] - level1.bbox[1] == pytest.approx(sum(t.row_heights[6:11]), abs=0.6)
    assert all(c.page == 1 for c in table.cells)


def test_wrapped_cell_keeps_line_breaks_in_reading_order(tmp_path):
    page = project_page()
    doc = read_pdf(build_pdf(tmp_path / "wrap.pdf", [page]))
    goal = next(c for c in tables(doc)[0].cells if c.text and c.text.startswith("县人大常委会每"))
    lines = goal.text.split("\n")
    assert len(lines) == 2
    assert "".join(lines) == next(c.text for c in page.tables[0].cells if c.text.startswith("县人大常委会每"))


@pytest.mark.parametrize("how", [dict(rotate=90), dict(rotate=270), dict(sideways=True)])
def test_turned_pages_give_the_upright_grid(tmp_path, how):
    page = project_page()
    page.size = LANDSCAPE
    for key, value in how.items():
        setattr(page, key, value)
    path = build_pdf(tmp_path / "turned.pdf", [page])
    doc = read_pdf(path)
    (table,) = tables(doc)
    assert cells_of(table) == spec_rows(page.tables[0])
    assert doc.items[0].text.startswith("附件2")
    if how.get("sideways"):
        # bare pdfplumber sees this table transposed; we read it turned and say so
        with pdfplumber.open(path) as pdf:
            bare = pdf.pages[0].extract_tables()[0]
        assert bare[0][0] != "项目名称"
        assert [w["code"] for w in doc.warnings] == ["page_turned"]
        assert table.bbox[2] <= LANDSCAPE[0] and table.bbox[3] <= LANDSCAPE[1]


def test_table_continued_without_top_rule_keeps_its_first_row(tmp_path):
    first = project_table(top=125, rows=INDICATORS[:5])
    rest = project_table(top=60, rows=INDICATORS[5:], with_header=False, header=False, top_rule=False)
    path = build_pdf(tmp_path / "cont.pdf", [PageSpec(lines=title_lines(), tables=[first]),
                                             PageSpec(tables=[rest])])
    doc = read_pdf(path)
    t1, t2 = tables(doc)
    assert (t1.page, t2.page) == (1, 2)
    assert cells_of(t1) == spec_rows(first)
    assert cells_of(t2) == spec_rows(rest)
    assert t2.text_rows()[0][:2] == ["2-效益指标", "21-经济效益"]
    # bare pdfplumber loses that row
    with pdfplumber.open(path) as pdf:
        bare = pdf.pages[1].extract_tables()[0]
    assert "21-经济效益" not in [row[1] for row in bare]


def test_white_and_unpainted_rectangles_make_no_phantom_cells(tmp_path):
    page = project_page()
    page.white_rects = [(50, 200, 545, 203), (170, 125, 173, 400)]
    page.invisible_rects = [(100, 300, 300, 310)]
    path = build_pdf(tmp_path / "white.pdf", [page])
    (table,) = tables(read_pdf(path))
    assert cells_of(table) == spec_rows(page.tables[0])
    assert table.n_cols == 4
    with pdfplumber.open(path) as pdf:  # the rectangles do split bare pdfplumber's grid
        assert len(pdf.pages[0].extract_tables()[0][0]) > 4


def test_rules_drawn_as_thin_filled_rectangles(tmp_path):
    page = project_page(rules_as_rects=True)
    (table,) = tables(read_pdf(build_pdf(tmp_path / "rects.pdf", [page])))
    assert cells_of(table) == spec_rows(page.tables[0])


def text_aligned(path):
    """The text-alignment grid of page 1 (pdf_tables.page_grids on a page without rules)."""
    with pdfplumber.open(path) as pdf:
        objs = page_objects(pdf.pages[0], 1, DEFAULT_SETTINGS)
    grids, warnings = page_grids(objs, DEFAULT_SETTINGS)
    return page_items(objs, grids, "pdfplumber", DEFAULT_SETTINGS), warnings


def test_page_without_rules_text_alignment_recovers_the_grid(tmp_path):
    page = project_page()
    page.ruled = False
    items, warnings = text_aligned(build_pdf(tmp_path / "bare.pdf", [page]))
    assert [w["code"] for w in warnings] == ["unruled_table"]
    assert [i.text for i in items if isinstance(i, TextLine)] == [t for _, _, t in page.lines]
    (table,) = [i for i in items if isinstance(i, Table)]
    assert (table.n_rows, table.n_cols) == (16, 4)
    # every cell as drawn — spans included — except that a short value in a merged header
    # cell only shows the column its text reaches
    short = {(r, c): cs for r, c, rs, cs, t in spec_rows(page.tables[0]) if t == "常委会议工作经费"}
    want = [(r, c, rs, 1 if (r, c) in short else cs, t) for r, c, rs, cs, t in spec_rows(page.tables[0])
            if t]
    assert [x for x in cells_of(table) if x[4]] == want
    for cell in table.cells:  # boxes hold their text
        assert cell.bbox[0] < cell.bbox[2] and cell.bbox[1] < cell.bbox[3]


def test_committed_unruled_sample_gets_merged_cells():
    path = Path(__file__).resolve().parent.parent / "samples" / "pdf" / "drawn_no_ruling_lines.pdf"
    if not path.exists():
        pytest.skip("sample not committed")
    items, _ = text_aligned(path)
    (table,) = [i for i in items if isinstance(i, Table)]
    spans = {c.text: (c.rowspan, c.colspan) for c in table.cells}
    assert spans["1-产出指标"] == (4, 1) and spans["11-数量指标"] == (2, 1)
    assert spans["4-成本指标"] == (3, 1) and spans["2-效益指标"] == (3, 1)
    assert table.text_rows()[0][:2] == ["项目名称", "农作物重大病虫害统防统治补助"]
    goal = next(c for c in table.cells if c.text and c.text.startswith("组织专业化"))
    assert (goal.col, goal.colspan) == (1, 3)


def test_kangxi_lookalikes_pass_through_as_drawn(tmp_path):
    cells = [SpecCell(0, 0, "⼈⼤代表"), SpecCell(0, 1, "⻓期"), SpecCell(1, 0, "二级"), SpecCell(1, 1, "人大")]
    spec = TableSpec(col_widths=[120, 120], row_heights=[24, 24], cells=cells)
    (table,) = tables(read_pdf(build_pdf(tmp_path / "kangxi.pdf", [PageSpec(tables=[spec])])))
    assert table.text_rows() == [["⼈⼤代表", "⻓期"], ["二级", "人大"]]


def test_two_tables_on_a_page_and_page_numbers_in_reading_order(tmp_path):
    upper = TableSpec(col_widths=[100, 100], row_heights=[20, 20], top=100,
                      cells=[SpecCell(0, 0, "甲"), SpecCell(0, 1, "乙"), SpecCell(1, 0, "丙", colspan=2)])
    lower = TableSpec(col_widths=[100, 100], row_heights=[20, 20], top=300,
                      cells=[SpecCell(0, 0, "丁", rowspan=2), SpecCell(0, 1, "戊"), SpecCell(1, 1, "己")])
    page = PageSpec(lines=[(60, 60, "表一"), (60, 250, "表二"), (290, 780, "- 1 -")], tables=[upper, lower])
    doc = read_pdf(build_pdf(tmp_path / "two.pdf", [page]))
    shape = [i.text if isinstance(i, TextLine) else cells_of(i) for i in doc.items]
    assert shape == ["表一", spec_rows(upper), "表二", spec_rows(lower), "- 1 -"]


def test_every_page_is_closed_after_reading(tmp_path, monkeypatch):
    closed = []
    original = pdfplumber.page.Page.close

    def close(self):
        closed.append(self.page_number)
        original(self)

    monkeypatch.setattr(pdfplumber.page.Page, "close", close)
    build_pdf(tmp_path / "three.pdf", [project_page(), project_page(), project_page()])
    doc = read_pdf(tmp_path / "three.pdf", engine="pdfplumber")
    assert len(tables(doc)) == 3
    assert sorted(set(closed)) == [1, 2, 3]


def test_pdfium_closes_each_page_before_loading_the_next(tmp_path, monkeypatch):
    import pypdfium2.raw as pdfium

    events = []
    load, close = pdfium.FPDF_LoadPage, pdfium.FPDF_ClosePage
    monkeypatch.setattr(pdfium, "FPDF_LoadPage", lambda doc, i: events.append(("load", i)) or load(doc, i))
    monkeypatch.setattr(pdfium, "FPDF_ClosePage", lambda page: events.append(("close",)) or close(page))
    build_pdf(tmp_path / "three.pdf", [project_page(), project_page(), project_page()])
    doc = read_pdf(tmp_path / "three.pdf", engine="pdfium")
    assert len(tables(doc)) == 3
    assert events == [("load", 0), ("close",), ("load", 1), ("close",), ("load", 2), ("close",)]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
def test_table_with_horizontal_rules_only_is_still_read(tmp_path, engine):
    """三线表 style: the rules form no grid, so the page is read as an unruled table."""
    page = project_page(verticals=False)
    doc = read_pdf(build_pdf(tmp_path / "three_line.pdf", [page]), engine=engine)
    (table,) = tables(doc)
    rows = table.text_rows()
    assert ["一级指标", "二级指标", "三级指标", "绩效值"] in rows
    assert next(r for r in rows if r[0] == "项目属性")[1] == "一年期项目"
    assert "unruled_table" in [w["code"] for w in doc.warnings]
    # and the text-aligned grid alone finds the same header row
    items, _ = text_aligned(tmp_path / "three_line.pdf")
    (grid_table,) = [i for i in items if isinstance(i, Table)]
    assert ["一级指标", "二级指标", "三级指标", "绩效值"] in grid_table.text_rows()


@pytest.mark.parametrize("angle", [45, 0])
def test_watermark_stays_out_of_the_cells(tmp_path, angle):
    page = project_page()
    page.watermark, page.watermark_angle = "内部资料仅供参考", angle
    path = build_pdf(tmp_path / "watermark.pdf", [page])
    with pdfplumber.open(path) as pdf:  # the watermark is real text, over the table
        assert "内" in pdf.pages[0].extract_text()
    doc = read_pdf(path)
    (table,) = tables(doc)
    assert cells_of(table) == spec_rows(page.tables[0])
    assert [w["code"] for w in doc.warnings] == ["watermark_ignored"]


@pytest.mark.parametrize("turn", [90, 270])
def test_text_written_sideways_in_a_cell_reads_in_order(tmp_path, turn):
    cells = [SpecCell(0, 0, "1-产出指标", rowspan=3, sideways=turn), SpecCell(0, 1, "11-数量指标"),
             SpecCell(1, 1, "12-质量指标"), SpecCell(2, 1, "13-时效指标")]
    spec = TableSpec(col_widths=[30, 140], row_heights=[30, 30, 30], cells=cells)
    (table,) = tables(read_pdf(build_pdf(tmp_path / "sideways.pdf", [PageSpec(tables=[spec])])))
    assert cells_of(table) == spec_rows(spec)


@pytest.mark.parametrize("x", [50.0, 50.25, 50.4])
def test_synthetic_bold_doubles_are_read_once(tmp_path, x):
    page = project_page(fake_bold=True)
    page.tables[0].x = x  # copies 0.3 pt apart on either side of a whole point
    path = build_pdf(tmp_path / "bold.pdf", [page])
    with pdfplumber.open(path) as pdf:  # every glyph really is there twice
        assert pdf.pages[0].extract_text().count("项") >= 2 * 2
    (table,) = tables(read_pdf(path))
    assert cells_of(table) == spec_rows(page.tables[0])


def test_unwrapped_text_running_over_an_empty_cell_stays_in_its_cell(tmp_path):
    long = "按要求完成年度绩效自评并报送自评报告"
    cells = [SpecCell(0, 0, "三级指标"), SpecCell(0, 1, "绩效值"),
             SpecCell(1, 0, long, nowrap=True), SpecCell(1, 1, ""),
             SpecCell(2, 0, "每次召开"), SpecCell(2, 1, "2次")]
    spec = TableSpec(col_widths=[120, 80], row_heights=[20, 20, 20], cells=cells)
    path = build_pdf(tmp_path / "overflow.pdf", [PageSpec(tables=[spec])])
    with pdfplumber.open(path) as pdf:  # the line really crosses the rule into the next cell
        row = pdf.pages[0].extract_tables()[0][1]
        assert row[1]
    (table,) = tables(read_pdf(path))
    assert table.text_rows() == [["三级指标", "绩效值"], [long, None], ["每次召开", "2次"]]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber", "camelot"])
def test_cropped_page_reads_in_the_visible_box(tmp_path, engine):
    """A CropBox inside the MediaBox: cell boxes are measured from the visible page's corner,
    and camelot (which renders the CropBox) finds the same grid."""
    import pikepdf

    page = project_page()
    build_pdf(tmp_path / "full.pdf", [page])
    with pikepdf.open(tmp_path / "full.pdf") as pdf:
        w, h = (float(v) for v in pdf.pages[0].mediabox[2:])
        pdf.pages[0].obj.CropBox = pikepdf.Array([30, 40, w - 10, h - 20])  # 20 pt off the top
        pdf.save(tmp_path / "cropped.pdf")
    (table,) = tables(read_pdf(tmp_path / "cropped.pdf", engine=engine))
    assert cells_of(table) == spec_rows(page.tables[0])
    t = page.tables[0]
    assert table.bbox[0] == pytest.approx(t.x - 30, abs=1.0)
    assert table.bbox[1] == pytest.approx(t.top - 20, abs=1.0)


@pytest.mark.parametrize("as_rects", [False, True])
def test_rules_drawn_in_short_pieces_are_joined(tmp_path, as_rects):
    """Every side drawn as 2.5 pt pieces with 0.5 pt gaps: no piece is long enough to count
    as a rule alone, the joined side is."""
    page = project_page(segment=2.5, rules_as_rects=as_rects)
    path = build_pdf(tmp_path / "pieces.pdf", [page])
    with pdfplumber.open(path) as pdf:
        pieces = pdf.pages[0].rects if as_rects else pdf.pages[0].lines
        assert max(max(p["width"], p["height"]) for p in pieces) <= 2.51
    (table,) = tables(read_pdf(path))
    assert cells_of(table) == spec_rows(page.tables[0])


def test_tables_side_by_side_are_read_column_by_column(tmp_path):
    left = project_table(top=100, rows=INDICATORS[:3])
    right = project_table(top=100, rows=INDICATORS[3:7])
    left.x, right.x = 25, 620
    page = PageSpec(size=(1190.0, 842.0), tables=[left, right], lines=[
        (30, 20, "附件2：两个部门的项目支出预算绩效目标表"),
        (190, 50, "部门项目支出预算绩效目标表"), (460, 75, "单位：万元"),
        (785, 50, "部门项目支出预算绩效目标表"), (1055, 75, "单位：万元")])
    doc = read_pdf(build_pdf(tmp_path / "a3.pdf", [page]))
    shape = [i.text if isinstance(i, TextLine) else cells_of(i) for i in doc.items]
    assert shape == ["附件2：两个部门的项目支出预算绩效目标表",
                     "部门项目支出预算绩效目标表", "单位：万元", spec_rows(left),
                     "部门项目支出预算绩效目标表", "单位：万元", spec_rows(right)]


def test_one_table_under_a_page_wide_title_keeps_the_title_whole(tmp_path):
    page = project_page()
    doc = read_pdf(build_pdf(tmp_path / "one.pdf", [page]))
    assert [i.text for i in doc.items if isinstance(i, TextLine)] == [t for _, _, t in page.lines]
