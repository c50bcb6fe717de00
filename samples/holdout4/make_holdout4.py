#!/usr/bin/env python3
"""Fourth held-out corpus: what report systems (FineReport/帆软-style) and careless exporters produce.

    python samples/holdout4/make_holdout4.py [name-prefix]

Writes <stem>.pdf (and <stem>.expected.json when there is something to score) next to this file for
every entry of SPECS. Shares no code with samples/generate or the other holdout sets.

One small layout engine on the reportlab canvas (embedded WenQuanYi Zen Hei subset):
- a table is one grid (header block and indicator rows share the columns), built from rows of cells
  with colspan/rowspan; text wraps at CJK characters and between ASCII/number runs, explicit line
  breaks are honoured (vertical level-1 text), every cell is vertically centred;
- glyphs are drawn one text object per line, or one per character at its own position with uneven
  advances (report-system style);
- ruling as one line per cell side, or as many short segments per side that overlap or stop 0.5 pt
  apart, every cell drawing its own four sides (shared sides drawn twice, split differently);
- page sizes A4 portrait/landscape and A3 landscape with two tables side by side; pages drawn upside
  down (180° CTM, or /Rotate 180 on upright content); image-only pages with a page-number text layer.

Every PDF is read back with pdfplumber before its expected JSON is written: the chars inside every
drawn cell and free text line must spell its printed text (whitespace ignored), every cell side must
be covered by pdfplumber edges (gaps up to 0.6 pt), and the stray-space file must really hold
U+0020 / U+3000 / U+00A0 chars. A mismatch stops the run.
"""
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pdfplumber
import pikepdf
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
import holdout4_content as K  # noqa: E402

HERE = Path(__file__).resolve().parent
rl_config.invariant = 1
FONT = "H4Zen"
pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
# reportlab prints U+00A0 with the space's code; a no-break space is drawn as a space in a font of
# its own (the Sharp face of the same collection) whose /ToUnicode is then rewritten to U+00A0 (as Word/WPS exports carry it)
NBFONT = "H4ZenNB"
pdfmetrics.registerFont(TTFont(NBFONT, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=1))

A4 = (595.0, 842.0)
A4L = (842.0, 595.0)
A3L = (1191.0, 842.0)
TABLE_TITLE = "部门项目支出预算绩效目标表"
LABELS = {"project_name": "项目名称", "department": "主管部门", "implementing_unit": "实施单位",
          "project_type": "项目属性", "duration": "项目期限", "managing_office": "项目主管处室",
          "annual_amount": "项目年度金额", "overall_goal": "年度总体绩效目标"}
HEADER_KEYS = list(LABELS)


# --- cells and tables ------------------------------------------------------------------------
class Cell:
    def __init__(self, text, cs=1, rs=1, align="c"):
        self.text, self.cs, self.rs, self.align = text or "", cs, rs, align
        self.row = self.col = 0
        self.lines = []


def place(rows, ncols):
    """HTML-style placement: each row's cells fill the next free columns."""
    taken = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            cell.row, cell.col = r, c
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    taken.add((r + dr, c + dc))
            c += cell.cs
            out.append(cell)
        assert c <= ncols, (r, c, ncols)
    return out


TOKEN = re.compile(r"[A-Za-z0-9.%≥≤<>,/·~\-]+|\n|.")


def wrap(text, width, fs, slack):
    """Lines of `text` no wider than `width` (glyph advances × slack): breaks at CJK characters and
    around ASCII/number runs; explicit \\n honoured."""
    lines = []
    for para in text.split("\n"):
        line = ""
        for tok in TOKEN.findall(para):
            trial = line + tok
            if line and pdfmetrics.stringWidth(trial, FONT, fs) * slack > width:
                lines.append(line)
                line = tok.lstrip(" ")
            else:
                line = trial
        lines.append(line)
    return lines


class Style:
    def __init__(self, fs=10.0, lead=1.3, padh=3.0, padv=4.0, min_h=18.0, glyphs="line",
                 rules="lines", seg="mixed", lw=0.6, seed=0, min_piece=2.0):
        self.fs, self.lead, self.padh, self.padv, self.min_h = fs, lead * fs, padh, padv, min_h
        self.glyphs, self.rules, self.seg, self.lw = glyphs, rules, seg, lw
        self.min_piece = min_piece  # a side's last piece is at least this long (2 pt by default)
        self.rng = random.Random(seed)
        self.slack = 1.13 if glyphs == "perchar" else 1.0


def layout(cells, widths, st):
    nrows = max(c.row + c.rs for c in cells)
    for c in cells:
        w = sum(widths[c.col:c.col + c.cs]) - 2 * st.padh
        c.lines = wrap(c.text, w, st.fs, st.slack) if c.text else []
    heights = [st.min_h] * nrows
    for c in cells:
        if c.rs == 1:
            heights[c.row] = max(heights[c.row], len(c.lines) * st.lead + 2 * st.padv)
    for c in sorted(cells, key=lambda c: c.rs):
        if c.rs > 1:
            need = len(c.lines) * st.lead + 2 * st.padv
            have = sum(heights[c.row:c.row + c.rs])
            if need > have:
                heights[c.row + c.rs - 1] += need - have
    return heights


# --- drawing ---------------------------------------------------------------------------------
class Doc:
    """A canvas in top-left coordinates that records what it drew, page by page."""

    def __init__(self, path, size, st, flip=False):
        self.c = canvas.Canvas(str(path), pagesize=size)
        self.W, self.H = size
        self.st, self.flip = st, flip
        self.page = 1
        self.drawn = []  # (page, bbox, text) of every cell and free line
        self.sides = []  # (page, 'h'|'v', fixed, a, b)
        self._start()

    def _start(self):
        if self.flip:  # the whole page drawn upside down
            self.c.translate(self.W, self.H)
            self.c.rotate(180)

    def new_page(self):
        self.c.showPage()
        self.page += 1
        self._start()

    def text_line(self, s, x, base, fs):
        """One line at left x / baseline (top-left coordinates)."""
        c, st = self.c, self.st
        y = self.H - base
        if st.glyphs == "line":
            for i, run in enumerate(s.split("\u00a0")):
                if i:
                    c.setFont(NBFONT, fs)
                    c.drawString(x, y, " ")
                    x += pdfmetrics.stringWidth(" ", FONT, fs)
                c.setFont(FONT, fs)
                c.drawString(x, y, run)
                x += pdfmetrics.stringWidth(run, FONT, fs)
            return x
        for ch in s:  # report-system style: one text object per glyph, uneven advances
            adv = pdfmetrics.stringWidth(ch, FONT, fs)
            if not ch.isspace():
                t = c.beginText()
                t.setFont(FONT, fs)
                t.setTextOrigin(x, y + st.rng.uniform(-0.15, 0.15))
                t.textOut(ch)
                c.drawText(t)
            x += adv * (1 + st.rng.uniform(-0.03, 0.12))
        return x

    def free_line(self, s, x, top, fs, align="l", width=None):
        w = pdfmetrics.stringWidth(s, FONT, fs) * self.st.slack
        if align == "c":
            x = x + (width - w) / 2
        elif align == "r":
            x = x + width - w
        self.text_line(s, x, top + fs * 0.88, fs)
        self.drawn.append((self.page, (x - 1, top - 1, x + w + 1, top + fs * 1.25), s))
        return top + fs * 1.6

    def table(self, cells, widths, x0, top, heights=None):
        st = self.st
        heights = heights or layout(cells, widths, st)
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] + h)
        for cell in cells:
            bx0, bx1 = xs[cell.col], xs[cell.col + cell.cs]
            by0, by1 = ys[cell.row], ys[cell.row + cell.rs]
            self._cell_text(cell, bx0, by0, bx1, by1)
            self._cell_rules(bx0, by0, bx1, by1)
            self.drawn.append((self.page, (bx0, by0, bx1, by1), cell.text))
        return ys[-1]

    def _cell_text(self, cell, x0, y0, x1, y1):
        st = self.st
        n = len(cell.lines)
        first = y0 + (y1 - y0 - n * st.lead) / 2
        for i, line in enumerate(cell.lines):
            base = first + i * st.lead + st.lead / 2 + st.fs * 0.36
            w = pdfmetrics.stringWidth(line, FONT, st.fs) * (1.05 if st.glyphs == "perchar" else 1)
            x = x0 + st.padh if cell.align == "l" else x0 + (x1 - x0 - w) / 2
            self.text_line(line, x, base, st.fs)

    def _cell_rules(self, x0, y0, x1, y1):
        st, c = self.st, self.c
        c.setLineWidth(st.lw)
        sides = [("h", y0, x0, x1), ("h", y1, x0, x1), ("v", x0, y0, y1), ("v", x1, y0, y1)]
        for kind, fixed, a, b in sides:
            self.sides.append((self.page, kind, fixed, a, b))
            pieces = [(a, b)] if st.rules == "lines" else self._segments(a, b)
            for pa, pb in pieces:
                if kind == "h":
                    c.line(pa, self.H - fixed, pb, self.H - fixed)
                else:
                    c.line(fixed, self.H - pa, fixed, self.H - pb)

    def _segments(self, a, b):
        """A side as short pieces (report-system ruling): each piece 4–14 pt, except the last,
        which may be as short as `min_piece` minus a gap; the next piece starts up to 1 pt back
        (overlap), 0.5 pt on (gap) or where the last one ended (touch)."""
        rng, out, s = self.st.rng, [], a
        while s < b - 0.01:
            e = min(b, s + rng.uniform(4, 14))
            if b - e < self.st.min_piece:
                e = b
            out.append((s, e))
            mode = self.st.seg if self.st.seg != "mixed" else rng.choice(["overlap", "gap", "touch"])
            s = e - rng.uniform(0.2, 1.0) if mode == "overlap" else e + 0.5 if mode == "gap" else e
            if e >= b:
                break
        return out

    def save(self):
        self.c.save()


# --- the project table -----------------------------------------------------------------------
def amount_text(v):
    return f"{v:,.2f}" if v >= 1000 else f"{v:.2f}"


def header_rows(p, template, printed):
    """template: rows of (key, label_span, value_span); printed(key, text) gives the printed form."""
    rows = []
    for row in template:
        cells = []
        for key, ls, vs in row:
            value = p.get(key)
            if key == "annual_amount" and value is not None:
                value = amount_text(value)
            align = "l" if key in ("overall_goal", "project_name") else "c"
            cells.append(Cell(printed("label", LABELS[key]), cs=ls))
            cells.append(Cell(printed("value", value) if value is not None else "", cs=vs, align=align))
        rows.append(cells)
    return rows


def level1_text(code, name, style):
    if style == "code":
        return f"{code}-{name}"
    if style == "code_split":  # 1- / 产出 / 指标
        body = name[:-2]
        parts = [body[i:i + 2] for i in range(0, len(body), 2)]
        return "\n".join([f"{code}-"] + parts + ["指标"])
    if style == "chars":  # 产 / 出 / 指 / 标
        return "\n".join(name)
    if style == "code_chars":  # 1 / - / 产 / 出 / …
        return "\n".join([code, "-"] + list(name))
    raise ValueError(style)


def level2_text(code, name, style):
    if style == "code":
        return f"{code}-{name}"
    if style == "code_wrap":  # 11-数量 / 指标
        return f"{code}-{name[:-2]}\n指标" if name.endswith("指标") and len(name) > 2 else f"{code}-{name}"
    raise ValueError(style)


def indicator_rows(p, cols, opt, printed):
    """cols: role → colspan for l1, l2, l3, target (+ unit)."""
    rows = []
    target_label = opt.get("target_label", "绩效值")
    unit = "unit" in cols
    if opt.get("colhead") == "two":
        top = [Cell("绩效指标", cs=cols["l1"] + cols["l2"] + cols["l3"]),
               Cell(target_label, cs=cols["target"], rs=2)]
        if unit:
            top.append(Cell("计量单位", cs=cols["unit"], rs=2))
        rows.append(top)
        rows.append([Cell("一级指标", cs=cols["l1"]), Cell("二级指标", cs=cols["l2"]),
                     Cell("三级指标", cs=cols["l3"])])
    else:
        head = [Cell("一级指标", cs=cols["l1"]), Cell("二级指标", cs=cols["l2"]),
                Cell("三级指标", cs=cols["l3"]), Cell(target_label, cs=cols["target"])]
        if unit:
            head.append(Cell("计量单位", cs=cols["unit"]))
        rows.append(head)
    inds = p["indicators"]
    n = len(inds)
    for i, it in enumerate(inds):
        row = []
        if i == 0 or it[0] != inds[i - 1][0]:
            span = next((j for j in range(i, n) if inds[j][0] != it[0]), n) - i
            row.append(Cell(level1_text(it[0], it[1], opt.get("l1", "code")), cs=cols["l1"], rs=span))
        if i == 0 or it[:4] != inds[i - 1][:4]:
            span = next((j for j in range(i, n) if inds[j][:4] != it[:4]), n) - i
            row.append(Cell(level2_text(it[2], it[3], opt.get("l2", "code")), cs=cols["l2"], rs=span))
        row.append(Cell(printed("value", it[4]), cs=cols["l3"], align=opt.get("l3_align", "l")))
        row.append(Cell(printed("value", it[5]), cs=cols["target"]))
        if unit:
            row.append(Cell(it[6] or "", cs=cols["unit"]))
        rows.append(row)
    return rows


TEMPLATE_4 = [[("project_name", 1, 3)],
              [("department", 1, 1), ("implementing_unit", 1, 1)],
              [("project_type", 1, 1), ("duration", 1, 1)],
              [("managing_office", 1, 1), ("annual_amount", 1, 1)],
              [("overall_goal", 1, 3)]]
# narrow level-1 column: labels span the level-1 and level-2 columns, values the other two
TEMPLATE_4_NARROW = [[(k, 2, 2)] for k in LABELS]  # one label/value pair per row
TEMPLATE_6 = [[("project_name", 1, 1), ("department", 1, 1), ("implementing_unit", 1, 1)],
              [("project_type", 1, 1), ("duration", 1, 1), ("managing_office", 1, 1)],
              [("annual_amount", 1, 5)],
              [("overall_goal", 1, 5)]]


def project_table(p, opt):
    printed = opt.get("printed") or (lambda kind, s: s)
    cells = place(header_rows(p, opt["template"], printed) + indicator_rows(p, opt["cols"], opt, printed),
                  len(opt["widths"]))
    return cells


# --- read-back -------------------------------------------------------------------------------
def squash(s):
    return "".join(ch for ch in (s or "") if not ch.isspace())


def read_back(path, doc, flip, rotate_attr):
    turned = flip or rotate_attr
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            W, H = doc.W, doc.H

            def back(x, y):
                return (W - x, H - y) if turned else (x, y)

            chars = []
            for ch in page.chars:
                cx, cy = back((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2)
                chars.append((cx, cy, ch["text"]))
            for pg, (x0, y0, x1, y1), text in doc.drawn:
                if pg != number:
                    continue
                inside = sorted((cy, cx, t) for cx, cy, t in chars
                                if x0 + 0.3 < cx < x1 - 0.3 and y0 + 0.3 < cy < y1 - 0.3)
                lines, last = [], None
                for cy, cx, t in inside:  # lines by vertical proximity, then left to right
                    if last is None or cy - last > 3:
                        lines.append([])
                    lines[-1].append((cx, t))
                    last = cy
                got = squash("".join(t for line in lines for _, t in sorted(line)))
                if got != squash(text):
                    raise SystemExit(f"{path.name} p{number}: box {(x0, y0, x1, y1)} reads {got!r}, "
                                     f"drew {squash(text)!r}")
            edges = []
            for e in page.edges:
                ax, ay = back(e["x0"], e["top"])
                bx, by = back(e["x1"], e["bottom"])
                edges.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
            for pg, kind, fixed, a, b in doc.sides:
                if pg != number:
                    continue
                if kind == "h":
                    spans = [(e[0], e[2]) for e in edges if abs(e[1] - fixed) < 0.4 and e[3] - e[1] < 1]
                else:
                    spans = [(e[1], e[3]) for e in edges if abs(e[0] - fixed) < 0.4 and e[2] - e[0] < 1]
                reach = a
                for s, t in sorted(spans):
                    if s > reach + 0.6:
                        break
                    reach = max(reach, t)
                if reach < b - 0.6:
                    raise SystemExit(f"{path.name} p{number}: {kind} side at {fixed:.1f} {a:.1f}–{b:.1f} "
                                     f"covered only to {reach:.1f}")
            if rotate_attr:
                assert page.rotation == 180, page.rotation


# --- files -----------------------------------------------------------------------------------
def expected_project(seq, p, extra_fields=None, l1_coded=True, measured=False):
    out = {"seq": seq, "table_title": TABLE_TITLE, "amount_unit": "万元"}
    for k in HEADER_KEYS:
        out[k] = p.get(k)
    out["extra_fields"] = extra_fields or {}
    inds = []
    for it in p["indicators"]:
        d = {"level1_code": it[0] if l1_coded else None, "level1": it[1], "level2_code": it[2],
             "level2": it[3], "level3": it[4], "target": it[5]}
        if measured:
            d["extra"] = {"计量单位": it[6]}
        inds.append(d)
    out["indicators"] = inds
    return out


def flow(doc, projects, opt, title, margin=30.0):
    """Title on page 1, then each project: table title, unit line, table; a project that does not fit
    starts a new page."""
    st = doc.st
    width = sum(opt["widths"])
    x0 = (doc.W - width) / 2
    top = margin
    top = doc.free_line(title, x0, top, st.fs + 3) + 4
    for p in projects:
        cells = project_table(p, opt)
        heights = layout(cells, opt["widths"], st)
        need = (st.fs + 6) * 1.6 + st.fs * 1.6 + sum(heights)
        if top + need > doc.H - margin:
            doc.new_page()
            top = margin
        top = doc.free_line(TABLE_TITLE, x0, top, st.fs + 6, "c", width)
        top = doc.free_line(opt.get("unit_line", "单位：万元"), x0, top, st.fs, "r", width)
        top = doc.table(cells, opt["widths"], x0, top, heights) + 14


def side_by_side(doc, projects, opt, title, margin=30.0):
    """A3 landscape: the two projects' tables in the left and right halves of one page."""
    st = doc.st
    width = sum(opt["widths"])
    doc.free_line(title, margin, margin, st.fs + 3)
    half = doc.W / 2
    for i, p in enumerate(projects):
        x0 = i * half + (half - width) / 2
        top = margin + (st.fs + 3) * 1.6 + 6
        top = doc.free_line(TABLE_TITLE, x0, top, st.fs + 6, "c", width)
        top = doc.free_line(opt.get("unit_line", "单位：万元"), x0, top, st.fs, "r", width)
        doc.table(project_table(p, opt), opt["widths"], x0, top)


def spaced(kind, s):
    """Stray whitespace of a careless exporter (canonical text removes all of it)."""
    if s is None:
        return s
    if kind == "label":
        return s[:2] + "\u3000" + s[2:] if len(s) == 4 else s
    s = re.sub(r"^(平罗县|兴庆区|金凤区)", lambda m: " ".join(m.group(1)), s)  # 平 罗 县
    s = re.sub(r"(\d)([人个家次场件所])$", "\\1\u00a0\\2", s)  # ≥40\u00a0个
    s = s.replace("教育局", "教育局\u00a0")
    if len(s) > 30:  # a goal paragraph indented with two full-width spaces
        s = "\u3000\u3000" + s
    return s


W4 = [80, 100, 205, 150]  # A4 portrait, 4 columns (535)
W4N = [26, 58, 301, 150]  # narrow level-1 column
W4N2 = [30, 52, 300, 153]
W6 = [70, 110, 70, 115, 70, 100]  # 6 columns (535)
W4L = [110, 150, 330, 192]  # A4 landscape (782)
W4A3 = [70, 95, 230, 150]  # one half of A3 landscape (545)

COLS4 = {"l1": 1, "l2": 1, "l3": 1, "target": 1}
COLS6 = {"l1": 1, "l2": 1, "l3": 3, "target": 1}
COLS6U = {"l1": 1, "l2": 1, "l3": 2, "target": 1, "unit": 1}

SPECS = [
    # FineReport-style: one text object per glyph, ruling as short overlapping / gapped segments
    dict(stem="fr_perchar_segmented_rules", projects=[K.EDU, K.CIVIL],
         title="附件2：兴庆区教育局2025年项目支出预算绩效目标表",
         style=dict(glyphs="perchar", rules="segments", seg="mixed", seed=11),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
    dict(stem="fr_perchar_gapped_rules_9pt", projects=[K.LAND, K.METEO],
         title="附件2：西夏区自然资源局2025年项目支出预算绩效目标表",
         style=dict(fs=9, glyphs="perchar", rules="segments", seg="gap", seed=12, lw=0.5),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
    dict(stem="fr_perchar_gapped_rules_long_pieces", projects=[K.LAND, K.METEO],
         title="附件2：西夏区自然资源局2025年项目支出预算绩效目标表",
         style=dict(fs=9, glyphs="perchar", rules="segments", seg="gap", seed=12, lw=0.5, min_piece=4),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
    dict(stem="fr_segments_overlap_line_text", projects=[K.FIRE, K.PETITION],
         title="附件3：西夏区消防救援大队2025年项目支出预算绩效目标表",
         style=dict(rules="segments", seg="overlap", seed=13),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
    # narrow level-1 column, text set vertically
    dict(stem="narrow_level1_code_split_level2_wrap", projects=[K.DRC, K.WOMEN],
         title="附件2：平罗县发展和改革局2025年项目支出预算绩效目标表",
         style=dict(seed=21),
         opt=dict(widths=W4N, cols=COLS4, template=TEMPLATE_4_NARROW, l1="code_split", l2="code_wrap")),
    dict(stem="narrow_level1_one_char_per_line", projects=[K.LIBRARY, K.CDC], l1_coded=False,
         title="附件2：兴庆区文化旅游广电局2025年项目支出预算绩效目标表",
         style=dict(seed=22),
         opt=dict(widths=W4N, cols=COLS4, template=TEMPLATE_4_NARROW, l1="chars", l2="code_wrap")),
    dict(stem="narrow_level1_chars_perchar_segments", projects=[K.OFFICE, K.INDUSTRY],
         title="附件2：石嘴山市机关事务管理局2025年项目支出预算绩效目标表",
         style=dict(glyphs="perchar", rules="segments", seg="mixed", seed=23),
         opt=dict(widths=W4N2, cols=COLS4, template=TEMPLATE_4_NARROW, l1="code_chars", l2="code_wrap")),
    # two-row column header
    dict(stem="two_row_heading_indicator_value", projects=[K.METEO, K.EDU],
         title="附件2：石嘴山市气象局2025年项目支出预算绩效目标表",
         style=dict(seed=31),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4, colhead="two", target_label="指标值")),
    dict(stem="two_row_heading_value_goal_label", projects=[K.CIVIL, K.FIRE],
         title="附件2：金凤区民政局2025年项目支出预算绩效目标表",
         style=dict(seed=32),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4, colhead="two",
                  target_label="指标值（绩效目标）")),
    dict(stem="annual_value_heading_landscape", projects=[K.CDC, K.LAND],
         title="附件2：金凤区卫生健康局2025年项目支出预算绩效目标表", size=A4L,
         style=dict(seed=33),
         opt=dict(widths=W4L, cols=COLS4, template=TEMPLATE_4, target_label="年度指标值")),
    dict(stem="target_value_heading_two_row_perchar", projects=[K.PETITION, K.WOMEN],
         title="附件2：平罗县信访局2025年项目支出预算绩效目标表",
         style=dict(glyphs="perchar", rules="segments", seg="overlap", seed=34),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4, colhead="two", target_label="目标值")),
    # header block with three label/value pairs per row; empty value cells
    dict(stem="header_six_columns_empty_values", projects=[
            dict(K.INDUSTRY, managing_office=None, duration=None),
            dict(K.LIBRARY, implementing_unit=None)],
         title="附件2：惠农区工业和信息化局2025年项目支出预算绩效目标表",
         style=dict(seed=41),
         opt=dict(widths=W6, cols=COLS6, template=TEMPLATE_6)),
    # numbers in the target column, units in their own column
    dict(stem="measure_unit_column_six_columns", projects=[K.ROADS_M, K.SCHOOL_M], measured=True,
         title="附件2：西夏区交通运输局2025年项目支出预算绩效目标表",
         style=dict(seed=51),
         opt=dict(widths=W6, cols=COLS6U, template=TEMPLATE_6, target_label="指标值")),
    dict(stem="measure_unit_column_two_row_perchar", projects=[K.SCHOOL_M], measured=True,
         title="附件2：平罗县教育局2025年项目支出预算绩效目标表",
         style=dict(glyphs="perchar", rules="segments", seg="mixed", seed=52),
         opt=dict(widths=W6, cols=COLS6U, template=TEMPLATE_6, colhead="two", target_label="年度指标值")),
    # careless exporter: stray spaces, U+3000, NBSP
    dict(stem="stray_spaces_ideographic_nbsp", projects=[K.DRC, K.EDU],
         title="附件2：平罗县发展和改革局2025年项目支出预算绩效目标表",
         style=dict(seed=61),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4, printed=spaced)),
    # padding: large horizontal padding → narrow text, rows with almost none → lines touch the rules
    dict(stem="large_padding_lines_near_neighbours", projects=[K.CDC, K.OFFICE],
         title="附件2：金凤区卫生健康局2025年项目支出预算绩效目标表",
         style=dict(padh=14, padv=0.6, lead=1.05, min_h=10, seed=71),
         opt=dict(widths=[70, 90, 170, 110], cols=COLS4, template=TEMPLATE_4)),
    # A3: two projects side by side
    dict(stem="a3_two_projects_side_by_side", projects=[K.LIBRARY, K.FIRE], layout="side", size=A3L,
         title="附件2：兴庆区文化旅游广电局、西夏区消防救援大队2025年项目支出预算绩效目标表",
         style=dict(seed=81),
         opt=dict(widths=W4A3, cols=COLS4, template=TEMPLATE_4)),
    # upside down
    dict(stem="upside_down_ctm_180", projects=[K.METEO, K.WOMEN], flip=True,
         title="附件2：石嘴山市气象局2025年项目支出预算绩效目标表",
         style=dict(seed=91),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
    dict(stem="upside_down_rotate_180_attr", projects=[K.CIVIL, K.DRC], rotate_attr=True,
         title="附件2：金凤区民政局2025年项目支出预算绩效目标表",
         style=dict(seed=92),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
    # scanned tables, text layer for page numbers only (nothing to score)
    dict(stem="scanned_tables_page_numbers_text", projects=[K.EDU, K.LAND, K.CIVIL], scanned=True,
         title="附件2：兴庆区教育局2025年项目支出预算绩效目标表",
         style=dict(seed=99),
         opt=dict(widths=W4, cols=COLS4, template=TEMPLATE_4)),
]


def build(spec, path):
    st = Style(**spec["style"])
    flip = spec.get("flip", False)
    doc = Doc(path, spec.get("size", A4), st, flip=flip)
    (side_by_side if spec.get("layout") == "side" else flow)(doc, spec["projects"], spec["opt"], spec["title"])
    doc.save()
    if spec["stem"].startswith("stray_spaces"):
        nbsp_tounicode(path)
    if spec.get("rotate_attr"):
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            for page in pdf.pages:
                page.Rotate = 180
            pdf.save(path, deterministic_id=True)
    return doc


def nbsp_tounicode(path):
    """In the NB font's /ToUnicode, the space's code maps to U+00A0."""
    face = pdfmetrics.getFont(NBFONT).face.name
    face = face.decode() if isinstance(face, bytes) else face
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        done = set()
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                tu = font.get("/ToUnicode")
                if tu is None or tu.objgen in done or f"+{face}-" not in str(font.get("/BaseFont")):
                    continue
                cmap = tu.read_bytes().decode("latin-1")
                assert "<20> <0020>" in cmap
                tu.write(cmap.replace("<20> <0020>", "<20> <00A0>").encode("latin-1"))
                done.add(tu.objgen)
        assert done, "no NB font"
        pdf.save(path, deterministic_id=True)


def build_scanned(spec, path):
    """Each page rendered to a 1-bit image at 100 dpi; the new page holds the image and a real
    text page number 「- N -」."""
    with tempfile.TemporaryDirectory() as tmp:
        drawn = Path(tmp) / "drawn.pdf"
        doc = build(dict(spec, scanned=False), drawn)
        read_back(drawn, doc, False, False)
        subprocess.run(["pdftoppm", "-r", "100", "-mono", str(drawn), str(Path(tmp) / "p")], check=True)
        images = sorted(Path(tmp).glob("p-*.pbm"))
        c = canvas.Canvas(str(path), pagesize=A4)
        from PIL import Image
        for n, img in enumerate(images, start=1):
            png = Path(tmp) / f"{img.stem}.png"
            Image.open(img).convert("1").save(png, optimize=True)
            c.drawImage(ImageReader(str(png)), 0, 0, A4[0], A4[1])
            c.setFont(FONT, 10)
            c.drawCentredString(A4[0] / 2, 20, f"- {n} -")
            c.showPage()
        c.save()
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            text = page.extract_text().strip()
            assert text == f"- {n} -", text
            assert page.images, n


def main(argv):
    prefix = argv[1] if len(argv) > 1 else ""
    for spec in SPECS:
        if not spec["stem"].startswith(prefix):
            continue
        path = HERE / f"{spec['stem']}.pdf"
        if spec.get("scanned"):
            build_scanned(spec, path)
            print(f"{path.name}: {path.stat().st_size // 1024} KB (scanned, no expected JSON)")
            continue
        doc = build(spec, path)
        read_back(path, doc, spec.get("flip", False), spec.get("rotate_attr", False))
        if spec["stem"].startswith("stray_spaces"):
            with pdfplumber.open(path) as pdf:
                found = {ch["text"] for pg in pdf.pages for ch in pg.chars}
            assert {" ", "\u3000", "\u00a0"} <= found, found & {" ", "\u3000", "\u00a0"}
        exp = {"schema_version": 1,
               "source": {"file": path.name, "format": "pdf", "pages": doc.page},
               "title": spec["title"],
               "projects": [expected_project(i + 1, p, l1_coded=spec.get("l1_coded", True),
                                             measured=spec.get("measured", False))
                            for i, p in enumerate(spec["projects"])],
               "tables": [], "warnings": []}
        (HERE / f"{spec['stem']}.expected.json").write_text(
            json.dumps(exp, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{path.name}: {doc.page} page(s), {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv)
