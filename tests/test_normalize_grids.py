"""The normaliser on grids as the PDF readers yield them: merged cells as spans, tables
continued on the next page, level cells cut by a page break."""
from fujian.extract.model import Cell, Document, Table, TextLine
from fujian.normalize.bundle import normalize_document

COLS = [(0, 80), (80, 180), (180, 400), (400, 520)]  # x ranges of the four columns


def cell(text, row, col, rowspan=1, colspan=1, page=1, top=0.0):
    x0, x1 = COLS[col][0], COLS[col + colspan - 1][1]
    return Cell(text, row, col, rowspan, colspan, page, (x0, top + 20 * row, x1, top + 20 * (row + rowspan)))


def header_cells(page=1):
    return [
        cell("项目名称", 0, 0), cell("会议经费", 0, 1, colspan=3),
        cell("主管部门", 1, 0), cell("某局", 1, 1), cell("实施单位", 1, 2), cell("某局本级", 1, 3),
        cell("项目主管处室", 2, 0), cell("办公室", 2, 1), cell("项目年度金额", 2, 2), cell("4", 2, 3),
        cell("年度总体绩效目标", 3, 0), cell("召开会议，\n听取报告", 3, 1, colspan=3),
        cell("一级指标", 4, 0), cell("二级指标", 4, 1), cell("三级指标", 4, 2), cell("绩效值", 4, 3),
    ]


def indicators(doc):
    return [(i.level1_code, i.level2_code, i.level3, i.target) for p in doc.projects for i in p.indicators]


def test_merged_level_cells_are_filled_down_and_a_wide_value_read_once():
    cells = header_cells() + [
        cell("1-产出指标", 5, 0, rowspan=3), cell("11-数量指标", 5, 1, rowspan=2),
        cell("召开会议", 5, 2), cell("6 次", 5, 3),
        cell("听取报告", 6, 2), cell("7 项", 6, 3),
        cell("12-质量指标", 7, 1), cell("合格率", 7, 2), cell("100%", 7, 3),
        cell("2-效益指标", 8, 0), cell("21-经济效益", 8, 1), cell(None, 8, 2), cell(None, 8, 3),
    ]
    doc = normalize_document(Document("x.pdf", "pdf", 1, [TextLine("部门项目支出预算绩效目标表", 1), Table(cells, 1)]))
    p = doc.projects[0]
    assert p.fields["project_name"] == "会议经费" and p.fields["overall_goal"] == "召开会议，听取报告"
    assert p.fields["annual_amount"] == 4 and p.table_title == "部门项目支出预算绩效目标表"
    assert indicators(doc) == [("1", "11", "召开会议", "6次"), ("1", "11", "听取报告", "7项"),
                               ("1", "12", "合格率", "100%"), ("2", "21", None, None)]
    assert p.indicators[0].bbox == (180, 100, 520, 120) and p.indicators[0].page == 1


def test_table_continued_on_next_page_with_its_own_grid():
    page1 = header_cells() + [cell("1-产出指标", 5, 0), cell("11-数量指标", 5, 1), cell("召开会议", 5, 2), cell("6次", 5, 3)]
    # page 2: no header row, one column fewer on the left is impossible to guess by index —
    # the grid has an extra narrow column, so only x positions match the columns up
    shifted = [Cell(None, 0, 0, 2, 1, 2, (0, 0, 30, 40)),
               Cell(None, 0, 1, 1, 1, 2, (30, 0, 80, 20)), Cell(None, 0, 2, 1, 1, 2, (80, 0, 180, 20)),
               Cell("听取报告", 0, 3, 1, 1, 2, (180, 0, 400, 20)), Cell("7项", 0, 4, 1, 1, 2, (400, 0, 520, 20)),
               Cell("2-效益指标", 1, 1, 1, 1, 2, (30, 20, 80, 40)), Cell("22-社会效益", 1, 2, 1, 1, 2, (80, 20, 180, 40)),
               Cell("效果", 1, 3, 1, 1, 2, (180, 20, 400, 40)), Cell("明显", 1, 4, 1, 1, 2, (400, 20, 520, 40))]
    doc = normalize_document(Document("x.pdf", "pdf", 2, [Table(page1, 1), Table(shifted, 2)]))
    assert len(doc.projects) == 1 and doc.projects[0].pages == [1, 2]
    assert indicators(doc) == [("1", "11", "召开会议", "6次"), ("1", "11", "听取报告", "7项"),
                               ("2", "22", "效果", "明显")]


def test_level1_text_printed_on_the_next_page_names_the_rows_above():
    page1 = header_cells() + [cell(None, 5, 0), cell("11-数量指标", 5, 1, rowspan=1), cell("召开会议", 5, 2), cell("6次", 5, 3)]
    page2 = [cell("1-产出指标", 0, 0, rowspan=2, page=2), cell(None, 0, 1, page=2), cell("听取报告", 0, 2, page=2),
             cell("7项", 0, 3, page=2), cell("12-质量指标", 1, 1, page=2), cell("合格率", 1, 2, page=2),
             cell("100%", 1, 3, page=2)]
    doc = normalize_document(Document("x.pdf", "pdf", 2, [Table(page1, 1), Table(page2, 2)]))
    assert indicators(doc) == [("1", "11", "召开会议", "6次"), ("1", "11", "听取报告", "7项"),
                               ("1", "12", "合格率", "100%")]


def test_a_budget_table_between_projects_is_read_and_ends_the_project():
    other = Table([cell("科目", 0, 0, page=2), cell("金额", 0, 1, page=2), cell("会议费", 1, 0, page=2), cell("4.00", 1, 1, page=2)], 2)
    cells = header_cells() + [cell("1-产出指标", 5, 0), cell("11-数量指标", 5, 1), cell("召开会议", 5, 2), cell("6次", 5, 3)]
    doc = normalize_document(Document("x.pdf", "pdf", 2, [Table(cells, 1), TextLine("项目支出明细表", 2), other]))
    assert len(doc.projects) == 1 and len(doc.projects[0].indicators) == 1
    (table,) = doc.budget_tables  # 项目支出明细表: a standard table (project_expenditure)
    assert (table.kind, table.title, [c.id for c in table.columns]) == ("project_expenditure", "项目支出明细表", ["amount"])
    assert [(r.name, r.values["amount"]) for r in table.rows] == [("会议费", 4.0)]


def test_level_cells_cut_by_a_page_break_are_completed_on_the_next_page():
    """A Word row split over the break: 4-满意度 | 41-服务对象满意度 on page 1, 指标 | 指标 on page 2."""
    page1 = header_cells() + [cell("3-效益指标", 5, 0), cell("31-社会效益", 5, 1), cell("效果", 5, 2), cell("明显", 5, 3),
                              cell("4-满意度", 6, 0), cell("41-服务对象满意度", 6, 1), cell("满意度", 6, 2), cell("≥90%", 6, 3)]
    page2 = [cell("指标", 0, 0, page=2), cell("指标", 0, 1, page=2), cell(None, 0, 2, page=2), cell(None, 0, 3, page=2)]
    doc = normalize_document(Document("x.pdf", "pdf", 2, [Table(page1, 1), Table(page2, 2)]))
    last = doc.projects[0].indicators[-1]
    assert (last.level1, last.level2, last.level3) == ("满意度指标", "服务对象满意度指标", "满意度")
    assert any(w.code == "cell_split_by_page_break" for w in doc.warnings)
