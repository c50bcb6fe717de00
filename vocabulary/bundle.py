"""The words of a disclosure bundle around its tables: cover, 编制部门 lines, section headings,
the narrative's paragraph marks, and what names a bundle's kind, year and level."""
from __future__ import annotations

from .. import lazy_regex

# --- narrative ------------------------------------------------------------------------------

# 第一部分 …, 一、…, （一）…, 1、… at the start of a heading line
HEADING_NUMBER = lazy_regex.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|"
                               r"[（(][一二三四五六七八九十]{1,3}[)）]|附件\s*\d*|附表\s*\d*)")
MAX_HEADING_CHARS = 40
MAX_BARE_HEADING_CHARS = 24  # a heading without a number: short, no punctuation
SENTENCE_END = lazy_regex.compile(r"[。！？；;!?]$|[。！？]”$")
# a numbered item starts a paragraph: 1.…, （1）…, ①…, 一、…
LIST_ITEM = lazy_regex.compile(r"^\s*(?:\d{1,2}\s*[.、．)）](?!\d)|[（(]\s*\d{1,2}\s*[)）]|[①-⑳]|"
                          r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+[条章节])")
TOC_LINE = lazy_regex.compile(r"[…·．.]{4,}\s*\d*\s*$|…{2,}")
TOC_HEADING = lazy_regex.compile(r"^目\s*录$")
# a note under a table: its source, its notes
TABLE_NOTE = lazy_regex.compile(r"^\s*(?:Sources?|Notes?|NOTES?|SOURCES?|Note\s*\d+)\s*:|^\s*(?:资料来源|数据来源|注)\s*[:：]")
# a line naming a table: "Table 3.", "TABLE A-2:", "Tab. 4", 表3, 附表2 (not 表格 / 表明 …)
TABLE_CAPTION = lazy_regex.compile(r"^\s*(?:(?:Table|TABLE|Tab\.)\s*[A-Z]?[-\s]?\d+[a-z]?(?:[.\-–:]\d+)*(?![\d,])|"
                              r"(?:附表|表)\s*[0-9一二三四五六七八九十]+(?:[-.－]\d+)*(?![\d万元]))")
# a line naming a figure (a chart, a diagram): "Figure 2.", "Fig. 3", "Figure CA2b", "Chart 1", 图1 (not 图表)
FIGURE_CAPTION = lazy_regex.compile(r"^\s*(?:(?:Figure|FIGURE|Fig\.|Chart|CHART|Graph|GRAPH)\s*[A-Z]{0,3}[-\s]?\d+|"
                               r"图\s*[0-9一二三四五六七八九十]+(?![\d万元]))")

# --- document metadata ------------------------------------------------------------------------

DOCUMENT_KIND = lazy_regex.compile(r"(?P<kind>决算|预算)")
YEAR = lazy_regex.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年")
LEVEL = lazy_regex.compile(r"(?P<level>部门|单位)(?:预算|决算)")
# cover / table lines naming the organisation: 预算主管部门：X, 预算单位：X, 编制部门：X, 部门：X
ORGANIZATION_LINE = lazy_regex.compile(
    r"^(?:预算主管部门|主管部门|预算单位|编制部门|编制单位|部门名称|单位名称|部门|单位)[:：]\s*(?P<org>[^\s:：]{2,40}?)"
    r"(?:\s+.*|(?:金额)?单位[:：].*)?$")
ORGANIZATION_LEVEL = {"预算主管部门": "部门", "主管部门": "部门", "编制部门": "部门", "部门": "部门",
                      "部门名称": "部门", "预算单位": "单位", "编制单位": "单位", "单位名称": "单位"}
# the organisation in a title: 「上海市普陀区财政局2024年度部门决算」, 「2017年度江苏省高级人民法院部门预算公开」
TITLE_ORGANIZATION = (
    lazy_regex.compile(r"^(?P<org>[^\d]{3,40}?)\s*(?:19|20)\d{2}\s*年"),
    lazy_regex.compile(r"^(?:19|20)\d{2}\s*年度?\s*(?P<org>.{3,40}?)(?:部门|单位)(?:预算|决算)"),
)
UNIT_NAME = lazy_regex.compile(r"^[万千百亿]?元")
# words of a cover heading
COVER_WORDS = lazy_regex.compile(r"预算|决算")
MAX_COVER_LINES = 3
