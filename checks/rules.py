"""The identities a bundle must satisfy, as data (docs/SPEC.md "Checks"; the reference,
section 6). Each rule names what it compares; the evaluators in table_rules.py,
cross_tables.py, completeness.py and narrative_claims.py know how to compare, not what.

Column ids are those of docs/SPEC.md Part 2. A rule whose `parts` is "others" sums every other
value column of the row's panel.
"""
from __future__ import annotations

# --- within a row: the row's total = the sum of its parts --------------------------------------
ROW_SUMS: tuple[dict, ...] = (
    {"id": "revenue.row_total", "kinds": ("revenue",), "total": "total", "parts": "others",
     "rule": "收入表：每行 合计 = 各收入来源之和"},
    {"id": "expenditure.row_total", "kinds": ("expenditure",), "total": "total", "parts": "others",
     "rule": "支出表：每行 合计 = 基本支出 + 项目支出 + 其他支出列之和"},
    {"id": "gpb_expenditure.row_total", "kinds": ("gpb_expenditure", "gf_expenditure", "soc_expenditure"),
     "total": "total", "parts": ("basic", "project"), "rule": "每行 合计 = 基本支出 + 项目支出"},
    {"id": "gpb_basic_expenditure.row_total", "kinds": ("gpb_basic_expenditure",), "total": "total",
     "parts": ("personnel", "public", "family"), "rule": "基本支出表：每行 合计 = 人员经费 + 公用经费（+ 对个人和家庭的补助）"},
    {"id": "fiscal_summary.row_total", "kinds": ("fiscal_summary",), "side": "expenditure", "total": "total",
     "parts": ("gpb", "gf", "soc"), "rule": "财政拨款收支总表：每行 合计 = 一般公共预算 + 政府性基金 + 国有资本经营"},
    {"id": "three_public.total", "kinds": ("three_public",), "total": "sg_total",
     "parts": ("sg_abroad", "sg_vehicle", "sg_reception"), "bases": True,
     "rule": "“三公”经费 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费"},
    {"id": "three_public.vehicle", "kinds": ("three_public",), "total": "sg_vehicle",
     "parts": ("sg_vehicle_purchase", "sg_vehicle_running"), "bases": True,
     "rule": "公务用车购置及运行费 小计 = 购置费 + 运行（维护）费"},
    {"id": "three_public.grand_total", "kinds": ("three_public",), "total": "total",
     "parts": ("sg_total", "meeting", "training"), "rule": "合计 = “三公”经费 + 会议费 + 培训费"},
    {"id": "fund_final.balance", "kinds": ("gf_expenditure", "soc_expenditure"), "total": "carry_forward",
     "parts": ("carryover", "income", "-total"), "rule": "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出"},
)

# --- down a coded table: 类 = Σ 款 = Σ 项, 合计 = Σ 类 ------------------------------------------
HIERARCHY_KINDS = ("revenue", "expenditure", "gpb_expenditure", "gf_expenditure", "soc_expenditure",
                   "gpb_basic_expenditure", "project_expenditure", "org_running", "other")
HIERARCHY_RULES = {
    "parent": "{kind}.hierarchy: 上级科目 = Σ 下级科目（类 = Σ 款，款 = Σ 项）",
    "total": "{kind}.total: 合计 = Σ 类",
}

# --- a two-sided table: each side adds up, and the sides balance -------------------------------
SIDE_RULES = {
    "balance": {"kinds": ("summary", "fiscal_summary"), "rule": "收入总计 = 支出总计"},
    "items": {"kinds": ("summary", "fiscal_summary"), "rule": "本年收入（支出）合计 = Σ 一、二、… 各项"},
    "total": {"kinds": ("summary", "fiscal_summary"), "rule": "总计 = 本年合计 + 其后各项（结转、结余）"},
    "subitems": {"kinds": ("summary", "fiscal_summary", "revenue"), "rule": "一、… = Σ 1.、2.、… 其下各项"},
}

# --- across the tables of one bundle -------------------------------------------------------------
# A selector: table kind, side, which row ("subtotal|total": the side's 本年合计 if printed,
# else its 总计; "total": the table's 合计 row(s), summed when several panels each have one;
# "name:…": the row of that name) and the column ("total", "amount" …; a list: the first present).
CROSS_TABLE: tuple[dict, ...] = (
    {"id": "cross.summary_revenue", "rule": "收支总表 本年收入合计（收入总计）= 收入表 合计",
     "lhs": {"kind": "summary", "side": "revenue", "row": "subtotal|total", "column": ("amount",)},
     "rhs": {"kind": "revenue", "row": "total", "column": ("total", "amount")},
     # 收入表 合计 may include 上年结转 (a 上年结转 column) while 本年收入合计 does not: a difference
     # that is exactly the 上年结转 line is that, not an error
     "explained_by": ({"kind": "summary", "side": "revenue", "row": "named:carryover", "column": ("amount",),
                       "says": "上年结转"},
                      {"kind": "revenue", "row": "total", "column": ("carryover",), "says": "收入表 上年结转"})},
    {"id": "cross.summary_expenditure", "rule": "收支总表 本年支出合计（支出总计）= 支出表 合计",
     "lhs": {"kind": "summary", "side": "expenditure", "row": "subtotal|total", "column": ("amount",)},
     "rhs": {"kind": "expenditure", "row": "total", "column": ("total", "amount")}},
    {"id": "cross.fiscal_gpb", "rule": "财政拨款收支总表 一般公共预算支出 = 一般公共预算支出表 合计",
     "lhs": {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("gpb",)},
     "rhs": {"kind": "gpb_expenditure", "row": "total", "column": ("total", "amount")}},
    {"id": "cross.fiscal_gf", "rule": "财政拨款收支总表 政府性基金支出 = 政府性基金预算支出表 合计",
     "lhs": {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("gf",)},
     "rhs": {"kind": "gf_expenditure", "row": "total", "column": ("total", "amount")}},
    {"id": "cross.fiscal_soc", "rule": "财政拨款收支总表 国有资本经营支出 = 国有资本经营预算支出表 合计",
     "lhs": {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("soc",)},
     "rhs": {"kind": "soc_expenditure", "row": "total", "column": ("total", "amount")}},
    {"id": "cross.gpb_basic", "rule": "一般公共预算支出表 基本支出 合计 = 一般公共预算基本支出表 合计",
     "lhs": {"kind": "gpb_expenditure", "row": "total", "column": ("basic",)},
     "rhs": {"kind": "gpb_basic_expenditure", "row": "total", "column": ("total", "amount")}},
    {"id": "cross.expenditure_gpb", "rule": "支出表 合计 = 一般公共预算支出表 合计（全部为一般公共预算时）",
     "lhs": {"kind": "expenditure", "row": "total", "column": ("total", "amount")},
     "rhs": {"kind": "gpb_expenditure", "row": "total", "column": ("total", "amount")},
     "when": "only_gpb"},
)

# When is all of a bundle's money 一般公共预算 (cross.expenditure_gpb)? Alternatives, the first whose
# columns are printed decides: each requirement says a part column equals the whole in the row a
# selector picks. 财政拨款 alone does not tell (it may hold 政府性基金 or 国有资本经营 money); without an
# 一般公共预算 column the check is not applicable.
ONLY_GPB: tuple[tuple[dict, ...], ...] = (
    ({"kind": "revenue", "row": "total", "whole": "total", "part": "gpb"},),
    ({"kind": "revenue", "row": "total", "whole": "total", "part": "fiscal"},
     {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "whole": "total", "part": "gpb"}),
)
# Kinds whose non-empty table means some money is not 一般公共预算
NOT_GPB_KINDS = ("gf_expenditure", "soc_expenditure")

# A part never exceeds its whole: an economic line of the 基本支出 table ≤ the same 三公 item
# (the 三公 figure covers 基本 and 项目 spending; reference X10).
PART_OF: tuple[dict, ...] = (
    {"id": "cross.basic_le_three_public.abroad", "rule": "基本支出表 30212 因公出国（境）费用 ≤ “三公” 因公出国（境）费",
     "code": "30212", "three_public": "sg_abroad"},
    {"id": "cross.basic_le_three_public.reception", "rule": "基本支出表 30217 公务接待费 ≤ “三公” 公务接待费",
     "code": "30217", "three_public": "sg_reception"},
    {"id": "cross.basic_le_three_public.vehicle_running", "rule": "基本支出表 30231 公务用车运行维护费 ≤ “三公” 运行费",
     "code": "30231", "three_public": "sg_vehicle_running"},
    {"id": "cross.basic_le_three_public.vehicle_purchase", "rule": "基本支出表 31013 公务用车购置 ≤ “三公” 购置费",
     "code": "31013", "three_public": "sg_vehicle_purchase"},
)

# --- the bundle holds its standard tables ------------------------------------------------------
REQUIRED_KINDS = {
    "预算": ("summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure",
             "gpb_basic_expenditure", "three_public", "gf_expenditure"),
    "决算": ("summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure",
             "gpb_basic_expenditure", "three_public", "gf_expenditure"),
}
KIND_NAMES = {
    "summary": "收支总表", "revenue": "收入表", "expenditure": "支出表", "fiscal_summary": "财政拨款收支总表",
    "gpb_expenditure": "一般公共预算支出表", "gpb_basic_expenditure": "一般公共预算基本支出表",
    "three_public": "“三公”经费表", "gf_expenditure": "政府性基金预算支出表",
    "soc_expenditure": "国有资本经营预算支出表", "project_expenditure": "项目支出表",
    "procurement": "政府采购表", "org_running": "机关运行经费表", "other": "其他表",
}
MIN_TABLES_FOR_BUNDLE = 3  # fewer standard tables: an attachment, not a whole bundle

# --- the narrative ------------------------------------------------------------------------------
# Years a narrative may name besides the bundle's (relative to it): the year before (a 决算's 上年,
# a 预算's 上年执行) and the year after (a 决算 naming next year's 预算 plans). Any other year is a
# warning (a paragraph copied from another year's bundle).
NARRATIVE_YEARS = (-1, 1)
