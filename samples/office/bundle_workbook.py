"""A real-style 部门预算 bundle published as one workbook: one standard table per sheet.

    build(path) -> expected JSON (dict)

What departments publish as 「…部门预算公开表.xlsx」: every sheet a title row merged across the
table, a 单位：元 row (sometimes with 部门：… on its left), a header with merged group cells
(收入 | 支出, 科目 over 编码 | 名称, 本年收入 over its parts, 公务用车购置及运行（维护）费 over
小计 | 购置费 | 运行费), amounts stored as numbers shown through `#,##0.00` (a zero as `-` in one
table), codes stored as text (one as a number), a note row under a table, a hidden column
(备注), hidden rows (a draft row, a withdrawn indicator), a hidden sheet (底稿), one table
printed without any border (项目支出表), and, last as in the published bundles, a 项目支出绩效目标表 sheet with a percentage (0% / 0.0%), a date
(yyyy"年"m"月"d"日前") and an Alt+Enter line break in its cells.

The expected JSON is written here from the same definitions, not by the reader under test:
each displayed text is spelled out next to the value it displays, and `page` (the sheet's
position among the visible sheets) and `ref` (sheet!cell) follow from where this module puts
things (docs/SPEC.md "Spreadsheet and Word inputs").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DEPT = "平罗县教育局"
MONEY = "#,##0.00"
MONEY_DASH = '#,##0.00;-#,##0.00;"-"'


@dataclass
class V:
    """A cell: its stored value, number format, the text Excel shows, its spans."""

    value: object
    shown: Optional[str] = None  # displayed text (None: str(value))
    fmt: str = "General"
    rowspan: int = 1
    colspan: int = 1
    hidden_row: bool = False  # the whole row is hidden (only checked on a row's first cell)

    @property
    def text(self) -> Optional[str]:
        if self.value is None:
            return None
        return self.shown if self.shown is not None else str(self.value)


def m(amount: float, shown: str, fmt: str = MONEY) -> V:
    return V(amount, shown, fmt)


@dataclass
class SheetSpec:
    name: str
    title: str
    unit_line: str
    left_line: Optional[str]  # printed on the unit row, left (部门：…)
    rows: list[list[Optional[V]]]  # the table; None = a position covered by a merge
    widths: tuple[float, ...]
    bordered: bool = True
    hidden_cols: tuple[int, ...] = ()  # 0-based columns of the table
    hidden_rows: tuple[int, ...] = ()  # 0-based rows of the table
    note: Optional[str] = None


def sheets() -> list[SheetSpec]:
    summary = [
        [V("收入", colspan=2), None, V("支出", colspan=2), None],
        [V("项目"), V("预算数"), V("项目"), V("预算数")],
        [V("一、一般公共预算拨款收入"), m(31214205.8, "31,214,205.80"), V("一、教育支出"), m(28000000, "28,000,000.00")],
        [V("二、政府性基金预算拨款收入"), m(0, "0.00"), V("二、社会保障和就业支出"), m(2214205.8, "2,214,205.80")],
        [V("三、事业收入"), m(500000, "500,000.00"), V("三、住房保障支出"), m(1500000, "1,500,000.00")],
        [V("收入总计"), m(31714205.8, "31,714,205.80"), V("支出总计"), m(31714205.8, "31,714,205.80")],
    ]
    revenue = [
        [V("科目", colspan=2), None, V("合计", rowspan=2), V("本年收入", colspan=3), None, None],
        [V("科目编码"), V("科目名称"), None, V("一般公共预算拨款"), V("事业收入"), V("其他收入")],
        [V("205"), V("教育支出"), m(28000000, "28,000,000.00"), m(27500000, "27,500,000.00"),
         m(500000, "500,000.00", MONEY_DASH), m(0, "-", MONEY_DASH)],
        [V("20502"), V("普通教育"), m(28000000, "28,000,000.00"), m(27500000, "27,500,000.00"),
         m(500000, "500,000.00", MONEY_DASH), m(0, "-", MONEY_DASH)],
        [V(2050201, "2050201"), V("学前教育"), m(8000000, "8,000,000.00"), m(7500000, "7,500,000.00"),
         m(500000, "500,000.00", MONEY_DASH), m(0, "-", MONEY_DASH)],
        [V("2050202", hidden_row=True), V("小学教育（草稿）"), m(1, "1.00"), m(1, "1.00"), None, None],
        [V("2050202"), V("小学教育"), m(20000000, "20,000,000.00"), m(20000000, "20,000,000.00"),
         m(0, "-", MONEY_DASH), m(0, "-", MONEY_DASH)],
        [V("208"), V("社会保障和就业支出"), m(2214205.8, "2,214,205.80"), m(2214205.8, "2,214,205.80"),
         m(0, "-", MONEY_DASH), m(0, "-", MONEY_DASH)],
        [V("221"), V("住房保障支出"), m(1500000, "1,500,000.00"), m(1500000, "1,500,000.00"),
         m(0, "-", MONEY_DASH), m(0, "-", MONEY_DASH)],
        [V("合计", colspan=2), None, m(31714205.8, "31,714,205.80"), m(31214205.8, "31,214,205.80"),
         m(500000, "500,000.00", MONEY_DASH), m(0, "-", MONEY_DASH)],
    ]
    expenditure = [
        [V("科目编码"), V("科目名称"), V("合计"), V("基本支出"), V("项目支出"), V("备注")],
        [V("205"), V("教育支出"), m(28000000, "28,000,000.00"), m(26750000, "26,750,000.00"),
         m(1250000, "1,250,000.00"), V("内部备注：含追加")],
        [V("2050201"), V("学前教育"), m(8000000, "8,000,000.00"), m(6750000, "6,750,000.00"),
         m(1250000, "1,250,000.00"), None],
        [V("2050202"), V("小学教育"), m(20000000, "20,000,000.00"), m(20000000, "20,000,000.00"), V(None), None],
        [V("208"), V("社会保障和就业支出"), m(2214205.8, "2,214,205.80"), m(2214205.8, "2,214,205.80"), V(None), None],
        [V("221"), V("住房保障支出"), m(1500000, "1,500,000.00"), m(1500000, "1,500,000.00"), V(None), None],
        [V("合计", colspan=2), None, m(31714205.8, "31,714,205.80"), m(30464205.8, "30,464,205.80"),
         m(1250000, "1,250,000.00"), None],
    ]
    three_public = [
        [V("合计", rowspan=2), V("因公出国（境）费", rowspan=2), V("公务用车购置及运行（维护）费", colspan=3), None, None,
         V("公务接待费", rowspan=2)],
        [None, None, V("小计"), V("公务用车购置费"), V("公务用车运行（维护）费"), None],
        [m(180000, "180,000.00"), m(0, "0.00"), m(120000, "120,000.00"), m(0, "0.00"), m(120000, "120,000.00"),
         m(60000, "60,000.00")],
    ]
    projects = project_rows()
    project_list = [
        [V("项目名称"), V("合计"), V("一般公共预算"), V("其他资金")],
        [V("学前教育保教费补助"), m(1250000, "1,250,000.00"), m(1250000, "1,250,000.00"), V(None)],
        [V("合计"), m(1250000, "1,250,000.00"), m(1250000, "1,250,000.00"), V(None)],
    ]
    return [
        SheetSpec("收支总表", "2025年部门收支预算总表", "单位：元", f"部门：{DEPT}", summary, (30, 18, 30, 18)),
        SheetSpec("收入总表", "2025年部门收入预算总表", "单位：元", None, revenue, (12, 22, 18, 18, 14, 12)),
        SheetSpec("支出总表", "2025年部门支出预算总表", "单位：元", None, expenditure, (12, 22, 18, 18, 16, 14),
                  hidden_cols=(5,)),
        SheetSpec("三公经费", '2025年一般公共预算"三公"经费支出预算表', "单位：元", None, three_public,
                  (14, 16, 12, 16, 20, 14), note="注：本部门2025年无因公出国（境）费预算。"),
        SheetSpec("项目支出表", "2025年项目支出预算表", "单位：元", None, project_list, (26, 16, 16, 12), bordered=False,
                  note="注：本表不含上级转移支付项目。"),
        SheetSpec("绩效目标", "2025年项目支出绩效目标表", "单位：元", None, projects, (14, 18, 34, 22)),
    ]


GOAL = ("1.按每生每年1000元标准落实学前教育保教费补助，惠及幼儿1200人以上。\n"
        "2.减轻家庭教育负担，学前教育毛入园率达到92.5%。")


def project_rows() -> list[list[Optional[V]]]:
    rows: list[list[Optional[V]]] = [
        [V("项目名称"), V("学前教育保教费补助", colspan=3), None, None],
        [V("主管部门"), V(DEPT), V("实施单位"), V("平罗县第一幼儿园")],
        [V("项目属性"), V("一年期项目"), V("项目期限"), V("1年")],
        [V("项目主管处室"), V("学前教育股"), V("项目年度金额"), m(1250000, "1,250,000.00")],
        [V("项目编码"), V("640221250001"), V("项目负责人"), V("马丽")],
        [V("年度总体绩效目标"), V(GOAL, colspan=3), None, None],
        [V("一级指标"), V("二级指标"), V("三级指标"), V("指标值")],
    ]
    indicators = [
        # level1, level2, level3, target, hidden
        ("产出指标", "数量指标", V("享受保教费补助幼儿人数"), V("≥1200人"), False),
        ("产出指标", "数量指标", V("已取消的补助类别"), V("0"), True),
        ("产出指标", "数量指标", V("补助标准"), V("每生每年1000元"), False),
        ("产出指标", "质量指标", V("补助资金发放准确率"), V(1, "100%", "0%"), False),
        ("产出指标", "时效指标", V("补助资金发放时间"), V(dt.datetime(2025, 6, 30), "2025年6月30日前",
                                                     'yyyy"年"m"月"d"日前"'), False),
        ("效益指标", "社会效益指标", V("家庭教育负担减轻程度"), V("有效减轻"), False),
        ("效益指标", "可持续影响指标", V("学前教育毛入园率"), V(0.925, "92.5%", "0.0%"), False),
        ("满意度指标", "服务对象满意度指标", V("幼儿家长满意度"), V("≥95%"), False),
    ]
    for i, (l1, l2, l3, target, hidden) in enumerate(indicators):
        first1 = i == 0 or indicators[i - 1][0] != l1
        first2 = first1 or indicators[i - 1][1] != l2
        span1 = sum(1 for x in indicators[i:] if x[0] == l1) if first1 else 0
        span2 = 0
        if first2:
            for x in indicators[i:]:
                if x[0] != l1 or x[1] != l2:
                    break
                span2 += 1
        if hidden:
            l3.hidden_row = True
        assert len(rows) >= INDICATORS_START
        rows.append([V(l1, rowspan=span1) if first1 else None, V(l2, rowspan=span2) if first2 else None, l3, target])
    return rows


INDICATORS_START = 7


def build(path: Path) -> dict:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    expected_tables, expected_projects = [], []
    page = 0
    specs = sheets()
    for index, spec in enumerate(specs):
        if index == 2:  # a hidden working sheet among the published ones
            hidden = wb.create_sheet("底稿")
            hidden["A1"] = "底稿（不公开）"
            hidden["A2"] = "项目名称"
            hidden["B2"] = "测试项目"
            hidden.sheet_state = "hidden"
        ws = wb.create_sheet(spec.name)
        page += 1
        width = len(spec.widths)
        for i, w in enumerate(spec.widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = w
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(1, 1, spec.title).font = Font(name="SimSun", size=16, bold=True)
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
        ws.row_dimensions[1].height = 30
        if spec.left_line:
            ws.cell(2, 1, spec.left_line)
        visible_cols = [c for c in range(width) if c not in spec.hidden_cols]
        unit_col = visible_cols[-1] + 1
        ws.cell(2, unit_col, spec.unit_line).alignment = Alignment(horizontal="right")
        top = 3  # first table row (1-based)
        for r, row in enumerate(spec.rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                cell = ws.cell(top + r, c + 1, v.value)
                cell.number_format = v.fmt
                cell.font = Font(name="SimSun", size=10)
                cell.alignment = Alignment(horizontal="left" if isinstance(v.value, str) and len(v.value) > 12
                                           else "center", vertical="center", wrap_text=True)
                if v.rowspan > 1 or v.colspan > 1:
                    ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + v.rowspan - 1,
                                   end_column=c + v.colspan)
            if any(v is not None and v.hidden_row for v in row):
                ws.row_dimensions[top + r].hidden = True
            if spec.bordered:
                for c in range(width):
                    ws.cell(top + r, c + 1).border = box
        for c in spec.hidden_cols:
            ws.column_dimensions[get_column_letter(c + 1)].hidden = True
        end = top + len(spec.rows)
        if spec.note:
            ws.cell(end + (0 if spec.bordered else 1), 1, spec.note)
        ws.page_setup.orientation = "landscape"
        # the expected record
        hidden_rows = {r for r, row in enumerate(spec.rows) if any(v is not None and v.hidden_row for v in row)}
        if spec.name == "绩效目标":
            expected_projects.append(project_expected(spec, page, top, hidden_rows))
            continue
        grid = []
        for r, row in enumerate(spec.rows):
            if r in hidden_rows:
                continue
            grid.append([_canon(row[c].text) if row[c] is not None else None for c in visible_cols])
        used = max(i + 1 for g in grid for i, t in enumerate(g) if t is not None)
        expected_tables.append({"page": page, "ref": f"{spec.name}!A{top}", "rows": [g[:used] for g in grid],
                                "title": spec.title, "unit": "元"})
    wb.save(path)
    return {"schema_version": 1, "title": None, "projects": expected_projects, "tables": expected_tables}


def project_expected(spec: SheetSpec, page: int, top: int, hidden_rows: set[int]) -> dict:
    rows = spec.rows
    indicators = []
    level1 = level2 = None
    for r in range(INDICATORS_START, len(rows)):
        l1, l2, l3, target = rows[r]
        level1 = l1.text if l1 is not None else level1
        level2 = l2.text if l2 is not None else level2
        if r in hidden_rows:
            continue
        indicators.append({"level1_code": None, "level1": level1, "level2_code": None, "level2": level2,
                           "level3": l3.text, "target": _canon(target.text), "page": page,
                           "ref": f"{spec.name}!C{top + r}"})
    return {
        "seq": 1, "pages": [page], "table_title": spec.title, "amount_unit": "元",
        "project_name": "学前教育保教费补助", "department": DEPT, "implementing_unit": "平罗县第一幼儿园",
        "project_type": "一年期项目", "duration": "1年", "managing_office": "学前教育股", "annual_amount": 1250000,
        "overall_goal": GOAL.replace("\n", ""),
        "extra_fields": {"项目编码": "640221250001", "项目负责人": "马丽"},
        "page": page, "ref": f"{spec.name}!A1",
        "indicators": indicators,
    }


def _canon(text: Optional[str]) -> Optional[str]:
    """The canonical form of the few texts here that change: `％` and line breaks between CJK."""
    if text is None:
        return None
    return text.replace("％", "%")
