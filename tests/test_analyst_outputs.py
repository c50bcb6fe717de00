"""The batch tables as an analyst uses them: one unit for amounts, codes as text, the parsed
target and the project context in indicators.csv, the Excel workbook, formula-safe cells."""
import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import fujian
from fujian.batch.inputs import discover_inputs
from fujian.batch.runner import BatchOptions, run_batch
from fujian.write.csv_files import csv_cell
from fujian.write.workbook import WorkbookWriter

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PINGLUO = SAMPLES / "pingluo-rd-2025.txt"  # amounts in 万元
NONGYE = SAMPLES / "text" / "nongye-2025.txt"  # amounts in 元 (单位：元)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run_batch(discover_inputs([str(PINGLUO), str(NONGYE)]), out, BatchOptions(workers=1))
    assert result.failed == 0
    return out


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_every_amount_is_also_given_in_wanyuan(out):
    rows = _rows(out / "projects.csv")
    units = {r["amount_unit"] for r in rows}
    assert units == {"元", "万元"}, units
    for r in rows:
        printed, wanyuan = Decimal(r["annual_amount"]), Decimal(r["annual_amount_wanyuan"])
        factor = Decimal(1) if r["amount_unit"] == "万元" else Decimal("0.0001")
        assert wanyuan == printed * factor, r
    yuan = [r for r in rows if r["amount_unit"] == "元"]
    assert yuan and all(Decimal(r["annual_amount"]) >= 1000 * Decimal(r["annual_amount_wanyuan"]) for r in yuan)


def test_indicators_carry_project_context_and_parsed_target(out):
    rows = _rows(out / "indicators.csv")
    doc = json.loads((out / "pingluo-rd-2025.txt.json").read_text(encoding="utf-8"))
    first = doc["projects"][0]
    mine = [r for r in rows if r["source_file"] == "pingluo-rd-2025.txt" and r["project_seq"] == "1"]
    assert {r["project_name"] for r in mine} == {first["project_name"]}
    assert {r["department"] for r in mine} == {first["department"]}
    parsed = [(r, i) for r, i in zip(mine, first["indicators"]) if i.get("target_parsed")]
    assert parsed
    for r, ind in parsed:
        tp = ind["target_parsed"]
        assert r["target_comparator"] == tp["comparator"]
        assert r["target_unit"] == (tp.get("unit") or "")
        if "value" in tp:
            assert Decimal(r["target_value"]) == Decimal(str(tp["value"]))


def test_read_csv_keeps_codes_as_text(out):
    frame = fujian.read_csv(out / "indicators.csv")
    assert str(frame["level1_code"].dtype) == "string"
    assert set(frame["level1_code"].dropna()) <= {"1", "2", "3", "4"}
    assert "11" in set(frame["level2_code"].dropna())
    assert str(frame["project_seq"].dtype) == "Int64"
    projects = fujian.read_csv(out / "projects.csv")
    assert projects["annual_amount_wanyuan"].sum() == pytest.approx(
        sum(float(r["annual_amount_wanyuan"]) for r in _rows(out / "projects.csv")))


def test_workbook_has_a_sheet_per_table_typed_cells_and_a_frozen_header(out):
    wb = openpyxl.load_workbook(out / "fujian.xlsx")
    assert wb.sheetnames[:2] == ["projects", "indicators"]
    ind = wb["indicators"]
    assert ind.freeze_panes == "A2"
    header = [c.value for c in ind[1]]
    code = ind.cell(row=2, column=header.index("level1_code") + 1)
    assert code.data_type == "s" and code.value == "1"
    proj = wb["projects"]
    header = [c.value for c in proj[1]]
    amount = proj.cell(row=2, column=header.index("annual_amount") + 1)
    assert amount.data_type == "n" and isinstance(amount.value, (int, float))
    assert proj.max_row - 1 == len(_rows(out / "projects.csv"))


def test_formula_like_text_stays_text(tmp_path):
    doc = fujian.extract(PINGLUO)
    doc["projects"][0]["project_name"] = "=HYPERLINK(\"http://x\",\"y\")"
    doc["projects"][0]["managing_office"] = "@SUM(A1)"
    assert csv_cell("=1+2") == "'=1+2" and csv_cell("-x") == "'-x" and csv_cell(-5) == "-5"
    assert csv_cell(Decimal("-5.50")) == "-5.50"
    w = WorkbookWriter(tmp_path / "w.xlsx")
    w.add(doc)
    w.save()
    ws = openpyxl.load_workbook(tmp_path / "w.xlsx")["projects"]
    header = [c.value for c in ws[1]]
    name = ws.cell(row=2, column=header.index("project_name") + 1)
    assert name.data_type == "s" and name.value.startswith("=HYPERLINK")
    frame = fujian.to_dataframes([doc])["projects"]
    assert frame.loc[0, "project_name"].startswith("=HYPERLINK")
