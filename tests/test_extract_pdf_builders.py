"""Builders for small, real PDFs shaped like the budget attachments (used by test_extract_pdf_*).

Each table is described as a list of `SpecCell`s on a grid (column widths, row heights); the
builder draws every cell's own border (so a merged cell has no inner rules), wraps its text
and centres it vertically — the way Word/WPS exports these tables. The spec is the ground
truth the tests compare the extracted grid with.

This module holds no tests itself; it is named test_extract_pdf_* only so that it lives with
the tests it serves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "WQY"
# a subset of WenQuanYi Zen Hei committed with the tests (scripts/make_test_font.py): no test
# reads a system font, so the suite passes on a machine without CJK font packages
_FONT_FILE = str(Path(__file__).parent / "fonts" / "wqy-zenhei-subset.ttf")
_registered = False


def register_font() -> str:
    """A TrueType CJK font (embedded with a ToUnicode map, so text extracts as drawn)."""
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, _FONT_FILE))
        _registered = True
    return FONT


@dataclass
class SpecCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    sideways: int = 0  # 90: text turned to read upwards, 270: downwards (one line)
    nowrap: bool = False  # one line, running on over the (empty) cells to the right (Excel)


@dataclass
class TableSpec:
    col_widths: list[float]
    row_heights: list[float]
    cells: list[SpecCell]
    x: float = 50  # left edge
    top: float = 120  # distance of the table's top from the page top
    top_rule: bool = True  # False: a continued table whose first row has no top border
    rules_as_rects: bool = False  # draw each rule as a thin filled rectangle (Word style)
    verticals: bool = True  # False: horizontal rules only (三线表 style)
    fake_bold: bool = False  # every text drawn twice, 0.3 pt apart (synthetic bold)
    segment: float = 0.0  # > 0: every rule drawn as pieces this long with 0.5 pt gaps
    font_size: float = 9


@dataclass
class PageSpec:
    lines: list[tuple[float, float, str]] = field(default_factory=list)  # (x, top, text)
    tables: list[TableSpec] = field(default_factory=list)
    size: tuple[float, float] = A4  # upright (as displayed) width, height
    rotate: int = 0  # /Rotate of the page; content is drawn so it reads upright when shown
    sideways: bool = False  # content turned 90° on the paper without /Rotate (reads upwards)
    upside_down: bool = False  # content turned 180° on the paper without /Rotate
    white_rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    invisible_rects: list[tuple[float, float, float, float]] = field(default_factory=list)
    ruled: bool = True  # False: no ruling lines at all (text-only table)
    image_only: bool = False  # a scanned page: one black-and-white image, no text
    watermark: str = ""  # drawn across the middle of the page, large and light grey …
    watermark_angle: float = 45  # … at this angle


def wrap(text: str, width: float, size: float) -> list[str]:
    register_font()
    lines, current = [], ""
    for para in text.split("\n"):
        for ch in para:
            if current and pdfmetrics.stringWidth(current + ch, FONT, size) > width:
                lines.append(current)
                current = ""
            current += ch
        lines.append(current)
        current = ""
    return lines


def _draw_rule(c: canvas.Canvas, x0: float, y0: float, x1: float, y1: float, as_rect: bool,
               segment: float = 0.0) -> None:
    if segment:  # a report system's rule: short pieces with small gaps, the last one shorter
        length = abs(x1 - x0) + abs(y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        pos = 0.0
        while pos < length:
            end = min(length, pos + segment)
            _draw_rule(c, x0 + ux * pos, y0 + uy * pos, x0 + ux * end, y0 + uy * end, as_rect)
            pos = end + 0.5
        return
    if as_rect:
        w = 0.5
        if y0 == y1:
            c.rect(x0, y0 - w / 2, x1 - x0, w, stroke=0, fill=1)
        else:
            c.rect(x0 - w / 2, min(y0, y1), w, abs(y1 - y0), stroke=0, fill=1)
    else:
        c.line(x0, y0, x1, y1)


def draw_table(c: canvas.Canvas, t: TableSpec, page_h: float, ruled: bool = True) -> None:
    xs = [t.x]
    for w in t.col_widths:
        xs.append(xs[-1] + w)
    tops = [t.top]
    for h in t.row_heights:
        tops.append(tops[-1] + h)
    c.setLineWidth(0.5)
    c.setFillColorRGB(0, 0, 0)
    for cell in t.cells:
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        top, bottom = tops[cell.row], tops[cell.row + cell.rowspan]
        y_top, y_bottom = page_h - top, page_h - bottom
        if ruled:
            seg = t.segment
            if cell.row > 0 or t.top_rule:
                _draw_rule(c, x0, y_top, x1, y_top, t.rules_as_rects, seg)
            _draw_rule(c, x0, y_bottom, x1, y_bottom, t.rules_as_rects, seg)
            if t.verticals:
                _draw_rule(c, x0, y_top, x0, y_bottom, t.rules_as_rects, seg)
                _draw_rule(c, x1, y_top, x1, y_bottom, t.rules_as_rects, seg)
        if cell.text and cell.sideways:
            c.saveState()
            c.setFont(FONT, t.font_size)
            width = pdfmetrics.stringWidth(cell.text, FONT, t.font_size)
            cx, cy = (x0 + x1) / 2, (y_top + y_bottom) / 2
            c.translate(cx, cy)
            c.rotate(cell.sideways)
            c.drawString(-width / 2, -t.font_size / 3, cell.text)
            c.restoreState()
        elif cell.text and cell.nowrap:
            c.setFont(FONT, t.font_size)
            c.drawString(x0 + 3, (y_top + y_bottom) / 2 - t.font_size / 3, cell.text)
        elif cell.text:
            size = t.font_size
            lines = wrap(cell.text, x1 - x0 - 6, size)
            lead = size * 1.3
            block = lead * len(lines)
            first_baseline = y_top - ((bottom - top) - block) / 2 - size
            c.setFont(FONT, size)
            for i, line in enumerate(lines):
                c.drawString(x0 + 3, first_baseline - i * lead, line)
                if t.fake_bold:
                    c.drawString(x0 + 3.3, first_baseline - i * lead, line)


def build_pdf(path: Path, pages: list[PageSpec], *, owner_password: Optional[str] = None,
              user_password: Optional[str] = None) -> Path:
    register_font()
    encrypt = None
    if owner_password is not None or user_password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(user_password or "", owner_password or "owner",
                                     canPrint=1, canModify=0, canCopy=0, canAnnotate=0)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    for page in pages:
        w, h = page.size  # as displayed, upright
        if page.rotate in (90, 270):
            c.setPageSize((w, h))  # reportlab swaps the MediaBox itself for /Rotate 90/270
            c.setPageRotation(page.rotate)
            if page.rotate == 90:  # shown = media turned clockwise: media (x, y) = (h - Y, X)
                c.transform(0, 1, -1, 0, h, 0)
            else:  # media (x, y) = (Y, w - X)
                c.transform(0, -1, 1, 0, 0, w)
        elif page.sideways:  # portrait paper, landscape content printed sideways, no /Rotate
            c.setPageSize((h, w))
            c.transform(0, 1, -1, 0, h, 0)
        elif page.upside_down:
            c.setPageSize((w, h))
            c.transform(-1, 0, 0, -1, w, h)
        else:
            c.setPageSize((w, h))
        if page.image_only:
            _draw_scan(c, w, h)
        for x, top, text in page.lines:
            c.setFont(FONT, 12)
            c.drawString(x, h - top - 12, text)
        for rect in page.white_rects:  # filled white, no stroke: invisible on paper
            x0, top, x1, bottom = rect
            c.setFillColorRGB(1, 1, 1)
            c.rect(x0, h - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        for rect in page.invisible_rects:  # neither stroked nor filled (clipping-path style)
            x0, top, x1, bottom = rect
            c.rect(x0, h - bottom, x1 - x0, bottom - top, stroke=0, fill=0)
        for t in page.tables:
            draw_table(c, t, h, ruled=page.ruled)
        if page.watermark:
            c.saveState()
            c.setFillColorRGB(0.8, 0.8, 0.8)
            c.setFont(FONT, 48)
            c.translate(w / 2 - 190, h / 2)
            c.rotate(page.watermark_angle)
            c.drawString(0, 0, page.watermark)
            c.restoreState()
        c.showPage()
    c.save()
    return path


def _draw_scan(c: canvas.Canvas, w: float, h: float) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (400, 560), 255)
    d = ImageDraw.Draw(img)
    for y in range(60, 500, 40):
        d.line((40, y, 360, y), fill=0, width=2)
    c.drawImage(ImageReader(img), 0, 0, width=w, height=h)


# ---------------------------------------------------------------------------------------------
# A project table shaped like 部门项目支出预算绩效目标表 (4 columns).

COLS = [95.0, 105.0, 180.0, 115.0]

HEADER = [
    ("项目名称", "常委会议工作经费", None, None),
    ("主管部门", "平罗县人民代表大会常务委员会办公室", "实施单位", "平罗县人民代表大会常务委员会办公室本级"),
    ("项目属性", "一年期项目", "项目期限", "1 年"),
    ("项目主管处室", "行财室", "项目年度金额", "4"),
    ("年度总体绩效目标", "县人大常委会每 2 月召开一次常委会会议，听取和审议县人民政府相关工作报告，"
     "审查县人民政府相关议案，履行人事任免权和重大事项决定权", None, None),
]

# (level1, level2, level3, target); level1/level2 None = merged with the row above
INDICATORS = [
    ("1-产出指标", "11-数量指标", "召开县人大常委会会议，听取和审议专项工作", "全年召开 6 次会议、听取审议 7 项工作"),
    (None, None, "召开主任会议", "12 次"),
    (None, "12-质量指标", "根据组织法的相关规定", "100%"),
    (None, "13-时效指标", "每 2 月召开一次", "1-12 月"),
    (None, "14-成本指标", "人大常委会会议办公耗材", "每次 6667 元"),
    ("2-效益指标", "21-经济效益", "", ""),
    (None, "22-社会效益", "提高人大常委会履职水平，更好服务于经济社会发展", "效果明显"),
    (None, "23-生态效益", "", ""),
    (None, "24-可持续影响", "保持和人民的密切联系，提升为人民服务的水平", "有所提高"),
    ("3-满意度指标", "31-服务对象满意度", "人大代表满意度", "≥90%"),
]


def header_cells(start_row: int = 0) -> list[SpecCell]:
    cells = []
    for i, (a, b, c_, d) in enumerate(HEADER):
        r = start_row + i
        cells.append(SpecCell(r, 0, a))
        if c_ is None:
            cells.append(SpecCell(r, 1, b, colspan=3))
        else:
            cells += [SpecCell(r, 1, b), SpecCell(r, 2, c_), SpecCell(r, 3, d)]
    return cells


def indicator_cells(rows: list[tuple], start_row: int, with_header: bool = True) -> list[SpecCell]:
    cells = []
    r = start_row
    if with_header:
        cells += [SpecCell(r, i, t) for i, t in enumerate(["一级指标", "二级指标", "三级指标", "绩效值"])]
        r += 1
    open_cells: dict[int, SpecCell] = {}
    for l1, l2, l3, target in rows:
        for col, value in ((0, l1), (1, l2)):
            if value is None and col in open_cells:
                open_cells[col].rowspan += 1
            else:
                open_cells[col] = SpecCell(r, col, value or "")
                cells.append(open_cells[col])
        if l2 is not None:  # a new level-2 cell closes nothing at level 1
            pass
        cells += [SpecCell(r, 2, l3), SpecCell(r, 3, target)]
        r += 1
    return cells


def project_table(top: float = 120, rows=INDICATORS, with_header: bool = True,
                  header: bool = True, **kw) -> TableSpec:
    cells = header_cells() if header else []
    start = len(HEADER) if header else 0
    cells += indicator_cells(rows, start, with_header)
    n_rows = max(c.row + c.rowspan for c in cells)
    heights = []
    for r in range(n_rows):
        h = 22.0
        for c in cells:
            if c.row == r and c.rowspan == 1 and c.text:
                width = sum(COLS[c.col:c.col + c.colspan]) - 6
                h = max(h, len(wrap(c.text, width, 9)) * 9 * 1.3 + 8)
        heights.append(h)
    return TableSpec(col_widths=list(COLS), row_heights=heights, cells=cells, top=top, **kw)


def title_lines(top: float = 50) -> list[tuple[float, float, str]]:
    return [
        (60, top, "附件2：平罗县人民代表大会常务委员会办公室项目支出预算绩效目标表"),
        (200, top + 30, "部门项目支出预算绩效目标表"),
        (440, top + 52, "单位：万元"),
    ]


def project_page(**table_kw) -> PageSpec:
    return PageSpec(lines=title_lines(), tables=[project_table(top=125, **table_kw)])


def spec_rows(t: TableSpec) -> list[tuple[int, int, int, int, str]]:
    """The spec as comparable tuples (row, col, rowspan, colspan, text without breaks)."""
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells)
