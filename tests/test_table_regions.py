"""Generic tables on pages without a ruled grid: table regions (several per page, prose and
captions left out), 三线表, ruled headers over unruled bodies — on generated pages and on real
ICDAR 2013 pages (checked against the page images; skipped when the dataset is absent)."""
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_extract_pdf_builders import PageSpec, SpecCell, TableSpec, build_pdf  # noqa: E402

from fujian.extract.model import Table, TextLine  # noqa: E402
from fujian.extract.pdf_document import read_pdf  # noqa: E402

PROSE = ["The facility reports its releases to air and to water every year and the figures are",
         "collected by the national authority, checked against the permits of the installation and",
         "published in the register together with the methods that were used to estimate them."]


def _table(top: float, rows: list[list[str]], widths: list[float]) -> TableSpec:
    cells = [SpecCell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return TableSpec(col_widths=widths, row_heights=[16] * len(rows), cells=cells, top=top, x=60)


def _two_tables_and_prose(tmp_path: Path) -> Path:
    first = [["Country", "Air", "Water"], ["Austria", "120", "14"], ["Belgium", "98", "22"],
             ["Cyprus", "7", "1"]]
    second = [["Year", "Total", "Public", "Private"], ["2010", "5,391", "4,091", "1,300"],
              ["2011", "5,320", "4,060", "1,260"], ["2012", "5,263", "4,039", "1,224"]]
    lines = [(60, 70, "Table 1. Releases by country"), (60, 196, PROSE[0]), (60, 210, PROSE[1]),
             (60, 224, PROSE[2]), (60, 270, "Table 2. Schools by control")]
    page = PageSpec(lines=lines, tables=[_table(90, first, [150, 90, 90]),
                                         _table(290, second, [100, 90, 90, 90])], ruled=False)
    return build_pdf(tmp_path / "two_tables.pdf", [page])


def test_two_unruled_tables_between_prose_and_captions_are_two_tables(tmp_path):
    doc = read_pdf(_two_tables_and_prose(tmp_path))
    tables = [i for i in doc.items if isinstance(i, Table)]
    assert len(tables) == 2
    assert tables[0].text_rows()[0] == ["Country", "Air", "Water"]
    assert tables[0].text_rows()[-1] == ["Cyprus", "7", "1"]
    assert tables[1].text_rows()[0] == ["Year", "Total", "Public", "Private"]
    assert (tables[1].n_rows, tables[1].n_cols) == (4, 4)
    lines = [i.text for i in doc.items if isinstance(i, TextLine)]
    assert lines[0] == "Table 1. Releases by country" and "Table 2. Schools by control" in lines
    assert all(p in lines for p in PROSE)  # prose is kept as text, not made a table


def test_a_page_of_prose_alone_gives_no_table(tmp_path):
    page = PageSpec(lines=[(60, 100 + 14 * i, PROSE[i % 3]) for i in range(9)], ruled=False)
    doc = read_pdf(build_pdf(tmp_path / "prose.pdf", [page]))
    assert not [i for i in doc.items if isinstance(i, Table)]


# --- real pages of the ICDAR 2013 competition dataset ------------------------------------------

def _icdar(name: str) -> Path:
    base = os.environ.get("ICDAR2013_DIR")
    roots = [Path(base)] if base else [up / "shared" / "icdar2013" for up in Path(__file__).resolve().parents]
    for root in roots:
        hits = list(root.glob(f"*/{name}.pdf")) if root.is_dir() else []
        if hits:
            return hits[0]
    pytest.skip("ICDAR 2013 dataset not present")


def _page_tables(name: str, page: int) -> list[Table]:
    doc = read_pdf(_icdar(name), pages=frozenset([page]), ocr="never")
    return [i for i in doc.items if isinstance(i, Table) and i.page == page]


def test_icdar_us017_three_line_table_leaves_caption_and_notes_out():
    """us-017 p2: 'Table 1. Actual and projected numbers …', a 三线表 of 10 columns, notes below."""
    (table,) = _page_tables("us-017", 2)
    rows = table.text_rows()
    assert table.n_cols == 10
    assert ["1996", "51,544", "37,481", "14,062", "45,611", "32,762", "12,849", "5,933", "4,719",
            "1,213"] in rows
    assert ["2021", "58,444", "41,861", "16,583", "53,113", "37,598", "15,515", "5,331", "4,263",
            "1,068"] in rows
    text = " ".join(t for r in rows for t in r if t)
    assert "Table 1" not in text and "SOURCE" not in text


def test_icdar_us020_body_without_row_rules_is_cut_at_its_lines():
    """us-020 p2: a ruled header over 45 body rows printed without row rules."""
    (table,) = _page_tables("us-020", 2)
    rows = table.text_rows()
    assert ["Australia", "100", "4", "96", "98", "95", "93"] in rows
    assert ["Austria", "100", "5", "100", "100", "98", "98"] in rows
    assert ["Bulgaria", "100", "3", "97", "100", "95", "95"] in rows  # once stacked in one cell
    assert table.n_rows >= 46


def test_icdar_us025_dense_columns_are_split():
    """us-025 p2 second table: 'no. Rate (95% CI)' under each race, 13 columns."""
    tables = _page_tables("us-025", 2)
    assert any(["45–54", "47", "21.8", "(16.0–29.0)", "91", "8.7", "(7.0–10.6)", "1,564", "56.0",
                "(53.2–58.8)", "4,316", "24.1", "(23.4–24.8)"] in t.text_rows() for t in tables)


def test_icdar_us033_open_sides_and_unruled_subcolumns():
    """us-033 p1: verticals only between the column groups; the horizontals run on over the
    row labels (left) and the total (right); Male | Female under each group without a rule."""
    (table,) = _page_tables("us-033", 1)
    rows = table.text_rows()
    assert table.n_cols == 10
    assert ["2-11months", "1,087,948", "1,022,490", "292,652", "255,744", "188,980", "150,760",
            "165,949", "185,667", "3,350,188"] in rows
    assert ["All", "90,057,499", "94,823,234", "14,392,149", "16,622,916", "8,034,129",
            "7,581,802", "9,619,653", "9,965,622", "251,097,002"] in rows
    heading = next(c for c in table.cells if c.text.startswith("Non-Hispanic white"))
    assert heading.colspan == 2  # the group's heading crosses the gutter: it spans both


def test_icdar_open_sided_tables_keep_the_columns_outside_the_verticals():
    """eu-012 p4: the last column has no outer vertical; us-001 p1: nor has the first."""
    first = _page_tables("eu-012", 4)[0].text_rows()
    assert [None, "Agriculture", "Industry", "Services"] in first
    assert ["Men", "11.0", "40.7", "48.4"] in first
    (table,) = _page_tables("us-001", 1)
    assert table.n_cols == 11 and table.text_rows()[2][:3] == ["All ages ............", "291,099",
                                                                "*****"]


def test_icdar_us033_justified_prose_page_has_no_table():
    assert _page_tables("us-033", 3) == []


def test_a_table_of_numbers_beside_its_labels_is_still_a_table(tmp_path):
    """The same layout with numbers in the columns stays a table (the rules above look at
    what the runs hold, not at their shape)."""
    rows = [["Country", "Air", "Water"], ["Austria", "120", "14"], ["Belgium", "98", "22"],
            ["Cyprus", "7", "1"], ["Denmark", "45", "9"]]
    page = PageSpec(lines=[], tables=[_table(90, rows, [150, 90, 90])], ruled=False)
    doc = read_pdf(build_pdf(tmp_path / "numbers.pdf", [page]))
    (table,) = [i for i in doc.items if isinstance(i, Table)]
    assert table.text_rows()[-1] == ["Denmark", "45", "9"]


def test_icdar_bulleted_list_and_three_column_prose_pages():
    """eu-013 p7 (a bulleted list of teacher kinds) and us-001 p1 (a report's prose in three
    columns above its Table 1): only the real table is read."""
    assert _page_tables("eu-013", 7) == []
    tables = _page_tables("us-001", 1)
    assert all(t.bbox[1] > 250 for t in tables)  # nothing from the prose at the top of the page


def test_icdar_us034_stacked_tables_with_their_own_headings_are_two_tables():
    """us-034 p2: two monospace tables one under the other, no blank between them; the second
    starts with its own heading line ('Design effect') after the first one's last figures."""
    tables = _page_tables("us-034", 2)
    assert len(tables) == 2
    first, second = (t.text_rows() for t in tables)
    assert any("1,120" in r for r in first) and not any("2,800" in r for r in first)
    assert any("2,800" in r for r in second)


def test_icdar_blanks_in_latin_fonts_not_embedded_keep_the_pdfium_reading(monkeypatch):
    """us-036 p2 and us-008: blanks in Times-Roman or Helvetica named and not embedded (simple
    fonts, one-byte codes: no Chinese can hide there) are not lost text, so the pages are not
    read again by pdfminer (44 of the 238 pages were, at 0.7 s each)."""
    from fujian.extract import pdfium_page_objects
    from fujian.extract.pdf_settings import DEFAULT_SETTINGS

    reread = []
    monkeypatch.setattr(pdfium_page_objects._PdfminerPages, "page",
                        lambda self, index, number, s: reread.append(number) or None)
    for name in ("us-036", "us-008"):
        for objs in pdfium_page_objects.read_page_objects(str(_icdar(name)), DEFAULT_SETTINGS):
            assert objs.glyphs
    assert reread == []


def test_a_page_whose_text_reaches_no_item_is_a_warning(monkeypatch):
    """Nothing is dropped silently: a page with text whose characters do not reach its tables
    and text lines (here the table finder is made to give up on page 1 of a committed sample)
    is a page_unread warning in the JSON; every page of the committed PDFs, the real bundles
    and ICDAR 2013 reaches its items (none warns), as the sample's other pages do here."""
    from fujian.extract import pdf_tables
    from fujian.pipeline import convert_file

    sample = Path(__file__).resolve().parent.parent / "samples" / "pdf" / "drawn_continuation_no_top_rule.pdf"
    assert not [w for w in convert_file(sample)["warnings"] if w["code"] == "page_unread"]
    real = pdf_tables.page_items

    def lose_page_one(objs, grids, engine, s):
        items = real(objs, grids, engine, s)
        return [] if objs.number == 1 else items

    monkeypatch.setattr(pdf_tables, "page_items", lose_page_one)
    warned = [w for w in convert_file(sample)["warnings"] if w["code"] == "page_unread"]
    assert [w["page"] for w in warned] == [1]
    assert "nothing was read" in warned[0]["message"]


def test_a_page_read_in_part_is_a_warning():
    from fujian.extract.model import Cell
    from fujian.extract.pdf_document import unread_text
    from fujian.extract.pdf_page_objects import Glyph, PageObjects

    glyphs = [Glyph(ch, 10.0 * i, 100.0, 10.0 * i + 9, 110.0) for i, ch in enumerate("项目名称绩效目标年度指标")]
    objs = PageObjects(number=3, width=595, height=842, glyphs=glyphs, rules=[])
    half = Table(cells=[Cell("项目名称", 0, 0, page=3)], page=3)
    assert unread_text(objs, [half, TextLine("绩效目标", page=3)]) == []  # 8 of 12
    warned = unread_text(objs, [half])  # 4 of 12
    assert warned[0]["page"] == 3 and "only 4 of its 12 characters" in warned[0]["message"]


def _column_of(lines: list[tuple[str, str]]):
    """A ruled one-column grid, one row per line; each line a left and a right word 30 pt apart."""
    from fujian.extract.pdf_grid import Grid, GridCell
    from fujian.extract.pdf_page_objects import Glyph

    ys = [100.0 + 12 * i for i in range(len(lines) + 1)]
    glyphs = []
    for r, (left, right) in enumerate(lines):
        for k, ch in enumerate(left):
            glyphs.append(Glyph(ch, 10 + 5 * k, ys[r] + 2, 15 + 5 * k, ys[r] + 10))
        for k, ch in enumerate(right):
            glyphs.append(Glyph(ch, 80 + 5 * k, ys[r] + 2, 85 + 5 * k, ys[r] + 10))
    cells = [GridCell(r, 0, 1, 1, (0.0, ys[r], 150.0, ys[r + 1])) for r in range(len(lines))]
    return Grid([0.0, 150.0], ys, cells), glyphs


def test_a_gutter_with_figures_on_its_right_cuts_a_ruled_column_and_words_do_not():
    from fujian.extract.grid_fit import split_gutter_columns

    figures, glyphs = _column_of([("Male", "1,022"), ("Female", "2,568"), ("All", "3,576"),
                                  ("Other", "938")])
    cut = split_gutter_columns(figures, glyphs)
    assert len(cut.xs) == 3 and 40 < cut.xs[1] < 80 and len(cut.cells) == 8
    words, glyphs = _column_of([("Male", "adult"), ("Female", "adult"), ("All", "ages"),
                                ("Other", "groups")])
    assert split_gutter_columns(words, glyphs) is words


def test_icdar_tables_drawn_by_shading_alone_are_found_whole():
    """us-011a p2: each cell a filled rectangle (its padding shaded again inside it), white gaps
    between; us-010 p2: the same with a header of dates; us-022 p2: every other row shaded."""
    (budget,) = _page_tables("us-011a", 2)
    rows = budget.text_rows()
    assert budget.n_cols == 2 and rows[0] == ["Program", "Budget"]
    assert ["Federal Risk Authorization and Management Program\n(FedRAMP)", "$0.3M"] in rows
    assert ["Total", "$8M"] in [[c.split("\n")[0] if c else c for c in r] for r in rows]
    (data,) = _page_tables("us-010", 2)
    assert data.n_cols == 4 and ["Data set downloads", "0", "652,412", "2,348,928"] in data.text_rows()
    (striped,) = _page_tables("us-022", 2)
    rows = striped.text_rows()
    assert striped.n_rows == 11 and striped.n_cols == 6
    assert ["Defendants Charged", "290", "259", "235", "259", "215"] in rows  # an unshaded row
    assert ["60+ Months", "16", "3", "9", "4", "8"] in rows  # unshaded, above the border


def test_shading_that_does_not_tile_a_table_gives_no_rules():
    from fujian.extract.pdf_page_objects import Glyph
    from fujian.extract.shading_grid import shading_edges

    def glyphs_in(boxes):
        return [Glyph("x", (b[0] + b[2]) / 2 - 2, (b[1] + b[3]) / 2 - 3, (b[0] + b[2]) / 2 + 2,
                      (b[1] + b[3]) / 2 + 3) for b in boxes]

    grid = [(100 + 60 * c, 100 + 20 * r, 158 + 60 * c, 118 + 20 * r) for r in range(3) for c in range(3)]
    assert len(shading_edges(grid, glyphs_in(grid), 600 * 800)) == 4 * 9
    header = grid[:3]  # one shaded row: a header's shading, not a table
    assert shading_edges(header, glyphs_in(header), 600 * 800) == []
    assert shading_edges(grid, [], 600 * 800) == []  # a chart's bars: no text in them
    background = [(0, 0, 600, 800)] + grid[:1]
    assert shading_edges(background, glyphs_in(background), 600 * 800) == []


def test_icdar_charts_under_a_figure_caption_are_not_tables():
    """eu-012 p3 'Figure 1: Population by age group …' (bars of fills and a ruled frame) and
    us-002 p4 'Figure 2.' (stacked bars with their values): no table; their words stay text."""
    eu = read_pdf(_icdar("eu-012"), pages=frozenset([3]), ocr="never")
    tables = [i for i in eu.items if isinstance(i, Table)]
    assert all(t.bbox[1] > 300 for t in tables)  # only Table 1, below the chart
    text = " ".join(i.text for i in eu.items if isinstance(i, TextLine))
    assert "Figure 1" in text and "49.0" in text  # the chart's caption and a bar's value
    us = _page_tables("us-002", 4)
    assert us == [] or all("Bachelor" not in " ".join(c for r in t.text_rows() for c in r if c)
                           for t in us)


def test_a_figure_caption_is_found_above_and_a_table_caption_nearer_wins():
    from fujian.extract.figure_captions import under_figure_caption
    from fujian.extract.pdf_page_objects import Glyph

    def line(text, top, x0=72.0):
        return [Glyph(ch, x0 + 6 * k, top, x0 + 6 * k + 5, top + 9) for k, ch in enumerate(text)]

    grid = (72.0, 200.0, 400.0, 300.0)
    assert under_figure_caption(grid, line("Figure 3. Enrolment", 150) + line("Percent", 185))
    assert under_figure_caption(grid, line("图2 收入结构", 170))
    assert under_figure_caption(grid, line("Figure CA2b. Notification rates", 170))
    assert not under_figure_caption(grid, line("Figure 3. Enrolment", 150) + line("Table 4. Totals", 180))
    assert not under_figure_caption(grid, line("Figure 3. Enrolment", 60))  # too far above
    assert not under_figure_caption(grid, line("图表说明", 170))
