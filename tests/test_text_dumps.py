"""Text dumps end to end: the shared Pingluo sample and our own fixtures score 100%."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fujian.extract.text_dump import read_text_dump
from fujian.pipeline import convert_file

ROOT = Path(__file__).resolve().parent.parent
SCORE_SCRIPT = ROOT / "tests" / "fixtures" / "shared_score.py"  # ../shared/score.py, committed
FIXTURES = [ROOT / "samples" / "pingluo-rd-2025.txt", *sorted((ROOT / "samples" / "text").glob("*.txt"))]


def expected_for(txt: Path) -> dict:
    return json.loads(txt.with_name(txt.stem + ".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("txt", FIXTURES, ids=lambda p: p.name)
def test_fixture_scores_100_percent(txt, scorer):
    got = convert_file(txt)
    want = expected_for(txt)
    assert scorer(got, want) == []
    if "tables" in want:  # the keys the expected file holds (SPEC's page, rows, title, unit)
        assert [{k: t.get(k) for k in w} for t, w in zip(got["tables"], want["tables"])] == want["tables"]
        assert len(got["tables"]) == len(want["tables"])
    for gp, wp in zip(got["projects"], want["projects"]):
        if "pages" in wp:
            assert gp["pages"] == wp["pages"]
            assert [i["page"] for i in gp["indicators"]] == [i["page"] for i in wp["indicators"]]


def test_pingluo_with_the_shared_score_script(tmp_path):
    """The acceptance check of issue 2: `fujian extract` + ../shared/score.py → 100%."""
    run = subprocess.run([sys.executable, "-m", "fujian.cli", "extract", str(ROOT / "samples" / "pingluo-rd-2025.txt"),
                          "-o", str(tmp_path), "--workers", "1"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    score = subprocess.run([sys.executable, str(SCORE_SCRIPT), str(tmp_path / "pingluo-rd-2025.txt.json"),
                            str(ROOT / "samples" / "pingluo-rd-2025.expected.json")], capture_output=True, text=True)
    assert score.returncode == 0, score.stdout
    assert "header fields 67/67 = 1.0000; indicators P 1.0000 R 1.0000 F1 1.0000" in score.stdout


def test_pingluo_counts_and_spec_shape():
    doc = convert_file(ROOT / "samples" / "pingluo-rd-2025.txt", name="pingluo-rd-2025.txt")
    assert doc["schema_version"] == 1
    assert doc["source"]["file"] == "pingluo-rd-2025.txt" and doc["source"]["format"] == "txt"
    assert len(doc["source"]["sha256"]) == 64
    assert [len(p["indicators"]) for p in doc["projects"]] == [9, 9, 10, 9, 9, 9]
    # a level-2 row with empty level-3 and target is kept with nulls
    econ = [i for i in doc["projects"][0]["indicators"] if i["level2_code"] == "21"]
    assert econ and econ[0]["level3"] is None and econ[0]["target"] is None
    # no empty strings anywhere: empty is null
    def strings(x):
        if isinstance(x, dict):
            for v in x.values():
                yield from strings(v)
        elif isinstance(x, list):
            for v in x:
                yield from strings(v)
        elif isinstance(x, str):
            yield x
    assert all(s != "" and s == s.strip() for s in strings(doc))


def test_broken_line_continues_the_cell_above(tmp_path):
    dump = tmp_path / "broken.txt"
    dump.write_text(
        "项目名称\t测试项目\t\t\n"
        "其中：财政拨款\t4\t\t\n"
        "年度总体绩效目标\t第一行文字，\n"
        "第二行文字。\t\t\n"
        "一级指标\t二级指标\t三级指标\t绩效值\n"
        "1-产出指标\t11-数量指标\t召开会议，听取\n"
        "审议工作\t6 次\n"
        "\t12-质量指标\t合格率\t全年召开 6 次会议、听取\n"
        "审议 7 项工作\n", encoding="utf-8")
    rows = [[c.text for c in t.cells] for t in read_text_dump(dump).tables()][0]
    doc = convert_file(dump)
    p = doc["projects"][0]
    assert p["overall_goal"] == "第一行文字，第二行文字。"
    assert p["extra_fields"] == {} and p["funding"] == {"fiscal": 4}  # money labels fill funding
    assert [(i["level3"], i["target"]) for i in p["indicators"]] == [
        ("召开会议，听取审议工作", "6次"), ("合格率", "全年召开6次会议、听取审议7项工作")]
    assert rows  # the reader produced cells


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (bytes(range(256)) * 40, "not a text file"),
])
def test_bad_text_input_is_a_clear_error(tmp_path, content, message):
    from fujian.extract.model import ExtractionError

    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ExtractionError, match=message):
        convert_file(f)


def test_bad_inputs_in_a_batch_report_and_exit_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (src / "notes.txt").write_text("会议纪要\n今天开会讨论了明年的预算安排。\n", encoding="utf-8")
    (src / "good.txt").write_bytes((ROOT / "samples" / "pingluo-rd-2025.txt").read_bytes())
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "fujian.cli", "extract", str(src), "-o", str(out), "--workers", "1"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr + run.stdout
    report = {e["file"]: e for e in json.loads((out / "report.json").read_text(encoding="utf-8"))}
    assert report["empty.txt"]["status"] == "error" and "empty" in report["empty.txt"]["error"]
    assert report["junk.txt"]["status"] == "error" and "not a text file" in report["junk.txt"]["error"]
    assert report["notes.txt"]["status"] == "ok" and report["notes.txt"]["projects"] == 0
    assert report["good.txt"]["status"] == "ok" and report["good.txt"]["projects"] == 6
    assert not (out / "empty.txt.json").exists() and not (out / "junk.txt.json").exists()
    notes = json.loads((out / "notes.txt.json").read_text(encoding="utf-8"))
    assert notes["projects"] == [] and notes["budget_tables"] == [] and notes["tables"] == []
    assert [(p["heading"], p["text"]) for p in notes["narrative"]] == [("会议纪要", "今天开会讨论了明年的预算安排。")]


def test_title_and_unit_on_one_row_and_a_value_continued_under_a_merged_label(tmp_path):
    dump = tmp_path / "merged.txt"
    dump.write_text(
        "部门项目支出预算绩效目标表\t\t\t（单位：万元）\n"
        "项目名称\t测试项目\t\t\n"
        "主管部门\t某局\t实施单位\t某局本级\n"
        "项目主管处室\t办公室\t项目年度金额\t10\n"
        "年度总体绩效目标\t目标1：完成某事。\t\t\n"
        "\t目标2：完成另一件事。\t\t\n"
        "一级指标\t二级指标\t三级指标\t绩效值\n"
        "1-产出指标\t11-数量指标\t完成数量\t10 个\n", encoding="utf-8")
    p = convert_file(dump)["projects"][0]
    assert (p["table_title"], p["amount_unit"]) == ("部门项目支出预算绩效目标表", "万元")
    assert p["overall_goal"] == "目标1：完成某事。目标2：完成另一件事。"
    assert p["extra_fields"] == {}


def test_list_table_with_a_project_name_column_is_a_budget_table_not_a_project(tmp_path):
    dump = tmp_path / "list.txt"
    dump.write_text("项目支出预算表\n单位：万元\n项目名称\t合计\t一般公共预算\n会议经费\t4.00\t4.00\n"
                    "培训经费\t8.00\t8.00\n", encoding="utf-8")
    doc = convert_file(dump)
    assert doc["projects"] == [] and doc["tables"] == []
    (table,) = doc["budget_tables"]
    assert (table["kind"], table["title"], table["unit"]) == ("project_expenditure", "项目支出预算表", "万元")
    assert [c["id"] for c in table["columns"]] == ["total", "gpb"]
    assert [(r["name"], r["values"]) for r in table["rows"]] == [
        ("会议经费", {"total": 4.0, "gpb": 4.0}), ("培训经费", {"total": 8.0, "gpb": 8.0})]


def test_two_row_column_header_and_a_unit_column(tmp_path):
    dump = tmp_path / "two_rows.txt"
    dump.write_text(
        "部门项目支出预算绩效目标表\n项目名称\t测试项目\t\t\t\n年度总体绩效目标\t完成\t\t\t\n"
        "绩效指标\t\t\t指标值（绩效目标）\t\n"
        "一级指标\t二级指标\t三级指标\t\t计量单位\n"
        "1-产出指标\t11-数量指标\t召开会议\t6\t次\n"
        "\t12-质量指标\t合格率\t100\t%\n", encoding="utf-8")
    p = convert_file(dump)["projects"][0]
    assert p["extra_fields"] == {}
    assert [(i["level2_code"], i["level3"], i["target"], i.get("extra")) for i in p["indicators"]] == [
        ("11", "召开会议", "6次", {"计量单位": "次"}), ("12", "合格率", "100%", {"计量单位": "%"})]


def test_first_cell_broken_over_lines(tmp_path):
    """pdfplumber rows joined with tabs: a cell's line breaks land at the start of the next
    physical line, in the first column too."""
    dump = tmp_path / "first_cell.txt"
    dump.write_text(
        "部门项目支出预算绩效目标表\n项目名称\t测试项目\t\t\n年度总体绩效\n目标\t完成某事\t\t\n"
        "一级指标\t二级指标\t三级指标\t绩效值\n1-产出\n指标\t11-数量指标\t召开会议\t6次\n"
        "\t12-质量指标\t合格率\t100%\n2-\n效益\n指标\t22-社会效益\t效果\t明显\n", encoding="utf-8")
    p = convert_file(dump)["projects"][0]
    assert (p["overall_goal"], p["extra_fields"]) == ("完成某事", {})
    assert [(i["level1_code"], i["level1"], i["level2_code"], i["target"]) for i in p["indicators"]] == [
        ("1", "产出指标", "11", "6次"), ("1", "产出指标", "12", "100%"), ("2", "效益指标", "22", "明显")]


def test_cells_holding_a_label_and_its_value(tmp_path):
    dump = tmp_path / "inline.txt"
    dump.write_text(
        "部门项目支出预算绩效目标表\n项目名称：测试项目\t\t主管部门：某局\t\n"
        "项目年度金额：12.5\t\t其中：财政拨款：10.00\t其他资金：2.50\n"
        "项目负责人：王秀兰\t联系电话：13909513082\t\t\n"
        "其中：上级补助\t5\t\t\n"
        "一级指标\t二级指标\t三级指标\t绩效值\n1-产出指标\t11-数量指标\t召开会议\t6次\n", encoding="utf-8")
    p = convert_file(dump)["projects"][0]
    assert (p["project_name"], p["department"], p["annual_amount"]) == ("测试项目", "某局", 12.5)
    assert p["extra_fields"] == {"项目负责人": "王秀兰", "联系电话": "13909513082", "其中：上级补助": "5"}
    assert p["funding"] == {"fiscal": 10, "other": 2.5, "annual": 12.5}  # money labels fill funding
