"""Read a generated PDF back with pdfplumber and check it says what the content data says.

Two checks, both raising ReadBackError on a mismatch:
- `check_cells`: for drawn PDFs, where every cell's box is known, the text inside each box
  must canonicalise to the content value.
- `locate`: for LibreOffice exports, where boxes are not known, the ruled tables pdfplumber
  finds are walked in order and every header value and indicator row must be met, in
  content order; the pages where they were met are the expected page numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from content import Department
from expected import Placement
from grid import project_grid
from text import canon


class ReadBackError(Exception):
    pass


def check_cells(pdf_path: Path, checks, password: str | None = None) -> int:
    bad = []
    with pdfplumber.open(pdf_path, password=password) as pdf:
        for ch in checks:
            page = pdf.pages[ch.page - 1]
            got = canon(page.within_bbox(ch.bbox).extract_text())
            if got != ch.text:
                bad.append(f"page {ch.page} {ch.bbox}: {got!r} != {ch.text!r}")
    if bad:
        raise ReadBackError(f"{pdf_path.name}: " + "; ".join(bad[:5]) + f" ({len(bad)} cells)")
    return len(checks)


@dataclass
class Row:
    page: int
    cells: list[str | None]  # canonical text, None for empty


def table_rows(pdf_path: Path) -> list[Row]:
    rows = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                for r in table.extract():
                    rows.append(Row(page.page_number, [canon(c) for c in r]))
    return rows


def locate(pdf_path: Path, dept: Department) -> list[Placement]:
    rows = table_rows(pdf_path)
    at = 0

    def find(pred, what: str) -> int:
        nonlocal at
        for i in range(at, len(rows)):
            if pred(rows[i].cells):
                at = i
                return i
        raise ReadBackError(f"{pdf_path.name}: {what} not found after row {at} "
                            f"(page {rows[at].page if at < len(rows) else '?'})")

    placements = []
    for project in dept.projects:
        g = project_grid(dept, project)
        start = find(lambda cells: project.project_name in cells, f"project {project.project_name!r}")
        for c in g.cells:  # every header value, in order
            if c.row < g.head_row and c.kind == "value":
                find(lambda cells, t=c.text: t in cells, f"{project.project_name}: header value {c.text!r}")
        pages = [rows[start].page]
        ind_pages = []
        for ind in project.indicators:
            if ind.level3 is None:
                want = lambda cells, l2=ind.level2: (l2 in cells and  # noqa: E731
                                                     not [x for x in cells if x and x not in (l2, ind.level1)])
            else:
                want = lambda cells, a=ind.level3, b=ind.target: [x for x in cells if x][-2:] == [a, b]  # noqa: E731
            i = find(want, f"{project.project_name}: indicator {ind}")
            at = i + 1
            ind_pages.append(rows[i].page)
        pages = list(range(pages[0], max(ind_pages) + 1))
        placements.append(Placement(pages=pages, indicator_pages=ind_pages))
    return placements
