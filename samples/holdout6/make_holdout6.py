"""Sixth held-out corpus: many traits combined at random, seeded.

    python3 make_holdout6.py [count] [seed] [outdir]   (default 38, 6066, this folder)

Another seed into another folder gives fresh draws of the same traits (for a check that fixes
made against these files generalise); the committed files are the default seed.

Every file draws its own traits from `random.Random(SEED + index)`; see README.md. Two drawing
routes share one page plan (this module's own layout engine): `canvas` draws the ruled cells and
text with the reportlab canvas; `calc` writes the same rows to an .xlsx with openpyxl (merged
cells, borders, wrap, row heights, manual page breaks, running header/footer) and LibreOffice
prints it to PDF. Every PDF is read back with pdfplumber (the text of every cell and free line)
before its expected JSON is written; a mismatch stops the run. Shares no code with other sets.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
from holdout6_content import DEPARTMENTS, canonical, draw_project, to_fullwidth_digits  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 6066
OUT = HERE
# files from other seeds' fresh draws that failed after fixes made against the default seed's
# files (kept so that the corpus holds them): (seed, index)
EXTRA = [(7077, 17), (8088, 5), (8088, 32), (9099, 6)]
FONT = "WQYZenHei"
FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
pdfmetrics.registerFont(TTFont(FONT, FONT_FILE, subfontIndex=0))
XLSX_FONT = "WenQuanYi Zen Hei"
NCOL = 6
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")


def nows(s):
    return re.sub(r"\s+", "", s or "")


# ------------------------------------------------------------------ traits


@dataclass
class Traits:
    route: str
    n_projects: int
    landscape: bool
    font: float
    ratios: list
    align_label: str
    align_value: str
    align_ind: str
    code_sep: str            # "-", "－", "、", ".", "" (no codes)
    fw_codes: bool
    l1_merged: bool
    l2_merged: bool
    newer: bool
    empty_groups: bool
    long_texts: float
    hstyle: str              # "2", "4", "6", "mixed"
    label_cols: int          # 1 or 2 columns for a 2-column-row label
    amount_label: str
    goal_label: str
    funding: bool
    group_label: bool
    extras: list
    kv_cells: float
    unit: str                # 万元 / 元
    unit_in_label: bool
    unit_line: str
    spaced_labels: bool
    target_head: str
    fw_targets: float
    spaced_targets: float
    breaks: list             # per project: "none" | "header" | "colhead" | "span"
    repeat_colhead: bool
    split_text: str          # "first" | "both"
    project_new_page: bool
    title_each: bool
    table_title: str
    running_header: bool
    footer: str              # "" | "dash" | "page" | "page_of"
    other_table: str         # "" | "before" | "after"
    attachment_no: int
    cant_split: bool = False
    two_tables: bool = False


def draw_traits(rng, route):
    hstyle = rng.choice(["2", "4", "6", "mixed", "4"])
    group = hstyle in ("2", "mixed") and rng.random() < 0.4
    funding = group or rng.random() < 0.4
    unit_in_label = rng.random() < 0.25
    n = rng.choice([1, 2, 2, 3, 3, 4, 5])
    return Traits(
        route=route, n_projects=n, landscape=rng.random() < 0.35,
        font=rng.choice([8, 8.5, 9, 9.5, 10, 10.5, 11, 12]),
        ratios=[rng.uniform(0.5, 1.6) for _ in range(NCOL)],
        align_label=rng.choice("LC"), align_value=rng.choice("LC"), align_ind=rng.choice("LC"),
        code_sep=rng.choice(["-", "-", "－", "、", ".", ""]), fw_codes=rng.random() < 0.2,
        l1_merged=rng.random() < 0.7, l2_merged=rng.random() < 0.6, newer=rng.random() < 0.4,
        empty_groups=rng.random() < 0.5, long_texts=rng.choice([0.0, 0.2, 0.5]),
        hstyle=hstyle, label_cols=rng.choice([1, 2]),
        amount_label="年度资金总额" if group else rng.choice(["项目年度金额", "项目年度金额", "年度资金总额", "项目资金"]),
        goal_label=rng.choice(["年度总体绩效目标", "年度总体绩效目标", "年度绩效目标"]),
        funding=funding, group_label=group,
        extras=rng.sample(["项目编码", "项目负责人", "联系电话"], rng.choice([0, 0, 1, 2])),
        kv_cells=rng.choice([0.0, 0.0, 0.3, 1.0]),
        unit=rng.choice(["万元", "万元", "万元", "元"]), unit_in_label=unit_in_label,
        unit_line=rng.choice(["单位：", "金额单位：", "单位："]), spaced_labels=rng.random() < 0.15,
        target_head=rng.choice(["绩效值", "指标值", "年度指标值", "绩效值"]),
        fw_targets=rng.choice([0.0, 0.0, 0.3]), spaced_targets=rng.choice([0.0, 0.3]),
        breaks=[rng.choice(["none", "header", "colhead", "span", "span"]) for _ in range(n)],
        repeat_colhead=rng.random() < 0.5, split_text=rng.choice(["first", "both"]),
        project_new_page=rng.random() < 0.5, title_each=rng.random() < 0.3,
        table_title=rng.choice(["部门项目支出预算绩效目标表", "部门项目支出预算绩效目标表", "项目支出绩效目标表"]),
        running_header=rng.random() < 0.3, footer=rng.choice(["", "", "dash", "page", "page_of"]),
        other_table=rng.choice(["", "", "", "before", "after"]), attachment_no=rng.randint(1, 6))


# ------------------------------------------------------------------ printed forms


def fmt_amount(value, unit, style):
    v = value * 10000 if unit == "元" else value
    if style == 0 and float(v).is_integer():
        return str(int(v))
    if style == 2:
        return f"{v:,.2f}"
    return f"{v:.2f}"


def print_level(code, name, t):
    if not t.code_sep:
        return name
    c = to_fullwidth_digits(code) if t.fw_codes else code
    return f"{c}{t.code_sep}{name}"


def print_target(rng, text, t):
    out = text
    if rng.random() < t.spaced_targets:
        out = re.sub(r"(?<=[0-9])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[0-9])", " ", out)
    if rng.random() < t.fw_targets:
        out = to_fullwidth_digits(out)
    return out


def print_label(label, t):
    if t.spaced_labels and len(label) <= 6 and "：" not in label:
        return " ".join(label)
    return label


# ------------------------------------------------------------------ project grid


@dataclass
class Cell:
    r: int
    c: int
    rs: int
    cs: int
    text: object
    align: str = "L"


@dataclass
class Grid:
    cells: list
    n_rows: int
    colhead: int             # row index of the indicator column header
    ind_rows: list           # row indices of indicator rows
    spans_l1: list           # (start, end) of level-1 blocks
    header_rows: list


def build_grid(rng, t, proj, expected):
    """A project's printed grid; fills `expected` (canonical values the PDF must give)."""
    cells, r = [], 0
    al, av, ai = t.align_label, t.align_value, t.align_ind
    style = rng.choice([0, 1, 2])
    unit_lbl = f"（{t.unit}）" if t.unit_in_label else ""
    amount = fmt_amount(proj["annual_amount"], t.unit, style)
    expected["annual_amount"] = float(amount.replace(",", ""))
    fields = [("项目名称", proj["project_name"], "project_name"), ("主管部门", proj["department"], "department"),
              ("实施单位", proj["implementing_unit"], "implementing_unit"),
              ("项目属性", proj["project_type"], "project_type"), ("项目期限", proj["duration"], "duration"),
              ("项目主管处室", proj["managing_office"], "managing_office")]
    for label, value, key in fields:
        expected[key] = value
    funding = []
    if t.funding:
        total = proj["annual_amount"]
        fiscal = round(total * rng.choice([0.6, 0.8, 1.0]), 2)
        funding = [("其中：财政拨款", fmt_amount(fiscal, t.unit, max(style, 1))),
                   ("其他资金", fmt_amount(round(total - fiscal, 2), t.unit, max(style, 1)))]
    extras = []
    for e in t.extras:
        extras.append((e, {"项目编码": proj["code"], "项目负责人": proj["person"],
                           "联系电话": "1390951" + proj["code"][-4:]}[e]))
    expected["extra_fields"] = {k: canonical(v) for k, v in funding + extras}
    header_rows = []

    def two_col(label, value, kv=False):
        nonlocal r
        if kv:
            cells.append(Cell(r, 0, 1, NCOL, f"{label}：{value}", av))
        else:
            lc = t.label_cols
            cells.append(Cell(r, 0, 1, lc, print_label(label, t), al))
            cells.append(Cell(r, lc, 1, NCOL - lc, value, av))
        header_rows.append(r)
        r += 1

    def multi_col(pairs, per):
        nonlocal r
        width = NCOL // per
        for i, (label, value) in enumerate(pairs):
            c0 = i * width
            if rng.random() < t.kv_cells:
                cells.append(Cell(r, c0, 1, width, f"{label}：{value}", av))
            elif per == 2:
                cells.append(Cell(r, c0, 1, 1, print_label(label, t), al))
                cells.append(Cell(r, c0 + 1, 1, width - 1, value, av))
            else:
                cells.append(Cell(r, c0, 1, 1, print_label(label, t), al))
                cells.append(Cell(r, c0 + 1, 1, 1, value, av))
        if len(pairs) < per:   # fill the rest of the row with an empty label/value
            c0 = len(pairs) * width
            cells.append(Cell(r, c0, 1, NCOL - c0, None, av))
        header_rows.append(r)
        r += 1

    simple = [(lbl, v) for lbl, v, _ in fields]
    amount_rows = []
    if not t.group_label:
        simple.append((t.amount_label + unit_lbl, amount))
        simple += funding
    simple += extras
    # header rows in the file's style
    queue = list(simple)
    group_at = 6  # the 项目资金 group goes after 项目主管处室
    placed = 0
    while queue or (t.group_label and placed == group_at):
        if t.group_label and placed == group_at:
            g = [(t.amount_label, amount)] + funding
            cells.append(Cell(r, 0, len(g), 1, print_label("项目资金", t) + unit_lbl, al))
            for i, (lbl, v) in enumerate(g):
                cells.append(Cell(r + i, 1, 1, 1, lbl, al))
                cells.append(Cell(r + i, 2, 1, NCOL - 2, v, av))
                header_rows.append(r + i)
            amount_rows = list(range(r, r + len(g)))
            r += len(g)
            placed += 1
            continue
        mode = t.hstyle if t.hstyle != "mixed" else rng.choice(["2", "4"])
        per = {"2": 1, "4": 2, "6": 3}[mode]
        take = queue[:per]
        if t.group_label and placed < group_at:
            take = queue[:min(per, group_at - placed)]
        queue = queue[len(take):]
        if per == 1 or len(take) == 1 and rng.random() < 0.5:
            for lbl, v in take:
                two_col(lbl, v, rng.random() < t.kv_cells)
        else:
            multi_col(take, per)
        placed += len(take)
    goal_kv = rng.random() < t.kv_cells * 0.5
    two_col(t.goal_label, proj["overall_goal"], goal_kv)
    expected["overall_goal"] = proj["overall_goal"]
    # indicator column header
    colhead = r
    head = [Cell(r, 0, 1, 1, "一级指标", "C"), Cell(r, 1, 1, 1, "二级指标", "C"),
            Cell(r, 2, 1, 2, "三级指标", "C"), Cell(r, 4, 1, 2, t.target_head, "C")]
    cells += head
    r += 1
    # indicators
    inds = proj["indicators"]
    ind_rows, spans_l1 = [], []
    start = r
    i = 0
    while i < len(inds):
        j = i
        while j < len(inds) and inds[j]["level1_code"] == inds[i]["level1_code"]:
            j += 1
        spans_l1.append((start + i, start + j))
        l1 = print_level(inds[i]["level1_code"], inds[i]["level1"], t)
        if t.l1_merged:
            cells.append(Cell(start + i, 0, j - i, 1, l1, ai))
        else:
            for k in range(i, j):
                cells.append(Cell(start + k, 0, 1, 1, l1, ai))
        k = i
        while k < j:
            m = k
            while m < j and inds[m]["level2_code"] == inds[k]["level2_code"]:
                m += 1
            l2 = print_level(inds[k]["level2_code"], inds[k]["level2"], t)
            if t.l2_merged:
                cells.append(Cell(start + k, 1, m - k, 1, l2, ai))
            else:
                for q in range(k, m):
                    cells.append(Cell(start + q, 1, 1, 1, l2, ai))
            k = m
        i = j
    out_inds = []
    for n, ind in enumerate(inds):
        row = start + n
        ind_rows.append(row)
        tgt = None if ind["target"] is None else print_target(rng, ind["target"], t)
        assert canonical(tgt) == ind["target"], (tgt, ind["target"])
        cells.append(Cell(row, 2, 1, 2, ind["level3"], ai))
        cells.append(Cell(row, 4, 1, 2, tgt, ai))
        code1 = ind["level1_code"] if t.code_sep else None
        code2 = ind["level2_code"] if t.code_sep else None
        out_inds.append(dict(level1_code=code1, level1=ind["level1"], level2_code=code2, level2=ind["level2"],
                             level3=ind["level3"], target=ind["target"]))
    expected["indicators"] = out_inds
    r = start + len(inds)
    return Grid(cells, r, colhead, ind_rows, spans_l1, header_rows)


# ------------------------------------------------------------------ metrics and wrapping


@dataclass
class Metrics:
    fs: float
    lead: float
    pad_h: float
    pad_v: float


def tokens(text):
    out = []
    for m in re.finditer(r"\s+|[A-Za-z0-9%.,\-+/≥≤~～<>=·\uff10-\uff19％]+|.", text):
        out.append(m.group())
    return out


def width(s, fs):
    return pdfmetrics.stringWidth(s, FONT, fs)


def wrap(text, avail, fs):
    if text is None:
        return []
    lines, cur = [], ""
    for tok in tokens(text):
        if tok.isspace():
            if cur:
                cur += " "
            continue
        if width(cur + tok, fs) <= avail or not cur.strip():
            if width(tok, fs) > avail and not cur.strip():
                # an over-long token: split it between characters (digits only join back cleanly)
                for ch in tok:
                    if width(cur + ch, fs) > avail and cur:
                        lines.append(cur.rstrip())
                        cur = ""
                    cur += ch
                continue
            cur += tok
        else:
            lines.append(cur.rstrip())
            cur = tok
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


# ------------------------------------------------------------------ page plan


@dataclass
class Line:
    text: str
    align: str
    size: float
    kind: str = "free"


@dataclass
class Segment:
    widths: list
    heights: list
    cells: list              # Cell with r relative to the segment; text None = empty
    kind: str = "target"     # "target" | "other"
    project: int = 0


@dataclass
class Plan:
    pagesize: tuple
    margins: tuple           # left, right, top, bottom
    pages: list = field(default_factory=list)   # list of list of Line | Segment


def col_widths(t, total, m):
    w = [x / sum(t.ratios) * total for x in t.ratios]
    lo = 3.3 * m.fs + 2 * m.pad_h
    for _ in range(5):
        w = [max(x, lo) for x in w]
        if w[4] + w[5] < 7 * m.fs:
            w[4] += 7 * m.fs - (w[4] + w[5])
        s = sum(w)
        w = [x * total / s for x in w]
    return w


def cell_need(cell, widths, m):
    avail = sum(widths[cell.c:cell.c + cell.cs]) - 2 * m.pad_h
    return len(wrap(cell.text, avail, m.fs)) * m.lead + 2 * m.pad_v


def row_heights(cells, n_rows, widths, m):
    base = m.lead + 2 * m.pad_v + 2
    h = [base] * n_rows
    for c in cells:
        if c.rs == 1:
            h[c.r] = max(h[c.r], cell_need(c, widths, m))
    for c in cells:
        if c.rs > 1:
            need = cell_need(c, widths, m)
            have = sum(h[c.r:c.r + c.rs])
            if have < need:
                for k in range(c.r, c.r + c.rs):
                    h[k] += (need - have) / c.rs
    return h


def make_plan(rng, t, projects, grids, m, other_rows):
    size = landscape(A4) if t.landscape else A4
    margins = (rng.uniform(36, 60),) * 2 + (rng.uniform(50, 70), rng.uniform(50, 70))
    plan = Plan(size, margins)
    total_w = size[0] - margins[0] - margins[1]
    if t.route == "calc":
        total_w *= 0.9
    top, bottom = size[1] - margins[2], margins[3] + 20
    widths = col_widths(t, total_w, m)
    pages = [[]]
    y = [top]

    def newpage():
        pages.append([])
        y[0] = top

    def put_line(text, align, sz):
        pages[-1].append(Line(text, align, sz))
        y[0] -= sz * 1.6

    def put_other():
        ow = [widths[0], widths[1] + widths[2], widths[3] + widths[4], widths[5]]
        cells = [Cell(i, j, 1, 1, v, "C") for i, row in enumerate(other_rows) for j, v in enumerate(row)]
        hs = row_heights(cells, len(other_rows), ow, m)
        if y[0] - 60 - sum(hs) < bottom:
            newpage()
        put_line("2025年部门项目支出预算表", "C", 13)
        put_line(f"单位：{t.unit}", "R", m.fs)
        pages[-1].append(Segment(ow, hs, cells, "other"))
        y[0] -= sum(hs) + 10

    if t.other_table == "before":
        put_other()
        newpage()
    for pi, (proj, g) in enumerate(zip(projects, grids)):
        heights = row_heights(g.cells, g.n_rows, widths, m)
        if pi and t.project_new_page:
            newpage()
        lines = []
        if pi == 0 or t.title_each:
            lines.append((f"附件{t.attachment_no}：{proj['department']}2025年项目支出预算绩效目标表", "C", 13))
        lines.append((t.table_title, "C", 12))
        if not t.unit_in_label:
            lines.append((f"{t.unit_line}{t.unit}", rng.choice("RL"), m.fs))
        need = sum(sz * 1.6 for _, _, sz in lines) + sum(heights[:3])
        if y[0] - need < bottom:
            newpage()
        for ln in lines:
            put_line(*ln)
        # forced break row
        brk = None
        kind = t.breaks[pi]
        if kind == "header":
            brk = rng.choice(g.header_rows[1:] + [g.colhead])
        elif kind == "colhead":
            brk = g.colhead + 1
        elif kind == "span":
            inside = [r for a, b in g.spans_l1 if b - a >= 2 for r in range(a + 1, b)]
            brk = rng.choice(inside) if inside else None
        seg_rows = []
        segs = []
        for r in range(g.n_rows):
            h = heights[r]
            if seg_rows and (r == brk or y[0] - h < bottom):
                segs.append((seg_rows, len(pages) - 1))
                pages[-1].append(None)  # placeholder
                newpage()
                seg_rows = []
                if t.repeat_colhead and r > g.colhead + 0:
                    seg_rows.append("H")
                    y[0] -= heights[g.colhead]
            seg_rows.append(r)
            y[0] -= h
        segs.append((seg_rows, len(pages) - 1))
        pages[-1].append(None)
        y[0] -= 14
        # build the segments with spans cut at the breaks
        for si, (rows, page) in enumerate(segs):
            src = [x for x in rows if x != "H"]
            first, last = src[0], src[-1]
            off = 1 if rows[0] == "H" else 0
            seg_cells = []
            if off:
                seg_cells += [Cell(0, c.c, 1, c.cs, c.text, c.align) for c in g.cells if c.r == g.colhead]
            for c in g.cells:
                a, b = max(c.r, first), min(c.r + c.rs - 1, last)
                if a > b:
                    continue
                text = c.text
                if c.rs > 1 and (a != c.r or b != c.r + c.rs - 1):
                    text = ("SPLIT", c, a, b)
                seg_cells.append(Cell(a - first + off, c.c, b - a + 1, c.cs, text, c.align))
            hs = ([heights[g.colhead]] if off else []) + [heights[x] for x in src]
            seg = Segment(widths, hs, seg_cells, "target", pi)
            idx = pages[page].index(None)
            pages[page][idx] = seg
        # place the text of spans cut by a break
        parts = {}
        for page in pages:
            for it in page:
                if isinstance(it, Segment) and it.kind == "target" and it.project == pi:
                    for c in it.cells:
                        if isinstance(c.text, tuple):
                            parts.setdefault(id(c.text[1]), []).append((it, c))
        for lst in parts.values():
            orig = lst[0][1].text[1]

            def fits(seg, c):
                return sum(seg.heights[c.r:c.r + c.rs]) >= cell_need(Cell(0, c.c, 1, c.cs, orig.text), seg.widths, m)
            if t.split_text == "both":
                chosen = lst
            else:
                ok = [p for p in lst if fits(*p)]
                chosen = [ok[0] if ok else max(lst, key=lambda p: sum(p[0].heights[p[1].r:p[1].r + p[1].rs]))]
            for seg, c in lst:
                c.text = orig.text if any(c is cc for _, cc in chosen) else None
                if c.text is not None and not fits(seg, c):
                    need = cell_need(Cell(0, c.c, 1, c.cs, c.text), seg.widths, m)
                    have = sum(seg.heights[c.r:c.r + c.rs])
                    seg.heights[c.r + c.rs - 1] += need - have
    if t.other_table == "after":
        put_other()
    plan.pages = [p for p in pages if p]
    # the content of every page must fit above the bottom margin
    for p in plan.pages:
        used = sum(it.size * 1.6 if isinstance(it, Line) else sum(it.heights) + 14 for it in p)
        if used > top - margins[3] + 10:
            raise OverflowError("page overflow")
    return plan


# ------------------------------------------------------------------ route 1: reportlab canvas


def running(t, dept):
    county = re.match(r"(.+?[县市区])", dept).group(1)
    return f"{county}2025年部门预算公开"


def footer_text(t, n, total):
    return {"dash": f"- {n} -", "page": f"第 {n} 页", "page_of": f"第 {n} 页 共 {total} 页"}.get(t.footer, "")


def draw_canvas(plan, t, m, path, dept):
    """Draw the plan; returns the boxes [(page, x0, top, x1, bottom, text)] and free lines."""
    W, H = plan.pagesize
    c = rl_canvas.Canvas(str(path), pagesize=plan.pagesize, invariant=1)
    boxes, free = [], []
    left = plan.margins[0]
    for pno, page in enumerate(plan.pages, 1):
        y = H - plan.margins[2]
        if t.running_header:
            c.setFont(FONT, 8)
            c.drawCentredString(W / 2, H - 28, running(t, dept))
            free.append((pno, running(t, dept)))
        ft = footer_text(t, pno, len(plan.pages))
        if ft:
            c.setFont(FONT, 9)
            c.drawCentredString(W / 2, 26, ft)
            free.append((pno, ft))
        for it in page:
            if isinstance(it, Line):
                c.setFont(FONT, it.size)
                base = y - it.size
                if it.align == "C":
                    c.drawCentredString(W / 2, base, it.text)
                elif it.align == "R":
                    c.drawRightString(W - plan.margins[1], base, it.text)
                else:
                    c.drawString(left, base, it.text)
                free.append((pno, it.text))
                y -= it.size * 1.6
                continue
            xs = [left]
            for w in it.widths:
                xs.append(xs[-1] + w)
            ys = [y]
            for h in it.heights:
                ys.append(ys[-1] - h)
            c.setLineWidth(0.6)
            c.setFont(FONT, m.fs)
            for cell in it.cells:
                x0, x1 = xs[cell.c], xs[cell.c + cell.cs]
                y0, y1 = ys[cell.r], ys[cell.r + cell.rs]
                c.rect(x0, y1, x1 - x0, y0 - y1, stroke=1, fill=0)
                if cell.text:
                    lines = wrap(cell.text, x1 - x0 - 2 * m.pad_h, m.fs)
                    block = len(lines) * m.lead
                    ty = (y0 + y1) / 2 + block / 2 - m.lead + (m.lead - m.fs) / 2 + 0.15 * m.fs
                    for ln in lines:
                        if cell.align == "C":
                            c.drawCentredString((x0 + x1) / 2, ty, ln)
                        else:
                            c.drawString(x0 + m.pad_h, ty, ln)
                        ty -= m.lead
                    boxes.append((pno, x0, H - y0, x1, H - y1, cell.text))
            y = ys[-1] - 14
        c.showPage()
    c.save()
    return boxes, free


def check_canvas(path, boxes, free, n_pages):
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == n_pages, (path, len(pdf.pages), n_pages)
        for pno, x0, top, x1, bottom, text in boxes:
            page = pdf.pages[pno - 1]
            got = "".join(ch["text"] for ch in page.chars
                          if x0 < (ch["x0"] + ch["x1"]) / 2 < x1 and top < (ch["top"] + ch["bottom"]) / 2 < bottom)
            if nows(got) != nows(text):
                raise AssertionError(f"{path.name} p{pno}: cell {text!r} reads {got!r}")
        for pno, text in free:
            if nows(text) not in nows(pdf.pages[pno - 1].extract_text()):
                raise AssertionError(f"{path.name} p{pno}: free line {text!r} missing")


# ------------------------------------------------------------------ route 2: openpyxl → LibreOffice Calc


def draw_calc(plan, t, m, path, dept, workdir):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break
    from openpyxl.worksheet.page import PageMargins

    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    side = Side(style="thin", color="000000")
    border = Border(left=side, right=side, top=side, bottom=side)
    font = Font(name=XLSX_FONT, size=m.fs)
    widths = None
    row = 1
    expected_cells = []   # (page, text)
    free = []
    for pno, page in enumerate(plan.pages, 1):
        for it in page:
            if isinstance(it, Line):
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=NCOL)
                cell = ws.cell(row=row, column=1, value=it.text)
                cell.font = Font(name=XLSX_FONT, size=it.size)
                cell.alignment = Alignment(horizontal={"C": "center", "R": "right", "L": "left"}[it.align],
                                           vertical="center")
                ws.row_dimensions[row].height = it.size * 1.6
                free.append((pno, it.text))
                row += 1
                continue
            if it.kind == "target":
                widths = it.widths
            # an "other" table has 4 columns: put it in the first 4, last one spanning the rest
            ncol = len(it.widths)
            for k, h in enumerate(it.heights):
                ws.row_dimensions[row + k].height = h
                for col in range(1, NCOL + 1):
                    ws.cell(row=row + k, column=col).border = border
            for cell in it.cells:
                c0, cs = cell.c, cell.cs
                if ncol == 4:
                    c0, cs = [(0, 1), (1, 2), (3, 2), (5, 1)][cell.c][0], [(0, 1), (1, 2), (3, 2), (5, 1)][cell.c][1]
                r0 = row + cell.r
                if cell.rs > 1 or cs > 1:
                    ws.merge_cells(start_row=r0, start_column=c0 + 1, end_row=r0 + cell.rs - 1, end_column=c0 + cs)
                x = ws.cell(row=r0, column=c0 + 1, value=cell.text)
                x.font = font
                x.alignment = Alignment(horizontal="center" if cell.align == "C" else "left",
                                        vertical="center", wrap_text=True)
                if cell.text:
                    expected_cells.append((pno, cell.text))
            row += len(it.heights)
            ws.row_dimensions[row].height = 14
            row += 1
        if pno < len(plan.pages):
            ws.row_breaks.append(Break(id=row - 1))
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round((w / 0.75 - 5) / 7, 2)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.orientation = "landscape" if t.landscape else "portrait"
    lm, rm, tm, bm = plan.margins
    ws.page_margins = PageMargins(left=lm / 72, right=rm / 72, top=tm / 72, bottom=(bm - 10) / 72,
                                  header=0.3, footer=0.3)
    if t.running_header:
        ws.oddHeader.center.text = running(t, dept)
        ws.oddHeader.center.size = 8
        ws.oddHeader.center.font = XLSX_FONT
    ft = {"dash": "- &P -", "page": "第 &P 页", "page_of": "第 &P 页 共 &N 页"}.get(t.footer)
    if ft:
        ws.oddFooter.center.text = ft
        ws.oddFooter.center.size = 9
        ws.oddFooter.center.font = XLSX_FONT
    xlsx = workdir / (path.stem + ".xlsx")
    wb.save(xlsx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{workdir}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    shutil.copyfile(workdir / (path.stem + ".pdf"), path)
    if t.running_header:
        free += [(p, running(t, dept)) for p in range(1, len(plan.pages) + 1)]
    if ft:
        total = len(plan.pages)
        free += [(p, footer_text(t, p, total)) for p in range(1, total + 1)]
    return expected_cells, free


class WrapError(Exception):
    """A cell wrapped where SPEC canonical text keeps the line break as a space (`1月-` / `2025`):
    the file is drawn again from the next seed attempt instead."""


def wrapped_differs(text, raws):
    if all(canonical(r) != canonical(text) for r in raws):
        raise WrapError(f"{text!r} reads {raws!r}")


def check_calc(path, cells, free, n_pages):
    with pdfplumber.open(path) as pdf:
        if len(pdf.pages) != n_pages:
            raise AssertionError(f"{path.name}: {len(pdf.pages)} pages, planned {n_pages}")
        for pno in range(1, n_pages + 1):
            page = pdf.pages[pno - 1]
            got = Counter()
            raw = {}
            for table in page.find_tables():
                for row in table.extract():
                    for v in row:
                        if v:
                            got[nows(v)] += 1
                            raw.setdefault(nows(v), []).append(v)
            want = Counter(nows(tx) for p, tx in cells if p == pno)
            missing = want - got
            if missing:
                raise AssertionError(f"{path.name} p{pno}: cells not read back {list(missing)[:5]}")
            for p, tx in cells:
                if p == pno:
                    wrapped_differs(tx, raw[nows(tx)])
        for pno, text in free:
            if nows(text) not in nows(pdf.pages[pno - 1].extract_text()):
                raise AssertionError(f"{path.name} p{pno}: free line {text!r} missing")


# ------------------------------------------------------------------ route 3: python-docx → LibreOffice Writer


def draw_docx(t, m, projects, grids, path, workdir, other_rows, rng):
    """Word-style file: Writer paginates by itself (rows may split across pages unless cantSplit),
    projects as one table, or a header table and an indicator table whose first row repeats."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    align = {"C": WD_ALIGN_PARAGRAPH.CENTER, "L": WD_ALIGN_PARAGRAPH.LEFT, "R": WD_ALIGN_PARAGRAPH.RIGHT}
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = XLSX_FONT
    st.font.size = Pt(m.fs)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), XLSX_FONT)
    st.paragraph_format.space_before = Pt(0)
    st.paragraph_format.space_after = Pt(0)
    st.paragraph_format.line_spacing = 1.0
    sec = doc.sections[0]
    W, H = (842, 595) if t.landscape else (595, 842)
    if t.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Pt(W), Pt(H)
    lm = rng.uniform(40, 60)
    sec.left_margin = sec.right_margin = Pt(lm)
    sec.top_margin = sec.bottom_margin = Pt(rng.uniform(50, 65))
    free = []

    def field(par, instr):
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), instr)
        r = OxmlElement("w:r")
        tx = OxmlElement("w:t")
        tx.text = "1"
        r.append(tx)
        fld.append(r)
        par._p.append(fld)

    if t.running_header:
        p = sec.header.paragraphs[0]
        p.alignment = align["C"]
        p.add_run(running(t, projects[0]["department"])).font.size = Pt(8)
    if t.footer:
        p = sec.footer.paragraphs[0]
        p.alignment = align["C"]
        pre, post = {"dash": ("- ", " -"), "page": ("第 ", " 页"), "page_of": ("第 ", " 页 共 ")}[t.footer]
        p.add_run(pre)
        field(p, "PAGE")
        p.add_run(post)
        if t.footer == "page_of":
            field(p, "NUMPAGES")
            p.add_run(" 页")

    def line(text, al, size, new_page=False):
        p = doc.add_paragraph()
        p.alignment = align[al]
        p.paragraph_format.page_break_before = new_page
        p.add_run(text).font.size = Pt(size)
        p.paragraph_format.space_after = Pt(size * 0.5)
        free.append(text)

    total = W - 2 * lm
    widths = col_widths(t, total * 0.98, m)

    def table(cells, n_rows, ws, repeat_first=False):
        tb = doc.add_table(rows=n_rows, cols=len(ws))
        tb.style = "Table Grid"
        tb.autofit = False
        tb.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, w in enumerate(ws):
            tb.columns[i].width = Pt(w)
            for row in tb.rows:
                row.cells[i].width = Pt(w)
        for k, row in enumerate(tb.rows):
            trpr = row._tr.get_or_add_trPr()
            if t.cant_split:
                trpr.append(OxmlElement("w:cantSplit"))
            if repeat_first and k == 0:
                trpr.append(OxmlElement("w:tblHeader"))
        for c in cells:
            a = tb.cell(c.r, c.c)
            b = tb.cell(c.r + c.rs - 1, c.c + c.cs - 1)
            if a._tc is not b._tc:
                a = a.merge(b)
            a.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = a.paragraphs[0]
            p.alignment = align[c.align]
            if c.text:
                p.add_run(c.text)

    def other(new_page):
        line("2025年部门项目支出预算表", "C", 13, new_page)
        line(f"单位：{t.unit}", "R", m.fs)
        ow = [widths[0], widths[1] + widths[2], widths[3] + widths[4], widths[5]]
        table([Cell(i, j, 1, 1, v, "C") for i, row in enumerate(other_rows) for j, v in enumerate(row)],
              len(other_rows), ow)
        doc.add_paragraph()

    if t.other_table == "before":
        other(False)
    for pi, (proj, g) in enumerate(zip(projects, grids)):
        new_page = (pi > 0 and t.project_new_page) or (pi == 0 and t.other_table == "before")
        if pi == 0 or t.title_each:
            line(f"附件{t.attachment_no}：{proj['department']}2025年项目支出预算绩效目标表", "C", 13, new_page)
            new_page = False
        line(t.table_title, "C", 12, new_page)
        if not t.unit_in_label:
            line(f"{t.unit_line}{t.unit}", rng.choice("RL"), m.fs)
        if t.two_tables:
            table([c for c in g.cells if c.r < g.colhead], g.colhead, widths)
            gap = doc.add_paragraph()
            gap.add_run(" ").font.size = Pt(2)
            table([Cell(c.r - g.colhead, c.c, c.rs, c.cs, c.text, c.align) for c in g.cells if c.r >= g.colhead],
                  g.n_rows - g.colhead, widths, repeat_first=t.repeat_colhead)
        else:
            table(g.cells, g.n_rows, widths)
        doc.add_paragraph()
    if t.other_table == "after":
        other(t.project_new_page)
    src = workdir / (path.stem + ".docx")
    doc.save(src)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{workdir}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    shutil.copyfile(workdir / (path.stem + ".pdf"), path)
    cells = [c.text for g in grids for c in g.cells if c.text]
    cells += [v for row in other_rows for v in row] if t.other_table else []
    return cells, free


def check_docx(path, cells, free, t, dept):
    """Every cell is read back whole, or as its head at the foot of one page and its tail at the
    top of the next (Writer splits a row across pages)."""
    with pdfplumber.open(path) as pdf:
        per_page, target_cells, raw_pages = [], [], []
        for page in pdf.pages:
            got, tgt = [], []
            raw_pages.append([v for table in page.find_tables() for row in table.extract() for v in row if v])
            for table in page.find_tables():
                rows = table.extract()
                flat = [nows(v) for row in rows for v in row if v]
                got += flat
                if not (rows and rows[0] and rows[0][0] == "序号"):
                    tgt += flat
            per_page.append(got)
            target_cells.append(tgt)
        page_texts = [nows(p.extract_text() or "") for p in pdf.pages]
        text = "".join(page_texts)
        first = nows(pdf.pages[0].extract_text())
    allc = Counter(v for p in per_page for v in p)
    for tx in cells:
        w = nows(tx)
        if allc[w]:
            wrapped_differs(tx, [r for p in raw_pages for r in p if nows(r) == w])
            continue
        ok = any(a + b == w for k in range(len(per_page) - 1) for a in per_page[k] for b in per_page[k + 1]
                 if w.startswith(a))
        if not ok and w not in text:
            raise AssertionError(f"{path.name}: cell {tx!r} not read back")
        if not ok:   # e.g. a lone first row at a page foot that find_tables() does not return
            print(f"  {path.name}: cell {tx!r} read back only as page text", flush=True)
    for tx in free:
        if nows(tx) not in text:
            raise AssertionError(f"{path.name}: free line {tx!r} missing")
    if t.running_header and nows(running(t, dept)) not in first:
        raise AssertionError(f"{path.name}: running header missing")
    if t.footer and nows(footer_text(t, 1, len(per_page))) not in first:
        raise AssertionError(f"{path.name}: footer missing")
    return target_cells, page_texts


# ------------------------------------------------------------------ one file


def describe(t):
    docx = [("cantSplit rows" if t.cant_split else "rows split across pages"),
            ("header + indicator tables" if t.two_tables else "one table")] if t.route == "docx" else []
    bits = [t.route] + docx + [ f"{t.n_projects}p", "landscape" if t.landscape else "portrait", f"{t.font}pt",
            f"code'{t.code_sep or 'none'}'" + ("fw" if t.fw_codes else ""),
            "newer" if t.newer else "older", f"hdr{t.hstyle}",
            ("l1merged" if t.l1_merged else "l1repeat") + ("/l2merged" if t.l2_merged else "/l2repeat")]
    if t.route == "docx":
        bits.append(("tblHeader repeated" if t.two_tables and t.repeat_colhead else "no repeated head")
                    + ("" if not t.project_new_page else ", project per page"))
    if t.group_label:
        bits.append("项目资金group")
    elif t.funding:
        bits.append("其中rows")
    if t.amount_label != "项目年度金额":
        bits.append(t.amount_label)
    if t.goal_label != "年度总体绩效目标":
        bits.append(t.goal_label)
    if t.extras:
        bits.append("+" + "/".join(t.extras))
    if t.kv_cells:
        bits.append(f"label：value×{t.kv_cells}")
    if t.unit_in_label:
        bits.append(f"unit in label（{t.unit}）")
    else:
        bits.append(f"{t.unit_line}{t.unit}")
    if t.spaced_labels:
        bits.append("spaced labels")
    if t.route != "docx":
        bits.append("breaks " + ",".join(t.breaks[:t.n_projects]) + (" +repeated head" if t.repeat_colhead else "")
                + f" split:{t.split_text}")
    if t.empty_groups:
        bits.append("empty L2 rows")
    if t.fw_targets:
        bits.append("fw targets")
    if t.spaced_targets:
        bits.append("spaced targets")
    if t.running_header:
        bits.append("running header")
    if t.footer:
        bits.append(f"footer:{t.footer}")
    if t.other_table:
        bits.append(f"other table {t.other_table}")
    return ", ".join(bits)


def make_file(index, workdir, first_attempt=0, seed=None):
    seed = SEED if seed is None else seed
    for attempt in range(first_attempt, 20):
        rng = random.Random(seed + index * 1000 + attempt)
        route = "docx" if index >= 30 else "calc" if index % 3 == 2 else "canvas"
        t = draw_traits(rng, route)
        if route == "docx":   # own stream, so that adding the route left files 0-29 unchanged
            drng = random.Random(seed * 7 + index)
            t.cant_split, t.two_tables = drng.random() < 0.5, drng.random() < 0.5
        fs = t.font
        m = Metrics(fs, fs * (1.25 if route == "canvas" else 1.45), 3 if route == "canvas" else 5,
                    3 if route == "canvas" else 4)
        dept_entry = rng.choice(DEPARTMENTS)   # one department per file; names not repeated
        projects = []
        while len(projects) < min(t.n_projects, len(dept_entry[3])):
            p = draw_project(rng, t.newer, t.empty_groups, t.long_texts, dept_entry)
            if p["project_name"] not in [q["project_name"] for q in projects]:
                projects.append(p)
        t.n_projects = len(projects)
        expected, grids = [], []
        for p in projects:
            e = {}
            grids.append(build_grid(rng, t, p, e))
            expected.append(e)
        other_rows = [["序号", "项目名称", "资金性质", "金额"]] + [
            [str(i + 1), p["project_name"], "一般公共预算", fmt_amount(p["annual_amount"], t.unit, 1)]
            for i, p in enumerate(projects)]
        if route == "docx":
            break
        try:
            plan = make_plan(rng, t, projects, grids, m, other_rows)
        except OverflowError:
            continue
        break
    else:
        raise RuntimeError(f"file {index}: no plan fits")
    # check every printed cell canonicalises to its content value
    for g in grids:
        for c in g.cells:
            if isinstance(c.text, str):
                assert canonical(c.text) is not None
    stem = (f"s{seed}_" if seed != SEED else "") + f"r{index:02d}_{route}_{t.n_projects}p_{'land' if t.landscape else 'port'}"
    path = OUT / f"{stem}.pdf"
    dept = projects[0]["department"]
    try:
        if route == "canvas":
            boxes, free = draw_canvas(plan, t, m, path, dept)
            check_canvas(path, boxes, free, len(plan.pages))
        elif route == "calc":
            cells, free = draw_calc(plan, t, m, path, dept, workdir)
            check_calc(path, cells, free, len(plan.pages))
        else:
            cells, free = draw_docx(t, m, projects, grids, path, workdir, other_rows, rng)
            per_page, page_texts = check_docx(path, cells, free, t, dept)
            plan = Plan(None, None, [[] for _ in per_page])
    except WrapError as e:
        print(f"  r{index:02d} attempt {attempt}: {e}; drawing again", flush=True)
        path.unlink()
        return make_file(index, workdir, attempt + 1, seed)
    # expected JSON
    proj_pages = {}
    tables = []
    if route == "docx":   # informative only: from the first page showing the project's name on
        firsts = []
        for p in projects:
            name = nows(p["project_name"])
            k = next((k for k, cs in enumerate(per_page, 1) if any(name in c for c in cs)), None)
            if k is None:   # a lone first row at a page foot is not in find_tables(): page text
                k = next(k for k, pt in enumerate(page_texts, 1)
                         if name in pt and not (t.other_table == "before" and k == 1))
            firsts.append(k)
        for i, f in enumerate(firsts):
            end = firsts[i + 1] if i + 1 < len(firsts) else len(per_page)
            proj_pages[i] = list(range(f, max(f, end) + 1))
        if t.other_table:
            tables.append({"page": 1 if t.other_table == "before" else len(per_page), "rows": other_rows})
    for pno, page in enumerate(plan.pages, 1):
        for it in page:
            if isinstance(it, Segment):
                if it.kind == "target":
                    proj_pages.setdefault(it.project, []).append(pno)
                else:
                    tables.append({"page": pno, "rows": other_rows})
    out_projects = []
    for i, (p, e) in enumerate(zip(projects, expected)):
        assert canonical(p["project_name"]) == e["project_name"]
        out_projects.append(dict(
            seq=i + 1, pages=sorted(set(proj_pages[i])), table_title=t.table_title, amount_unit=t.unit,
            project_name=e["project_name"], department=e["department"],
            implementing_unit=e["implementing_unit"], project_type=e["project_type"], duration=e["duration"],
            managing_office=e["managing_office"], annual_amount=e["annual_amount"],
            overall_goal=e["overall_goal"], extra_fields=e["extra_fields"], indicators=e["indicators"]))
    doc = {"schema_version": 1, "source": {"file": path.name, "format": "pdf", "pages": len(plan.pages)},
           "title": f"附件{t.attachment_no}：{dept}2025年项目支出预算绩效目标表",
           "projects": out_projects, "tables": tables, "warnings": []}
    (OUT / f"{stem}.expected.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    return stem, describe(t), path.stat().st_size


def main():
    global SEED, OUT
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 38
    if len(sys.argv) > 2:
        SEED = int(sys.argv[2])
    if len(sys.argv) > 3:
        OUT = Path(sys.argv[3]).resolve()
        OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("r[0-9][0-9]_*")) + list(OUT.glob("s[0-9]*_r[0-9][0-9]_*")):
        old.unlink()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(count):
            stem, desc, size = make_file(i, Path(tmp))
            assert size < 120_000, (stem, size)
            rows.append((stem, desc, size))
            print(f"{stem}\t{size // 1024} KB\t{desc}", flush=True)
        for seed, i in (EXTRA if len(sys.argv) <= 2 else []):
            stem, desc, size = make_file(i, Path(tmp), seed=seed)
            assert size < 120_000, (stem, size)
            rows.append((stem, desc, size))
            print(f"{stem}\t{size // 1024} KB\t{desc}", flush=True)
    (OUT / "traits.tsv").write_text("".join(f"{s}\t{d}\n" for s, d, _ in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
