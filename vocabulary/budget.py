"""The words of the standard budget tables of a 部门预算 / 单位预算 / 部门决算 bundle.

Titles by kind, the header words of code / name / value columns, the column-id vocabulary of
docs/SPEC.md, row words (合计, 小计 …) and the marks of an empty table. Patterns match squeezed
canonical text (`vocabulary.squeeze`: no whitespace, look-alikes unified). Sources: docs/SPEC.md
Part 2, ../shared/reference/budget-bundles.md sections 2–4.
"""
from __future__ import annotations

from .. import lazy_regex

# --- table kinds by title --------------------------------------------------------------

# (kind, pattern), first match wins: the more specific titles come first (a 三公 table is
# also "一般公共预算…支出表"; a 政府性基金 决算 table also says 收入支出决算).
KIND_TITLES: tuple[tuple[str, str], ...] = (
    ("three_public", r"三公"),
    ("org_running", r"机关运行经费"),
    ("procurement", r"政府采购"),
    ("gf_expenditure", r"政府性基金"),
    ("soc_expenditure", r"国有资本经营"),
    ("gpb_basic_expenditure", r"基本支出"),
    ("fiscal_summary", r"财政拨款收(?:入)?(?:支|支出)(?:预算|决算)?总(?:表|体情况表)"),
    ("project_expenditure", r"项目支出(?:预算|决算)?(?:明细)?(?:表|情况表)$"),
    ("gpb_expenditure", r"一般公共预算(?:财政拨款)?(?:支出|拨款)|财政拨款支出(?:预算|决算)?(?:明细)?(?:表|情况表)"),
    ("summary", r"(?:财务)?收(?:入)?支(?:出)?(?:预算|决算)?总(?:表|体情况表)|收入支出决算总表"),
    ("revenue", r"收入(?:预算|决算)?(?:总)?(?:表|体情况表)"),
    ("expenditure", r"支出(?:预算|决算)?(?:总)?(?:表|体情况表)"),
)
KIND_PATTERNS = tuple((kind, lazy_regex.compile(p)) for kind, p in KIND_TITLES)

# A title line: ends with 表 (a bracketed qualifier and a year may follow: 表（功能科目）,
# 表（2023年度）), holds no dot leaders (a table-of-contents line) and is short.
TABLE_TITLE_END = lazy_regex.compile(r"表(?:[(（][^)）]{1,12}[)）])?$")
TOC_LEADER = lazy_regex.compile(r"[…\.·．]{3,}|…{2,}|-{4,}")
MAX_TITLE_CHARS = 60
# 「表1 」「表一、」「表3-1」「1.」「一、」「附表3：」 before a title (squeezed text). A number in
# Chinese numerals is only the number when a separator or the end follows: 「表八一般公共预算…」
# is 表八 + 一般公共预算…, never 表八一 + 般公共预算…
TITLE_NUMBERING = lazy_regex.compile(r"^(?:附?表(?:\d{1,2}(?:[-—－–.．]\d{1,2})?|[一二三四五六七八九十]{1,3}(?!\p{Han}))"
                                r"[-—－–.．、:：]?|[0-9]{1,2}[.．、]|[一二三四五六七八九十]{1,3}[、.．])")
# The table's number as printed (raw text, before canonical joining): 「表1」, 「表 3」, 「附表2：」,
# 「表3-1」 / 「表3—1」 (a sub-table), 「表5一」 (a sub-table numbered with a Chinese numeral right
# after the digits, printed alone or before a space), 「表一」, 「表十二」, and the national 决算
# template's 「公开01表」 printed above the unit line. On a line of its own above
# the title it is the table's `number`, not part of the title; at the start of the title line it is
# the number too, and the title keeps it as printed (docs/SPEC.md Part 2).
TABLE_NUMBER = lazy_regex.compile(
    r"^\s*(?P<number>(?:部门)?公开\s*\d{1,2}(?:\s*[-—－–]\s*\d{1,2})?\s*表|附?表\s*(?:\d{1,2}(?:\s*[-—－–.．]\s*\d{1,2})?(?:[一二三四五六七八九十](?=\s|$))?"
    r"|[一二三四五六七八九十]{1,3}(?:\s*[-—－–]\s*(?:\d{1,2}|[一二三四五六七八九十]))?(?!\p{Han})))"
    r"\s*[:：、.．]?\s*(?P<rest>.*?)\s*$")

# Money tables: a 单位 line or amount header words
AMOUNT_HEADER_WORDS = ("金额", "预算数", "决算数", "合计", "小计", "总计", "基本支出", "项目支出",
                       "人员经费", "公用经费", "本年收入", "本年支出")

# Words one of which the header of a table of that kind prints (the header confirms the kind)
KIND_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "summary": ("收入", "支出"),
    "revenue": ("收入", "合计", "金额"),
    "expenditure": ("支出", "合计"),
    "fiscal_summary": ("收入", "支出"),
    "gpb_expenditure": ("合计", "支出", "金额", "科目"),
    "gpb_basic_expenditure": ("经济分类", "科目", "人员经费", "公用经费", "决算数", "金额", "合计"),
    "three_public": ("因公出国", "公务接待", "公务用车"),
    "gf_expenditure": ("合计", "科目", "支出", "金额"),
    "soc_expenditure": ("合计", "科目", "支出", "金额"),
    "project_expenditure": ("项目", "合计", "金额"),
    "procurement": ("采购", "金额", "合计", "总计"),
    "org_running": ("机关运行经费", "科目", "金额"),
}

# --- header cells ------------------------------------------------------------------------

# Cells of the code and name (label) columns and the stub heading over them.
CODE_HEADER = lazy_regex.compile(r"(?:编码|代码|编号)$|^[类款项]$|^(?:功能|经济)分类$|^科目编码")
NAME_HEADER = lazy_regex.compile(r"(?:科目名称|项目名称|名称$|^项目$|^科目$|^预算科目$|^单位名称$|^年度$|^采购品目大类$|^采购物品名称$)")
STUB_HEADER = lazy_regex.compile(r"^(?:项目|科目|预算科目)$")
# Group cells over the two sides of a two-sided table (收 | 支)
REVENUE_GROUP = lazy_regex.compile(r"^(?:本年)?收入$|收入(?:预算)?$|^财政拨款收入$")
EXPENDITURE_GROUP = lazy_regex.compile(r"^(?:本年)?支出$|^财政拨款支出$")

# --- column ids (docs/SPEC.md Part 2, "Column ids") ----------------------------------------

# A leaf label that is the one amount column of a side / two-column table
AMOUNT_LABELS = lazy_regex.compile(r"^(?:预算数|决算数|金额|执行数|机关运行经费支出|金额合计)$")
# The basis of a measure printed twice: (pattern, suffix)
BASIS_LABELS: tuple[tuple[str, str], ...] = (
    (r"^(?:本年)?预算数$|^年初预算数?$|^预算$", ".budget"),
    (r"^(?:本年)?决算数$|^决算$|^执行数$", ".final"),
    (r"^上年", ".prior"),
)
BASIS_PATTERNS = tuple((lazy_regex.compile(p), s) for p, s in BASIS_LABELS)
# The basis printed as a column group over the measures (the national 决算 三公 template: 预算数 over
# 合计 | 因公出国（境）费 | …, 决算数 over the same): a group label that is a basis and nothing
# else. It names the basis only when the table prints two of them side by side.
GROUP_BASIS_LABELS: tuple[tuple[str, str], ...] = (
    (r"^(?:本年|年初)?预算数?$", ".budget"),
    (r"^(?:本年)?决算数?$|^(?:本年)?执行数$", ".final"),
    (r"^上年(?:预算|决算|执行)?数$", ".prior"),
)
GROUP_BASIS_PATTERNS = tuple((lazy_regex.compile(p), s) for p, s in GROUP_BASIS_LABELS)

# (pattern on the leaf label, required word in an ancestor label or None, id); first match
# wins. Labels are squeezed; （）/() and 及/和 variants are folded by the patterns.
COLUMN_IDS: tuple[tuple[str, str | None, str], ...] = (
    # the 三公 group
    (r"^(?:合计|小计)$", "三公", "sg_total"),
    (r"^小计$", "公务用车", "sg_vehicle"),
    (r"^(?:公务用车)?购置(?:费)?$", "公务用车", "sg_vehicle_purchase"),
    (r"^(?:公务用车)?运行(?:维护|维修)?(?:费)?$", "公务用车", "sg_vehicle_running"),
    (r"因公出国[(（]?境[)）]?费?", None, "sg_abroad"),
    (r"^公务用车购置及运行(?:维护|维修)?费(?:小计)?$", None, "sg_vehicle"),
    (r"^公务用车购置费?$", None, "sg_vehicle_purchase"),
    (r"^公务用车运行(?:维护|维修)?费$", None, "sg_vehicle_running"),
    (r"^公务接待费$", None, "sg_reception"),
    (r"^[\"“”]?三公[\"“”]?经费(?:合计|小计|预算数|决算数)?$", None, "sg_total"),
    (r"^机关运行经费(?:预算数|决算数|支出)?$", None, "org_running"),
    (r"^会议费$", None, "meeting"),
    (r"^培训费$", None, "training"),
    # money by purpose and by source
    (r"^(?:合计|小计|总计|本年收入合计|本年支出合计|收入合计|支出合计)$", None, "total"),
    (r"^基本支出$", None, "basic"),
    (r"^项目支出$", None, "project"),
    (r"^人员经费$", None, "personnel"),
    (r"^公用经费$", None, "public"),
    (r"^对个人和家庭(?:的)?补助$", None, "family"),
    (r"^一般公共预算", None, "gpb"),
    (r"^政府性基金", None, "gf"),
    (r"^国有资本经营", None, "soc"),
    (r"^财政拨款(?:收入)?$", None, "fiscal"),
    (r"^财政专户管理资金(?:收入)?$", None, "special_account"),
    (r"^上级补助收入$", None, "upper_subsidy"),
    (r"^事业收入$", None, "business"),
    (r"^(?:事业单位)?经营(?:收入|支出)$", None, "operating"),
    (r"^(?:附属|下级)单位上缴收入$", None, "affiliate"),
    (r"^其他(?:收入|资金)$", None, "other"),
    (r"^上缴上级支出$", None, "remit_upper"),
    (r"^对(?:附属|下级)单位补助支出$", None, "subsidy_affiliate"),
    (r"^(?:上年结转(?:和结余)?(?:资金)?|年初结转和结余|年初财政拨款结转和结余)$", None, "carryover"),
    (r"^(?:结转下年(?:资金)?|年末结转和结余|年末财政拨款结转和结余)$", None, "carry_forward"),
    (r"^单位预留机动经费$", None, "reserve"),
    (r"^本年收入$", None, "income"),
)
COLUMN_ID_PATTERNS = tuple((lazy_regex.compile(p), ctx, i) for p, ctx, i in COLUMN_IDS)

# Ids a table kind reads differently: (kind, id, becomes, unless the table has one of these ids).
# A 三公 table's 合计 printed without the 「“三公”经费」 group over it is the 三公 total — unless the
# table also prints 会议费 / 培训费 (Jiangsu: 合计 = 三公 + 会议费 + 培训费) or a 三公 subtotal of its own.
KIND_COLUMN_IDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("three_public", "total", "sg_total", ("sg_total", "meeting", "training")),
)

# --- rows ----------------------------------------------------------------------------------

TOTAL_ROW = lazy_regex.compile(r"^(?:合计|总计|收入总计|支出总计|收入合计|支出合计|收支总计|总合计|"
                          r"人员经费合计|公用经费合计|[^\d]{0,8}总计)$")
# Named rows a rule can select (checks/rules.py "named:<key>"), matched on the squeezed name with
# its ordinal prefix removed: the 上年结转 line of a 收支总表's revenue side
NAMED_ROWS = {
    "carryover": lazy_regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.、．])?(?:上年结转(?:和结余|结余)?(?:资金)?|"
                               r"年初结转和结余|上年结余|用事业基金弥补收支差额)$"),
}
SUBTOTAL_ROW = lazy_regex.compile(r"^(?:小计|(?:本年|当年)(?:收入|支出)(?:合计|小计)|其中[:：]?小计)$")
# 类 / 款 / 项 from the code length (function codes 3/5/7; economic codes 3/5)
CODE_LEVELS = {3: "类", 5: "款", 7: "项"}
CODE_CELL = lazy_regex.compile(r"^\d{2,7}$")

# A printed dash or placeholder in an amount cell: null, kept in raw
DASHES = lazy_regex.compile(r"^(?:[-—–－_/／~～]+|—\s*—|\*+|无)$")
AMOUNT = lazy_regex.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")

# Lines under a table
NOTE_LINE = lazy_regex.compile(r"^(?:注|说明|备注|附注)\s*\d*\s*[:：]")
EMPTY_TABLE_NOTE = lazy_regex.compile(r"本表为空|为空表|本表无数据|故本表无|空表")
# 「编制部门：XX　　单位：元」, 「部门：XX」, 「编制单位：XX」
ISSUER_LINE = lazy_regex.compile(r"^(?:编制|预算主管|填报|主管)?(?:部门|单位)(?:名称)?[:：](?P<org>.+?)(?:单位[:：].*)?$")
UNIT_ANYWHERE = lazy_regex.compile(r"(?:金额)?单位[:：]\s*(?P<unit>[万千百亿]?元)")


def is_budget_title_or_number(squeezed: str) -> bool:
    """A line that names a standard budget table (「部门收入预算总表」, 「表3-1一般公共预算支出表」) or
    holds only a table number (「表5一」, 「公开01表」): in a text dump it begins a row of its own."""
    m = TABLE_NUMBER.match(squeezed)
    if m and not m.group("rest"):
        return True
    s = TITLE_NUMBERING.sub("", squeezed)
    if len(s) > MAX_TITLE_CHARS or TOC_LEADER.search(s) or not TABLE_TITLE_END.search(s):
        return False
    return any(pattern.search(s) for _, pattern in KIND_PATTERNS)
