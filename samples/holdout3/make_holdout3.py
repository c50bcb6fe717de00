#!/usr/bin/env python3
"""Third held-out corpus: PDFs built to reproduce the mechanisms behind real defects.

    python samples/holdout3/make_holdout3.py [name-prefix]

Writes <stem>.pdf and <stem>.expected.json next to this file for every entry of SPECS.
Shares no code with samples/generate, samples/holdout or samples/holdout2.

Mechanisms (not symptoms):
- broken font maps: the text is drawn with an embedded TrueType subset (WenQuanYi Zen Hei) and
  the font's /ToUnicode CMap is then rewritten with pikepdf so that the glyphs of 人/大/长/门 …
  map to Kangxi radicals / CJK radicals supplement / CJK compatibility ideographs, or the digit
  glyphs map to full-width digits. The glyphs drawn are the right ones; only extraction is off.
- rotation: /Rotate 270 (or 90) pages whose content is drawn sideways inside the portrait
  MediaBox; a landscape table drawn sideways on a portrait page with no /Rotate (90° text
  matrix, so pdfplumber chars have upright=False); portrait page 1 + rotated page 2.
- ruling drawn as thin filled rectangles, with or without small gaps at the corners.
- pagination: Excel-style print titles (the 一级指标 row on top of every page, also above the
  next project's header block), forced breaks before the indicator table and between the
  heading row and the first indicator.

Every PDF is read back with pdfplumber (chars mapped back into the drawing's own coordinates,
so rotated pages are checked too) before its expected JSON is written; a mismatch stops the run.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pikepdf
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
import holdout3_content as C  # noqa: E402

HERE = Path(__file__).resolve().parent
rl_config.invariant = 1
FONT = "H3Zen"
pdfmetrics.registerFont(TTFont(FONT, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))

A4 = (595.0, 842.0)
TABLE_TITLE = "部门项目支出预算绩效目标表"
HEADING = ["一级指标", "二级指标", "三级指标", "绩效值"]

# --- font-map corruptions (glyph → wrong code point in /ToUnicode) ---------------------------
BRIEF_MAP = {"人": "\u2F08", "大": "\u2F24", "长": "\u2ED3", "门": "\u2ED4", "见": "\u2EC5",
             "车": "\u2ECB", "金": "\u2FA6", "工": "\u2F2F", "力": "\u2F12", "水": "\u2F54",
             "用": "\u2F64", "生": "\u2F63", "高": "\u2FBC", "行": "\u2F8F", "方": "\u2F45"}
BROAD_MAP = dict(BRIEF_MAP, **{"一": "\u2F00", "二": "\u2F06", "目": "\u2F6C", "日": "\u2F47",
                               "月": "\u2F49", "文": "\u2F42", "心": "\u2F3C", "子": "\u2F26",
                               "立": "\u2F74", "老": "\u2F7C", "自": "\u2F83", "马": "\u2EE2",
                               "贝": "\u2EC9", "页": "\u2EDA"})
COMPAT_MAP = {"率": "\uF961", "年": "\uF98E", "金": "\uF90A", "利": "\uF9DD", "不": "\uF967"}
DIGIT_MAP = {str(d): chr(0xFF10 + d) for d in range(10)} | {"%": "\uFF05"}


def fullwidth(s):
    return "".join(DIGIT_MAP.get(ch, ch) for ch in s) if s is not None else None


for k, v in list(BROAD_MAP.items()) + list(COMPAT_MAP.items()):
    assert unicodedata.normalize("NFKC", v) == k or k in unicodedata.name(v, "") or v in BRIEF_MAP.values() \
        or "RADICAL C-SIMPLIFIED" in unicodedata.name(v), (k, v)


# --- printed forms --------------------------------------------------------------------------
LABELS = [("name", "项目名称"), ("dept", "主管部门"), ("unit", "实施单位"), ("ptype", "项目属性"),
          ("duration", "项目期限"), ("office", "项目主管处室"), ("amount", "项目年度金额"),
          ("goal", "年度总体绩效目标")]


def label_text(label, style):
    if style == "spaced":
        return "  ".join(label) if len(label) <= 4 else " ".join(label)
    if style == "colon":
        return label + "："
    return label  # plain / distributed (drawn with character spacing)


def amount_text(amount, style):
    """(printed cell, expected value, unit line)"""
    if style == "wan":
        return f"{amount:g}万元", amount, "万元"
    if style == "wan_paren":
        return f"{amount:.2f}（万元）", amount, "万元"
    if style == "yuan":
        v = round(amount * 10000, 2)
        return f"￥{v:,.2f}", v, "元"
    return f"{amount:.2f}", amount, "万元"


def goal_text(goal, numbered):
    """(printed text with explicit line breaks, canonical text)"""
    if isinstance(goal, list):
        pts = [f"{i}.{p}" for i, p in enumerate(goal, 1)] if numbered else list(goal)
        return "\n".join(pts), "".join(pts)
    return goal, goal


# --- text layout ----------------------------------------------------------------------------
_ASCII_TOKEN = re.compile(r"[0-9A-Za-z.,%≥≤><＞＜~～\-/·０-９％￥]+|\s+|.", re.S)
_NO_LINE_START = set("，。、：；）”％%")


def tokens(s):
    out = []
    for t in _ASCII_TOKEN.findall(s):
        if out and (t[0] in _NO_LINE_START):
            out[-1] += t
        else:
            out.append(t)
    return out


def width(s, size):
    return pdfmetrics.stringWidth(s, FONT, size)


def wrap(text, w, size):
    lines = []
    for para in (text or "").split("\n"):
        cur = ""
        for t in tokens(para):
            if cur and width(cur + t, size) > w:
                lines.append(cur.rstrip())
                cur = t.lstrip()
            else:
                cur += t
        lines.append(cur)
    return lines if text else []


# --- page frames ----------------------------------------------------------------------------
class Frame:
    """A drawing area in its own upright coordinates (u, v); mode says how it sits on the page."""

    def __init__(self, mode, size=A4, scale=1.0):
        self.mode, self.scale = mode, scale
        pw, ph = size
        self.page_size = (ph, pw) if mode == "landscape" else (pw, ph)
        self.w, self.h = (pw, ph) if mode == "portrait" else (ph, pw)
        # Excel "fit to page": the sheet is laid out at its own size and scaled by the CTM
        self.w, self.h = self.w / scale, self.h / scale
        self.rotate = {"rot270": 270, "rot90": 90}.get(mode, 0)

    def apply(self, c):
        pw, ph = self.page_size
        if self.mode == "rot270":   # (u, v) → (v, ph - u); /Rotate 270 turns it upright
            c.translate(0, ph)
            c.rotate(-90)
        elif self.mode in ("rot90", "sideways"):  # (u, v) → (pw - v, u)
            c.translate(pw, 0)
            c.rotate(90)
        elif self.mode == "sideways_cw":  # (u, v) → (v, ph - u): top of the table on the right
            c.translate(0, ph)
            c.rotate(-90)
        if self.scale != 1.0:
            c.scale(self.scale, self.scale)

    def from_plumber(self, x, top, page):
        """pdfplumber (x, top) on the displayed page → frame (u, v)."""
        if self.scale != 1.0:
            assert self.mode == "portrait"
            return x / self.scale, (page.height - top) / self.scale
        if self.mode == "sideways":
            return page.height - top, page.width - x
        if self.mode == "sideways_cw":
            return top, x
        # pdfminer turns a /Rotate page upright but page.width/height stay the MediaBox's;
        # the offsets differ between 90 and 270 (measured: Rotate 270 gives negative x)
        if self.mode == "rot270":
            return x + (page.height - page.width), page.height - top
        if self.mode == "rot90":
            return x, page.width - top
        return x, page.height - top


# --- the document model ---------------------------------------------------------------------
class Cell:
    def __init__(self, col, span, text, align="center", kind="cell", charspace=False):
        self.col, self.span, self.text, self.align, self.kind = col, span, text, align, kind
        self.charspace = charspace


class Row:
    def __init__(self, kind, cells, proj=None, l1=None, l2=None, l1_text=None, l2_text=None):
        self.kind, self.cells, self.proj = kind, cells, proj
        self.l1, self.l2, self.l1_text, self.l2_text = l1, l2, l1_text, l2_text


class Line:
    def __init__(self, text, size, align, kind):
        self.text, self.size, self.align, self.kind = text, size, align, kind


def project_items(i, p, o, doc_title):
    """Items of one project: [Line…, Row…]; returns items and the expected project dict."""
    labels = o["labels"][i % len(o["labels"])] if isinstance(o["labels"], list) else o["labels"]
    amt_style = o["amounts"][i % len(o["amounts"])] if isinstance(o["amounts"], list) else o["amounts"]
    amt_cell, amt_value, unit = amount_text(p["amount"], amt_style)
    goal_printed, goal_canon = goal_text(p["goal"], o["numbered_goals"])
    fw = fullwidth if o["fullwidth"] else (lambda s: s)
    L = {k: label_text(lab, labels) for k, lab in LABELS}
    cs = labels == "distributed"

    def lab(k):
        return Cell(0 if k in ("name", "dept", "ptype", "office", "goal") else 2, 1, L[k], kind="label",
                    charspace=cs)

    items = []
    if doc_title:
        items.append(Line(fw(doc_title), o["size"] + 4, "center", "doc_title"))
    items.append(Line(TABLE_TITLE, o["size"] + 6, "center", "table_title"))
    items.append(Line("单位：" + unit, o["size"], "right", "unit"))
    items += [
        Row("head", [lab("name"), Cell(1, 3, p["name"])], i),
        Row("head", [lab("dept"), Cell(1, 1, p["dept"]), lab("unit"), Cell(3, 1, p["unit"])], i),
        Row("head", [lab("ptype"), Cell(1, 1, p["ptype"]), lab("duration"), Cell(3, 1, fw(p["duration"]))], i),
        Row("head", [lab("office"), Cell(1, 1, p["office"]), lab("amount"), Cell(3, 1, fw(amt_cell))], i),
        Row("head", [lab("goal"), Cell(1, 3, fw(goal_printed), align="left")], i),
        Row("colhead", [Cell(k, 1, h, kind="heading") for k, h in enumerate(HEADING)], i),
    ]
    g1 = g2 = -1
    prev = (None, None)
    exp_ind = []
    for l1, l2, l3, target in p["indicators"]:
        if l1 != prev[0]:
            g1 += 1
        if (l1, l2) != prev:
            g2 += 1
        prev = (l1, l2)
        l1p = fw(l1) if o["fullwidth_codes"] else l1
        l2p = fw(l2) if o["fullwidth_codes"] else l2
        l3cell = Cell(2, 1, l3, kind="overflow" if l3 in o["overflow"] else "cell")
        items.append(Row("ind", [l3cell, Cell(3, 1, fw(target))], i, (i, g1), (i, g2), l1p, l2p))
        c1, n1 = l1.split("-", 1)
        c2, n2 = l2.split("-", 1)
        exp_ind.append(dict(level1_code=c1, level1=n1, level2_code=c2, level2=n2, level3=l3, target=target))
    exp = dict(seq=i + 1, table_title=TABLE_TITLE, amount_unit=unit, project_name=p["name"],
               department=p["dept"], implementing_unit=p["unit"], project_type=p["ptype"],
               duration=p["duration"], managing_office=p["office"], annual_amount=amt_value,
               overall_goal=goal_canon, extra_fields={}, indicators=exp_ind)
    return items, exp


class Page:
    def __init__(self, frame, margin):
        self.frame, self.items = frame, []
        self.top = frame.h - margin
        self.y = self.top
        self.bottom = margin
        self.left, self.right = margin, frame.w - margin


def col_x(page, fracs):
    xs, x = [page.left], page.left
    tw = page.right - page.left
    for f in fracs:
        x += f * tw
        xs.append(x)
    return xs


def row_height(row, page, o):
    xs = col_x(page, o["cols"])
    size, pad = o["size"], o["size"] * 0.45
    lead = size * 1.25
    nl = 1
    cells = list(row.cells)
    if row.kind == "ind":
        cells += [Cell(0, 1, row.l1_text), Cell(1, 1, row.l2_text)]
    for c in cells:
        w = xs[c.col + c.span] - xs[c.col] - 2 * pad
        nl = max(nl, 1 if c.kind == "overflow" else len(wrap(c.text, w, size)))
    return nl * lead + 2 * pad


def paginate(items_per_project, o):
    modes = o["pages"]
    pages = []

    def new_page():
        pg = Page(Frame(modes[min(len(pages), len(modes) - 1)], scale=o["scale"]), o["margin"])
        pages.append(pg)
        return pg

    pg = new_page()
    heading_row = None
    for pi, items in enumerate(items_per_project):
        if pi and o["new_page_per_project"]:
            pg = new_page()
        in_ind = False
        for k, it in enumerate(items):
            forced = (pi, k) in o["breaks_at"]
            if isinstance(it, Line):
                h = it.size * 1.6
                # keep the title lines with the first header row
                need = sum(x.size * 1.6 for x in items[k:] if isinstance(x, Line)) + row_height(
                    next(x for x in items if isinstance(x, Row)), pg, o)
            else:
                h = row_height(it, pg, o)
                need = h
                if it.kind == "colhead":
                    heading_row = it
            if forced or pg.y - need < pg.bottom:
                pg = new_page()
                rep = o["repeat_heading"]
                if heading_row is not None and (rep == "every_page" or (rep == "indicators" and in_ind)):
                    if not (isinstance(it, Row) and it.kind == "colhead"):
                        hh = row_height(heading_row, pg, o)
                        pg.items.append((heading_row, pg.y, hh))
                        pg.y -= hh
                if isinstance(it, Row):
                    h = row_height(it, pg, o)
            pg.items.append((it, pg.y, h))
            pg.y -= h
            if isinstance(it, Row) and it.kind == "colhead":
                in_ind = True
    return pages


# --- drawing --------------------------------------------------------------------------------
def draw_string(c, x, y, text, size, o):
    """One line; per_glyph: one text object per glyph (absolute Tm each), as some producers do;
    fake_bold: the line drawn a second time 0.3 pt to the right (WPS-style synthetic bold)."""
    passes = [0.0, 0.3] if o.get("_bold") else [0.0]
    for dx in passes:
        if o.get("per_glyph"):
            xx = x + dx
            for ch in text:
                c.drawString(xx, y, ch)
                xx += width(ch, size)
        else:
            c.drawString(x + dx, y, text)


def draw_text_lines(c, lines, x0, x1, ytop, ybot, size, align, charspace=False, o=None):
    lead = size * 1.25
    block = len(lines) * lead
    y = (ytop + ybot) / 2 + block / 2 - lead + (lead - size) / 2 + size * 0.12
    placed = []
    for ln in lines:
        w = width(ln, size)
        if charspace and len(ln) > 1:
            cs = max(0.0, (x1 - x0 - w) / (len(ln) - 1))
            t = c.beginText(x0, y)
            t.setFont(FONT, size)
            t.setCharSpace(cs)
            t.textOut(ln)
            t.setCharSpace(0)  # Tc is graphics state: it would outlive this text object
            c.drawText(t)
        else:
            x = x0 if align == "left" else (x1 - w if align == "right" else (x0 + x1 - w) / 2)
            draw_string(c, x, y, ln, size, o or {})
        y -= lead
    return placed


def page_cells(pg, o):
    """Placed cells [(u0, v0, u1, v1, text, align, charspace)] with level-1/2 spans merged."""
    xs = col_x(pg, o["cols"])
    cells = []
    rows = [(it, y, h) for it, y, h in pg.items if isinstance(it, Row)]
    for it, y, h in rows:
        for c in it.cells:
            cells.append([xs[c.col], y - h, xs[c.col + c.span], y, c.text, c.align, c.charspace, c.kind])
    # spans
    for attr, tattr, col in (("l1", "l1_text", 0), ("l2", "l2_text", 1)):
        run = []
        for it, y, h in rows + [(None, 0, 0)]:
            key = getattr(it, attr) if it is not None and it.kind == "ind" else None
            if run and key != getattr(run[0][0], attr):
                first = run[0]
                top, bot = first[1], run[-1][1] - run[-1][2]
                text = getattr(first[0], tattr)
                continued = first[0] is not None and pg.continued_spans.get((attr, key_of(first[0], attr)))
                shown = text if (not continued or o["split_span_text"] == "both") else None
                cells.append([xs[col], bot, xs[col + 1], top, shown, "center", False, "level"])
                pg.continued_spans[(attr, key_of(first[0], attr))] = True
                run = []
            if key is not None:
                run.append((it, y, h))
    return cells


def key_of(row, attr):
    return getattr(row, attr)


def segments(cells, gap):
    hs, vs = set(), set()
    for u0, v0, u1, v1, *_ in cells:
        for y in (v0, v1):
            hs.add((round(u0, 2), round(y, 2), round(u1, 2)))
        for x in (u0, u1):
            vs.add((round(x, 2), round(v0, 2), round(v1, 2)))
    if gap:  # one piece per cell edge, pulled back from the corners
        return [(a + gap, y, b - gap) for a, y, b in hs], [(x, a + gap, b - gap) for x, a, b in vs]
    return merge(hs), [(x, a, b) for a, x, b in merge((a, x, b) for x, a, b in vs)]


def merge(segs):
    out = []
    by = {}
    for a, k, b in segs:
        by.setdefault(k, []).append((a, b))
    for k, iv in sorted(by.items()):
        iv.sort()
        cur = list(iv[0])
        for a, b in iv[1:]:
            if a <= cur[1] + 0.01:
                cur[1] = max(cur[1], b)
            else:
                out.append((cur[0], k, cur[1]))
                cur = [a, b]
        out.append((cur[0], k, cur[1]))
    return out


def render(path, pages, o):
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1, invariant=1)
    shared = {}
    placed_all = []
    for pg in pages:
        pg.continued_spans = shared
        f = pg.frame
        c.setPageSize(f.page_size)
        c.setPageRotation(f.rotate)
        c.saveState()
        f.apply(c)
        c.setFont(FONT, o["size"])
        cells = page_cells(pg, o)
        pg.cell_boxes = [tuple(c[:4]) for c in cells]
        lw = o["line_width"]
        hs, vs = segments(cells, o["corner_gap"] if o["rules"] == "fill" else 0)
        c.setLineWidth(lw)
        for a, y, b in hs:
            if o["rules"] == "fill":
                c.rect(a, y - lw / 2, b - a, lw, stroke=0, fill=1)
            else:
                c.line(a, y, b, y)
        for x, a, b in vs:
            if o["rules"] == "fill":
                c.rect(x - lw / 2, a, lw, b - a, stroke=0, fill=1)
            else:
                c.line(x, a, x, b)
        pad = o["size"] * 0.45
        placed = []
        order = cells[::-1] if o["draw_order"] == "reverse" else cells
        overflow_right = {}
        for u0, v0, u1, v1, text, align, cs, kind in order:
            if kind == "overflow":  # Excel: unwrapped text runs on over the empty cell to its right
                lines, align = [text], "left"
                overflow_right[(round(u1, 2), round(v0, 2))] = True
            else:
                lines = wrap(text, u1 - u0 - 2 * pad, o["size"])
            c.setFont(FONT, o["size"])
            o["_bold"] = kind in o["fake_bold"]
            draw_text_lines(c, lines, u0 + pad, u1 - pad, v1, v0, o["size"], align, cs, o)
            o["_bold"] = False
            placed.append((u0, v0, u1, v1, text, kind))
        # an overflowing cell owns the empty cell it runs into
        for k, (u0, v0, u1, v1, text, kind) in enumerate(placed):
            if kind == "overflow":
                nxt = [p for p in placed if abs(p[0] - u1) < 0.01 and abs(p[1] - v0) < 0.01]
                assert nxt and nxt[0][4] is None, "overflow needs an empty cell on its right"
                placed[k] = (u0, v0, nxt[0][2], v1, text, kind)
                placed.remove(nxt[0])
        placed = [p[:5] for p in placed]
        for it, y, h in pg.items:
            if isinstance(it, Line):
                c.setFont(FONT, it.size)
                o["_bold"] = it.kind in o["fake_bold"]
                draw_text_lines(c, [it.text], pg.left, pg.right, y, y - h, it.size, it.align, o=o)
                o["_bold"] = False
                placed.append((pg.left, y - h, pg.right, y, it.text))
        if o["slug"]:  # printed above the CropBox: in the file, invisible in a viewer
            c.setFont(FONT, 8)
            c.drawString(pg.left, f.h + 18, o["slug"].format(page=len(placed_all) + 1))
        c.restoreState()
        c.showPage()
        placed_all.append(placed)
    c.save()
    return placed_all


# --- font-map rewrite -----------------------------------------------------------------------
def set_boxes(path, extra_top):
    """MediaBox grown by extra_top above the page; CropBox stays the A4 page."""
    pdf = pikepdf.open(path, allow_overwriting_input=True)
    for page in pdf.pages:
        x0, y0, x1, y1 = [float(v) for v in page.obj.MediaBox]
        page.obj.MediaBox = pikepdf.Array([x0, y0, x1, y1 + extra_top])
        page.obj.CropBox = pikepdf.Array([x0, y0, x1, y1])
    pdf.save(path, deterministic_id=True, compress_streams=True)


def rewrite_tounicode(path, mapping):
    if not mapping:
        return
    table = {f"{ord(k):04X}": f"{ord(v):04X}" for k, v in mapping.items()}
    pdf = pikepdf.open(path, allow_overwriting_input=True)
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for _, font in fonts.items():
            if font.objgen in seen or "/ToUnicode" not in font:
                continue
            seen.add(font.objgen)
            cmap = font.ToUnicode.read_bytes().decode("latin-1")
            new = re.sub(r"(<[0-9A-F]{2}> <)([0-9A-F]{4})(>)",
                         lambda m: m.group(1) + table.get(m.group(2), m.group(2)) + m.group(3), cmap)
            font.ToUnicode.write(new.encode("latin-1"))
    pdf.save(path, deterministic_id=True, compress_streams=True)


# --- read-back ------------------------------------------------------------------------------
def readback(path, pages, placed_all, mapping):
    """Chars inside every placed cell/line must spell its text (whitespace ignored), once the
    font-map corruption is applied to the expectation; returns the number of pages."""
    def bad(s):
        return re.sub(r"\s+", "", "".join(mapping.get(ch, ch) for ch in (s or "")))
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == len(pages), (len(pdf.pages), len(pages))
        for pg, ppage, placed in zip(pages, pdf.pages, placed_all):
            chars, seen, dups = [], [], 0
            for ch in ppage.chars:
                key = (ch["text"], ch["top"], ch["x0"])
                if any(t == key[0] and abs(tp - key[1]) < 0.5 and abs(x - key[2]) < 0.5 for t, tp, x in seen[-40:]):
                    dups += 1
                    continue
                seen.append(key)
                u, v = pg.frame.from_plumber((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2, ppage)
                chars.append((u, v, ch))
            pg.duplicates = dups
            if pg.frame.mode.startswith("sideways"):
                assert all(not ch["upright"] for *_, ch in chars), "sideways chars should not be upright"
            else:
                assert all(ch["upright"] for *_, ch in chars), f"{path.name}: rotated chars on {pg.frame.mode}"
            segs = []
            for e in ppage.edges:
                a = pg.frame.from_plumber(e["x0"], e["top"], ppage)
                b = pg.frame.from_plumber(e["x1"], e["bottom"], ppage)
                segs.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))
            for u0, v0, u1, v1 in pg.cell_boxes:
                for (pa, pb) in (((u0, v0), (u1, v0)), ((u0, v1), (u1, v1)), ((u0, v0), (u0, v1)), ((u1, v0), (u1, v1))):
                    n = max(2, int(max(abs(pb[0] - pa[0]), abs(pb[1] - pa[1])) // 3))
                    for k in range(1, n):
                        x = pa[0] + (pb[0] - pa[0]) * k / n
                        y = pa[1] + (pb[1] - pa[1]) * k / n
                        if min(abs(x - pa[0]), abs(x - pb[0])) + min(abs(y - pa[1]), abs(y - pb[1])) < 2.5:
                            continue  # corner gaps
                        assert any(s0 - 1 <= x <= s2 + 1 and s1 - 1 <= y <= s3 + 1 for s0, s1, s2, s3 in segs), \
                            f"{path.name} p{ppage.page_number}: no rule at ({x:.1f}, {y:.1f})"
            for u0, v0, u1, v1, text in placed:
                inside = [(round(-v / 3), u, ch["text"]) for u, v, ch in chars if u0 < u < u1 and v0 < v < v1]
                got = re.sub(r"\s+", "", "".join(t for *_, t in sorted(inside)))
                assert got == bad(text), f"{path.name} p{ppage.page_number}: {got!r} != {bad(text)!r}"
        return len(pdf.pages)


# --- the files ------------------------------------------------------------------------------
DEFAULTS = dict(pages=["portrait"], size=10.0, margin=45.0, cols=[0.18, 0.24, 0.34, 0.24],
                rules="stroke", line_width=0.6, corner_gap=0.0, labels="plain", amounts="plain",
                numbered_goals=True, fullwidth=False, fullwidth_codes=False, fontmap=None,
                repeat_heading="none", new_page_per_project=False, breaks=(), split_span_text="first",
                attachment=3, scale=1.0, draw_order="normal", per_glyph=False, fake_bold=(), overflow=(), slug=None)

LONG_PROJECTS = C.long_projects(30)

SPECS = {
    "fontmap_kangxi_radicals_tounicode": dict(
        projects=["water_supply", "road_maint"], fontmap=BRIEF_MAP,
        trait="ToUnicode maps 人大长门见车金工力水用生高行方 to Kangxi radicals / radicals supplement"),
    "fontmap_broad_radicals_labels_levels": dict(
        projects=["public_health", "family_doctor"], fontmap=BROAD_MAP, repeat_heading="indicators",
        trait="29 look-alikes incl. 一二目日月 — labels (项⽬名称, 主管部⻔), levels (⼀级指标, 2-效益指标) and values"),
    "fontmap_compat_ideographs": dict(
        projects=["school_meals", "teacher_training"], fontmap=COMPAT_MAP,
        trait="ToUnicode maps 率年金利不 to CJK compatibility ideographs (U+F9xx)"),
    "fontmap_digits_fullwidth_tounicode": dict(
        projects=["bus_subsidy", "river_chief"], fontmap=DIGIT_MAP,
        trait="digit and % glyphs map to full-width code points: codes １-产出指标, amounts ７５.００, ≥９０％"),
    "fullwidth_digits_typed": dict(
        projects=["ecommerce", "old_housing"], fullwidth=True,
        trait="values typed with full-width digits and ％ (２０２５年, ≥９０％, amount １２０.００); codes ASCII"),
    "rotate270_landscape_pages": dict(
        projects=["public_health", "seed_subsidy", "bus_subsidy"], pages=["rot270"],
        cols=[0.15, 0.2, 0.4, 0.25], trait="every page /Rotate 270, landscape content drawn sideways in a portrait MediaBox"),
    "sideways_no_rotate_entry": dict(
        projects=["job_training", "social_security_card"], pages=["sideways"], cols=[0.15, 0.2, 0.4, 0.25],
        trait="landscape table drawn with a 90° text matrix on portrait pages, no /Rotate (chars upright=False)"),
    "mixed_portrait_then_rotate90": dict(
        projects=["school_meals", "ecommerce"], pages=["portrait", "rot90"], breaks=[(0, "ind", 3)],
        trait="portrait page 1, page 2 is a /Rotate 90 landscape page continuing project 1's indicator table"),
    "mixed_portrait_then_sideways": dict(
        projects=["road_maint", "river_chief"], pages=["portrait", "sideways"], breaks=[(0, "ind", 4)],
        trait="portrait page 1, page 2 sideways without /Rotate continuing the table"),
    "long_30_projects": dict(
        projects=LONG_PROJECTS, repeat_heading="indicators", size=13.5, margin=60.0,
        trait="30 projects, 15–18 indicators each, flowing over ~40 pages, heading repeated on continuation pages"),
    "fit_to_page_6_5pt": dict(
        projects=["public_health", "job_training", "school_meals", "road_maint"], size=11.0, scale=6.5 / 11,
        margin=45.0, line_width=0.5, cols=[0.14, 0.2, 0.42, 0.24],
        trait="Excel fit-to-page: sheet laid out at 11 pt and scaled by the CTM (0.59) → 6.5 pt glyphs, 0.3 pt lines"),
    "amount_units_in_cells": dict(
        projects=["family_doctor", "teacher_training", "seed_subsidy"], amounts=["wan", "wan_paren", "yuan"],
        trait="amount cells 46万元 / 52.00（万元） / ￥640,000.00 (单位：元)"),
    "numbered_goal_lines_empty_targets": dict(
        projects=["job_training_gaps", "public_health"],
        trait="goals as numbered points one per line (1.…；\\n2.…；\\n3.…。); empty 绩效值 cells on level-3 rows"),
    "labels_spaced_and_distributed": dict(
        projects=["water_supply", "bus_subsidy"], labels=["spaced", "distributed"],
        trait="labels typed with spaces (项  目  名  称) / spread with character spacing"),
    "labels_colon_in_cell": dict(
        projects=["river_chief", "social_security_card"], labels="colon",
        trait="labels end with a colon inside the cell (项目名称：)"),
    "repeat_heading_every_page": dict(
        projects=["public_health", "old_housing", "ecommerce", "job_training"], repeat_heading="every_page",
        size=11.0, trait="Excel print titles: the 一级指标 row repeats on top of every page, also above a new project's header block"),
    "indicator_table_on_new_page": dict(
        projects=["family_doctor", "seed_subsidy"], breaks=[(0, "colhead", 0), (1, "colhead", 0)],
        trait="each project's 一级指标 table starts on a new page right after its header block"),
    "break_between_heading_and_first_row": dict(
        projects=["teacher_training", "water_supply"], breaks=[(0, "ind", 0), (1, "ind", 0)],
        trait="page ends with the 一级指标 heading row; first indicator on the next page, heading not repeated"),
    "sideways_clockwise_no_rotate": dict(
        projects=["old_housing", "teacher_training"], pages=["sideways_cw"], cols=[0.15, 0.2, 0.4, 0.25],
        trait="landscape table turned the other way (top of the table at the page's right edge), no /Rotate"),
    "rotate90_all_pages": dict(
        projects=["road_maint", "school_meals", "river_chief"], pages=["rot90"], cols=[0.15, 0.2, 0.4, 0.25],
        trait="every page /Rotate 90 (pdfminer's origin differs from /Rotate 270)"),
    "fake_bold_double_drawn": dict(
        projects=["water_supply", "ecommerce"], fake_bold=("label", "heading", "table_title", "doc_title"),
        trait="labels, heading row and titles drawn twice 0.3 pt apart (synthetic bold): every glyph doubled"),
    "content_order_reversed_per_glyph": dict(
        projects=["public_health", "bus_subsidy"], draw_order="reverse", per_glyph=True,
        trait="cells drawn bottom-right first; every glyph its own text object at an absolute position"),
    "excel_overflow_into_empty_target": dict(
        projects=["overflow_demo", "seed_subsidy"], overflow=("按要求完成年度绩效自评并报送自评报告",),
        cols=[0.16, 0.22, 0.3, 0.32],
        trait="an unwrapped level-3 text runs on over its empty 绩效值 cell (Excel overflow)"),
    "text_outside_cropbox_slug": dict(
        projects=["family_doctor", "social_security_card"], slug="打印时间：2025-01-08 10:32  操作员：admin  第{page}页",
        trait="MediaBox taller than the CropBox; a print slug sits above the visible page on every page"),
    "filled_rect_rules": dict(
        projects=["old_housing", "social_security_card"], rules="fill", line_width=0.5,
        trait="ruling drawn as 0.5 pt filled rectangles, merged per line"),
    "filled_rect_rules_corner_gaps": dict(
        projects=["road_maint", "family_doctor"], rules="fill", line_width=0.4, corner_gap=0.8,
        trait="one filled rectangle per cell edge, each 0.8 pt short of the corners (lines do not touch)"),
}

C.P["overflow_demo"] = dict(C.P["river_chief"], indicators=C.P["river_chief"]["indicators"][:4] + [
    ("1-产出指标", "13-时效指标", "按要求完成年度绩效自评并报送自评报告", None)] + C.P["river_chief"]["indicators"][4:])
C.P["job_training_gaps"] = dict(C.P["job_training"], indicators=[
    (a, b, c, None if c in ("开设培训工种", "补贴发放时间") else d) for a, b, c, d in C.P["job_training"]["indicators"]])


def build(stem, spec):
    o = dict(DEFAULTS, **spec)
    projects = [C.P[p] if isinstance(p, str) else p for p in o["projects"]]
    dept = projects[0]["dept"]
    doc_title = f"附件{o['attachment']}：{dept}2025年项目支出预算绩效目标表"
    items_pp, exp_projects = [], []
    for i, p in enumerate(projects):
        items, exp = project_items(i, p, o, doc_title if i == 0 else None)
        items_pp.append(items)
        exp_projects.append(exp)
    # forced breaks: (project, "colhead"|"ind", n) → item index
    breaks = set()
    for pi, kind, n in o["breaks"]:
        idx = [k for k, it in enumerate(items_pp[pi]) if isinstance(it, Row) and it.kind == kind][n]
        breaks.add((pi, idx))
    o["breaks_at"] = breaks
    pages = paginate(items_pp, o)
    path = HERE / f"{stem}.pdf"
    placed = render(path, pages, o)
    mapping = o["fontmap"] or {}
    rewrite_tounicode(path, mapping)
    if o["slug"]:
        set_boxes(path, 40)
    n = readback(path, pages, placed, mapping)
    if o["fake_bold"]:
        assert sum(pg.duplicates for pg in pages) > 50, "fake bold should double the glyphs"
    if o["slug"]:
        with pdfplumber.open(path) as pdf:
            assert "打印" in "".join(ch["text"] for ch in pdf.pages[0].chars), "slug text should be in the file"
    expected = dict(schema_version=1, source=dict(file=path.name, format="pdf", pages=n),
                    title=doc_title, projects=exp_projects, tables=[])
    (HERE / f"{stem}.expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return n, path.stat().st_size


def main(argv):
    prefix = argv[1] if len(argv) > 1 else ""
    for stem, spec in SPECS.items():
        if stem.startswith(prefix):
            n, size = build(stem, spec)
            print(f"{stem}.pdf: {n} pages, {size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv)
