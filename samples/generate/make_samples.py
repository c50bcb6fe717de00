#!/usr/bin/env python3
"""Regenerate every sample PDF in samples/pdf/ and its <name>.expected.json.

    python samples/generate/make_samples.py            # all samples
    python samples/generate/make_samples.py drawn_     # only names starting with drawn_

Needs (only here, never in tests/CI): reportlab, openpyxl, python-docx, pikepdf,
pdfplumber, LibreOffice (`soffice`), poppler-utils (`pdftoppm`) and the Debian font
packages fonts-wqy-zenhei and fonts-noto-cjk. Every PDF is read back with pdfplumber
before it is written and generation stops on any disagreement with the content data.

The content (the truth) is content.py; which traits each file reproduces is listed in
SAMPLES below and in samples/README.md. Passwords: see pdf_post.OWNER_PASSWORD and
pdf_post.USER_PASSWORD.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import content  # noqa: E402
import pdf_post  # noqa: E402
from drawn import DrawOptions, draw, subset  # noqa: E402
from expected import Rendered, document_json  # noqa: E402
from office import ExcelOptions, WordOptions, build_docx, build_xlsx, office_pdf  # noqa: E402
from readback import check_cells, locate, table_rows  # noqa: E402
from text import to_fullwidth_digits, to_kangxi  # noqa: E402

import pdfplumber  # noqa: E402

OUT = HERE.parent / "pdf"


def write_expected(pdf: Path, rendered: Rendered) -> None:
    doc = document_json(pdf, rendered)
    pdf.with_name(pdf.stem + ".expected.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def drawn_sample(name: str, dept, opts: DrawOptions) -> Rendered:
    pdf = OUT / f"{name}.pdf"
    res = draw(dept, pdf, opts)
    pdf_post.finalize(pdf, dept.title, res.rotated_pages)
    n = check_cells(pdf, res.checks)
    print(f"  {name}: {res.rendered.n_pages} pages, {n} cells read back")
    write_expected(pdf, res.rendered)
    return res.rendered


def make_drawn() -> None:
    d = content.DEPARTMENTS
    drawn_sample("drawn_health_several_projects_per_page", d["health"],
                 DrawOptions(font="stsong", new_page_per_project=False))
    drawn_sample("drawn_pingluo_kangxi_radicals", d["pingluo"],
                 DrawOptions(distort=to_kangxi, new_page_per_project=False))
    drawn_sample("drawn_rotate90_landscape_page", d["natural_resources"],
                 DrawOptions(rotated_pages=frozenset({2}), col_fracs=(0.14, 0.18, 0.46, 0.22)))
    drawn_sample("drawn_continuation_no_top_rule", d["natural_resources"],
                 DrawOptions(no_top_rule_on_continuation=True, breaks_before=frozenset({(0, 4)})))
    drawn_sample("drawn_phantom_white_rects", subset(d["education"], [0, 2]),
                 DrawOptions(phantom_rects=True))
    drawn_sample("drawn_civil_affairs_extra_indicator_columns", d["civil_affairs"],
                 DrawOptions(landscape=True, size=9.5,
                             col_fracs=(0.12, 0.15, 0.27, 0.09, 0.15, 0.12, 0.10)))
    drawn_sample("drawn_no_ruling_lines", d["agriculture"],
                 DrawOptions(ruling=False, col_fracs=(0.16, 0.24, 0.38, 0.22)))


def office_sample(name: str, dept, build, opts, suffix: str) -> Rendered:
    pdf = OUT / f"{name}.pdf"
    office_pdf(build, dept, pdf, opts, suffix)
    pdf_post.finalize(pdf, dept.title)
    placements = locate(pdf, dept)
    with pdfplumber.open(pdf) as doc:
        n_pages = len(doc.pages)
    rendered = Rendered(department=dept, placements=placements, n_pages=n_pages)
    print(f"  {name}: {n_pages} pages, projects on pages {[p.pages for p in placements]}")
    return rendered


def make_excel() -> None:
    pingluo = content.DEPARTMENTS["pingluo"]
    # project 3: break between the two 11-数量指标 rows (inside both merged cells);
    # project 6: break after 13-时效指标 (inside the 1-产出指标 merged cell)
    breaks = frozenset({(2, 1), (5, 3)})
    r = office_sample("excel_pingluo_break_no_repeated_header", pingluo, build_xlsx,
                      ExcelOptions(breaks_before=breaks), ".xlsx")
    write_expected(OUT / "excel_pingluo_break_no_repeated_header.pdf", r)
    r = office_sample("excel_pingluo_break_repeated_header", pingluo, build_xlsx,
                      ExcelOptions(breaks_before=breaks, one_sheet_per_project=True, repeat_head_row=True,
                                   split_merges_at_breaks=True), ".xlsx")
    write_expected(OUT / "excel_pingluo_break_repeated_header.pdf", r)


def make_word() -> None:
    d = content.DEPARTMENTS
    r = office_sample("word_education_landscape", d["education"], build_docx,
                      WordOptions(landscape=True), ".docx")
    write_expected(OUT / "word_education_landscape.pdf", r)
    name = "word_education_flowing_tables_repeated_header"
    r = office_sample(name, d["education"], build_docx,
                      WordOptions(page_break_between_projects=False, separate_indicator_table=True), ".docx")
    write_expected(OUT / f"{name}.pdf", r)
    name = "word_agriculture_budget_table_fullwidth_digits"
    r = office_sample(name, d["agriculture"], build_docx,
                      WordOptions(distort=to_fullwidth_digits, budget_table=content.AGRICULTURE_BUDGET_TABLE,
                                  budget_title=content.AGRICULTURE_BUDGET_TABLE_TITLE), ".docx")
    r.tables = [budget_table_json(OUT / f"{name}.pdf", content.AGRICULTURE_BUDGET_TABLE)]
    write_expected(OUT / f"{name}.pdf", r)


def budget_table_json(pdf: Path, rows) -> dict:
    """The non-target table as SPEC `tables` wants it, with the page it was found on."""
    want = [list(r) for r in rows]
    for row in table_rows(pdf):
        if row.cells == want[0]:
            return {"page": row.page, "rows": want}
    raise SystemExit(f"{pdf.name}: budget table not found")


def make_protected() -> None:
    """Encrypted copies of other samples (make those first) and an image-only scan."""
    src = OUT / "word_education_landscape.pdf"
    owner = OUT / "encrypted_owner_password.pdf"
    pdf_post.encrypt(src, owner, owner=pdf_post.OWNER_PASSWORD, user="")
    placements = locate(owner, content.DEPARTMENTS["education"])  # opens without a password
    with pdfplumber.open(owner) as doc:
        n_pages = len(doc.pages)
    write_expected(owner, Rendered(content.DEPARTMENTS["education"], placements, n_pages))
    print(f"  {owner.stem}: owner password {pdf_post.OWNER_PASSWORD!r}, empty user password")

    user = OUT / "encrypted_user_password.pdf"
    pdf_post.encrypt(OUT / "drawn_health_several_projects_per_page.pdf", user,
                     owner=pdf_post.OWNER_PASSWORD, user=pdf_post.USER_PASSWORD)
    print(f"  {user.stem}: user password {pdf_post.USER_PASSWORD!r} (no expected JSON: "
          "without the password the outcome is an error)")

    scan = OUT / "scanned_image_only.pdf"
    pdf_post.scanned_copy(OUT / "excel_pingluo_break_no_repeated_header.pdf", scan, dpi=100, first=1, last=1)
    with pdfplumber.open(scan) as doc:
        assert not any(p.chars for p in doc.pages), "scan must have no text layer"
    print(f"  {scan.stem}: image only, no expected JSON (outcome: error)")


STEPS = {"drawn_": make_drawn, "excel_": make_excel, "word_": make_word,
         "encrypted_": make_protected, "scanned_": make_protected}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    prefix = argv[1] if len(argv) > 1 else ""
    done = set()
    for key, step in STEPS.items():
        if (key.startswith(prefix) or prefix.startswith(key)) and step not in done:
            print(f"{key}…")
            step()
            done.add(step)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
