#!/usr/bin/env python3
"""Second held-out corpus: reportlab-canvas PDFs from templates the other two sets do not use,
plus tab-separated and `pdftotext -layout` dumps of some of them.

    python samples/holdout2/make_holdout2.py [name-prefix]

Deterministic (reportlab invariant mode). Shares no code with samples/generate or
samples/holdout. Every PDF is read back with pdfplumber, cell by cell (the text inside every
drawn cell box must be the cell's text once whitespace is removed) and line by line (every
free text line must appear on its page), before its expected JSON is written.
See README.md for the per-file traits.
"""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import holdout2_content as C  # noqa: E402

rl_config.invariant = 1

pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
pdfmetrics.registerFont(TTFont("WQYSharp", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=1))
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONTS = {"wqy": "WQY", "sharp": "WQYSharp", "stsong": "STSong-Light"}

# SPEC.md header labels → keys (only these; anything else is an extra field).
SPEC_LABELS = {
    "项目名称": "project_name", "主管部门": "department", "实施单位": "implementing_unit",
    "项目属性": "project_type", "项目期限": "duration", "项目主管处室": "managing_office",
    "项目年度金额": "annual_amount", "年度资金总额": "annual_amount", "项目资金": "annual_amount",
    "年度总体绩效目标": "overall_goal", "年度绩效目标": "overall_goal",
}
FIELDS = ["project_name", "department", "implementing_unit", "project_type", "duration",
          "managing_office", "annual_amount", "overall_goal"]
DEFAULT_LABELS = {"project_name": "项目名称", "department": "主管部门", "implementing_unit": "实施单位",
                  "project_type": "项目属性", "duration": "项目期限", "managing_office": "项目主管处室",
                  "annual_amount": "项目年度金额", "overall_goal": "年度总体绩效目标"}
SUFFIXABLE = ("经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度")


def squeeze(s):
    return re.sub(r"\s+", "", s or "")


# ----------------------------------------------------------------------------- printed form

def split_level(text):
    m = re.match(r"^(\d+)-(.+)$", text)
    return (m.group(1), m.group(2)) if m else (None, text)


def printed_level(text, with_code, suffix):
    code, name = split_level(text)
    if suffix and name in SUFFIXABLE:
        name += "指标"
    return (f"{code}-{name}" if with_code and code else name), (code if with_code else None), name


def printed_indicators(p, o):
    """[(l1_print, l2_print, l3, target, expected_dict)] for a project under file options o."""
    out = []
    for l1, l2, l3, tg in p["indicators"]:
        p1, c1, n1 = printed_level(l1, o["codes"] in ("both", "l1"), False)
        p2, c2, n2 = printed_level(l2, o["codes"] in ("both", "l2"), o.get("suffix", False))
        out.append((p1, p2, l3, tg, {"level1_code": c1, "level1": n1, "level2_code": c2,
                                      "level2": n2, "level3": l3, "target": tg}))
    return out


# ----------------------------------------------------------------------------- table model

@dataclass
class Cell:
    c0: int
    c1: int
    text: str | None
    rs: int = 1
    fill: bool = False
    align: str = "c"


@dataclass
class Row:
    cells: list
    tag: str = ""
    brk: bool = False


@dataclass
class Table:
    widths: list
    rows: list
    head: int | None = None  # index of the row repeated on a continuation page
    split: str = "first"  # text of a span split by a page break: first | both | centre
    kind: str = "target"
    project: int | None = None


def wrap(text, font, fs, width):
    tokens = re.findall(r"[A-Za-z0-9.,%‰≥≤~/+·\-]+|.", text or "")
    lines, cur = [], ""
    for t in tokens:
        if cur and pdfmetrics.stringWidth(cur + t, font, fs) > width:
            lines.append(cur)
            cur = t
        else:
            cur += t
    if cur:
        lines.append(cur)
    return lines


# ----------------------------------------------------------------------------- table builders

def label(o, text):
    return text + ("：" if o.get("colon") else "")


def header_pairs(p, o):
    """[(field, label, printed value)] in print order; funding handled by the builders."""
    labels = {**DEFAULT_LABELS, **o.get("labels", {})}
    vals = {"project_name": p["name"], "department": p["department"], "implementing_unit": p["unit"],
            "project_type": p["project_type"], "duration": p["duration"],
            "managing_office": p["managing_office"], "annual_amount": p["amount"],
            "overall_goal": p["goal"]}
    return [(f, labels[f], vals[f]) for f in FIELDS if f not in o.get("omit", ())]


def level_rows(inds, first_col, o, tagbase=0):
    """Indicator rows with level-1 and level-2 merged down (rowspan)."""
    rows = []
    n = len(inds)
    i = 0
    while i < n:
        j = i
        while j < n and inds[j][0] == inds[i][0]:
            j += 1
        k = i
        while k < j:
            m = k
            while m < j and inds[m][1] == inds[k][1]:
                m += 1
            for r in range(k, m):
                cells = []
                if r == i:
                    cells.append(Cell(first_col, first_col + 1, inds[r][0], rs=j - i))
                if r == k:
                    cells.append(Cell(first_col + 1, first_col + 2, inds[r][1], rs=m - k))
                cells.append(Cell(first_col + 2, first_col + 3, inds[r][2], align=o.get("l3_align", "c")))
                cells.append(Cell(first_col + 3, first_col + 4, inds[r][3]))
                rows.append(Row(cells, tag=f"i:{r}"))
            k = m
        i = j
    return rows


def county_table(p, o):
    """One 4-column table (header block + indicators), the county style."""
    fill = o.get("fill", False)
    hp = {f: (lab, v) for f, lab, v in header_pairs(p, o)}
    L = lambda t: Cell(0, 1, label(o, t), fill=fill)  # noqa: E731
    rows = []

    def pair_row(a, b, tag):
        cells = []
        if a in hp:
            cells += [L(hp[a][0]), Cell(1, 2, hp[a][1])]
        if b in hp:
            cells += [Cell(2, 3, label(o, hp[b][0]), fill=fill), Cell(3, 4, hp[b][1])]
        if cells and a not in hp:
            cells = [Cell(0, 2, cells[0].text, fill=fill), Cell(2, 4, cells[1].text)]
        elif cells and b not in hp:
            cells[1] = Cell(1, 4, hp[a][1])
        if cells:
            rows.append(Row(cells, tag=tag))

    rows.append(Row([L(hp["project_name"][0]), Cell(1, 4, hp["project_name"][1], align=o.get("name_align", "c"))],
                    tag="h:project_name"))
    pair_row("department", "implementing_unit", "h:department")
    pair_row("project_type", "duration", "h:project_type")
    pair_row("managing_office", "annual_amount", "h:managing_office")
    fund = p["funding"] or []
    for k in range(0, len(fund), 2):
        cells = [L(fund[k][0]), Cell(1, 2, fund[k][1])]
        if k + 1 < len(fund):
            cells += [Cell(2, 3, label(o, fund[k + 1][0]), fill=fill), Cell(3, 4, fund[k + 1][1])]
        else:
            cells[1] = Cell(1, 4, fund[k][1])
        rows.append(Row(cells, tag=f"h:funding{k // 2}"))
    if "overall_goal" in hp:
        rows.append(Row([L(hp["overall_goal"][0]), Cell(1, 4, hp["overall_goal"][1], align="l")], tag="h:overall_goal"))
    head = len(rows)
    rows.append(Row([Cell(c, c + 1, t, fill=fill) for c, t in enumerate(("一级指标", "二级指标", "三级指标", o.get("target_head", "绩效值")))],
                    tag="indhead"))
    rows += level_rows(printed_indicators(p, o), 0, o)
    return [Table(o.get("widths", [80, 100, 195, 140]), rows, head=head if o.get("repeat") else None,
                  split=o.get("split", "first"))]


def word2_tables(p, o):
    """Word style: a header table and a separate indicator table (different columns)."""
    fill = o.get("fill", False)
    hp = {f: (lab, v) for f, lab, v in header_pairs(p, o)}
    L = lambda t, c0=0, c1=1: Cell(c0, c1, label(o, t), fill=fill)  # noqa: E731
    hrows = [Row([L(hp["project_name"][0]), Cell(1, 4, hp["project_name"][1])], tag="h:project_name")]
    for a, b in (("department", "implementing_unit"), ("project_type", "duration"),
                 ("managing_office", "annual_amount")):
        hrows.append(Row([L(hp[a][0]), Cell(1, 2, hp[a][1]), L(hp[b][0], 2, 3), Cell(3, 4, hp[b][1])], tag=f"h:{a}"))
    for k, (lab, v) in enumerate(p["funding"] or []):
        hrows.append(Row([L(lab), Cell(1, 4, v)], tag=f"h:funding{k}"))
    hrows.append(Row([L(hp["overall_goal"][0]), Cell(1, 4, hp["overall_goal"][1], align="l")], tag="h:overall_goal"))
    irows = [Row([Cell(c, c + 1, t, fill=fill) for c, t in enumerate(("一级指标", "二级指标", "三级指标", o.get("target_head", "绩效值")))],
                 tag="indhead")]
    irows += level_rows(printed_indicators(p, o), 0, o)
    return [Table(o.get("hwidths", [85, 170, 85, 175]), hrows),
            Table(o.get("iwidths", [90, 110, 190, 125]), irows, head=0 if o.get("repeat") else None,
                  split=o.get("split", "first"))]


def std5_table(p, o):
    """财政部 template: 5 columns, 绩效指标 merged down the left of the indicator rows,
    a 项目资金（万元） block with 年度资金总额 / 其中：财政拨款 / 其他资金 in their own column."""
    fill = o.get("fill", False)
    hp = {f: (lab, v) for f, lab, v in header_pairs(p, o)}
    L = lambda t, c0=0, c1=2, rs=1: Cell(c0, c1, label(o, t), rs=rs, fill=fill)  # noqa: E731
    rows = [Row([L(hp["project_name"][0]), Cell(2, 5, hp["project_name"][1])], tag="h:project_name")]
    for a, b in (("department", "implementing_unit"), ("project_type", "duration")):
        if a in hp:
            rows.append(Row([L(hp[a][0]), Cell(2, 3, hp[a][1]), L(hp[b][0], 3, 4), Cell(4, 5, hp[b][1])], tag=f"h:{a}"))
    if "managing_office" in hp:
        rows.append(Row([L(hp["managing_office"][0]), Cell(2, 5, hp["managing_office"][1])], tag="h:managing_office"))
    fund = [(o.get("total_label", "年度资金总额"), p["amount"])] + list(p["funding"] or [])
    for k, (lab, v) in enumerate(fund):
        cells = [L(o.get("group_label", "项目资金（万元）"), rs=len(fund))] if k == 0 else []
        cells += [L(lab, 2, 3), Cell(3, 5, v)]
        rows.append(Row(cells, tag=f"h:funding{k}"))
    rows.append(Row([L(hp["overall_goal"][0]), Cell(2, 5, hp["overall_goal"][1], align="l")], tag="h:overall_goal"))
    inds = printed_indicators(p, o)
    head = Row([Cell(0, 1, "绩效指标", rs=len(inds) + 1, fill=fill)]
               + [Cell(c, c + 1, t, fill=fill) for c, t in enumerate(("一级指标", "二级指标", "三级指标", o.get("target_head", "指标值")), 1)],
               tag="indhead")
    rows.append(head)
    rows += level_rows(inds, 1, o)
    return [Table(o.get("widths", [30, 75, 85, 185, 140]), rows, split=o.get("split", "first"))]


BUILDERS = {"county": county_table, "word2": word2_tables, "std5": std5_table}


def plain_table(rows, widths, fill=False):
    out = [Row([Cell(c, c + 1, t, fill=fill and r == 0) for c, t in enumerate(row)], tag=f"t:{r}")
           for r, row in enumerate(rows)]
    return Table(widths, out, kind="other")


# ----------------------------------------------------------------------------- layout

@dataclass
class Placed:
    page: int
    kind: str  # text | row | rep | furn
    y: float  # top (reportlab coordinates, from the bottom)
    h: float
    text: str = ""
    table: Table | None = None
    row: int = -1
    size: float = 10
    align: str = "c"
    tabbed: bool = False


@dataclass
class Doc:
    o: dict
    flow: list = field(default_factory=list)
    placed: list = field(default_factory=list)

    @property
    def pagesize(self):
        return landscape(A4) if self.o.get("landscape") else A4

    # flow elements
    def text(self, s, size=10, align="c", after=4, tabbed=False):
        self.flow.append(("text", s, size, align, after, tabbed))

    def gap(self, h):
        self.flow.append(("gap", h))

    def table(self, t, after=8):
        self.flow.append(("table", t, after))

    def newpage(self):
        self.flow.append(("newpage",))

    # measures
    def font(self):
        return FONTS[self.o.get("font", "wqy")]

    def fs(self):
        return self.o.get("fs", 9)

    def lead(self):
        return self.fs() * 1.3

    def pad(self):
        return 2.5 if self.fs() < 8.5 else 3.5

    def cell_lines(self, t, cell):
        w = sum(t.widths[cell.c0:cell.c1]) - 2 * self.pad()
        return wrap(cell.text, self.font(), self.fs(), w)

    def heights(self, t):
        minh = self.fs() * 2.0
        hs = []
        for row in t.rows:
            h = minh
            for c in row.cells:
                if c.rs == 1 and c.text:
                    h = max(h, len(self.cell_lines(t, c)) * self.lead() + 2 * self.pad())
            hs.append(h)
        for r, row in enumerate(t.rows):
            for c in row.cells:
                if c.rs > 1 and c.text:
                    need = len(self.cell_lines(t, c)) * self.lead() + 2 * self.pad()
                    have = sum(hs[r:r + c.rs])
                    if need > have:
                        hs[r + c.rs - 1] += need - have
        return hs

    def layout(self):
        W, H = self.pagesize
        top, bottom = H - self.o.get("mtop", 60), self.o.get("mbottom", 60)
        page, y = 1, top
        self.left = (W - max((sum(f[1].widths) for f in self.flow if f[0] == "table"), default=0)) / 2
        for f in self.flow:
            if f[0] == "newpage":
                page, y = page + 1, top
            elif f[0] == "gap":
                y -= f[1]
            elif f[0] == "text":
                _, s, size, align, after, tabbed = f
                if y - size * 1.4 < bottom:
                    page, y = page + 1, top
                self.placed.append(Placed(page, "text", y, size * 1.4, s, size=size, align=align, tabbed=tabbed))
                y -= size * 1.4 + after
            else:
                t, after = f[1], f[2]
                hs = self.heights(t)
                t.hs = hs
                for r, h in enumerate(hs):
                    first_on_page = y == top
                    if (t.rows[r].brk and not first_on_page) or y - h < bottom:
                        page, y = page + 1, top
                        if t.head is not None and r > t.head:
                            self.placed.append(Placed(page, "rep", y, hs[t.head], table=t, row=t.head))
                            y -= hs[t.head]
                    self.placed.append(Placed(page, "row", y, h, table=t, row=r))
                    y -= h
                y -= after
        self.pages = page
        return self

    # ------------------------------------------------------------------------- drawing
    def draw(self, path):
        W, H = self.pagesize
        o = self.o
        c = canvas.Canvas(str(path), pagesize=self.pagesize, invariant=1)
        c.setTitle(o.get("pdf_title", ""))
        self.boxes = []  # (page, x0, top, x1, bottom, text) in pdfplumber coordinates
        font, fs = self.font(), self.fs()
        for page in range(1, self.pages + 1):
            if o.get("watermark"):
                c.saveState()
                c.setFillColorRGB(0.82, 0.82, 0.82)
                c.setFont(font, 46)
                c.translate(W / 2, H * o.get("watermark_y", 0.5))
                c.rotate(o.get("watermark_angle", 35))
                c.drawCentredString(0, 0, o["watermark"])
                c.restoreState()
            self._furniture(c, page, W, H)
            items = [p for p in self.placed if p.page == page]
            for p in items:
                if p.kind == "text":
                    c.setFont(font, p.size)
                    base = p.y - p.size * 1.1
                    if p.align == "c":
                        c.drawCentredString(W / 2, base, p.text)
                    elif p.align == "r":
                        c.drawRightString(self.left + self._tw(), base, p.text)
                    else:
                        c.drawString(self.left, base, p.text)
            tables = []
            for p in items:
                if p.kind in ("row", "rep") and p.table not in tables:
                    tables.append(p.table)
            for t in tables:
                self._draw_table(c, t, page, [p for p in items if p.table is t])
            c.showPage()
        c.save()

    def _tw(self):
        return max(sum(f[1].widths) for f in self.flow if f[0] == "table")

    def _furniture(self, c, page, W, H):
        o = self.o
        c.setFillColorRGB(0, 0, 0)
        if o.get("cover") and page == 1:
            return
        if o.get("running_header"):
            c.setFont(self.font(), 9)
            c.drawString(self.left, H - 36, o["running_header"])
            if o.get("header_rule"):
                c.setLineWidth(0.5)
                c.line(self.left, H - 40, self.left + self._tw(), H - 40)
        n = page - (1 if o.get("cover") else 0)
        total = self.pages - (1 if o.get("cover") else 0)
        c.setFont(self.font(), 9)
        if o.get("footer") == "pageof":
            c.drawCentredString(W / 2, 30, f"第 {n} 页 共 {total} 页")
        elif o.get("footer") == "dash":
            c.drawCentredString(W / 2, 30, f"- {n} -")

    def _draw_table(self, c, t, page, rows_here):
        o = self.o
        font, fs, lead, pad = self.font(), self.fs(), self.lead(), self.pad()
        xs = [self.left]
        for w in t.widths:
            xs.append(xs[-1] + w)
        lw = o.get("lw", 0.75)
        c.setLineWidth(lw)
        # where each table row sits on every page (rows repeated as a heading too)
        pos = {}
        for p in self.placed:
            if p.table is t and p.kind == "row":
                pos[p.row] = (p.page, p.y, p.h)
        frags = []  # (cell, x0, x1, ytop, ybot, text_here)
        for p in rows_here:
            row = t.rows[p.row]
            for cell in row.cells:
                if p.kind == "rep":
                    frags.append((cell, xs[cell.c0], xs[cell.c1], p.y, p.y - p.h, True))
                    continue
                span = [pos[r] for r in range(p.row, p.row + cell.rs)]
                pages = sorted({s[0] for s in span})
                here = [s for s in span if s[0] == page]
                ytop, ybot = here[0][1], here[-1][1] - here[-1][2]
                if t.split == "both" or len(pages) == 1:
                    text_here = True
                elif t.split == "first":
                    text_here = page == pages[0]
                else:  # centre: the page holding the middle of the whole span
                    total = sum(s[2] for s in span)
                    acc, mid_page = 0, pages[0]
                    for s in span:
                        acc += s[2]
                        if acc >= total / 2:
                            mid_page = s[0]
                            break
                    text_here = page == mid_page
                frags.append((cell, xs[cell.c0], xs[cell.c1], ytop, ybot, text_here))
            # cells continuing from a span that started on an earlier page
            if p.kind == "row":
                for r0 in range(p.row):
                    for cell in t.rows[r0].cells:
                        if r0 + cell.rs > p.row and pos[r0][0] != page and not any(f[0] is cell for f in frags):
                            span = [pos[r] for r in range(r0, r0 + cell.rs)]
                            here = [s for s in span if s[0] == page]
                            pages = sorted({s[0] for s in span})
                            if t.split == "both":
                                th = True
                            elif t.split == "first":
                                th = False
                            else:
                                total = sum(s[2] for s in span)
                                acc, mid = 0, pages[0]
                                for s in span:
                                    acc += s[2]
                                    if acc >= total / 2:
                                        mid = s[0]
                                        break
                                th = page == mid
                            frags.append((cell, xs[cell.c0], xs[cell.c1], here[0][1],
                                          here[-1][1] - here[-1][2], th))
        for cell, x0, x1, yt, yb, th in frags:
            if cell.fill and o.get("fill"):
                c.setFillColorRGB(0.85, 0.85, 0.85)
                c.rect(x0, yb, x1 - x0, yt - yb, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setStrokeColorRGB(0, 0, 0)
        for cell, x0, x1, yt, yb, th in frags:
            if o.get("style") == "rects":
                c.rect(x0, yb, x1 - x0, yt - yb, stroke=1, fill=0)
            else:
                c.line(x0, yt, x1, yt)
                c.line(x0, yb, x1, yb)
                c.line(x0, yt, x0, yb)
                c.line(x1, yt, x1, yb)
        if o.get("double"):
            ytop = max(f[3] for f in frags)
            ybot = min(f[4] for f in frags)
            c.rect(xs[0] - 2, ybot - 2, xs[-1] - xs[0] + 4, ytop - ybot + 4, stroke=1, fill=0)
        W, H = self.pagesize
        c.setFont(font, fs)
        for cell, x0, x1, yt, yb, th in frags:
            if not cell.text:
                self.boxes.append((page, x0, H - yt, x1, H - yb, ""))
                continue
            lines = self.cell_lines(t, cell)
            text_h = len(lines) * lead
            if th:
                assert text_h <= yt - yb + 0.01, (cell.text, text_h, yt - yb)
                y = (yt + yb) / 2 + text_h / 2 - fs * 1.05
                for ln in lines:
                    if cell.align == "l":
                        c.drawString(x0 + pad, y, ln)
                    else:
                        c.drawCentredString((x0 + x1) / 2, y, ln)
                    y -= lead
            self.boxes.append((page, x0, H - yt, x1, H - yb, cell.text if th else ""))


# ----------------------------------------------------------------------------- read back

def is_ink(ch):
    col = ch.get("non_stroking_color")
    if col is None:
        return True
    vals = col if isinstance(col, (list, tuple)) else [col]
    return all(v < 0.5 for v in vals) if vals else True


def read_back(doc, path):
    problems = []
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == doc.pages, (len(pdf.pages), doc.pages)
        for page_no, x0, top, x1, bot, want in doc.boxes:
            page = pdf.pages[page_no - 1].filter(lambda ob: ob.get("object_type") != "char" or is_ink(ob))
            got = page.within_bbox((x0 + 0.2, top + 0.2, x1 - 0.2, bot - 0.2)).extract_text() or ""
            if squeeze(got) != squeeze(want):
                problems.append(f"p{page_no} cell {want!r}: read {got!r}")
        for p in doc.placed:
            if p.kind == "text":
                page = pdf.pages[p.page - 1].filter(lambda ob: ob.get("object_type") != "char" or is_ink(ob))
                if squeeze(p.text) not in squeeze(page.extract_text()):
                    problems.append(f"p{p.page} line {p.text!r} not found")
    if problems:
        raise SystemExit(f"{path.name}: read-back failed:\n  " + "\n  ".join(problems[:20]))


# ----------------------------------------------------------------------------- dumps

def tab_dump(doc, path):
    o = doc.o
    out = []
    for page in range(1, doc.pages + 1):
        lines = []
        if o.get("running_header") and not (o.get("cover") and page == 1):
            lines.append(o["running_header"])
        for p in [q for q in doc.placed if q.page == page]:
            if p.kind == "text":
                lines.append(p.text + ("\t\t\t" if p.tabbed else ""))
                if p.tabbed is False and p.size >= 12:
                    lines.append("")
                continue
            t, row = p.table, p.table.rows[p.row]
            fields = [""] * len(t.widths)
            for cell in row.cells:
                txt = cell.text or ""
                if o.get("dump_space_digits"):
                    txt = re.sub(r"(?<=[\u4e00-\u9fff])(?=[0-9])|(?<=[0-9])(?=[\u4e00-\u9fff])", " ", txt)
                if o.get("dump_break") and len(squeeze(cell.text)) > o["dump_break"]:
                    first = doc.cell_lines(t, cell)[0]
                    if first != cell.text:
                        txt = first + "\n" + (cell.text or "")[len(first):]
                fields[cell.c0] = txt
            lines.append("\t".join(fields))
            if o.get("dump_blank_every") and p.row % o["dump_blank_every"] == o["dump_blank_every"] - 1:
                lines.append("")
        n = page - (1 if o.get("cover") else 0)
        total = doc.pages - (1 if o.get("cover") else 0)
        if o.get("footer") == "pageof" and not (o.get("cover") and page == 1):
            lines.append(f"第 {n} 页 共 {total} 页")
        elif o.get("footer") == "dash" and not (o.get("cover") and page == 1):
            lines.append(f"- {n} -")
        out.append("\n".join(lines) + "\n")
    path.write_text("\n" + "\f".join(out), encoding="utf-8")


# ----------------------------------------------------------------------------- expected JSON

def expected_project(p, o, table_title, unit):
    labels = {**DEFAULT_LABELS, **o.get("labels", {})}
    e = {"table_title": table_title, "amount_unit": unit}
    extra = {}
    vals = {"project_name": p["name"], "department": p["department"], "implementing_unit": p["unit"],
            "project_type": p["project_type"], "duration": p["duration"],
            "managing_office": p["managing_office"], "annual_amount": p["amount_value"],
            "overall_goal": p["goal"]}
    for f in FIELDS:
        e[f] = None
    for f in FIELDS:
        if f in o.get("omit", ()):
            continue
        lab = labels[f]
        if o["template"] == "std5" and f == "annual_amount":
            lab = o.get("total_label", "年度资金总额")
        key = SPEC_LABELS.get(lab)
        if key:
            e[key] = vals[f]
        else:
            extra[lab] = p["amount"] if f == "annual_amount" else vals[f]
    for lab, v in p["funding"] or []:
        extra[lab] = v
    e["extra_fields"] = extra
    e["indicators"] = [x[4] for x in printed_indicators(p, o)]
    return e


# ----------------------------------------------------------------------------- files

def build(spec):
    o = dict(spec)
    doc = Doc(o)
    expected = {"schema_version": 1, "title": None, "projects": [], "tables": []}
    other_tables = []
    if o.get("cover"):
        doc.gap(220)
        doc.text(o["sections"][0]["title"], size=18)
        doc.newpage()
    for si, sec in enumerate(o["sections"]):
        so = {**o, **sec.get("opts", {})}
        if si > 0:
            doc.newpage()
        if not (o.get("cover") and si == 0):
            doc.text(sec["title"], size=14, align="l" if so.get("title_left") else "c", after=8)
        if expected["title"] is None:
            expected["title"] = sec["title"]
        if sec.get("budget_first"):
            doc.text("项目支出预算表", size=12, tabbed=True)
            doc.text("单位：万元", size=9, align="r", tabbed=True)
            t = plain_table(C.BUDGET_TABLE, [205, 100, 100, 100], fill=so.get("fill", False))
            doc.table(t, after=16)
            other_tables.append((t, C.BUDGET_TABLE))
        for pi, key in enumerate(sec["projects"]):
            p = C.P[key]
            po = {**so, **sec.get("per_project", {}).get(pi, {})}
            if pi > 0 and po.get("newpage"):
                doc.newpage()
            tables = BUILDERS[po["template"]](p, po)
            for t in tables:
                for r in t.rows:
                    if r.tag in po.get("breaks", ()):
                        r.brk = True
            table_title = po.get("table_title", "部门项目支出预算绩效目标表")
            doc.text(table_title, size=po.get("tt_size", 12), tabbed=po.get("tabbed", True), after=2)
            if po.get("subtitle"):
                doc.text(po["subtitle"], size=10, tabbed=False, after=2)
            unit = None
            if po.get("unit_line", "单位：万元"):
                doc.text(po.get("unit_line", "单位：万元"), size=9, align="r", tabbed=po.get("tabbed", True))
                unit = re.search(r"[:：](.*元)", po.get("unit_line", "单位：万元")).group(1)
            else:
                unit = "万元"  # from the 项目资金（万元） label
            for k, t in enumerate(tables):
                if po.get("break_between") and k == 1:
                    doc.newpage()
                doc.table(t, after=po.get("gap", 10) if k + 1 < len(tables) else po.get("after", 18))
            expected["projects"].append(expected_project(p, po, table_title, unit))
        if sec.get("revenue_last"):
            doc.newpage()
            doc.text("部门收支总表", size=12, tabbed=True)
            doc.text("单位：万元", size=9, align="r", tabbed=True)
            t = plain_table(C.REVENUE_TABLE, [150, 105, 150, 100], fill=so.get("fill", False))
            doc.table(t)
            other_tables.append((t, C.REVENUE_TABLE))
    doc.layout()
    for t, rows in other_tables:
        pages = sorted({p.page for p in doc.placed if p.table is t})
        expected["tables"].append({"page": pages[0], "rows": rows})
    for i, pr in enumerate(expected["projects"], 1):
        pr["seq"] = i
    expected["projects"] = [{"seq": pr.pop("seq"), **pr} for pr in expected["projects"]]
    return doc, expected


def title(dept):
    return f"附件2：{dept}2025年项目支出预算绩效目标表"


STD = dict(template="std5", table_title="项目支出绩效目标表", subtitle="（2025年度）", unit_line=None,
           codes="none", labels={"overall_goal": "年度绩效目标"}, tabbed=False, newpage=True)

SPECS = [
    # 1 财政部 standard template
    dict(name="std5_mof_template_funding_block", **STD, font="wqy", fs=9,
         sections=[dict(title=title(C.DEPTS["lingwu_cg"]), projects=["cg_clean", "cg_light"])],
         dumps=True, dump_break=18, dump_blank_every=5),
    dict(name="std5_colon_labels_break_in_level1_span", **{**STD, "labels": {"overall_goal": "年度绩效目标"}},
         colon=True, font="stsong", fs=9,
         sections=[dict(title=title(C.DEPTS["spt_lc"]), projects=["lc_forest", "lc_pest"],
                        per_project={0: dict(breaks=("i:2",))})]),
    dict(name="std5_rect_cells_unlisted_labels", **{**STD, "labels": {
        "overall_goal": "年度总体目标", "department": "主管部门及代码"}}, style="rects", font="sharp", fs=9,
         omit=("project_type", "duration"),
         sections=[dict(title=title(C.DEPTS["huinong_sj"]), projects=["sj_agency"])]),
    dict(name="std5_landscape_grey_header_double_border", **STD, landscape=True, fill=True, double=True,
         widths=[40, 110, 130, 300, 180], font="wqy", fs=10,
         sections=[dict(title=title(C.DEPTS["dwk_sw"]), projects=["sw_county", "sw_coupon"])]),
    # Word style: header table + separate indicator table
    dict(name="word2_two_tables_break_in_header_block", template="word2", codes="both", font="wqy", fs=10,
         sections=[dict(title=title(C.DEPTS["qtx_dpf"]), projects=["dpf_aids", "dpf_child"],
                        per_project={1: dict(breaks=("h:managing_office",))})],
         dumps=True, dump_break=20),
    dict(name="word2_break_after_level_header_repeat", template="word2", codes="both", font="sharp", fs=10,
         repeat=True, sections=[dict(title=title(C.DEPTS["spt_lc"]), projects=["lc_forest", "lc_pest"],
                                     per_project={0: dict(breaks=("i:0",)), 1: dict(breaks=("i:2",))})]),
    dict(name="word2_split_span_text_both_parts", template="word2", codes="both", font="stsong", fs=10,
         split="both", sections=[dict(title=title(C.DEPTS["hsb_xc"]), projects=["xc_industry", "kj_envoy"],
                                      per_project={0: dict(breaks=("i:1",)), 1: dict(breaks=("i:6",))})]),
    dict(name="word2_split_span_text_at_centre", template="word2", codes="both", font="wqy", fs=10,
         split="centre", gap=24, sections=[dict(title=title(C.DEPTS["lingwu_cg"]), projects=["cg_clean", "cg_light"],
                                                per_project={0: dict(breaks=("i:2",))})]),
    # page furniture
    dict(name="furniture_running_header_page_of", template="county", codes="both", font="wqy", fs=9,
         running_header=C.DEPTS["yz_kj"] + "2025年部门预算", header_rule=True, footer="pageof",
         sections=[dict(title=title(C.DEPTS["yz_kj"]), projects=["kj_envoy", "tj_survey", "da_digital"])],
         dumps=True, dump_break=16, dump_space_digits=True),
    dict(name="furniture_cover_page_dash_numbers", template="county", codes="both", font="sharp", fs=10,
         cover=True, footer="dash", newpage=True,
         sections=[dict(title=title(C.DEPTS["qtx_dpf"]), projects=["dpf_aids", "dpf_child"])]),
    dict(name="furniture_grey_watermark", template="county", codes="both", font="wqy", fs=10,
         watermark="内部资料 注意保存", footer="dash",
         sections=[dict(title=title(C.DEPTS["huinong_sj"]), projects=["sj_agency"])]),
    dict(name="furniture_horizontal_grey_watermark", template="county", codes="both", font="wqy", fs=10,
         watermark="仅供内部使用", watermark_angle=0, watermark_y=0.62, footer="pageof",
         sections=[dict(title=title(C.DEPTS["lingwu_da"]), projects=["da_digital"])]),
    dict(name="furniture_dept_header_every_page_watermark_break", template="county", codes="both",
         font="stsong", fs=10, running_header=C.DEPTS["spt_lc"], footer="pageof", watermark="样稿",
         sections=[dict(title=title(C.DEPTS["spt_lc"]), projects=["lc_forest", "lc_pest"],
                        per_project={0: dict(breaks=("i:5",))})]),
    # drawing styles
    dict(name="style_rect_cells_grey_labels", template="county", codes="both", style="rects", fill=True,
         font="wqy", fs=10, sections=[dict(title=title(C.DEPTS["dwk_sw"]), projects=["sw_county", "sw_coupon"])]),
    dict(name="style_double_border_thin_025", template="county", codes="both", double=True, lw=0.25,
         font="sharp", fs=10, sections=[dict(title=title(C.DEPTS["hsb_xc"]), projects=["xc_industry"])]),
    dict(name="style_small_font_7_5pt_long_name", template="county", codes="both", fs=7.5, font="wqy",
         widths=[60, 90, 150, 110], sections=[dict(title=title(C.DEPTS["litong_tj"]), projects=["tj_survey", "da_digital"])]),
    # level codes and names
    dict(name="codes_level1_only_suffix_names", template="county", codes="l1", suffix=True, font="wqy", fs=10,
         sections=[dict(title=title(C.DEPTS["yz_kj"]), projects=["kj_envoy", "sj_agency"])],
         dumps=True, dump_break=14, dump_blank_every=4),
    dict(name="codes_level2_only_target_formats", template="word2", codes="l2", font="sharp", fs=10,
         target_head="指标值", sections=[dict(title=title(C.DEPTS["lingwu_da"]), projects=["da_digital", "sw_coupon"])]),
    dict(name="codes_suffix_new_cost_layout", template="county", codes="both", suffix=True, font="stsong", fs=10,
         sections=[dict(title=title(C.DEPTS["qtx_dpf"]), projects=["dpf_aids", "dpf_child"])]),
    dict(name="std5_break_inside_funding_block", **STD, font="wqy", fs=10,
         sections=[dict(title=title(C.DEPTS["qtx_dpf"]), projects=["dpf_child", "dpf_aids"],
                        per_project={0: dict(breaks=("h:funding1",))})]),
    dict(name="county_break_after_level_header_no_repeat", template="county", codes="both", font="sharp",
         fs=10, sections=[dict(title=title(C.DEPTS["hsb_xc"]), projects=["xc_industry", "sw_county"],
                               per_project={0: dict(breaks=("i:0",)), 1: dict(breaks=("h:overall_goal",))})]),
    dict(name="county_colon_labels_left_aligned", template="county", codes="both", colon=True, font="wqy",
         fs=9, l3_align="l", name_align="l", lw=0.25, style="rects",
         sections=[dict(title=title(C.DEPTS["lingwu_da"]), projects=["da_digital", "cg_light", "lc_pest"])]),
    # composite files
    dict(name="two_departments_concatenated", template="county", codes="both", font="wqy", fs=10, footer="dash",
         sections=[dict(title=title(C.DEPTS["lingwu_cg"]), projects=["cg_light"]),
                   dict(title=title(C.DEPTS["litong_tj"]), projects=["tj_survey"])],
         dumps=True, dump_break=20),
    dict(name="mixed_budget_and_revenue_tables", template="county", codes="both", font="wqy", fs=10,
         sections=[dict(title=title(C.DEPTS["dwk_sw"]), projects=["sw_county"], budget_first=True,
                        revenue_last=True)]),
]


def main(prefix=""):
    for spec in SPECS:
        if not spec["name"].startswith(prefix):
            continue
        doc, expected = build(spec)
        pdf = HERE / f"{spec['name']}.pdf"
        doc.draw(pdf)
        read_back(doc, pdf)
        assert pdf.stat().st_size < 150_000, (pdf.name, pdf.stat().st_size)
        expected["source"] = {"file": pdf.name, "format": "pdf", "pages": doc.pages}
        (HERE / f"{spec['name']}.expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if spec.get("dumps"):
            tab_dump(doc, HERE / f"{spec['name']}.tab.txt")
            subprocess.run(["pdftotext", "-layout", str(pdf), str(HERE / f"{spec['name']}.layout.txt")], check=True)
        print(f"{pdf.name}: {doc.pages} pages, {len(expected['projects'])} projects, {pdf.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(*sys.argv[1:])
