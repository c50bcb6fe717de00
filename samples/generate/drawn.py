"""reportlab renderer: the project grids drawn directly as text + ruling lines.

Layout happens first (rows measured, paginated, cells cut into per-page segments), then
each page's drawing operations are replayed on a canvas. Options reproduce real-world
traits: several projects per page, Kangxi look-alike characters, a page stored rotated
with /Rotate 90, a continuation page whose table has no top rule, white rectangles that
do not line up with the cells (phantom cells for a ruling-based table finder), and no
ruling at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from content import Department
from expected import Placement, Rendered
from grid import project_grid
from text import wrap

WQY_PATH = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # Debian package fonts-wqy-zenhei
FONTS = {"wqy": "WQYZenHei", "stsong": "STSong-Light"}


def register_fonts() -> None:
    if "WQYZenHei" not in pdfmetrics.getRegisteredFontNames():
        if not Path(WQY_PATH).exists():
            raise SystemExit(f"{WQY_PATH} missing: apt-get install fonts-wqy-zenhei")
        pdfmetrics.registerFont(TTFont("WQYZenHei", WQY_PATH, subfontIndex=0))
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


@dataclass
class DrawOptions:
    font: str = "wqy"  # "wqy" (embedded TrueType subset) or "stsong" (non-embedded CID font)
    size: float = 9.0
    landscape: bool = False
    rotated_pages: frozenset[int] = frozenset()  # pages drawn landscape, stored with /Rotate 90
    new_page_per_project: bool = True
    col_fracs: tuple[float, ...] = (0.17, 0.21, 0.38, 0.24)
    distort: Callable[[str], str] = lambda s: s
    ruling: bool = True
    no_top_rule_on_continuation: bool = False
    phantom_rects: bool = False
    breaks_before: frozenset[tuple[int, int]] = frozenset()  # (project index, indicator index)
    margin: float = 50.0


@dataclass
class CellCheck:
    """A drawn cell: the canonical text pdfplumber must find inside `bbox` on `page`."""

    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom, display coordinates
    text: str


@dataclass
class DrawResult:
    rendered: Rendered
    checks: list[CellCheck]
    rotated_pages: frozenset[int]


@dataclass
class _Page:
    width: float
    height: float
    rotated: bool
    ops: list = field(default_factory=list)


class _Layout:
    def __init__(self, opts: DrawOptions):
        self.o = opts
        self.font = FONTS[opts.font]
        self.leading = opts.size * 1.4
        self.pad = 4.0
        self.pages: list[_Page] = []
        self.checks: list[CellCheck] = []
        self.top = 0.0

    # -- pages -------------------------------------------------------------------------
    def measure(self, s: str, size: float | None = None) -> float:
        return pdfmetrics.stringWidth(s, self.font, size or self.o.size)

    def new_page(self) -> None:
        n = len(self.pages) + 1
        w, h = A4
        rotated = n in self.o.rotated_pages
        if self.o.landscape or rotated:
            w, h = h, w
        self.pages.append(_Page(w, h, rotated))
        self.top = self.o.margin

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    @property
    def bottom(self) -> float:
        return self.page.height - self.o.margin

    def text(self, x: float, top: float, s: str, size: float | None = None) -> None:
        self.page.ops.append(("text", x, top, self.o.distort(s), size or self.o.size))

    # -- document ----------------------------------------------------------------------
    def run(self, dept: Department) -> list[Placement]:
        self.new_page()
        title_size = self.o.size + 5
        tw = self.measure(dept.title, title_size)
        self.text((self.page.width - tw) / 2, self.top, dept.title, title_size)
        self.checks.append(CellCheck(1, ((self.page.width - tw) / 2 - 2, self.top - 2,
                                         (self.page.width + tw) / 2 + 2, self.top + title_size * 1.3),
                                     dept.title))
        self.top += title_size * 2.2
        return [self.project(dept, i, p) for i, p in enumerate(dept.projects)]

    def project(self, dept: Department, index: int, project) -> Placement:
        g = project_grid(dept, project)
        if len(self.o.col_fracs) != g.n_cols:
            raise ValueError(f"{project.project_name}: {g.n_cols} columns, {len(self.o.col_fracs)} widths")
        head_h = (self.o.size + 4) * 1.6 + self.leading + 4
        if index > 0 and (self.o.new_page_per_project or self.top + head_h + 120 > self.bottom):
            self.new_page()
        width = self.page.width - 2 * self.o.margin
        colx = [self.o.margin]
        for f in self.o.col_fracs:
            colx.append(colx[-1] + width * f)
        first_page = len(self.pages)

        size_t = self.o.size + 4
        tw = self.measure(project.table_title, size_t)
        self.text((self.page.width - tw) / 2, self.top, project.table_title, size_t)
        self.top += size_t * 1.6
        unit = f"单位：{dept.amount_unit}"
        self.text(colx[-1] - self.measure(unit), self.top, unit)
        self.top += self.leading + 4

        # measure rows
        printed = {id(c): self._lines(c.text, colx[c.col + c.colspan] - colx[c.col]) for c in g.cells}
        need = lambda c: len(printed[id(c)]) * self.leading + 2 * self.pad  # noqa: E731
        heights = [self.leading + 2 * self.pad] * g.n_rows
        for c in g.cells:
            if c.rowspan == 1:
                heights[c.row] = max(heights[c.row], need(c))
        for c in g.cells:
            if c.rowspan > 1:
                short = need(c) - sum(heights[c.row:c.row + c.rowspan])
                if short > 0:
                    heights[c.row + c.rowspan - 1] += short

        # paginate rows
        forced = {g.indicator_rows[i] for (p, i) in self.o.breaks_before if p == index}
        row_pos: list[tuple[int, float]] = []  # (page number, top)
        continuation_first_rows: set[int] = set()
        for r, h in enumerate(heights):
            if r in forced or self.top + h > self.bottom:
                self.new_page()
                continuation_first_rows.add(r)
            row_pos.append((len(self.pages), self.top))
            self.top += h
        self.top += 18

        # cells -> per-page segments
        for c in g.cells:
            x0, x1 = colx[c.col], colx[c.col + c.colspan]
            segs: list[list] = []  # [page, top, bottom, first_row]
            for r in range(c.row, c.row + c.rowspan):
                pg, top = row_pos[r]
                if segs and segs[-1][0] == pg:
                    segs[-1][2] = top + heights[r]
                else:
                    segs.append([pg, top, top + heights[r], r])
            for n, (pg, top, bot, first_row) in enumerate(segs):
                ops = self.pages[pg - 1].ops
                if self.o.phantom_rects and c.col == 2 and c.kind == "ind":
                    shift = (bot - top) * 0.4  # white band offset from the row: phantom edges
                    ops.insert(0, ("white", colx[1] + 6, top + shift, colx[4] - 3, bot + shift))
                if self.o.ruling:
                    skip_top = self.o.no_top_rule_on_continuation and first_row in continuation_first_rows
                    if not skip_top:
                        ops.append(("line", x0, top, x1, top))
                    ops.append(("line", x0, bot, x1, bot))
                    ops.append(("line", x0, top, x0, bot))
                    ops.append(("line", x1, top, x1, bot))
                if n == 0 and c.text:
                    self._cell_text(pg, c, printed[id(c)], x0, x1, top, bot)
        if self.o.phantom_rects:  # one more behind the header block, a few points off its edges
            pg, top = row_pos[0]
            hb = row_pos[g.head_row][1] if row_pos[g.head_row][0] == pg else self.pages[pg - 1].height
            self.pages[pg - 1].ops.insert(0, ("white", colx[0] + 8, top + 5, colx[-1] - 8, hb - 5))

        pages = sorted({first_page} | {p for p, _ in row_pos})
        return Placement(pages=list(range(pages[0], pages[-1] + 1)),
                         indicator_pages=[row_pos[r][0] for r in g.indicator_rows])

    def _lines(self, s: str | None, col_w: float) -> list[str]:
        if not s:
            return []
        return wrap(self.o.distort(s), col_w - 2 * self.pad, self.measure)

    def _cell_text(self, pg, c, lines, x0, x1, top, bot) -> None:
        block = len(lines) * self.leading
        y = top + max(self.pad, (bot - top - block) / 2)
        center = c.kind in ("label", "head", "ind") and len(lines) == 1
        for line in lines:
            w = self.measure(line)
            x = (x0 + x1 - w) / 2 if center else x0 + self.pad
            self.pages[pg - 1].ops.append(("text", x, y + (self.leading - self.o.size) / 2, line, self.o.size))
            y += self.leading
        self.checks.append(CellCheck(pg, (x0 + 0.5, top + 0.5, x1 - 0.5, max(bot, y) - 0.5), c.text))


def draw(dept: Department, out: Path, opts: DrawOptions) -> DrawResult:
    """Draw `dept` into `out`; pages listed in opts.rotated_pages still need /Rotate 90
    set afterwards (pdf_post.finalize does it)."""
    register_fonts()
    lay = _Layout(opts)
    placements = lay.run(dept)
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(dept.title)
    c.setAuthor("fujian sample generator")
    for p in lay.pages:
        if p.rotated:  # media box portrait, content turned so a viewer shows it upright
            c.setPageSize((p.height, p.width))
            c.transform(0, 1, -1, 0, p.height, 0)
        else:
            c.setPageSize((p.width, p.height))
        c.setLineWidth(0.6)
        for op in p.ops:
            kind = op[0]
            if kind == "text":
                _, x, top, s, size = op
                c.setFont(FONTS[opts.font], size)
                c.drawString(x, p.height - top - size * 0.88, s)
            elif kind == "line":
                _, xa, ta, xb, tb = op
                c.line(xa, p.height - ta, xb, p.height - tb)
            elif kind == "white":
                _, xa, ta, xb, tb = op
                c.setFillColorRGB(1, 1, 1)
                c.rect(xa, p.height - tb, xb - xa, tb - ta, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
        c.showPage()
    c.save()
    rendered = Rendered(department=dept, placements=placements, n_pages=len(lay.pages))
    return DrawResult(rendered, lay.checks, frozenset(i + 1 for i, p in enumerate(lay.pages) if p.rotated))


def subset(dept: Department, indexes: list[int]) -> Department:
    return replace(dept, projects=tuple(dept.projects[i] for i in indexes))

