#!/usr/bin/env python3
"""Held-out corpus: PDFs fujian has never been tuned on, each with its expected JSON.

    python samples/holdout/make_holdout.py [name-prefix]

Deterministic (fixed content, fixed per-file options, seeded choices): rewrites the PDFs and
`<name>.expected.json` in samples/holdout/. Independent of samples/generate.

Drawing routes
- `canvas`:  reportlab canvas, every cell drawn by hand (merged cells, vertical centring, page
             breaks anywhere — also inside a level-2 span —, optional ruling, repeated header).
             Read back cell by cell with pdfplumber (each drawn text box must canonicalise to
             the expected value).
- `platypus`: reportlab platypus Tables (SPAN + VALIGN MIDDLE, repeatRows), split by reportlab.
- `html`:    an HTML table (rowspan/colspan, vertical-align:middle) converted by LibreOffice
             (`soffice --convert-to pdf`).
- `xlsx`:    an openpyxl workbook (merged cells, wrap, centred) converted by LibreOffice Calc.
- `docx`:    a python-docx table (merged cells, vertical centre) converted by LibreOffice Writer.
  platypus/html/xlsx/docx are read back by walking pdfplumber's ruled tables: every header value,
  level-3 and target must appear as a cell, in order.

Expected JSON holds the fields /work/shared/score.py compares (title, table_title, amount_unit,
header fields, extra_fields, indicators); `pages`/`page` are not written.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import holdout_content as C  # noqa: E402

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
pdfmetrics.registerFont(TTFont("WQY", WQY, subfontIndex=0))

# ---------------------------------------------------------------- canonical text (SPEC.md)

_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201f]")


def _is_cjk(ch: str) -> bool:
    if not _CJK.match(ch):
        return False
    o = ord(ch)
    # full-width digits/letters are ASCII after canonicalisation, not CJK
    return not (0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or o == 0xFF05)


def fold(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A or o == 0xFF05:
            out.append(chr(o - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def canon(s: str | None) -> str | None:
    if s is None:
        return None
    s = fold(s)
    parts = re.split(r"(\s+)", s.strip())
    out = ""
    for i, p in enumerate(parts):
        if i % 2 == 0:
            out += p
            continue
        a, b = parts[i - 1][-1:], parts[i + 1][:1]
        if _is_cjk(a) or _is_cjk(b) or ("\n" in p and a.isdigit() and b.isdigit()):
            continue
        out += " "
    return out or None


def to_fullwidth(s: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isascii() and (ch.isalnum() or ch == "%") else ch for ch in s)


# ---------------------------------------------------------------- options per file

@dataclass
class Style:
    route: str = "canvas"             # canvas | platypus | html | xlsx | docx
    orientation: str = "portrait"
    font: str = "STSong-Light"
    size: float = 10.5
    cols: tuple = (0.18, 0.2, 0.37, 0.25)  # column width fractions
    align: str = "center"             # value/indicator text alignment: left | center
    header: str = "4col"              # 4col | 2col | 2col_wide
    amount_label: str = "项目年度金额"
    goal_label: str = "年度总体绩效目标"
    target_header: str = "绩效值"
    unit: str = "万元"
    unit_line: str = "单位：{u}"
    funding: bool = False             # 其中：财政拨款 / 其他资金 sub-rows
    funding_labels: tuple = ("其中：财政拨款", "其他资金")
    codes: str = "ascii"              # ascii | fullwidth | none
    l2_suffix: bool = False           # 经济效益 → 经济效益指标
    fullwidth_targets: bool = False
    spaced_labels: bool = False       # 项 目 名 称
    title_split: bool = False         # 「附件3」 alone, title text on the next line
    attach_no: int = 3
    table_title: str = "部门项目支出预算绩效目标表"
    ruled: object = True              # True | False | set of pages without ruling
    new_page_per_project: bool = True
    breaks: tuple = ()                # (project index, indicator index) → page break before it
    repeat_header: bool = False       # repeat 一级指标… row on a continuation page
    split_text: str = "first"         # where a split merged cell prints its text: first | both | centre
    page_numbers: bool = False
    narrow_value_cols: bool = False   # 4col header: value columns narrow (long values wrap)
    merge_l1: bool = True


@dataclass
class Spec:
    name: str
    trait: str
    dept: C.Dept
    style: Style
    projects: tuple = ()              # indexes into dept.projects; () = all


# ---------------------------------------------------------------- the logical grid of one project

@dataclass
class Cell:
    row: int
    col: int
    text: str | None                  # printed text
    kind: str                         # label | value | head | l1 | l2 | l3 | target
    rowspan: int = 1
    colspan: int = 1


def label(st: Style, text: str) -> str:
    if st.spaced_labels and len(text) <= 4 and "：" not in text:
        return " ".join(text)
    return text


def level_text(st: Style, code: str, name: str) -> str:
    if st.codes == "none":
        return name
    if st.codes == "fullwidth":
        return f"{to_fullwidth(code)}－{name}"
    return f"{code}-{name}"


def l2_name(st: Style, code: str) -> str:
    n = C.L2_NAMES[code]
    if st.l2_suffix and code[0] == "2" and not n.endswith("指标"):
        n += "指标"
    return n


def funding_split(p: C.Project, unit: str, rng: random.Random) -> list[tuple[str, str]]:
    total = p.amount
    own = round(total * rng.choice([0.6, 0.75, 0.8, 1.0]), 2)
    other = round(total - own, 2)
    fmt = (lambda v: f"{v:.2f}")
    return [(None, fmt(own)), (None, fmt(other))]


def project_header(st: Style, p: C.Project, rng: random.Random) -> tuple[list[tuple[str, str]], dict]:
    """The header (label, printed value) pairs in print order, and the expected extra_fields."""
    pairs = [("项目名称", p.name), ("主管部门", p.department), ("实施单位", p.unit), ("项目属性", p.ptype),
             ("项目期限", p.duration), ("项目主管处室", p.office), (st.amount_label, p.amount_text)]
    extra = {}
    if st.funding:
        vals = funding_split(p, st.unit, rng)
        for lab, (_, v) in zip(st.funding_labels, vals):
            pairs.append((lab, v))
            extra[canon(lab)] = canon(v)
    for lab, v in p.extras:
        pairs.append((lab, v))
        extra[canon(lab)] = canon(v)
    pairs.append((st.goal_label, p.goal))
    return pairs, extra


def project_grid(st: Style, p: C.Project, rng: random.Random):
    pairs, extra = project_header(st, p, rng)
    cells: list[Cell] = []
    r = 0
    full = {"项目名称", st.goal_label}
    if st.header == "4col":
        i = 0
        while i < len(pairs):
            lab, v = pairs[i]
            nxt = pairs[i + 1] if i + 1 < len(pairs) else None
            if lab in full or nxt is None or nxt[0] in full:
                cells += [Cell(r, 0, label(st, lab), "label"), Cell(r, 1, v, "value", colspan=3)]
                i += 1
            else:
                cells += [Cell(r, 0, label(st, lab), "label"), Cell(r, 1, v, "value"),
                          Cell(r, 2, label(st, nxt[0]), "label"), Cell(r, 3, nxt[1], "value")]
                i += 2
            r += 1
    else:
        for lab, v in pairs:
            if st.header == "2col_wide":
                cells += [Cell(r, 0, label(st, lab), "label", colspan=2), Cell(r, 2, v, "value", colspan=2)]
            else:
                cells += [Cell(r, 0, label(st, lab), "label"), Cell(r, 1, v, "value", colspan=3)]
            r += 1
    head_row = r
    for c, t in enumerate(["一级指标", "二级指标", "三级指标", st.target_header]):
        cells.append(Cell(r, c, t, "head"))
    r += 1
    first_ind_row = r
    inds = p.inds
    expected = []
    i = 0
    while i < len(inds):
        l1 = inds[i][0][0]
        j = i
        while j < len(inds) and inds[j][0][0] == l1:
            j += 1
        l1_text = level_text(st, l1, C.L1_NAMES[l1])
        if st.merge_l1:
            cells.append(Cell(r + (i - i), 0, l1_text, "l1", rowspan=j - i))
        k = i
        while k < j:
            l2 = inds[k][0]
            m = k
            while m < j and inds[m][0] == l2:
                m += 1
            cells.append(Cell(r + (k - i), 1, level_text(st, l2, l2_name(st, l2)), "l2", rowspan=m - k))
            k = m
        for n in range(i, j):
            code, l3, tgt = inds[n]
            rr = r + (n - i)
            if not st.merge_l1:
                cells.append(Cell(rr, 0, l1_text, "l1"))
            tprint = to_fullwidth(tgt) if (tgt and st.fullwidth_targets) else tgt
            cells.append(Cell(rr, 2, l3, "l3"))
            cells.append(Cell(rr, 3, tprint, "target"))
            expected.append({
                "level1_code": None if st.codes == "none" else l1, "level1": C.L1_NAMES[l1],
                "level2_code": None if st.codes == "none" else code, "level2": l2_name(st, code),
                "level3": canon(l3), "target": canon(tgt)})
        r += j - i
        i = j
    cells.sort(key=lambda c: (c.row, c.col))
    header_exp = {
        "project_name": canon(p.name), "department": canon(p.department), "implementing_unit": canon(p.unit),
        "project_type": canon(p.ptype), "duration": canon(p.duration), "managing_office": canon(p.office),
        "annual_amount": p.amount, "overall_goal": canon(p.goal)}
    return cells, r, head_row, first_ind_row, header_exp, extra, expected


# ---------------------------------------------------------------- wrapping

def tokens(text: str) -> list[str]:
    """CJK characters one by one; runs of anything else (numbers, ≥90%, ASCII words) whole."""
    out, run = [], ""
    for ch in text:
        if _is_cjk(ch):
            if run:
                out.append(run)
                run = ""
            out.append(ch)
        else:
            run += ch
    if run:
        out.append(run)
    return out


def wrap(text: str | None, font: str, size: float, width: float) -> list[str]:
    if not text:
        return []
    if " " in text and not any(_is_cjk(c) for c in text.replace(" ", "")):
        return [text]
    lines, cur = [], ""
    for tok in tokens(text):
        if cur and pdfmetrics.stringWidth(cur + tok, font, size) > width:
            lines.append(cur)
            cur = tok
        else:
            cur += tok
    if cur:
        lines.append(cur)
    return lines


# ---------------------------------------------------------------- route: canvas

PAD = 3.0


@dataclass
class Drawn:
    page: int
    bbox: tuple                       # pdfplumber (x0, top, x1, bottom)
    text: str


def render_canvas(spec: Spec, path: Path, projects, title_lines) -> list[Drawn]:
    """Two passes: the first lays out (pages, row positions), the second draws page by page."""
    st = spec.style
    pw, ph = landscape(A4) if st.orientation == "landscape" else A4
    layout = _layout(spec, projects, title_lines, pw, ph)
    cv = rl_canvas.Canvas(str(path), pagesize=(pw, ph), invariant=1)
    cv.setTitle(spec.name)
    lead = st.size * 1.35
    checks = []

    def text_block(x0, x1, top, bottom, lines, align, size=None):  # vertically centred lines
        size = size or st.size
        cv.setFont(st.font, size)
        n = len(lines)
        cy = (top + bottom) / 2
        base = cy + n * lead / 2 - lead + (lead - size) / 2 + size * 0.15
        for i, ln in enumerate(lines):
            w = pdfmetrics.stringWidth(ln, st.font, size)
            x = x0 + PAD if align == "left" else (x0 + x1 - w) / 2
            cv.drawString(x, base - i * lead, ln)

    for pg in range(1, layout["pages"] + 1):
        for op in layout["ops"].get(pg, []):
            kind = op[0]
            if kind == "text":
                _, x, yb, s, size, how = op
                cv.setFont(st.font, size)
                {"left": cv.drawString, "centre": cv.drawCentredString, "right": cv.drawRightString}[how](x, yb, s)
            elif kind == "cell":
                _, c, x0, x1, top, bot, show, lines, open_top, open_bottom = op
                if st.ruled is True or (st.ruled is not False and pg not in st.ruled):
                    cv.setLineWidth(0.6)
                    cv.line(x0, top, x0, bot)
                    cv.line(x1, top, x1, bot)
                    if not open_top or st.split_text != "centre":
                        cv.line(x0, top, x1, top)
                    if not open_bottom or st.split_text != "centre":
                        cv.line(x0, bot, x1, bot)
                if show and lines:
                    align = "center" if c.kind in ("label", "head", "l1", "l2") else st.align
                    text_block(x0, x1, top, bot, lines, align)
                    checks.append(Drawn(pg, (x0, ph - top, x1, ph - bot), c.text))
        if st.page_numbers:
            cv.setFont(st.font, 9)
            cv.drawCentredString(pw / 2, 28, f"- {pg} -")
        cv.showPage()
    cv.save()
    return checks


def _layout(spec: Spec, projects, title_lines, pw, ph) -> dict:
    st = spec.style
    margin_x, margin_top, margin_bottom = 50, 50, 55
    tw = pw - 2 * margin_x
    xs = [margin_x]
    for f in st.cols:
        xs.append(xs[-1] + f * tw)
    lead = st.size * 1.35
    ops: dict[int, list] = {}
    page = 1
    y = ph - margin_top

    def emit(op):
        ops.setdefault(page, []).append(op)

    def new_page():
        nonlocal page, y
        page += 1
        y = ph - margin_top

    for t in title_lines:
        emit(("text", margin_x + (tw - pdfmetrics.stringWidth(t, st.font, st.size + 4)) / 2 if len(t) > 4 else margin_x,
              y - st.size - 4, t, st.size + 4, "left"))
        y -= (st.size + 4) * 1.7
    y -= 4
    for pi, (cells, nrows, head_row, first_ind, *_rest) in enumerate(projects):
        h = [0.0] * nrows
        wraps = {}
        for c in cells:
            w = xs[c.col + c.colspan] - xs[c.col] - 2 * PAD - 1
            lines = wrap(c.text, st.font, st.size, w)
            wraps[id(c)] = lines
            if c.rowspan == 1:
                h[c.row] = max(h[c.row], max(1, len(lines)) * lead + 2 * PAD + 3)
        for c in cells:
            if c.rowspan > 1:
                need = max(1, len(wraps[id(c)])) * lead + 2 * PAD + 3
                have = sum(h[c.row:c.row + c.rowspan])
                if have < need:
                    h[c.row + c.rowspan - 1] += need - have
        title_h = (st.size + 5) * 1.8 + st.size * 1.8
        if pi > 0:
            if st.new_page_per_project or y - title_h - sum(h[:head_row + 3]) < margin_bottom:
                new_page()
            else:
                y -= 20
        emit(("text", pw / 2, y - st.size - 5, st.table_title, st.size + 5, "centre"))
        y -= (st.size + 5) * 1.8
        emit(("text", xs[-1], y - st.size, st.unit_line.format(u=st.unit), st.size, "right"))
        y -= st.size * 1.8
        pos = {}
        forced = {first_ind + k for (p_, k) in st.breaks if p_ == pi}
        for r in range(nrows):
            if r in forced or y - h[r] < margin_bottom:
                new_page()
                if st.repeat_header and r >= first_ind:
                    hh = h[head_row]
                    for c in cells:
                        if c.row == head_row:
                            emit(("cell", c, xs[c.col], xs[c.col + c.colspan], y, y - hh, True, wraps[id(c)],
                                  False, False))
                    y -= hh
            pos[r] = (page, y, y - h[r])
            y -= h[r]
        for c in cells:
            parts = []
            for r in range(c.row, c.row + c.rowspan):
                pg, top, bot = pos[r]
                if parts and parts[-1][0] == pg:
                    parts[-1][2] = bot
                else:
                    parts.append([pg, top, bot])
            if len(parts) == 1 or st.split_text == "both":
                show = set(range(len(parts)))
            elif st.split_text == "first":
                show = {0}
            else:
                total, acc, show = sum(h[c.row:c.row + c.rowspan]), 0.0, {len(parts) - 1}
                for k, (pg, top, bot) in enumerate(parts):
                    acc += top - bot
                    if acc >= total / 2:
                        show = {k}
                        break
            for k, (pg, top, bot) in enumerate(parts):
                ops.setdefault(pg, []).append(("cell", c, xs[c.col], xs[c.col + c.colspan], top, bot, k in show,
                                               wraps[id(c)], k > 0, k < len(parts) - 1))
    return {"pages": page, "ops": ops}


def check_drawn(path: Path, checks: list[Drawn]) -> None:
    bad = []
    with pdfplumber.open(path) as pdf:
        for d in checks:
            pg = pdf.pages[d.page - 1]
            x0, top, x1, bot = d.bbox
            got = canon(pg.within_bbox((x0 + 0.5, top + 0.5, x1 - 0.5, bot - 0.5)).extract_text())
            if got != canon(d.text):
                bad.append(f"p{d.page} {tuple(round(v) for v in d.bbox)}: {got!r} != {canon(d.text)!r}")
    if bad:
        raise SystemExit(f"{path.name}: read-back mismatch: " + "; ".join(bad[:6]) + f" ({len(bad)})")


# ---------------------------------------------------------------- route: platypus

def render_platypus(spec: Spec, path: Path, projects, title_lines) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    st = spec.style
    pw, ph = landscape(A4) if st.orientation == "landscape" else A4
    doc = SimpleDocTemplate(str(path), pagesize=(pw, ph), leftMargin=50, rightMargin=50, topMargin=50,
                            bottomMargin=50, title=spec.name, invariant=1)
    tw = pw - 100
    widths = [f * tw for f in st.cols]
    lead = st.size * 1.35
    ps = {a: ParagraphStyle(a, fontName=st.font, fontSize=st.size, leading=lead, wordWrap="CJK",
                            alignment=0 if a == "left" else 1) for a in ("left", "center")}
    title = ParagraphStyle("t", fontName=st.font, fontSize=st.size + 4, leading=(st.size + 4) * 1.5)
    ttitle = ParagraphStyle("tt", fontName=st.font, fontSize=st.size + 5, leading=(st.size + 5) * 1.6, alignment=1)
    unit = ParagraphStyle("u", fontName=st.font, fontSize=st.size, leading=st.size * 1.6, alignment=2)
    story = [Paragraph(t, title) for t in title_lines] + [Spacer(1, 6)]

    def para(c):
        if not c.text:
            return ""
        w = sum(widths[c.col:c.col + c.colspan]) - 2 * 4 - 2
        lines = wrap(c.text, st.font, st.size, w)
        align = "center" if c.kind in ("label", "head", "l1", "l2") else st.align
        return Paragraph("<br/>".join(lines), ps[align])

    def table(cells, rows, repeat):
        r0 = rows[0]
        data = [[""] * 4 for _ in rows]
        style = [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
        for c in cells:
            if c.row in rows:
                data[c.row - r0][c.col] = para(c)
                if c.rowspan > 1 or c.colspan > 1:
                    style.append(("SPAN", (c.col, c.row - r0), (c.col + c.colspan - 1, c.row - r0 + c.rowspan - 1)))
        return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=repeat)

    for pi, (cells, nrows, head_row, first_ind, *_rest) in enumerate(projects):
        if pi > 0:
            story.append(PageBreak() if st.new_page_per_project else Spacer(1, 18))
        story += [Paragraph(st.table_title, ttitle), Paragraph(st.unit_line.format(u=st.unit), unit)]
        story.append(table(cells, list(range(0, head_row)), 0))
        story.append(table(cells, list(range(head_row, nrows)), 1 if st.repeat_header else 0))
    doc.build(story)


# ---------------------------------------------------------------- routes through LibreOffice

def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_html(spec: Spec, path: Path, projects, title_lines) -> None:
    st = spec.style
    css = (f"body{{font-family:'Noto Serif CJK SC';font-size:{round(st.size)}pt}} "
           "table{border-collapse:collapse} td{border:1px solid #000;vertical-align:middle;padding:2pt}")
    out = [f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    for t in title_lines:
        out.append(f"<p style='font-size:{round(st.size) + 4}pt'>{_esc(t)}</p>")
    for pi, (cells, nrows, head_row, first_ind, *_rest) in enumerate(projects):
        brk = " style='page-break-before:always'" if pi > 0 and st.new_page_per_project else ""
        out.append(f"<p align='center'{brk}><font size='5'>{_esc(st.table_title)}</font></p>")
        out.append(f"<p align='right'>{_esc(st.unit_line.format(u=st.unit))}</p>")
        out.append("<table width='100%' cellspacing='0' cellpadding='3' border='1'>")
        out.append("".join(f"<col width='{round(f * 100)}%'>" for f in st.cols))
        for r in range(nrows):
            if st.repeat_header and r == head_row:
                out.append("<thead>")
            out.append("<tr>")
            for c in cells:
                if c.row != r:
                    continue
                align = "center" if c.kind in ("label", "head", "l1", "l2") else st.align
                span = (f" rowspan='{c.rowspan}'" if c.rowspan > 1 else "") + (
                    f" colspan='{c.colspan}'" if c.colspan > 1 else "")
                out.append(f"<td{span} align='{align}' valign='middle'>{_esc(c.text or '')}</td>")
            out.append("</tr>")
            if st.repeat_header and r == head_row:
                out.append("</thead>")
        out.append("</table>")
    out.append("</body></html>")
    _soffice(path, "".join(out), ".html")


def render_xlsx(spec: Spec, path: Path, projects, title_lines) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.pagebreak import Break

    st = spec.style
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    total_chars = 100 if st.orientation == "landscape" else 72
    for i, f in enumerate(st.cols):
        ws.column_dimensions["ABCD"[i]].width = f * total_chars
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="Noto Serif CJK SC", size=st.size)
    r = 1
    for t in title_lines:
        ws.cell(r, 1, t).font = Font(name="Noto Serif CJK SC", size=st.size + 4)
        r += 1
    for pi, (cells, nrows, head_row, first_ind, *_rest) in enumerate(projects):
        if pi > 0 and st.new_page_per_project:
            ws.row_breaks.append(Break(id=r - 1))
        ws.cell(r, 1, st.table_title).font = Font(name="Noto Serif CJK SC", size=st.size + 5)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        r += 1
        ws.cell(r, 4, st.unit_line.format(u=st.unit)).alignment = Alignment(horizontal="right")
        ws.cell(r, 4).font = font
        r += 1
        base = r
        heights = [1] * nrows
        for c in cells:
            chars = sum(st.cols[c.col:c.col + c.colspan]) * total_chars / 2.1
            n = max(1, -(-len(c.text or "") // max(1, int(chars))))
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], n)
        for c in cells:
            cell = ws.cell(base + c.row, c.col + 1, c.text)
            cell.font = font
            align = "center" if c.kind in ("label", "head", "l1", "l2") else st.align
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(start_row=base + c.row, start_column=c.col + 1,
                               end_row=base + c.row + c.rowspan - 1, end_column=c.col + c.colspan)
        for k in range(nrows):
            ws.row_dimensions[base + k].height = heights[k] * st.size * 1.45 + 6
            for col in range(1, 5):
                ws.cell(base + k, col).border = border
        for (p_, k) in st.breaks:
            if p_ == pi:
                ws.row_breaks.append(Break(id=base + first_ind + k - 1))
        r = base + nrows + 1
    ws.page_setup.orientation = st.orientation
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    with tempfile.TemporaryDirectory() as td:
        x = Path(td) / (path.stem + ".xlsx")
        wb.save(x)
        _soffice_file(x, path)


def render_docx(spec: Spec, path: Path, projects, title_lines) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    st = spec.style
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    if st.orientation == "landscape":
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.left_margin = sec.right_margin = Mm(18)
    sec.top_margin = sec.bottom_margin = Mm(18)
    usable = (297 if st.orientation == "landscape" else 210) - 36

    def run(par, text, size):
        r = par.add_run(text)
        r.font.size = Pt(size)
        r.font.name = "Noto Serif CJK SC"
        r._element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
        return r

    for t in title_lines:
        run(doc.add_paragraph(), t, st.size + 4)
    for pi, (cells, nrows, head_row, first_ind, *_rest) in enumerate(projects):
        p = doc.add_paragraph()
        if pi > 0 and st.new_page_per_project:
            p.add_run().add_break(WD_BREAK.PAGE)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(p, st.table_title, st.size + 5)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run(p, st.unit_line.format(u=st.unit), st.size)
        table = doc.add_table(rows=nrows, cols=4)
        table.style = "Table Grid"
        for i, f in enumerate(st.cols):
            for row in table.rows:
                row.cells[i].width = Mm(usable * f)
        for c in cells:
            cell = table.cell(c.row, c.col)
            if c.rowspan > 1 or c.colspan > 1:
                cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            par = cell.paragraphs[0]
            align = "center" if c.kind in ("label", "head", "l1", "l2") else st.align
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
            if c.text:
                run(par, c.text, st.size)
    with tempfile.TemporaryDirectory() as td:
        x = Path(td) / (path.stem + ".docx")
        doc.save(x)
        _soffice_file(x, path)


def _soffice(path: Path, text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as td:
        src = Path(td) / (path.stem + suffix)
        src.write_text(text, encoding="utf-8")
        _soffice_file(src, path)


def _soffice_file(src: Path, path: Path) -> None:
    td = src.parent
    # HTML through the Writer (not Writer/Web) import filter: Writer/Web drops the first
    # paragraph and emits an empty first page for some documents.
    infilter = ["--infilter=HTML (StarWriter)"] if src.suffix == ".html" else []
    subprocess.run(["soffice", f"-env:UserInstallation=file://{td}/profile", "--headless", *infilter,
                    "--convert-to", "pdf", "--outdir", str(td), str(src)], check=True, capture_output=True,
                   timeout=180)
    shutil.copy(td / (src.stem + ".pdf"), path)


def check_tables(path: Path, expected: dict) -> None:
    """Every header value / level-3 / target of the expected JSON is a table cell, in order."""
    cells = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for t in page.find_tables():
                for row in t.extract():
                    cells += [canon(c) for c in row if c]
    at = 0
    for p in expected["projects"]:
        wants = [p[k] for k in ("project_name", "department", "implementing_unit", "project_type", "duration",
                                "managing_office", "overall_goal")] + list(p["extra_fields"].values())
        for w in wants:
            if w not in cells:
                raise SystemExit(f"{path.name}: header value {w!r} is not a table cell")
        for ind in p["indicators"]:
            for w in (ind["level3"], ind["target"]):
                if w is None:
                    continue
                try:
                    at = cells.index(w, at) + 1
                except ValueError:
                    raise SystemExit(f"{path.name}: {w!r} not found as a cell after position {at}")


# ---------------------------------------------------------------- the corpus

def S(**k):
    return Style(**k)


SPECS = [
    Spec("canvas_police_portrait_4col_newcost", "canvas, portrait, 4-col header, centred text, 10.5pt; newer "
         "4-成本指标 with 41/42/43; level-1 merged and vertically centred; amounts `125.00`/`38.6`",
         C.POLICE, S()),
    Spec("canvas_housing_landscape_2col_oldcost", "canvas, landscape, 2-col header (label | value×3), left-aligned "
         "values, 11pt; older 14-成本指标 under 1-产出指标; `1,200.5`; three projects flowing 2 to a page",
         C.HOUSING, S(font="WQY", orientation="landscape", header="2col", align="left", size=11, cols=(0.16, 0.18, 0.42, 0.24),
                      new_page_per_project=False)),
    Spec("canvas_water_break_inside_level2_no_repeat", "canvas; the table breaks inside the 11-数量指标 span "
         "(2 rows on page 1, 1 on page 2), no repeated header; split merged cells print their text in the first "
         "part only; `21-经济效益` with empty level-3/target", C.WATER,
         S(font="WQY", size=10, breaks=((0, 2),), split_text="first")),
    Spec("canvas_water_break_repeat_header_centre_label", "canvas; break inside the 12-质量指标 span with the "
         "一级指标 row repeated; split merged cells open at the break and print their text only on the page "
         "holding the span's centre (Excel-like); 12pt", C.WATER,
         S(size=12, breaks=((0, 4),), repeat_header=True, split_text="centre", cols=(0.17, 0.19, 0.38, 0.26))),
    Spec("canvas_culture_fullwidth_codes_funding", "canvas; codes with full-width digits and hyphen "
         "(`１－产出指标`, `１１－数量指标`), targets with full-width digits (`≥１２０场`), `项目资金` with "
         "sub-rows `其中：财政拨款`/`其他资金` (extra_fields)", C.CULTURE,
         S(codes="fullwidth", fullwidth_targets=True, amount_label="项目资金", funding=True, size=10)),
    Spec("canvas_medical_no_ruling_no_codes", "canvas, no ruling lines on any page; level labels without codes "
         "(`产出指标`, `数量指标`); 9pt, left-aligned values", C.MEDICAL,
         S(ruled=False, codes="none", size=9, align="left", cols=(0.16, 0.2, 0.4, 0.24))),
    Spec("canvas_transport_continuation_page_unruled", "canvas; project 1's table continues onto page 2 which has "
         "no ruling lines (page 1 ruled); the break falls before 2-效益指标 (no repeated header), project 2 "
         "follows on the unruled page", C.TRANSPORT,
         S(ruled={2}, breaks=((0, 6),), split_text="both", new_page_per_project=False)),
    Spec("canvas_market_title_split_synonyms", "canvas; 「附件3」 alone on the first line, title text on the next; "
         "`年度资金总额` and `年度绩效目标` labels; `1,200.5`; a very long 实施单位 wrapping in a narrow value column",
         C.MARKET, S(font="WQY", title_split=True, amount_label="年度资金总额", goal_label="年度绩效目标",
                     cols=(0.2, 0.22, 0.28, 0.3))),
    Spec("canvas_emergency_yuan_extra_labels", "canvas; `单位：元` with `560000.00`; extra header labels "
         "`项目编码`/`项目负责人` (extra_fields); `年度资金总额`; the 4-col header pairs the extras", C.EMERGENCY,
         S(unit="元", amount_label="年度资金总额", size=10)),
    Spec("canvas_hrss_narrow_columns_9pt", "canvas, 9pt, narrow level-3/target columns: level-3, targets, "
         "主管部门/实施单位 values and 年度总体绩效目标 wrap to 2–4 lines", C.HRSS,
         S(font="WQY", size=9, cols=(0.15, 0.17, 0.14, 0.54), header="4col", align="left")),
    Spec("canvas_four_projects_flowing", "canvas; four projects from two departments flowing several to a "
         "page, 12pt, `项目年度金额` label, page numbers `- 1 -` at the foot", C.Dept("隆德县", "隆德县",
                                                                                   C.JUSTICE.projects + C.MEDICAL.projects),
         S(size=12, new_page_per_project=False, page_numbers=True, cols=(0.17, 0.2, 0.45, 0.18))),
    Spec("canvas_spaced_labels_unit_in_label", "canvas; labels printed letter-spaced (`项 目 名 称`), amount "
         "label `项目年度金额（万元）`, target header `指标值`, `金额单位：万元`; level-1 printed in every row "
         "(not merged)", C.VETERANS,
         S(spaced_labels=True, amount_label="项目年度金额（万元）", target_header="指标值",
           unit_line="金额单位：{u}", merge_l1=False)),
    Spec("canvas_ecology_l2_suffix_empty_rows", "canvas, landscape; level-2 names with 指标 suffix "
         "(`23-生态效益指标`), `21-经济效益指标` rows with empty level-3/target in both projects; 2-col header "
         "with the label spanning two columns", C.ECOLOGY,
         S(font="WQY", orientation="landscape", l2_suffix=True, header="2col_wide", cols=(0.14, 0.18, 0.4, 0.28))),
    Spec("platypus_justice_span_valign", "reportlab platypus Tables (SPAN, VALIGN MIDDLE), header table and "
         "indicator table stacked; portrait, 10pt, each project on its own page", C.JUSTICE, S(route="platypus", size=10)),
    Spec("platypus_sports_split_repeat_rows", "platypus, 12pt, long indicator table split by reportlab across "
         "pages with repeatRows (一级指标 row repeated); `项目资金`; two projects flowing", C.TOURISM_SPORTS,
         S(route="platypus", size=12, repeat_header=True, amount_label="项目资金", new_page_per_project=False,
           cols=(0.17, 0.2, 0.36, 0.27))),
    Spec("platypus_hospital_landscape_funding", "platypus, landscape, 2-col header, `其中：财政拨款`/`其中：其他资金` "
         "sub-rows, `21-经济效益` empty row, projects flowing on one page", C.HOSPITAL,
         S(route="platypus", orientation="landscape", header="2col", funding=True,
           funding_labels=("其中：财政拨款", "其中：其他资金"), new_page_per_project=False, align="left")),
    Spec("html_hrss_libreoffice", "HTML table (rowspan/colspan, vertical-align middle) → LibreOffice Writer PDF; "
         "portrait, 4-col header, each project on a new page", C.HRSS, S(route="html", size=10)),
    Spec("html_agri_fullwidth_synonyms", "HTML → LibreOffice; full-width codes, `年度资金总额`, `年度绩效目标`, "
         "full-width digits in targets; 「附件2」 title split over two lines", C.AGRI_MACHINE,
         S(route="html", codes="fullwidth", fullwidth_targets=True, amount_label="年度资金总额",
           goal_label="年度绩效目标", title_split=True, attach_no=2)),
    Spec("html_police_flowing_thead", "HTML → LibreOffice; both projects in one flow, 11pt; project 2's title and "
         "LibreOffice makes every row up to the <thead> 一级指标 row a repeating heading, so page 2 "
         "repeats project 2's whole header block above its continuation rows", C.POLICE,
         S(route="html", size=11, new_page_per_project=False, repeat_header=True)),
    Spec("xlsx_transport_landscape_break", "openpyxl sheet → LibreOffice Calc PDF, landscape, merged cells, a "
         "manual page break inside project 1's indicator rows", C.TRANSPORT,
         S(route="xlsx", orientation="landscape", breaks=((0, 4),), size=11)),
    Spec("docx_veterans_word_no_codes", "python-docx table (merged cells, vertical centre) → LibreOffice; "
         "landscape; level labels without codes; 2-col header; target header `年度指标值`; 9.5pt",
         C.VETERANS, S(route="docx", orientation="landscape", codes="none", header="2col", target_header="年度指标值",
                      size=9.5, cols=(0.15, 0.2, 0.4, 0.25))),
    Spec("canvas_police_unruled_break_repeat_header", "canvas, no ruling lines; project 1's table breaks inside "
         "the 11-数量指标 span (1 row | 1 row) with the 一级指标 row repeated on page 2; split labels printed in "
         "both parts", C.POLICE, S(ruled=False, breaks=((0, 1),), repeat_header=True, split_text="both", size=10.5,
                                   cols=(0.16, 0.22, 0.38, 0.24))),
    Spec("canvas_hospital_landscape_single_extras", "canvas, landscape, 2-col header with the label spanning two "
         "columns; one funding sub-row `其中：财政拨款`; `21-经济效益` empty row; 10pt; projects flowing (project 2 on page 2)",
         C.HOSPITAL, S(orientation="landscape", header="2col_wide", funding=True, funding_labels=("其中：财政拨款",),
                       new_page_per_project=False, size=10, cols=(0.12, 0.16, 0.42, 0.3), font="WQY")),
    Spec("canvas_sports_narrow_label_columns_12pt", "canvas, 12pt, narrow first two columns: header labels "
         "(`项目主管处室`, `年度总体绩效目标`), the 主管部门 value and level-2 cells (`31-服务对象满意度`) wrap "
         "to 2–3 lines inside ruled cells; two projects flowing", C.TOURISM_SPORTS,
         S(size=12, cols=(0.13, 0.13, 0.37, 0.37), new_page_per_project=False, font="WQY")),
]


def title_for(spec: Spec) -> tuple[str, list[str]]:
    st = spec.style
    text = f"{spec.dept.name}2025年项目支出预算绩效目标表" if spec.dept.name.endswith(("局", "分局")) \
        else f"{spec.dept.county}2025年部门项目支出预算绩效目标表"
    head = f"附件{st.attach_no}"
    if st.title_split:
        return f"{head}：{text}", [head, text]
    return f"{head}：{text}", [f"{head}：{text}"]


def build(spec: Spec) -> None:
    rng = random.Random(spec.name)
    st = spec.style
    plist = [spec.dept.projects[i] for i in spec.projects] if spec.projects else spec.dept.projects
    projects = [project_grid(st, p, rng) for p in plist]
    title, title_lines = title_for(spec)
    pdf = HERE / f"{spec.name}.pdf"
    exp_projects = []
    for seq, (cells, nrows, head_row, first_ind, header_exp, extra, inds) in enumerate(projects, 1):
        exp_projects.append({"seq": seq, "table_title": st.table_title, "amount_unit": st.unit, **header_exp,
                             "extra_fields": extra, "indicators": inds})
    expected = {"schema_version": 1, "source": {"file": pdf.name, "format": "pdf"}, "title": canon(title),
                "projects": exp_projects, "tables": [], "warnings": []}
    if st.route == "canvas":
        checks = render_canvas(spec, pdf, projects, title_lines)
        check_drawn(pdf, checks)
    elif st.route == "platypus":
        render_platypus(spec, pdf, projects, title_lines)
        check_tables(pdf, expected)
    elif st.route == "html":
        render_html(spec, pdf, projects, title_lines)
        check_tables(pdf, expected)
    elif st.route == "docx":
        render_docx(spec, pdf, projects, title_lines)
        check_tables(pdf, expected)
    else:
        render_xlsx(spec, pdf, projects, title_lines)
        check_tables(pdf, expected)
    data = pdf.read_bytes()
    with pdfplumber.open(pdf) as doc:
        n = len(doc.pages)
    expected["source"].update({"sha256": hashlib.sha256(data).hexdigest(), "pages": n})
    (HERE / f"{spec.name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
    size = len(data) // 1024
    print(f"{pdf.name}: {n} pages, {size} KB, {len(exp_projects)} projects")
    if len(data) > 150 * 1024:
        raise SystemExit(f"{pdf.name} is {size} KB (> 150 KB)")


def main(argv):
    prefix = argv[1] if len(argv) > 1 else ""
    for spec in SPECS:
        if spec.name.startswith(prefix):
            build(spec)


if __name__ == "__main__":
    main(sys.argv)
