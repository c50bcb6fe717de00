"""The writers on the real Pingluo sample: per-document JSON, CSVs, report."""
import csv
import io
import json
from pathlib import Path

import pytest

from fujian import __version__
from fujian.pipeline import convert_file
from fujian.write.atomic import atomic_write_text, sweep_temp_files, temp_prefix
from fujian.write.document_json import (
    document_counts, is_current, read_document_json, write_document_json)
from fujian.write.report import ReportEntry, write_report
from fujian.write.batch_tables import INDICATORS, PROJECTS
from fujian.write.csv_files import CsvFilesWriter

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.txt"


@pytest.fixture(scope="module")
def doc():
    return convert_file(str(SAMPLE), name="pingluo-rd-2025.txt")


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_document_json_roundtrip_is_utf8_and_stamped(doc, tmp_path):
    target = tmp_path / "sub" / "pingluo-rd-2025.txt.json"
    write_document_json(doc, target)
    text = target.read_text(encoding="utf-8")
    assert "常委会议工作经费" in text  # ensure_ascii=False: readable Chinese
    assert '\n  "source"' in text  # indent=2
    back = read_document_json(target)
    assert back["tool"] == {"name": "fujian", "version": __version__}
    assert back["projects"] == doc["projects"]
    assert is_current(back, doc["source"]["sha256"])
    assert not is_current(back, "0" * 64)
    assert document_counts(back) == (6, 55, doc["source"]["pages"])
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp left


def test_read_document_json_rejects_partial_and_foreign_files(tmp_path):
    (tmp_path / "half.json").write_text('{"schema_version": 1, "source": {', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    assert read_document_json(tmp_path / "half.json") is None
    assert read_document_json(tmp_path / "list.json") is None
    assert read_document_json(tmp_path / "missing.json") is None


def write_csvs(docs, out):
    with CsvFilesWriter(out) as w:
        for d in docs:
            w.add(d)
    return w.counts


def test_projects_and_indicators_csv(doc, tmp_path):
    assert write_csvs([doc], tmp_path) == {"projects": 6, "indicators": 55, "budget_rows": 0, "checks": 0}
    projects = read_csv(tmp_path / "projects.csv")
    assert projects[0] == PROJECTS.column_names and projects[0][0] == "source_file"
    assert len(projects) == 7
    first = dict(zip(projects[0], projects[1]))
    assert first["source_file"] == "pingluo-rd-2025.txt"
    assert first["project_name"] == "常委会议工作经费"
    assert first["annual_amount"] == "4"
    assert first["indicator_count"] == str(len(doc["projects"][0]["indicators"]))
    assert json.loads(first["extra_fields"] or "{}") == doc["projects"][0]["extra_fields"]

    indicators = read_csv(tmp_path / "indicators.csv")
    assert indicators[0] == INDICATORS.column_names and len(indicators) == 56
    row = dict(zip(indicators[0], indicators[1]))
    assert (row["project_seq"], row["level1_code"], row["level1"], row["level2_code"],
            row["level2"]) == ("1", "1", "产出指标", "11", "数量指标")
    assert row["target"] == "全年召开6次会议、听取审议7项工作"
    # a kept level-2 row with no level-3 / target: empty cells, not "None"
    empty = [dict(zip(indicators[0], r)) for r in indicators[1:] if r[indicators[0].index("level2")] == "经济效益"]
    assert empty and empty[0]["level3"] == "" and empty[0]["target"] == ""


def test_report_is_a_sorted_list(tmp_path):
    entries = [ReportEntry("b.pdf", "error", "not a PDF", 0, 0, None, 0.1),
               ReportEntry("a.txt", "ok", None, 6, 55, 1, 0.2, output="a.txt.json")]
    write_report(entries, tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in report] == ["a.txt", "b.pdf"]
    assert set(report[0]) >= {"file", "status", "error", "projects", "indicators", "pages", "seconds"}
    assert report[1]["status"] == "error" and report[1]["error"] == "not a PDF"


def test_sweep_removes_only_temp_files(tmp_path):
    target = tmp_path / "d" / "a.pdf.json"
    atomic_write_text(target, "{}")
    stale = target.parent / (temp_prefix(target) + "abc123.tmp")
    stale.write_text('{"half', encoding="utf-8")
    assert sweep_temp_files(tmp_path) == 1
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.pdf.json"]


def test_csv_writer_streams_several_documents(doc, tmp_path):
    other = json.loads(json.dumps(doc))
    other["source"]["file"] = "b/other.txt"
    assert write_csvs([doc, other], tmp_path) == {"projects": 12, "indicators": 110, "budget_rows": 0, "checks": 0}
    write_csvs([doc], tmp_path / "one")
    one = (tmp_path / "one" / "indicators.csv").read_bytes()
    both = (tmp_path / "indicators.csv").read_bytes()
    assert both.startswith(one)  # the second document's rows follow the first's
    assert read_csv(tmp_path / "indicators.csv")[-1][0] == "b/other.txt"


def test_csv_writer_keeps_old_files_when_interrupted(doc, tmp_path):
    write_csvs([doc], tmp_path)
    before = (tmp_path / "projects.csv").read_bytes()
    with pytest.raises(RuntimeError):
        with CsvFilesWriter(tmp_path) as w:
            w.add(doc)
            w.add(doc)
            raise RuntimeError("interrupted")
    assert (tmp_path / "projects.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget_rows.csv", "checks.csv", "indicators.csv",
                                                          "projects.csv"]
