"""The office readers on small files made here: number formats as Excel displays them, merged
ranges, hidden rows/columns/sheets, regions and text lines, and Word's merge markup."""
import datetime as dt
from pathlib import Path

import pytest

from fujian.extract.model import Table, TextLine
from fujian.extract.number_format import display_text
from fujian.pipeline import read_document

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("value,fmt,shown", [
    (1860, "#,##0.00", "1,860.00"), (12.5, "General", "12.5"), (4.0, "General", "4"), (0.1 + 0.2, "General", "0.3"),
    (1250000, "0.00", "1250000.00"), (-1234.5, "#,##0.00", "-1,234.50"), (-5, "#,##0_);(#,##0)", "(5)"),
    (0.9, "0%", "90%"), (0.905, "0.0%", "90.5%"), (0.95, "0.00%", "95.00%"), (0, '0.00;-0.00;"-"', "-"),
    (1234567, '#,##0,"千元"', "1,235千元"), (3, '0"个"', "3个"), (12.5, "[$¥-804]#,##0.00", "¥12.50"),
    (12345.678, "0.00E+00", "1.23E+04"), (12, "00000", "00012"), (0.12345, "0.0##", "0.123"), (7, "0.0##", "7.0"),
    (1e20, "General", "1E+20"), (True, "General", "TRUE"), ("文本", "@", "文本"), ("x", '"前缀"@', "前缀x"),
    (dt.datetime(2025, 1, 15), "mm-dd-yy", "2025/1/15"),  # built-in 14 as Chinese Excel shows it
    (dt.datetime(2025, 1, 5), 'yyyy"年"m"月"d"日"', "2025年1月5日"),
    (dt.datetime(2025, 12, 31), "yyyy-mm-dd", "2025-12-31"), (dt.datetime(2025, 3, 1, 14, 5), "h:mm", "14:05"),
    (dt.datetime(2025, 3, 1, 14, 5, 7), "h:mm:ss AM/PM", "2:05:07 PM"),
    (dt.datetime(2025, 1, 20), 'yyyy"年"m"月"d"日" aaaa', "2025年1月20日 星期一"),
    (45658, "yyyy/m/d", "2025/1/1"), (1.5, "[h]:mm", "36:00"), (None, "0.00", None),
])
def test_number_formats_display_as_excel_shows_them(value, fmt, shown):
    assert display_text(value, fmt) == shown


def _workbook(path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Border, Side

    box = Border(left=Side("thin"), right=Side("thin"), top=Side("thin"), bottom=Side("thin"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表 1"  # a name Excel quotes in references
    ws["A1"] = "2025年测试表"
    ws.merge_cells("A1:D1")
    ws["C2"] = "单位：万元"  # (column D is hidden below)
    rows = [["项目", "金额", "比例", "备注"], ["甲", 1234.5, 0.25, "内部"], ["乙（作废）", 1, 0, "x"], ["丙", 20, 0.755, None]]
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, v)
            cell.border = box
            cell.number_format = {2: "#,##0.00", 3: "0.0%"}.get(c, "General")
    ws.merge_cells("A7:B7")
    ws["A7"] = "合计"
    ws["C7"] = 1
    for c in range(1, 5):
        ws.cell(7, c).border = box
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["D"].hidden = True
    ws["A9"] = "注：测试。"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不应读出"
    hidden.sheet_state = "hidden"
    plain = wb.create_sheet("无框线")
    plain["A1"] = "无框线表"
    for r, row in enumerate([["名称", "数量"], ["a", 1], ["b", 2]], start=3):
        for c, v in enumerate(row, start=1):
            plain.cell(r, c, v)
    wb.save(path)


def test_workbook_regions_merges_hidden_rows_columns_and_sheets(tmp_path):
    _workbook(tmp_path / "t.xlsx")
    doc = read_document(tmp_path / "t.xlsx")
    assert (doc.format, doc.page_count) == ("xlsx", 2)
    kinds = [(type(i).__name__, i.page, getattr(i, "text", None) or getattr(i, "source", None)) for i in doc.items]
    assert kinds == [("TextLine", 1, "2025年测试表"), ("TextLine", 1, "单位：万元"), ("Table", 1, "表 1"),
                     ("TextLine", 1, "注：测试。"), ("TextLine", 2, "无框线表"), ("Table", 2, "无框线")]
    table = [i for i in doc.items if isinstance(i, Table)][0]
    assert table.text_rows() == [["项目", "金额", "比例"], ["甲", "1,234.50", "25.0%"], ["丙", "20.00", "75.5%"],
                                 ["合计", None, "1"]]  # C7 keeps the General format
    total = [c for c in table.cells if c.text == "合计"][0]
    assert (total.row, total.col, total.colspan, total.ref) == (3, 0, 2, "'表 1'!A7")
    assert [c.ref for c in table.cells if c.text == "丙"] == ["'表 1'!A6"]
    assert doc.items[0].ref == "'表 1'!A1"
    assert [w["code"] for w in doc.warnings] == ["hidden_sheet"]
    plain = [i for i in doc.items if isinstance(i, Table)][1]
    assert plain.text_rows() == [["名称", "数量"], ["a", "1"], ["b", "2"]]


def test_xls_reads_like_the_xlsx_it_was_saved_from():
    """LibreOffice's .xls copy of the bundle workbook gives the same cells, spans and texts."""
    a = read_document(ROOT / "samples/office/bundle_department_budget.xlsx")
    b = read_document(ROOT / "samples/office/bundle_department_budget.xls")

    def shape(doc):
        return [(type(i).__name__, i.page, i.text if isinstance(i, TextLine) else
                 [(c.row, c.col, c.rowspan, c.colspan, c.text, c.ref) for c in i.cells]) for i in doc.items]

    assert b.format == "xls" and shape(a) == shape(b)


def test_formula_without_a_computed_value_is_a_warning(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"] = 1, 2, "=SUM(A1:A2)"
    wb.save(tmp_path / "f.xlsx")
    doc = read_document(tmp_path / "f.xlsx")
    [warning] = [w for w in doc.warnings if w["code"] == "formula_without_value"]
    assert "Sheet!A3" in warning["message"]


def _docx(path: Path) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph("附件2")
    p.add_run().add_break()
    p.add_run("某局绩效目标表")
    hidden = d.add_paragraph().add_run("隐藏文字")
    hidden.font.hidden = True
    t = d.add_table(rows=3, cols=3)
    a = t.cell(0, 0).merge(t.cell(1, 0))  # vMerge restart / continue
    a.text = "一级"
    b = t.cell(0, 1).merge(t.cell(0, 2))  # gridSpan 2
    b.text = "横跨"
    t.cell(1, 1).text, t.cell(1, 2).text = "x", "y"
    t.cell(2, 0).text = "末行"
    t.cell(2, 1).paragraphs[0].add_run("第一段")
    t.cell(2, 1).add_paragraph("第二段")
    d.add_paragraph("表后文字")
    d.save(path)


def test_docx_paragraph_lines_merges_and_hidden_text(tmp_path):
    _docx(tmp_path / "t.docx")
    doc = read_document(tmp_path / "t.docx")
    assert (doc.format, doc.page_count) == ("docx", None)
    assert [(type(i).__name__, getattr(i, "text", None), i.page) for i in doc.items if isinstance(i, TextLine)] == \
        [("TextLine", "附件2", None), ("TextLine", "某局绩效目标表", None), ("TextLine", "表后文字", None)]
    [table] = [i for i in doc.items if isinstance(i, Table)]
    cells = {(c.row, c.col): c for c in table.cells}
    assert (cells[0, 0].text, cells[0, 0].rowspan, cells[0, 0].ref) == ("一级", 2, "table 1!R1C1")
    assert (cells[0, 1].text, cells[0, 1].colspan) == ("横跨", 2)
    assert cells[2, 1].text == "第一段\n第二段"
    assert table.source == "table 1" and table.n_rows == 3 and table.n_cols == 3


def test_borders_formatted_far_below_the_table_are_not_rows(tmp_path):
    import openpyxl
    from openpyxl.styles import Border, Side

    box = Border(left=Side("thin"), right=Side("thin"), top=Side("thin"), bottom=Side("thin"))
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 501):
        for c in range(1, 4):
            ws.cell(r, c).border = box
    ws["A1"], ws["B1"], ws["A2"], ws["B2"] = "项目", "金额", "甲", 3
    wb.save(tmp_path / "t.xlsx")
    [table] = read_document(tmp_path / "t.xlsx").items
    assert table.text_rows() == [["项目", "金额", None], ["甲", "3", None]]
