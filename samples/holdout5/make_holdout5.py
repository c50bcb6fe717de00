#!/usr/bin/env python3
"""Fifth held-out corpus: tab-separated text dumps as real tools and people write them.

    python make_holdout5.py [prefix]     # writes <stem>.tab.txt + <stem>.expected.json here

Each file is one department's 绩效目标表 attachment (see holdout5_content.py) laid out as a grid
of cells with spans, then serialised the way a particular tool does it:
- pdfplumber `extract_tables()` rows joined with tabs: a cell's text carries "\\n" at its wrap
  points and None (a spanned cell) becomes an empty field. The newline is written as is (so a
  wrapped cell continues at the start of the next physical line, in any column), or replaced by a
  space, and trailing empty fields are kept, stripped or padded;
- camelot: spanned text copied into every covered cell (copy_text), or left in the cell where the
  text is drawn, i.e. the vertical centre of a merged cell; pandas `to_csv(sep="\\t")` quotes
  cells holding a newline;
- Excel "文本文件(制表符分隔)" (GBK on Chinese Windows, CRLF, quoted Alt+Enter cells, every row as
  wide as the sheet, 单位 right-aligned) and "Unicode 文本" (UTF-16 LE with BOM);
- copy/paste: spaces around tabs, stray trailing spaces; CRLF, BOM; form feeds between pages with
  page numbers and a repeated 一级指标 heading row.
Text is wrapped greedily at a column width (CJK = 2 units, ASCII = 1), never inside a run of
non-CJK characters. Every printed cell is checked to canonicalise back to the content text.
Shares no code with the other sets.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import holdout5_content as C

HERE = Path(__file__).resolve().parent
TABLE_TITLE = "部门项目支出预算绩效目标表"
UNIT_LINE = "单位：万元"


# ---------------------------------------------------------------- canonical text (SPEC.md) ---

def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or ch in "“”‘’…—")


def canonical(text: str | None) -> str | None:
    if text is None:
        return None
    out = []
    for m in re.finditer(r"\s+|\S+", text):
        out.append(m.group())
    s = ""
    for i, tok in enumerate(out):
        if not tok.isspace():
            s += tok
            continue
        before = s[-1:] if s else ""
        after = out[i + 1][:1] if i + 1 < len(out) else ""
        if not before or not after:
            continue
        if is_cjk(before) or is_cjk(after):
            continue
        if "\n" in tok and before.isdigit() and after.isdigit():
            continue
        s += " "
    s = s.strip()
    return s or None


# ------------------------------------------------------------------------------ wrapping ---

def width_of(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" or is_cjk(c) else 1 for c in s)


def tokens(s: str) -> list[str]:
    return re.findall(r" +|[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+|.", s)


def wrap(text: str, width: int | None) -> str:
    """Greedy wrap at `width` units; breaks only between tokens; spaces at a break vanish."""
    if not width or not text:
        return text
    lines, cur = [], ""
    for tok in tokens(text):
        if tok.isspace():
            if cur:
                cur += tok
            continue
        if cur and width_of(cur.rstrip() + tok) > width:
            lines.append(cur.rstrip())
            cur = tok
        else:
            cur += tok
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


def pdf_spaces(text: str) -> str:
    """Spaces between digit runs and CJK, as pdftotext-based dumps print them (`每次 6667 元`)."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])(?=[0-9])", " ", text)
    return re.sub(r"(?<=[0-9%])(?=[\u4e00-\u9fff])", " ", text)


# ------------------------------------------------------------------------ amounts, labels ---

def fmt_amount(v: float, style: str) -> str:
    if style == "plain":
        return str(int(v)) if float(v).is_integer() else f"{v:g}"
    if style == "dec2":
        return f"{v:.2f}"
    if style == "comma2":
        return f"{v:,.2f}"
    if style == "wan":
        return f"{v:.2f}万元"
    raise ValueError(style)


def number(v: float):
    return int(v) if float(v).is_integer() else v


# ------------------------------------------------------------------------ logical grid ---

class Row:
    """One table row: cells as (text, span); kind 'title' | 'unit' | 'hdr' | 'heading' | 'ind' | 'other'."""

    def __init__(self, cells, kind, proj=None, key=None, ind=None):
        self.cells, self.kind, self.proj, self.key, self.ind = cells, kind, proj, key, ind


def spaced(label: str, o: dict) -> str:
    """Word-template labels padded with ideographic spaces: 「项　目　名　称」."""
    return "\u3000".join(label) if o["label_spacing"] and len(label) <= 4 else label


def project_rows(p: dict, seq: int, o: dict) -> tuple[list[Row], dict]:
    scale = 10000 if o["unit"] == "元" else 1
    amount = fmt_amount(p["amount"] * scale, o["amount_fmt"])
    f1, f2 = (fmt_amount(v * scale, o["amount_fmt"]) for v in p["funding"])
    unit_line = "单位：" + o["unit"]
    al, gl = o["amount_label"], o["goal_label"]
    rows: list[Row] = []
    extra = {}
    if o["title_in_table"]:
        if o["title_unit_one_row"]:
            rows.append(Row([(TABLE_TITLE, 3), (unit_line, 1)], "title", seq))
        else:
            rows.append(Row([(TABLE_TITLE, 4)], "title", seq))
            rows.append(Row([("", 3), (unit_line, 1)] if o["unit_right"] else [(unit_line, 4)], "unit", seq))
    lay = o["layout"]
    if lay == "std4":
        sp = lambda label: spaced(label, o)  # noqa: E731
        rows += [Row([(sp("项目名称"), 1), (p["name"], 3)], "hdr", seq, "name"),
                 Row([(sp("主管部门"), 1), (p["dept"], 1), (sp("实施单位"), 1), (p["unit"], 1)], "hdr", seq, "dept"),
                 Row([(sp("项目属性"), 1), (p["type"], 1), (sp("项目期限"), 1), (p["duration"], 1)], "hdr", seq, "type"),
                 Row([("项目主管处室", 1), (p["office"], 1), (al, 1), (amount, 1)], "hdr", seq, "office")]
        if o["funding_rows"]:
            rows += [Row([("", 1), ("", 1), ("其中：财政拨款", 1), (f1, 1)], "hdr", seq, "f1"),
                     Row([("", 1), ("", 1), ("其他资金", 1), (f2, 1)], "hdr", seq, "f2")]
        rows.append(Row([(gl, 1), (p["goal"], 3)], "hdr", seq, "goal"))
        heading = Row([("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("绩效值", 1)], "heading", seq)
        spans = (1, 1, 1, 1)
    elif lay == "six":
        rows += [Row([("项目名称", 1), (p["name"], 5)], "hdr", seq, "name"),
                 Row([("主管部门", 1), (p["dept"], 1), ("实施单位", 1), (p["unit"], 1),
                      ("项目主管处室", 1), (p["office"], 1)], "hdr", seq, "dept"),
                 Row([("项目属性", 1), (p["type"], 1), ("项目期限", 1), (p["duration"], 1),
                      (al, 1), (amount, 1)], "hdr", seq, "type")]
        if o["funding_rows"]:
            rows.append(Row([("", 1), ("", 1), ("其中：财政拨款", 1), (f1, 1), ("其他资金", 1), (f2, 1)],
                            "hdr", seq, "f1"))
        rows.append(Row([(gl, 1), (p["goal"], 5)], "hdr", seq, "goal"))
        heading = Row([("一级指标", 1), ("二级指标", 1), ("三级指标", 2), ("绩效值", 2)], "heading", seq)
        spans = (1, 1, 2, 2)
    elif lay == "inline":
        rows += [Row([("项目名称：" + p["name"], 4)], "hdr", seq, "name"),
                 Row([("主管部门：" + p["dept"], 2), ("实施单位：" + p["unit"], 2)], "hdr", seq, "dept"),
                 Row([("项目属性：" + p["type"], 2), ("项目期限：" + p["duration"], 2)], "hdr", seq, "type"),
                 Row([("项目主管处室：" + p["office"], 2), (al + "：" + amount, 2)], "hdr", seq, "office")]
        if o["funding_rows"]:
            rows.append(Row([("其中：财政拨款：" + f1, 2), ("其他资金：" + f2, 2)], "hdr", seq, "f1"))
        rows.append(Row([(gl + "：" + p["goal"], 4)], "hdr", seq, "goal"))
        heading = Row([("一级指标", 1), ("二级指标", 1), ("三级指标", 1), ("绩效值", 1)], "heading", seq)
        spans = (1, 1, 1, 1)
    else:
        raise ValueError(lay)
    if o["funding_rows"]:
        extra = {"其中：财政拨款": f1, "其他资金": f2}
    rows.append(heading)
    inds = p["indicators"]
    # where the text of a vertically merged cell sits: first row, every row, or the centre row
    shown1, shown2 = set(), set()
    blocks1, blocks2 = [], []
    for i, (l1, l2, _, _) in enumerate(inds):
        if i and inds[i - 1][0] == l1:
            blocks1[-1].append(i)
        else:
            blocks1.append([i])
        if i and inds[i - 1][0] == l1 and inds[i - 1][1] == l2:
            blocks2[-1].append(i)
        else:
            blocks2.append([i])
    for blocks, shown in ((blocks1, shown1), (blocks2, shown2)):
        for b in blocks:
            if o["merged"] == "first":
                shown.add(b[0])
            elif o["merged"] == "repeat":
                shown.update(b)
            elif o["merged"] == "centre":
                shown.add(b[(len(b) - 1) // 2])
    for i, (l1, l2, l3, t) in enumerate(inds):
        texts = (l1 if i in shown1 else "", l2 if i in shown2 else "", l3 or "", t or "")
        rows.append(Row([(x, s) for x, s in zip(texts, spans)], "ind", seq, ind=i))
    exp = {
        "seq": seq, "pages": [], "table_title": TABLE_TITLE if o["free_lines"] or o["title_in_table"] else None,
        "amount_unit": o["unit"] if o["free_lines"] or o["title_in_table"] else None,
        "project_name": p["name"], "department": p["dept"], "implementing_unit": p["unit"],
        "project_type": p["type"], "duration": p["duration"], "managing_office": p["office"],
        "annual_amount": number(round(p["amount"] * scale, 2)), "overall_goal": p["goal"], "extra_fields": extra,
        "indicators": [],
    }
    for l1, l2, l3, t in inds:
        c1, n1 = l1.split("-", 1)
        c2, n2 = l2.split("-", 1)
        exp["indicators"].append({"level1_code": c1, "level1": n1, "level2_code": c2, "level2": n2,
                                  "level3": l3, "target": t})
    return rows, exp


def cell_fields(row: Row, o: dict, col_widths) -> list[str]:
    """The row as one string per grid column (spanned columns empty or copied)."""
    fields, col = [], 0
    for text, span in row.cells:
        printed = text
        if o["pdf_spaces"] and row.kind != "title":
            printed = pdf_spaces(printed)
        w = sum(col_widths[col:col + span]) if col_widths else None
        if row.kind in ("title", "unit"):
            w = None
        if o["alt_enter"] and row.kind == "hdr" and row.key == "goal" and "，" in printed:
            k = printed.index("，", len(printed) // 3) + 1
            printed = printed[:k] + "\n" + printed[k:]
        else:
            printed = wrap(printed, w)
        want = canonical(text)
        got = canonical(printed)
        assert got == want, (got, want)
        fields.append(printed)
        copy = printed if (o["hrepeat"] and span > 1 and row.kind in ("hdr", "ind")) else ""
        fields += [copy] * (span - 1)
        col += span
    return fields


def serialise(fields: list[str], o: dict, ncols: int) -> str:
    f = list(fields) + [""] * (ncols - len(fields))
    if o["newline"] == "space":
        f = [x.replace("\n", " ") for x in f]
    elif o["newline"] == "quoted":
        f = ['"' + x.replace('"', '""') + '"' if ("\n" in x or '"' in x) else x for x in f]
    if o["nbsp_empty"]:
        f = [x or "\u00a0" for x in f]
    if o["trailing"] == "strip":
        while len(f) > 1 and f[-1] == "":
            f.pop()
    elif o["trailing"].startswith("pad:"):
        f += [""] * (int(o["trailing"][4:]) - len(f))
    return "\t".join(f)


# --------------------------------------------------------------------------------- files ---

DEFAULTS = dict(
    layout="std4", amount_label="项目年度金额", goal_label="年度总体绩效目标", amount_fmt="plain",
    funding_rows=False, widths=(10, 14, 26, 18), newline="break", merged="first", hrepeat=False,
    title_in_table=False, unit_right=False, trailing="keep", eol="\n", encoding="utf-8",
    blank_between=True, blank_every=0, pdf_spaces=False, tab_spaces=False, breaks=(),
    repeat_heading=False, page_numbers=None, alt_enter=False, other_before=None, other_after=None,
    titles=None, unit="万元", label_spacing=False, title_unit_one_row=False, free_lines=True,
    nbsp_empty=False,
)

SIX_WIDTHS = (10, 14, 10, 14, 12, 10)

FILES = [
    ("plumber_newline_breaks_first_column", ["dibao", "linshi"],
     "pdfplumber cells with their \\n written as real line breaks: `年度总体绩` ⏎ `效目标<TAB>…`, "
     "`3-满意度指` ⏎ `标<TAB>31-服务…`, continuations in every column; blank line between projects",
     dict(widths=(10, 12, 22, 14))),
    ("plumber_newline_as_space_pingluo_style", ["tanyang", "nongtian"],
     "\\n replaced by a space (`充 分发挥`), digit/CJK spaces (`1 年`), title and 单位 rows with "
     "trailing tabs, a blank line after every 4th row",
     dict(newline="space", pdf_spaces=True, title_in_table=True, blank_every=4)),
    ("plumber_trailing_fields_stripped", ["jiceng", "qianyue"],
     "real line breaks and trailing empty fields stripped (`项目名称<TAB>name`, `2-效益指标<TAB>21-经济效益`)",
     dict(trailing="strip", widths=(10, 14, 20, 14))),
    ("plumber_stripped_newline_space_no_blank_lines", ["changguan", "feiyi"],
     "\\n → space, trailing empty fields stripped, no blank line anywhere",
     dict(newline="space", trailing="strip", blank_between=False)),
    ("plumber_padded_eight_fields", ["yinshui", "hezhang"],
     "real line breaks; every row padded to 8 fields; newer layout (2-成本指标 as level 1)",
     dict(trailing="pad:8")),
    ("windows_crlf_utf8_bom", ["dibao", "linshi"],
     "CRLF line ends, UTF-8 with BOM, real line breaks inside cells (CRLF between the cell's parts too)",
     dict(eol="\r\n", encoding="utf-8-sig", widths=(12, 14, 24, 16))),
    ("windows_gb18030_crlf", ["tanyang"],
     "GB18030 encoding, CRLF, \\n → space, `≥3.2万平方米`, long unit name",
     dict(encoding="gb18030", eol="\r\n", newline="space")),
    ("pages_break_in_level1_repeated_heading_dash_numbers", ["jiceng", "qianyue"],
     "form feeds; project 1 breaks inside the 产出指标 block and the 一级指标 heading row is repeated; "
     "`- 1 -` page number lines; the continuation row has an empty level-1 cell",
     dict(breaks=[(1, ("ind", 3))], repeat_heading=True, page_numbers="dash")),
    ("pages_break_no_heading_di_ye_gong", ["yinshui", "hezhang"],
     "form feeds, no repeated heading, `第 1 页 共 3 页`; break inside 产出指标 of project 1 and inside "
     "the header block of project 2 (before 项目主管处室)",
     dict(newline="space", breaks=[(1, ("ind", 2)), (2, ("hdr", "office"))], page_numbers="di_gong")),
    ("camelot_vertical_spans_copied", ["changguan", "feiyi"],
     "camelot copy_text=['v']: level-1 text on every row of its block, level-2 on every row of its "
     "group; \\n → space",
     dict(merged="repeat", newline="space")),
    ("camelot_both_spans_copied", ["dibao"],
     "camelot copy_text=['h','v']: header values copied into every spanned column "
     "(`项目名称<TAB>X<TAB>X<TAB>X`), level cells on every row",
     dict(merged="repeat", hrepeat=True, newline="space")),
    ("camelot_span_text_at_centre_row", ["tanyang", "nongtian"],
     "camelot without copy_text: a merged cell's text sits in the row at its vertical centre "
     "(`1-产出指标` on the 4th of 7 rows, `11-数量指标` on the 2nd of 3)",
     dict(merged="centre", newline="space")),
    ("pandas_to_csv_quoted_newlines", ["nongtian", "tanyang"],
     "camelot DataFrame.to_csv(sep='\\t'): cells holding \\n written inside double quotes across lines",
     dict(newline="quoted", widths=(10, 14, 20, 14))),
    ("excel_tab_delimited_gbk_quoted", ["jiceng", "qianyue"],
     "Excel 文本文件(制表符分隔) on Chinese Windows: GB18030, CRLF, every row 4 fields, title row "
     "`部门项目支出预算绩效目标表<TAB><TAB><TAB>`, `<TAB><TAB><TAB>单位：万元`, an Alt+Enter break "
     "in the goal written as a quoted cell, no wrapping",
     dict(widths=None, title_in_table=True, unit_right=True, encoding="gb18030", eol="\r\n",
          newline="quoted", alt_enter=True, amount_fmt="dec2", blank_between=False)),
    ("excel_unicode_text_utf16", ["yingyang"],
     "Excel Unicode 文本: UTF-16 LE with BOM, CRLF, quoted Alt+Enter goal, 2,150.75 amount",
     dict(widths=None, title_in_table=True, encoding="utf-16", eol="\r\n", newline="quoted",
          alt_enter=True, amount_fmt="comma2", funding_rows=True)),
    ("copy_paste_spaces_around_tabs", ["changguan", "feiyi"],
     "copied from a viewer: spaces around tabs on every other line, stray trailing spaces, \\n → space",
     dict(tab_spaces=True, newline="space")),
    ("two_attachments_no_blank_lines", ["jiceng", "qianyue", "changguan", "feiyi"],
     "two departments' attachments back to back, 4 projects, no blank line anywhere, real line breaks",
     dict(blank_between=False, titles=["附件2：海原县卫生健康局2025年项目支出预算绩效目标表", None,
                                       "附件2：隆德县文化旅游广电局2025年项目支出预算绩效目标表", None])),
    ("budget_file_other_tables_around", ["dibao", "linshi"],
     "a whole budget file: 部门收支总表 (page 1) before and 项目支出表 (page 4) after the target "
     "tables, form feeds, `第 N 页`",
     dict(other_before=("一、部门收支总表", C.SHOUZHI), other_after=("二、项目支出表", C.XIANGMU),
          page_numbers="di", breaks=[(2, ("page",))],
          titles=["附件：同心县民政局2025年部门预算", None])),
    ("header_label_value_one_cell", ["nongtian", "tanyang"],
     "label and value in one cell (`项目名称：高标准…`, `项目年度金额：45`), two per row, real line breaks",
     dict(layout="inline", widths=(12, 14, 22, 16))),
    ("header_six_columns", ["yinshui", "hezhang"],
     "6-column header rows (主管部门|…|实施单位|…|项目主管处室|…), 三级指标 and 绩效值 each spanning 2 "
     "columns, real line breaks",
     dict(layout="six", widths=SIX_WIDTHS)),
    ("header_synonyms_funding_rows_comma", ["tanyang", "nongtian"],
     "年度资金总额 / 年度绩效目标 labels, 其中：财政拨款 / 其他资金 rows, amounts `1,234.50`",
     dict(amount_label="年度资金总额", goal_label="年度绩效目标", funding_rows=True,
          amount_fmt="comma2", newline="space")),
    ("header_xiangmu_zijin_wan_suffix", ["jiceng", "qianyue"],
     "项目资金 label, amounts printed `320.00万元` / `4.00万元`, funding rows, real line breaks",
     dict(amount_label="项目资金", amount_fmt="wan", funding_rows=True)),
]


FILES += [
    ("pdfplumber_tables_only_no_free_lines", ["changguan", "feiyi"],
     "a script that writes only extract_tables() rows: no 附件 title, no table title, no 单位 line "
     "(title, table_title, amount_unit null); projects separated by a blank line only",
     dict(free_lines=False)),
    ("word_labels_ideographic_spaces", ["yingyang"],
     "Word template labels padded with U+3000 (`项　目　名　称`, `主　管　部　门`), \\n → space",
     dict(label_spacing=True, newline="space")),
    ("html_copy_nbsp_empty_cells", ["hezhang", "yinshui"],
     "a table copied from the department's web page: empty cells hold U+00A0 (&nbsp;), title and "
     "单位 on one row (`部门项目支出预算绩效目标表<TAB><TAB><TAB>单位：万元`), no wrapping",
     dict(nbsp_empty=True, widths=None, title_in_table=True, title_unit_one_row=True)),
    ("unit_yuan_amounts_comma", ["tanyang", "nongtian"],
     "单位：元 with amounts `12,345,000.00` / `450,000.00` and funding rows in 元",
     dict(unit="元", amount_fmt="comma2", funding_rows=True, newline="space",
          )),
]


def attachment_title(dept: str) -> str:
    return f"附件2：{dept}2025年项目支出预算绩效目标表"


def build(stem: str, keys: list[str], o: dict):
    projs = [C.P[k] for k in keys]
    ncols = 6 if o["layout"] == "six" else 4
    widths = o["widths"]
    titles = list(o["titles"] or [attachment_title(projs[0]["dept"])])
    titles += [None] * (len(projs) - len(titles))
    # items: ('line', text, proj) | ('row', Row) | ('blank',) | ('page',)
    items = []
    tables_exp = []
    page = 1
    if o["other_before"]:
        items.append(("line", titles[0], None))
        head, grid = o["other_before"]
        items += [("line", head, None), ("line", UNIT_LINE, None)]
        items += [("row", Row([(c, 1) for c in r], "other")) for r in grid]
        tables_exp.append({"page": page, "rows": [[canonical(c) for c in r] for r in grid]})
        items.append(("page",))
        page += 1
        items.append(("line", "三、项目支出预算绩效目标表", None))
    expected_projects = []
    for seq, p in enumerate(projs, start=1):
        rows, exp = project_rows(p, seq, o)
        expected_projects.append(exp)
        if (seq, ("page",)) in o["breaks"]:
            items.append(("page",))
        elif seq > 1 and o["blank_between"]:
            items.append(("blank",))
        if titles[seq - 1] and not o["other_before"] and o["free_lines"]:
            items.append(("line", titles[seq - 1], seq))
            if o["blank_between"]:
                items.append(("blank",))
        if not o["title_in_table"] and o["free_lines"]:
            items.append(("line", TABLE_TITLE, seq))
            items.append(("line", "单位：" + o["unit"], seq))
        heading = next(r for r in rows if r.kind == "heading")
        for n, r in enumerate(rows):
            for bseq, where in o["breaks"]:
                if bseq != seq:
                    continue
                if (where[0] == "ind" and r.kind == "ind" and r.ind == where[1]) or (
                        where[0] == "hdr" and r.kind == "hdr" and r.key == where[1]):
                    items.append(("page",))
                    if where[0] == "ind" and o["repeat_heading"]:
                        items.append(("row", heading))
            items.append(("row", r))
            if o["blank_every"] and n % o["blank_every"] == o["blank_every"] - 1:
                items.append(("blank",))
    if o["other_after"]:
        items.append(("page",))
        head, grid = o["other_after"]
        items += [("line", head, None), ("line", UNIT_LINE, None)]
        items += [("row", Row([(c, 1) for c in r], "other")) for r in grid]
    # pages
    n_pages = 1 + sum(1 for it in items if it[0] == "page")
    if o["other_after"]:
        tables_exp.append({"page": n_pages, "rows": [[canonical(c) for c in r] for r in o["other_after"][1]]})
    lines: list[str] = []
    page = 1

    def page_number():
        if o["page_numbers"] == "dash":
            lines.append(f"- {page} -")
        elif o["page_numbers"] == "di":
            lines.append(f"第 {page} 页")
        elif o["page_numbers"] == "di_gong":
            lines.append(f"第 {page} 页 共 {n_pages} 页")

    for it in items:
        if it[0] == "page":
            page_number()
            lines[-1] += "\f" if lines else ""
            page += 1
        elif it[0] == "blank":
            lines.append("")
        elif it[0] == "line":
            lines.append(it[1])
            if it[2]:
                _note_page(expected_projects[it[2] - 1], page)
        else:
            r = it[1]
            if r.proj:
                _note_page(expected_projects[r.proj - 1], page)
            w = widths if r.kind != "other" else None
            fields = cell_fields(r, o, w)
            text = serialise(fields, o, ncols if r.kind != "other" else 4)
            # Excel/pandas keep a quoted cell's line break as a bare LF inside a CRLF file
            lines.extend([text] if o["newline"] == "quoted" else text.split("\n"))
    page_number()
    if o["tab_spaces"]:
        lines = [(" \t ".join(x.split("\t")) if i % 2 else x) + (" " if i % 3 == 0 and x else "")
                 for i, x in enumerate(lines)]
    text = o["eol"].join(lines) + o["eol"]
    text = text.replace("\f" + o["eol"], "\f")  # pdftotext-like: the next page starts right after \f
    if o["encoding"] == "utf-16":
        data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    else:
        data = text.encode(o["encoding"])
    doc_title = canonical(titles[0]) if o["free_lines"] else None
    exp = {"schema_version": 1,
           "source": {"file": stem + ".tab.txt", "format": "txt", "pages": n_pages},
           "title": doc_title, "projects": expected_projects, "tables": tables_exp}
    return data, exp


def _note_page(exp: dict, page: int):
    if page not in exp["pages"]:
        exp["pages"].append(page)


# ------------------------------------------------- real tools: LibreOffice Calc → PDF / CSV ---

CALC_FILES = [
    ("calc_pdf_pdfplumber_rows", ["dibao", "linshi"],
     "a workbook printed to PDF by LibreOffice Calc, then pdfplumber extract_tables() rows joined "
     "with tabs (cell newlines written as is, None empty) and the words outside the tables as lines; "
     "form feed between pages; the PDF and its pdftotext -layout dump score against the same JSON",
     dict(outputs=("pdf", "tab", "layout"), page_per_project=True)),
    ("calc_pdf_merged_cell_split_by_page", ["dibao", "linshi"],
     "Calc paginates inside project 2's 2-效益指标 block: the merged cell's text is printed clipped at "
     "the foot of page 1 and again above the table on page 2, outside the ruled area, so pdfplumber "
     "gives it as a free line on both pages; rows with \\n as is",
     dict(outputs=("tab",))),
    ("calc_pdf_pdfplumber_rows_newline_space", ["jiceng", "qianyue", "changguan"],
     "three projects over several pages (Calc paginates between rows, footer 「第 N 页」), pdfplumber "
     "rows with \\n → space, CRLF",
     dict(outputs=("tab",), newline="space", eol="\r\n", footer=True)),
    ("calc_csv_export_tab_utf8", ["yinshui", "hezhang"],
     "LibreOffice Calc `--convert-to csv` with tab separator, UTF-8: merged cells empty, every row "
     "as wide as the sheet, an Alt+Enter goal written quoted over two lines",
     dict(outputs=("csv",), alt_enter=True)),
]

CALC_WIDTHS = (11, 15, 28, 16)  # Excel column width units


def calc_workbook(projs, o, path):
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    thin = Side(style="thin")
    font = Font(name="WenQuanYi Zen Hei", size=10)
    ws.cell(1, 1, attachment_title(projs[0]["dept"])).font = Font(name="WenQuanYi Zen Hei", size=12)
    ws.row_dimensions[1].height = 22
    r = 3
    for seq, p in enumerate(projs, start=1):
        lo = {**o, "title_in_table": False, "layout": "std4", "merged": "first", "alt_enter": False}
        rows, _ = project_rows(p, seq, lo)
        ws.cell(r, 1, TABLE_TITLE).font = Font(name="WenQuanYi Zen Hei", size=14, bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        ws.row_dimensions[r].height = 24
        r += 1
        ws.cell(r, 1, UNIT_LINE).font = font
        ws.row_dimensions[r].height = 16
        r += 1
        top = r
        ind_rows = []
        for row in rows:
            col = 1
            lines = 1
            for text, span in row.cells:
                if o.get("alt_enter") and row.key == "goal" and "，" in text:
                    k = text.index("，", len(text) // 3) + 1
                    text = text[:k] + "\n" + text[k:]
                c = ws.cell(r, col, text or None)
                c.font = font
                c.alignment = Alignment(wrap_text=True, vertical="center",
                                        horizontal="left" if row.kind == "hdr" and col > 1 else "center")
                units = sum(CALC_WIDTHS[col - 1:col - 1 + span]) * 1.6
                lines = max(lines, sum(len(wrap(part, int(units)).split("\n")) for part in text.split("\n")))
                if span > 1:
                    ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=col + span - 1)
                col += span
            ws.row_dimensions[r].height = 14 * lines + 6
            if row.kind == "ind":
                ind_rows.append((r, row))
            r += 1
        # vertical merges of level-1 and level-2 cells
        for colno in (1, 2):
            start = None
            for k, (rr, row) in enumerate(ind_rows):
                has = bool(row.cells[colno - 1][0])
                if has:
                    if start is not None and rr - 1 > start:
                        ws.merge_cells(start_row=start, start_column=colno, end_row=rr - 1, end_column=colno)
                    start = rr
            if start is not None and ind_rows[-1][0] > start:
                ws.merge_cells(start_row=start, start_column=colno, end_row=ind_rows[-1][0], end_column=colno)
        for row in ws.iter_rows(min_row=top, max_row=r - 1, max_col=4):
            for c in row:
                c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        if o.get("page_per_project") and seq < len(projs):
            from openpyxl.worksheet.pagebreak import Break

            ws.row_breaks.append(Break(id=r))
        r += 1  # blank row between projects
    for i, w in enumerate(CALC_WIDTHS):
        ws.column_dimensions["ABCD"[i]].width = w
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.oddHeader.center.text = ""
    ws.oddFooter.center.text = "第 &P 页" if o.get("footer") else ""
    wb.save(path)


def soffice(args, cwd):
    import subprocess

    subprocess.run(["soffice", "--headless", *args], cwd=cwd, check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def pdfplumber_dump(pdf_path, newline: str) -> list[str]:
    """pdfplumber: per page, table rows joined with tabs and the words outside tables as lines."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            items = []
            for t in tables:
                for k, row in enumerate(t.extract()):
                    cells = ["" if c is None else c for c in row]
                    if newline == "space":
                        cells = [c.replace("\n", " ") for c in cells]
                    items.append((t.bbox[1] + k * 0.001, "\t".join(cells)))
            inside = lambda w: any(t.bbox[0] - 1 <= w["x0"] and w["x1"] <= t.bbox[2] + 1
                                   and t.bbox[1] - 1 <= w["top"] and w["bottom"] <= t.bbox[3] + 1
                                   for t in tables)
            lines = {}
            for w in page.extract_words(keep_blank_chars=True):
                if not inside(w):
                    lines.setdefault(round(w["top"]), []).append(w)
            for top, ws in lines.items():
                items.append((top, " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"]))))
            pages.append("\n".join(text for _, text in sorted(items, key=lambda it: it[0])))
    return pages


def build_calc(stem, keys, trait, o):
    import shutil
    import subprocess
    import tempfile

    projs = [C.P[k] for k in keys]
    o = {**DEFAULTS, **o}
    tmp = Path(tempfile.mkdtemp(prefix="h5calc"))
    try:
        xlsx = tmp / f"{stem}.xlsx"
        calc_workbook(projs, o, xlsx)
        outs = {}
        if "csv" in o["outputs"]:
            soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76", "--outdir", str(tmp),
                     str(xlsx)], tmp)
            outs["tab"] = (tmp / f"{stem}.csv").read_bytes()
            n_pages = 1
        else:
            soffice(["--convert-to", "pdf", "--outdir", str(tmp), str(xlsx)], tmp)
            pdf = tmp / f"{stem}.pdf"
            pages = pdfplumber_dump(pdf, o.get("newline", "break"))
            n_pages = len(pages)
            eol = o.get("eol", "\n")
            outs["tab"] = "\f".join(pages).replace("\n", eol).encode("utf-8") + eol.encode()
            if "layout" in o["outputs"]:
                outs["layout"] = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                                capture_output=True).stdout
            if "pdf" in o["outputs"]:
                outs["pdf"] = pdf.read_bytes()
        exp_projects = []
        for seq, p in enumerate(projs, start=1):
            _, e = project_rows(p, seq, {**DEFAULTS, **o, "title_in_table": False})
            exp_projects.append(e)
        # pages of each project, from the dump itself
        text = outs["tab"].decode("utf-8").split("\f")
        for e in exp_projects:
            e["pages"] = [i + 1 for i, pg in enumerate(text)
                          if e["project_name"] in canonical(pg.replace("\t", " ")).replace(" ", "")
                          or any(x["level3"] and x["level3"] in pg.replace("\n", "").replace(" ", "")
                                 for x in e["indicators"])] or [1]
        exp = {"schema_version": 1, "source": {"file": None, "format": None, "pages": n_pages},
               "title": attachment_title(projs[0]["dept"]), "projects": exp_projects, "tables": []}
        for kind, data in outs.items():
            suffix = {"tab": ".tab.txt", "layout": ".layout.txt", "pdf": ".pdf"}[kind]
            (HERE / f"{stem}{suffix}").write_bytes(data)
        exp["source"].update(file=f"{stem}.tab.txt", format="txt")
        (HERE / f"{stem}.expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
        print(f"{stem}: {', '.join(outs)}; {len(exp_projects)} projects, {n_pages} pages")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    prefix = argv[1] if len(argv) > 1 else ""
    for stem, keys, trait, opts in FILES:
        if prefix and not stem.startswith(prefix):
            continue
        o = {**DEFAULTS, **opts}
        data, exp = build(stem, keys, o)
        (HERE / f"{stem}.tab.txt").write_bytes(data)
        (HERE / f"{stem}.expected.json").write_text(
            json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{stem}: {len(data)} bytes, {len(exp['projects'])} projects, "
              f"{sum(len(p['indicators']) for p in exp['projects'])} indicators")
    for stem, keys, trait, opts in CALC_FILES:
        if prefix and not stem.startswith(prefix):
            continue
        build_calc(stem, keys, trait, opts)


if __name__ == "__main__":
    main(sys.argv)
