"""fujian check: warnings grouped by file and project, exit 1 when there are any."""
import json
from pathlib import Path

from click.testing import CliRunner

from fujian.audit.commands import check_command

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"


def _write(path, doc):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def test_clean_folder_exits_0(tmp_path):
    doc = json.loads(EXPECTED.read_text(encoding="utf-8"))
    _write(tmp_path / "out/a.txt.json", doc)
    _write(tmp_path / "out/report.json", [{"file": "a.txt", "status": "ok"}])
    result = CliRunner().invoke(check_command, [str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "0 warning(s)" in result.output


def test_warnings_are_grouped_and_exit_1(tmp_path):
    doc = json.loads(EXPECTED.read_text(encoding="utf-8"))
    _write(tmp_path / "out/clean.txt.json", doc)
    doc["projects"][3]["annual_amount"] = 40
    doc["projects"][4]["department"] = None
    _write(tmp_path / "out/sub/bad.txt.json", doc)
    result = CliRunner().invoke(check_command, [str(tmp_path / "out")])
    assert result.exit_code == 1
    out = result.output
    assert "sub/bad.txt.json" in out and "clean.txt.json" not in out.split("\n\n")[0]
    assert out.index("project 4") < out.index("cost_mismatch") < out.index("project 5") < out.index("missing_field")
    as_json = CliRunner().invoke(check_command, [str(tmp_path / "out"), "--format", "json"])
    data = json.loads(as_json.output)
    assert data["warnings"] == 2 and data["files"]["clean.txt.json"] == []


def test_missing_path_is_usage_error(tmp_path):
    result = CliRunner().invoke(check_command, [str(tmp_path / "nope")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_recorded_warnings_are_listed_on_request(tmp_path):
    doc = json.loads(EXPECTED.read_text(encoding="utf-8"))
    doc["warnings"] = [{"code": "missing_level2", "message": "indicator 'x' has no 二级指标", "page": 2, "project_seq": 3}]
    _write(tmp_path / "a.json", doc)
    plain = CliRunner().invoke(check_command, [str(tmp_path / "a.json")])
    assert plain.exit_code == 0 and "missing_level2" not in plain.output
    recorded = CliRunner().invoke(check_command, [str(tmp_path / "a.json"), "--recorded"])
    assert recorded.exit_code == 1 and "missing_level2" in recorded.output and "project 3" in recorded.output
