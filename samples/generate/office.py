"""Office-style renderers: an openpyxl workbook or a python-docx document built from the
project grids, converted to PDF by LibreOffice (`soffice --headless --convert-to pdf`).

Neither openpyxl nor LibreOffice sizes rows to wrapped text on import, so row heights are
estimated here from the text width, as a person adjusting the sheet by hand would.
"""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from content import Department
from grid import project_grid

XLSX_FONT = "Noto Sans CJK SC"
DOCX_FONT = "Noto Serif CJK SC"


def soffice_to_pdf(src: Path, out_pdf: Path) -> None:
    """Convert with a private LibreOffice profile (parallel runs do not share a lock)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed to regenerate the office samples")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(src)], check=True, capture_output=True,
                       env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
        shutil.move(Path(tmp, src.stem + ".pdf"), out_pdf)


def text_width(s: str, size: float) -> float:
    """Rough printed width in points: CJK full width, ASCII about half."""
    return sum(size * (0.55 if ord(ch) < 0x2000 else 1.0) for ch in s)


def lines_needed(s: str | None, col_pt: float, size: float) -> int:
    if not s:
        return 1
    return max(1, math.ceil(text_width(s, size) / max(col_pt - 8, 10)))


# -- Excel ------------------------------------------------------------------------------

@dataclass
class ExcelOptions:
    one_sheet_per_project: bool = False
    repeat_head_row: bool = False  # print titles = the 一级指标… row (needs one sheet per project)
    # (project index, indicator index): manual page break before that indicator row
    breaks_before: frozenset[tuple[int, int]] = frozenset()
    # split merged level-1/level-2 cells at those breaks (continuation part left empty)
    split_merges_at_breaks: bool = False
    widths: tuple[float, ...] = (12, 14, 34, 17)  # Excel column width units
    size: float = 10.0


def build_xlsx(dept: Department, path: Path, opts: ExcelOptions) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.pagebreak import Break

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    col_pt = [w * 7 * 0.75 for w in opts.widths]  # ~7 px per width unit, 0.75 pt per px
    line_pt = opts.size * 1.5

    wb = openpyxl.Workbook()
    wb.properties.creator = "fujian"
    ws = wb.active
    sheet_row = 1

    def setup(ws, title: str) -> None:
        ws.title = title
        for i, w in enumerate(opts.widths):
            ws.column_dimensions["ABCD"[i]].width = w
        ws.page_setup.orientation = "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.sheet_properties.pageSetUpPr.fitToPage = True  # fit all columns on the page width
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0

    def put(ws, r, c, text, *, bold=False, size=None, h="center", border=True, rows=1, cols=1):
        cell = ws.cell(r, c, text)
        cell.font = Font(name=XLSX_FONT, size=size or opts.size, bold=bold)
        cell.alignment = Alignment(horizontal=h, vertical="center", wrap_text=True)
        if rows > 1 or cols > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r + rows - 1, end_column=c + cols - 1)
        if border:
            for rr in range(r, r + rows):
                for cc in range(c, c + cols):
                    ws.cell(rr, cc).border = box

    setup(ws, "绩效目标表" if not opts.one_sheet_per_project else "项目1")
    put(ws, 1, 1, dept.title, bold=True, size=14, border=False, cols=4)
    ws.row_dimensions[1].height = 30
    sheet_row = 3
    for index, project in enumerate(dept.projects):
        if index > 0:
            if opts.one_sheet_per_project:
                ws = wb.create_sheet()
                setup(ws, f"项目{index + 1}")
                sheet_row = 1
            else:
                ws.row_breaks.append(Break(id=sheet_row - 1))
        g = project_grid(dept, project)
        put(ws, sheet_row, 1, project.table_title, bold=True, size=16, border=False, cols=4)
        ws.row_dimensions[sheet_row].height = 28
        put(ws, sheet_row + 1, 1, f"单位：{dept.amount_unit}", h="right", border=False, cols=4)
        base = sheet_row + 2
        heights = [line_pt + 6] * g.n_rows
        for c in g.cells:
            if c.rowspan == 1:
                w = sum(col_pt[c.col:c.col + c.colspan])
                heights[c.row] = max(heights[c.row], lines_needed(c.text, w, opts.size) * line_pt + 6)
        breaks = {g.indicator_rows[i] for (p, i) in opts.breaks_before if p == index}
        for c in g.cells:
            rows = c.rowspan
            if opts.split_merges_at_breaks:
                cut = [b for b in breaks if c.row < b < c.row + c.rowspan]
                if cut:  # the part after the break becomes its own empty merged cell
                    rows = min(cut) - c.row
                    put(ws, base + min(cut), c.col + 1, None, rows=c.row + c.rowspan - min(cut))
            h = "left" if c.kind == "value" and c.colspan > 1 or (c.text and len(c.text) > 16) else "center"
            put(ws, base + c.row, c.col + 1, c.text, h=h, rows=rows, cols=c.colspan)
        for r, hgt in enumerate(heights):
            ws.row_dimensions[base + r].height = hgt
        for b in sorted(breaks):
            ws.row_breaks.append(Break(id=base + b - 1))
        if opts.repeat_head_row:
            ws.print_title_rows = f"{base + g.head_row}:{base + g.head_row}"
        sheet_row = base + g.n_rows + 1
    wb.save(path)


# -- Word -------------------------------------------------------------------------------

@dataclass
class WordOptions:
    landscape: bool = False
    widths_cm: tuple[float, ...] = (3.0, 3.6, 6.4, 3.6)
    size: float = 10.5
    distort: object = None  # str -> str applied to indicator targets (e.g. full-width digits)
    budget_table: tuple = ()  # rows of a non-target table printed before the projects
    budget_title: str = ""
    page_break_between_projects: bool = True
    # print the indicator rows as a second table right under the header table, its first
    # row (一级指标 …) marked as a header row that Word/LibreOffice repeat on each page
    separate_indicator_table: bool = False


def build_docx(dept: Department, path: Path, opts: WordOptions) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    d.core_properties.author = "fujian"
    style = d.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(opts.size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    if opts.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    for side in ("left_margin", "right_margin"):
        setattr(sec, side, Cm(2.0))
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    widths = opts.widths_cm
    if opts.landscape:  # use the wider page for the text columns
        widths = (widths[0] + 0.8, widths[1] + 1.2, widths[2] + 6.0, widths[3] + 1.7)

    def para(text, size=None, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER):
        p = d.add_paragraph()
        p.alignment = align
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return p

    def fill(cell, text, center):
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        if text:
            p.add_run(text)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER

    para(dept.title, size=16, bold=True)
    if opts.budget_table:
        para(opts.budget_title, size=14, bold=True)
        para(f"单位：{dept.amount_unit}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        t = d.add_table(rows=len(opts.budget_table), cols=len(opts.budget_table[0]))
        t.style = "Table Grid"
        for r, row in enumerate(opts.budget_table):
            for c, v in enumerate(row):
                fill(t.cell(r, c), v, center=c > 0 or r == 0)
        d.add_paragraph()

    for index, project in enumerate(dept.projects):
        if index > 0 and opts.page_break_between_projects:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        g = project_grid(dept, project)
        para(project.table_title, size=15, bold=True)
        para(f"单位：{dept.amount_unit}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        parts = [(0, g.n_rows)]
        if opts.separate_indicator_table:
            parts = [(0, g.head_row), (g.head_row, g.n_rows)]
        for first, end in parts:
            if first > 0:  # adjacent tables would be joined into one on import: keep a 1-pt gap
                gap = d.add_paragraph()
                gap.paragraph_format.space_before = gap.paragraph_format.space_after = Pt(0)
                gap.paragraph_format.line_spacing = Pt(1)
                gap.add_run(" ").font.size = Pt(1)
            t = d.add_table(rows=end - first, cols=4)
            t.style = "Table Grid"
            t.alignment = WD_TABLE_ALIGNMENT.CENTER
            t.autofit = False
            for row in t.rows:
                for i, w in enumerate(widths):
                    row.cells[i].width = Cm(w)
                tr_pr = row._tr.get_or_add_trPr()  # keep each row on one page
                tr_pr.append(OxmlElement("w:cantSplit"))
            if opts.separate_indicator_table and first == g.head_row:
                head = OxmlElement("w:tblHeader")
                head.set(qn("w:val"), "true")
                t.rows[0]._tr.get_or_add_trPr().append(head)
            for c in g.cells:
                if not first <= c.row < end:
                    continue
                cell = t.cell(c.row - first, c.col)
                if c.rowspan > 1 or c.colspan > 1:
                    cell = cell.merge(t.cell(c.row - first + c.rowspan - 1, c.col + c.colspan - 1))
                text = c.text
                if text and opts.distort and c.kind == "ind" and c.col == 3:
                    text = opts.distort(text)
                fill(cell, text, center=c.kind != "value" and not (text and len(text) > 20))
    d.save(path)


def office_pdf(build, dept: Department, out_pdf: Path, opts, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, out_pdf.stem + suffix)
        build(dept, src, opts)
        soffice_to_pdf(src, out_pdf)
