"""The words of a 项目支出预算绩效目标表, shared by the readers and the normaliser.

Only facts about the printed form live here (labels, titles, level codes); what to do with
them lives in the stage that uses them. Patterns expect canonical text (normalize.cjk_text),
but tolerate the raw spacing of extracted text where noted.
"""
from __future__ import annotations

from functools import lru_cache

import regex
from .. import lazy_regex

# Header labels (docs/SPEC.md, Part 2 "Performance-table forms in detail") → JSON key; regional
# synonyms map to the same key. `funding.x` keys fill the project's money block; labels are
# matched squeezed, without a unit in brackets, a trailing colon or a leading 其中：.
HEADER_KEYS: dict[str, str] = {
    "项目名称": "project_name",
    "主管部门": "department",
    "主管部门及代码": "department",
    "部门（单位）名称": "department",
    "部门(单位)名称": "department",
    "部门名称": "department",
    "单位名称": "department",
    "实施单位": "implementing_unit",
    "项目实施单位": "implementing_unit",
    "预算单位": "implementing_unit",
    "实施单位（盖章）": "implementing_unit",
    "项目属性": "project_type",
    "项目性质": "project_type",
    "项目类别": "category",
    "项目期限": "duration",
    "计划开始日期": "start_date",
    "计划完成日期": "end_date",
    "项目起止时间": "period",
    "项目主管处室": "managing_office",
    "项目年度金额": "annual_amount",
    "年度资金总额": "annual_amount",
    "年度资金申请总额": "annual_amount",
    "项目资金": "annual_amount",
    "项目资金总额": "funding.total",
    "财政拨款": "funding.fiscal",
    "当年财政拨款": "funding.fiscal",
    "本年财政拨款": "funding.fiscal",
    "财政资金": "funding.fiscal",
    "上年结转资金": "funding.carryover",
    "上年结转": "funding.carryover",
    "其他资金": "funding.other",
    "年度总体绩效目标": "overall_goal",
    "年度绩效目标": "overall_goal",
    "年度总体目标": "overall_goal",
    "年度目标": "overall_goal",
    "预期目标": "overall_goal",
    "项目年度目标": "overall_goal",
    "项目总目标": "total_goal",
    "总体目标": "total_goal",
    "长期目标": "total_goal",
    "项目总体目标": "total_goal",
    "实际完成情况": "goal_achieved",
    "年度目标完成情况": "goal_achieved",
    "总分": "total_score",
}
HEADER_FIELDS = ["project_name", "department", "implementing_unit", "project_type", "duration",
                 "managing_office", "annual_amount", "overall_goal"]
# Keys written only when printed (in this order, after HEADER_FIELDS)
OPTIONAL_FIELDS = ["total_goal", "start_date", "end_date", "category", "goal_achieved", "total_score"]
FUNDING_KEYS = ("total", "annual", "fiscal", "carryover", "other")
# Group labels over a block of sub-labels: they carry a unit, never a value
GROUP_LABELS = ("项目资金", "项目绩效目标", "资金情况", "项目资金情况", "年度预算数", "预算执行情况")

# The form a title names (docs/SPEC.md): checked in order, project_target otherwise
FORM_TITLES: tuple[tuple[str, str], ...] = (
    ("project_self_evaluation", r"自评"),
    ("department_target", r"整体支出绩效|整体绩效目标"),
)

# Columns of the self-evaluation money block → execution keys
EXECUTION_COLUMNS: dict[str, str] = {
    "年初预算数": "initial_budget", "年初预算": "initial_budget",
    "全年预算数": "adjusted_budget", "调整后预算数": "adjusted_budget", "全年预算": "adjusted_budget",
    "全年执行数": "executed", "预算执行数": "executed", "执行数": "executed",
    "分值": "weight", "权重": "weight",
    "执行率": "rate", "预算执行率": "rate",
    "得分": "score",
}
# The 年度主要任务 sub-table of a department form → task keys
TASK_COLUMNS: dict[str, str] = {
    "任务名称": "name", "主要内容": "content", "总额": "amount", "预算金额": "amount",
    "财政拨款": "fiscal", "其他资金": "other",
}
TASK_TOTAL_ROW = ("金额合计", "合计")

# Indicator columns beside level 1–3 and the target: the keys they also fill
INDICATOR_KEY_COLUMNS: dict[str, str] = {
    "实际完成值": "actual", "完成值": "actual", "实际值": "actual", "实际完成情况": "actual",
    "分值": "weight", "权重": "weight", "指标权重": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation", "未完成原因分析": "deviation", "偏差原因分析": "deviation",
    "偏差原因": "deviation",
}
TARGET_NATURE_COLUMNS = ("指标性质", "指标方向", "比较符", "运算符号")
TARGET_UNIT_COLUMNS = ("度量单位", "计量单位")
QUALITATIVE_NATURE = ("定性",)

# 「部门项目支出预算绩效目标表」, 「项目支出绩效目标表（2025年度）」, 「项目绩效目标申报表」 …
TABLE_TITLE = lazy_regex.compile(r"绩\s*效\s*目\s*标\s*(?:申\s*报\s*|填\s*报\s*)?表|绩\s*效\s*自\s*评\s*表")
DOCUMENT_TITLE = lazy_regex.compile(r"^\s*附\s*件\s*[\d０-９一二三四五六七八九十]*\s*[:：]?")
# 「单位：万元」, 「金额单位：元」
UNIT_LINE = lazy_regex.compile(r"^[(（]?\s*(?:金\s*额\s*)?(?:计\s*量\s*)?单\s*位\s*[:：]\s*(?P<unit>[^\s：:()（）]{0,3}元)\s*[)）]?$")
UNIT_IN_LABEL = lazy_regex.compile(r"[（(]\s*(?P<unit>[万千百亿]?元)\s*[)）]")
PAGE_MARKER = lazy_regex.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")

# Indicator table header cells.
LEVEL_HEADERS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "level3"}
TARGET_HEADERS = ("绩效值", "指标值", "目标值", "绩效指标值", "年度指标值", "指标目标值", "预期目标值", "绩效目标值")

# A level cell as printed: `1-产出指标`, `11－数量指标`, `11 - 数量指标`, `1、产出指标`, `1.产出指标`.
LEVEL_CODE = lazy_regex.compile(r"^\s*(?P<code>\d{1,4})\s*[-－—–‐‑_、.．:：]?\s*(?P<name>\p{Han}.*)$", regex.S)
LEVEL1_NAMES = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_NAMES = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益", "社会效益", "生态效益",
                "可持续影响", "服务对象满意度", "经济成本指标", "社会成本指标", "生态环境成本指标",
                "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标")


# The standard hierarchy: which level-1 a level-2 name belongs to (used only where a table
# prints its level cells without codes and a level-1 name has to be placed by its meaning).
LEVEL1_OF_LEVEL2 = {
    **dict.fromkeys(("数量指标", "质量指标", "时效指标", "成本指标"), "产出指标"),
    **dict.fromkeys(("经济效益", "社会效益", "生态效益", "可持续影响", "经济效益指标", "社会效益指标",
                     "生态效益指标", "可持续影响指标"), "效益指标"),
    **dict.fromkeys(("服务对象满意度", "服务对象满意度指标"), "满意度指标"),
    **dict.fromkeys(("经济成本指标", "社会成本指标", "生态环境成本指标"), "成本指标"),
}


_WHITESPACE = lazy_regex.compile(r"\s+")


@lru_cache(maxsize=1 << 14)  # labels repeat: each table's header cells, page after page
def squeeze(text: str | None) -> str:
    """Text with all whitespace removed and look-alike characters unified (labels are matched
    this way: `项 目 名 称`, `项⽬名称`)."""
    from ..normalize.cjk_text import unify_lookalikes

    return _WHITESPACE.sub("", unify_lookalikes(text or ""))


_SUB_PREFIX = lazy_regex.compile(r"^其中[:：]?")


def header_key(label: str | None) -> str | None:
    """The JSON key of a header label, tolerating spaces, a trailing colon, a unit suffix and
    a leading 其中： (`其中：财政拨款` → funding.fiscal)."""
    s = UNIT_IN_LABEL.sub("", squeeze(label)).rstrip(":：")
    return HEADER_KEYS.get(s) or (HEADER_KEYS.get(_SUB_PREFIX.sub("", s)) if _SUB_PREFIX.match(s) else None)


def is_group_label(label: str | None) -> bool:
    """项目资金（元）, 项目绩效目标: the label of a block of sub-labels."""
    return UNIT_IN_LABEL.sub("", squeeze(label)).rstrip(":：") in GROUP_LABELS


def form_of_title(title: str | None) -> str:
    s = squeeze(title)
    for form, pattern in FORM_TITLES:
        if regex.search(pattern, s):
            return form
    return "project_target"


def is_sub_label(text: str | None) -> bool:
    """「其中：财政拨款」: a label under a group label (its value is in the next cell)."""
    return squeeze(text).startswith("其中")


def inline_header_key(text: str | None) -> str | None:
    """The key of a cell holding a known label and its value: 「主管部门：某局」 → department."""
    s = squeeze(text)
    for sep in ("：", ":"):
        if sep in s:
            return header_key(s.split(sep, 1)[0])
    return None


def is_indicator_header(cells: list[str | None]) -> bool:
    """True for the 一级指标 | 二级指标 | 三级指标 | 绩效值 row."""
    words = {squeeze(c) for c in cells if c}
    return "一级指标" in words and ("二级指标" in words or "三级指标" in words)


# Words the printed form repeats in its titles and headings (for OCR: a reading one character
# away from one of these is that word).
FORM_PHRASES = ("绩效目标表", "绩效目标申报表", "项目支出", "预算绩效目标", "部门项目支出", "绩效指标",
                "整体支出绩效目标", "绩效自评表", "单位：万元", "单位：元")

INDICATOR_COLUMN_WORDS = ("计量单位", "度量单位", "指标性质", "指标方向", "权重", "分值", "评分标准", "备注")


def is_indicator_header_top(cells: list[str | None]) -> bool:
    """The upper row of a two-row column header: 绩效指标 (over 一级/二级/三级指标) | 指标值 …"""
    words = [squeeze(c) for c in cells if c]
    return bool(words) and words[0] in ("绩效指标", "绩效目标指标") and all(
        w in INDICATOR_COLUMN_WORDS or "值" in w or w in ("绩效指标", "绩效目标指标") for w in words)


_LEVEL_POINTS = lazy_regex.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def is_level_cell(text: str | None) -> bool:
    """A cell that names a level-1 or level-2 indicator, with or without a code (and with the
    points a self-evaluation prints after it: 产出指标（50分）)."""
    s = _LEVEL_POINTS.sub("", squeeze(text))
    if not s:
        return False
    m = LEVEL_CODE.match(s)
    name = m.group("name") if m else s
    return name in LEVEL1_NAMES or name in LEVEL2_NAMES or (m is not None and name.endswith(("指标", "效益", "影响", "满意度")))


def is_table_title(text: str | None) -> bool:
    s = squeeze(text)
    return bool(s) and len(s) <= 60 and bool(TABLE_TITLE.search(s)) and not DOCUMENT_TITLE.match(s)


def is_bare_attachment_number(text: str | None) -> bool:
    """「附件2」 alone on its line (the title text follows on the next line)."""
    m = DOCUMENT_TITLE.match(squeeze(text))
    return bool(m) and m.end() == len(squeeze(text))


def is_document_title(text: str | None) -> bool:
    s = squeeze(text)
    return bool(DOCUMENT_TITLE.match(s)) and len(s) <= 120


def unit_of(text: str | None) -> str | None:
    m = UNIT_LINE.match(squeeze(text)) if text else None
    return m.group("unit") if m else None


def looks_like_row_start(first_field: str | None) -> bool:
    """Whether a dump line starting with this field begins a new table row."""
    from .budget import is_budget_title_or_number

    s = squeeze(first_field)
    return bool(
        is_budget_title_or_number(s) or header_key(s) or inline_header_key(s) or is_group_label(s) or is_level_cell(s) or s in LEVEL_HEADERS
        or s == "绩效指标"
        or is_table_title(s) or is_document_title(s) or unit_of(s) or PAGE_MARKER.match(s)
        or s.startswith(("注：", "注:", "备注", "说明：", "填报"))
    )


__all__ = ['DOCUMENT_TITLE', 'EXECUTION_COLUMNS', 'FORM_PHRASES', 'FORM_TITLES', 'FUNDING_KEYS', 'GROUP_LABELS', 'HEADER_FIELDS', 'HEADER_KEYS', 'INDICATOR_COLUMN_WORDS', 'INDICATOR_KEY_COLUMNS', 'LEVEL1_NAMES', 'LEVEL1_OF_LEVEL2', 'LEVEL2_NAMES', 'LEVEL_CODE', 'LEVEL_HEADERS', 'OPTIONAL_FIELDS', 'PAGE_MARKER', 'QUALITATIVE_NATURE', 'TABLE_TITLE', 'TARGET_HEADERS', 'TARGET_NATURE_COLUMNS', 'TARGET_UNIT_COLUMNS', 'TASK_COLUMNS', 'TASK_TOTAL_ROW', 'UNIT_IN_LABEL', 'UNIT_LINE', 'form_of_title', 'header_key', 'inline_header_key', 'is_bare_attachment_number', 'is_document_title', 'is_group_label', 'is_indicator_header', 'is_indicator_header_top', 'is_level_cell', 'is_sub_label', 'is_table_title', 'looks_like_row_start', 'squeeze', 'unit_of']
