"""fujian diff finds every change injected into copies of the Pingluo sample, and nothing else."""
import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fujian.audit.commands import diff_command
from fujian.audit.diff import diff_documents, diff_paths

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"
SOURCE_TXT = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.txt"


@pytest.fixture()
def doc():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _write(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _summary(changes):
    return sorted((c.kind, c.project, c.indicator, c.field) for c in changes)


def test_identical_documents_have_no_changes(doc):
    assert diff_documents(doc, copy.deepcopy(doc)) == []


def test_changed_target(doc):
    new = copy.deepcopy(doc)
    new["projects"][2]["indicators"][0]["target"] = "3次"
    [c] = diff_documents(doc, new)
    assert (c.kind, c.field, c.old, c.new) == ("changed", "target", "2次", "3次")
    assert c.project == "3 县人大常委会预决算审查咨询委员会工作经费"
    assert c.indicator == "11-数量指标 召开预决算草案及预算调整方案审查会议"


def test_removed_indicator_among_same_level_codes(doc):
    new = copy.deepcopy(doc)
    del new["projects"][2]["indicators"][1]  # the second of two 11-数量指标 rows
    [c] = diff_documents(doc, new)
    assert (c.kind, c.indicator, c.old) == ("removed", "11-数量指标 组织预决算审查培训", "20人次")


def test_renamed_project_is_matched_by_position(doc):
    new = copy.deepcopy(doc)
    new["projects"][1]["project_name"] = "人大代表培训经费"
    [c] = diff_documents(doc, new)
    assert (c.kind, c.field, c.old, c.new) == ("changed", "project_name", "人大代表培训、考察学习经费", "人大代表培训经费")


def test_added_project(doc):
    new = copy.deepcopy(doc)
    extra = copy.deepcopy(doc["projects"][0])
    extra.update(seq=7, project_name="新增项目")
    new["projects"].append(extra)
    [c] = diff_documents(doc, new)
    assert (c.kind, c.project) == ("added", "7 新增项目")


def test_all_injected_changes_together(doc):
    new = copy.deepcopy(doc)
    new["projects"][2]["indicators"][0]["target"] = "3次"
    del new["projects"][2]["indicators"][1]
    new["projects"][1]["project_name"] = "改名"
    new["projects"][0]["annual_amount"] = 5
    new["projects"][0]["extra_fields"]["其中：财政拨款"] = "4"
    new["projects"].append(dict(copy.deepcopy(doc["projects"][5]), seq=7, project_name="新增项目"))
    assert _summary(diff_documents(doc, new)) == sorted([
        ("changed", "1 常委会议工作经费", None, "annual_amount"),
        ("added", "1 常委会议工作经费", None, "extra_fields.其中：财政拨款"),
        ("changed", "2 改名", None, "project_name"),
        ("changed", "3 县人大常委会预决算审查咨询委员会工作经费", "11-数量指标 召开预决算草案及预算调整方案审查会议", "target"),
        ("removed", "3 县人大常委会预决算审查咨询委员会工作经费", "11-数量指标 组织预决算审查培训", None),
        ("added", "7 新增项目", None, None),
    ])


def test_reordered_projects_are_matched_by_name(doc):
    new = copy.deepcopy(doc)
    new["projects"].reverse()
    assert diff_documents(doc, new) == []


def test_folders_pair_files_by_relative_path(doc, tmp_path):
    _write(tmp_path / "old/sub/a.txt.json", doc)
    _write(tmp_path / "old/gone.pdf.json", doc)
    _write(tmp_path / "old/report.json", {"anything": 1})
    changed = copy.deepcopy(doc)
    changed["title"] = "附件3"
    _write(tmp_path / "new/sub/a.txt.json", changed)
    _write(tmp_path / "new/new.pdf.json", doc)
    (tmp_path / "new/projects.csv").write_text("x", encoding="utf-8")
    result = diff_paths(tmp_path / "old", tmp_path / "new")
    assert sorted((c.kind, c.file, c.field) for c in result.changes) == [
        ("added", "new.pdf.json", None),
        ("changed", "sub/a.txt.json", "title"),
        ("removed", "gone.pdf.json", None),
    ]


def test_cli_exit_codes_and_json(doc, tmp_path):
    a = _write(tmp_path / "a.json", doc)
    new = copy.deepcopy(doc)
    new["projects"][3]["indicators"][0]["target"] = "14个"
    b = _write(tmp_path / "b.json", new)
    runner = CliRunner()
    same = runner.invoke(diff_command, [str(a), str(a)])
    assert same.exit_code == 0 and "identical" in same.output
    different = runner.invoke(diff_command, [str(a), str(b)])
    assert different.exit_code == 1
    assert "'13个' → '14个'" in different.output and "乡镇人大工作经费" in different.output
    as_json = runner.invoke(diff_command, [str(a), str(b), "--format", "json"])
    data = json.loads(as_json.output)
    assert as_json.exit_code == 1 and data["identical"] is False
    assert [(c["old"], c["new"]) for c in data["changes"]] == [("13个", "14个")]
    missing = runner.invoke(diff_command, [str(a), str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    assert runner.invoke(diff_command, [str(a), str(tmp_path)]).exit_code == 2
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    bad = runner.invoke(diff_command, [str(a), str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "not valid JSON" in bad.output and "Traceback" not in bad.output


def test_raw_text_tells_source_from_normaliser_changes(tmp_path):
    from fujian.pipeline import convert_file

    old = convert_file(SOURCE_TXT, keep_raw=True)
    edited = tmp_path / "edited.txt"
    edited.write_text(SOURCE_TXT.read_text(encoding="utf-8").replace("每次 6667 元", "每次 7000 元"), encoding="utf-8")
    new = convert_file(edited, keep_raw=True)
    new["projects"][1]["indicators"][0]["target"] = "两次"  # same raw text, different normalised value
    by_target = {(c.old, c.new): c.origin for c in diff_documents(old, new) if c.field == "target"}
    assert by_target == {("每次6667元", "每次7000元"): "source", ("2次", "两次"): "normaliser"}


def test_real_conversion_matches_expected_sample(doc):
    from fujian.pipeline import convert_file

    # Optional keys (page, pages, target_parsed …) present on one side only are not differences.
    changes = diff_documents(doc, convert_file(SOURCE_TXT))
    assert [(c.kind, c.project, c.indicator, c.field, c.old, c.new) for c in changes] == []


def test_two_empty_folders_are_a_usage_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    result = CliRunner().invoke(diff_command, [str(tmp_path / "a"), str(tmp_path / "b")])
    assert result.exit_code == 2 and "no per-document JSON" in result.output


@pytest.mark.parametrize("bad", [
    {"projects": [1]},
    {"projects": [{"project_name": ["x"], "indicators": []}]},
    {"projects": [{"project_name": "x", "indicators": [2]}]},
    {"projects": [{"project_name": "x", "indicators": "none"}]},
])
def test_malformed_documents_are_usage_errors(doc, tmp_path, bad):
    good = _write(tmp_path / "good.json", doc)
    broken = _write(tmp_path / "bad.json", bad)
    result = CliRunner().invoke(diff_command, [str(good), str(broken)])
    assert result.exit_code == 2 and "per-document JSON layout" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
