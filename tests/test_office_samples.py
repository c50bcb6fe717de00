"""The committed spreadsheet and Word samples (samples/office): the same JSON as the PDFs
printed from them, except provenance, and provenance that points at the right cells."""
import json
from pathlib import Path

import pytest

from fujian.normalize.cjk_text import canonical
from fujian.pipeline import convert_file

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "samples" / "office"
INPUTS = sorted(p for p in OFFICE.rglob("*") if p.suffix in (".xlsx", ".xls", ".docx"))
PROVENANCE = ("page", "pages", "bbox", "ref", "source")


def expected_for(path: Path) -> dict:
    return json.loads(path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def without_provenance(value):
    if isinstance(value, dict):
        return {k: without_provenance(v) for k, v in value.items() if k not in PROVENANCE}
    if isinstance(value, list):
        return [without_provenance(v) for v in value]
    return value


_CONVERTED: dict[Path, dict] = {}


def converted(path: Path) -> dict:
    if path not in _CONVERTED:
        _CONVERTED[path] = convert_file(path)
    return _CONVERTED[path]


def test_every_office_sample_has_an_expected_file_and_all_three_formats_are_there():
    assert {p.suffix for p in INPUTS} == {".xlsx", ".xls", ".docx"}
    assert len(INPUTS) >= 30
    for path in INPUTS:
        assert path.with_name(f"{path.stem}.expected.json").is_file(), path.name


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.relative_to(OFFICE).as_posix())
def test_office_sample_scores_exact(path, scorer):
    out = converted(path)
    assert out["source"]["format"] == {".xlsx": "xlsx", ".xls": "xls", ".docx": "docx"}[path.suffix]
    assert scorer(out, expected_for(path)) == []


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.relative_to(OFFICE).as_posix())
def test_office_sample_equals_its_expected_json_except_provenance(path):
    """Beyond the scored fields: every key the expected JSON has (indicator `extra`, tables with
    their rows, titles and units) equals the output's."""
    out, exp = converted(path), expected_for(path)
    assert out["title"] == exp["title"]
    assert len(out["projects"]) == len(exp["projects"])
    for got, want in zip(out["projects"], without_provenance(exp["projects"])):
        for key, value in want.items():
            if key == "indicators":
                assert [{k: i.get(k) for k in w} for i, w in zip(got["indicators"], value)] == value
                assert len(got["indicators"]) == len(value)
            else:
                assert got.get(key) == value, key
    assert_tables(out, without_provenance(exp["tables"]))


def _amounts(cells) -> list:
    from decimal import Decimal

    from fujian.vocabulary import budget as bv, squeeze

    return sorted(Decimal(squeeze(t).replace(",", "")) for t in cells if t and bv.AMOUNT.match(squeeze(t)))


def assert_tables(out: dict, expected_tables: list[dict]) -> None:
    """The expected files list every non-project table as a grid (`tables`). A standard budget
    table is now a typed record (`budget_tables`, SPEC): each expected grid is either in
    `tables` as it was, or a budget table holding every amount of the grid (printed with
    decimals or separators; plain integers may be codes or 序号) and nothing else."""
    plain = [without_provenance(t) for t in out["tables"]]
    typed = list(out["budget_tables"])
    for want in expected_tables:
        match = next((t for t in plain if {k: t.get(k) for k in want} == want), None)
        if match is not None:
            plain.remove(match)
            continue
        cells = [c for row in want["rows"] for c in row]
        shown = _amounts(c for c in cells if c and ("." in c or "," in c))
        found = next((t for t in typed if set(shown) <= set(_amounts(str(v) for r in t["rows"] for v in r["values"].values() if v is not None))
                      and set(_amounts(str(v) for r in t["rows"] for v in r["values"].values() if v is not None)) <= set(_amounts(cells))), None)
        assert found is not None, f"table {want.get('title')!r} neither in tables nor in budget_tables"
        if want.get("unit"):
            assert found["unit"] == want["unit"]
        typed.remove(found)
    assert plain == [] and typed == []


def test_bundle_workbook_provenance_and_tables_are_as_laid_out():
    """The real-style bundle: each sheet's table with its title, unit, sheet index and top-left
    cell; the performance sheet's project and indicators with their sheet!cell references."""
    for name in ("bundle_department_budget.xlsx", "bundle_department_budget.xls"):
        out, exp = converted(OFFICE / name), expected_for(OFFICE / name)
        assert_tables(out, exp["tables"])
        for got in out["budget_tables"] + out["tables"]:  # each on its own sheet, at its top-left cell
            assert got.get("ref") or got["rows"], got
        [project] = out["projects"]
        [want] = exp["projects"]
        assert (project["pages"], project["page"], project["ref"]) == (want["pages"], want["page"], want["ref"])
        assert [(i["page"], i["ref"]) for i in project["indicators"]] == \
            [(i["page"], i["ref"]) for i in want["indicators"]]
        codes = [w["code"] for w in out["warnings"]]
        assert "hidden_sheet" in codes  # 底稿 is not read, and said so
        assert "底稿" not in json.dumps(out["tables"] + out["projects"], ensure_ascii=False)


def _xlsx_text(path: Path, ref: str):
    import openpyxl

    sheet, cell = ref.rsplit("!", 1)
    wb = openpyxl.load_workbook(path, data_only=True)
    return wb[sheet.strip("'")][cell].value


@pytest.mark.parametrize("name", ["excel_pingluo_break_repeated_header.xlsx", "holdout6/r11_calc_4p_port.xlsx",
                                  "calc_csv_export_tab_utf8.xlsx"])
def test_xlsx_indicator_refs_point_at_their_level3_cells(name):
    path = OFFICE / name
    out = converted(path)
    checked = 0
    for project in out["projects"]:
        for ind in project["indicators"]:
            value = _xlsx_text(path, ind["ref"])
            want = ind["level3"] if ind["level3"] is not None else ind["target"]
            if want is not None:
                assert canonical(str(value)) == want, ind["ref"]
                checked += 1
        assert project["pages"] and all(isinstance(p, int) for p in project["pages"])
    assert checked > 10


@pytest.mark.parametrize("name", ["word_education_flowing_tables_repeated_header.docx", "holdout6/r36_docx_3p_port.docx"])
def test_docx_indicator_refs_point_at_their_level3_cells(name):
    import docx

    path = OFFICE / name
    out = converted(path)
    tables = docx.Document(path).tables
    checked = 0
    for project in out["projects"]:
        assert project["pages"] == [] and project["page"] is None  # a Word file has no pages
        for ind in project["indicators"]:
            assert ind["page"] is None
            table, cell = ind["ref"].split("!")
            row, col = cell[1:].split("C")
            text = tables[int(table.split()[1]) - 1].cell(int(row) - 1, int(col) - 1).text
            want = ind["level3"] if ind["level3"] is not None else ind["target"]
            if want is not None:
                assert canonical(text) == want, ind["ref"]
                checked += 1
    assert checked > 10


PDF_TWINS = [("excel_pingluo_break_no_repeated_header.xlsx", "samples/pdf/excel_pingluo_break_no_repeated_header.pdf"),
             ("word_agriculture_budget_table_fullwidth_digits.docx",
              "samples/pdf/word_agriculture_budget_table_fullwidth_digits.pdf")]


@pytest.mark.parametrize("name,pdf", PDF_TWINS, ids=[n for n, _ in PDF_TWINS])
def test_office_file_and_its_pdf_give_the_same_json_except_provenance(name, pdf):
    office, printed = converted(OFFICE / name), convert_file(ROOT / pdf)
    for key in ("title", "projects"):
        assert without_provenance(office[key]) == without_provenance(printed[key]), key
    assert [t["rows"] for t in office["tables"]] == [t["rows"] for t in printed["tables"]]
