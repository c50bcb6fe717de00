"""The Python API (api.py): fujian.extract, extract_many, to_dataframes, `python -m fujian`."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import fujian

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PINGLUO = SAMPLES / "pingluo-rd-2025.txt"
PDF = SAMPLES / "pdf" / "drawn_health_several_projects_per_page.pdf"


def test_extract_gives_the_same_dict_as_the_json_file(tmp_path):
    doc = fujian.extract(PINGLUO)
    run = subprocess.run([sys.executable, "-m", "fujian", "extract", str(PINGLUO), "-o", str(tmp_path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    written = json.loads((tmp_path / "pingluo-rd-2025.txt.json").read_text(encoding="utf-8"))
    written.pop("tool"), doc.pop("tool", None)
    assert written == json.loads(json.dumps(doc, ensure_ascii=False))
    with pytest.raises(fujian.ExtractionError, match="no such file"):
        fujian.extract(tmp_path / "missing.pdf")


def test_extract_many_keeps_order_and_reports_failures(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"<html>not a pdf</html>")
    docs = fujian.extract_many([PINGLUO, bad, PDF], workers=2)
    assert [d["source"]["file"] for d in docs] == ["pingluo-rd-2025.txt", "bad.pdf", PDF.name]
    assert "error" not in docs[0] and "not a PDF" in docs[1]["error"] and len(docs[2]["projects"]) == 3
    assert [d["source"]["file"] for d in fujian.extract_many([PINGLUO, bad], errors="skip", workers=1)] \
        == ["pingluo-rd-2025.txt"]
    with pytest.raises(fujian.ExtractionError, match="bad.pdf"):
        fujian.extract_many([PINGLUO, bad], errors="raise", workers=1)


def test_to_dataframes(tmp_path):
    docs = fujian.extract_many([PINGLUO, PDF], workers=1)
    frames = fujian.to_dataframes(docs)
    projects, indicators = frames["projects"], frames["indicators"]
    assert len(projects) == 6 + 3
    assert len(indicators) == sum(len(p["indicators"]) for d in docs for p in d["projects"])
    assert str(indicators["level2_code"].dtype) == "string" and indicators["level2_code"].iloc[0] == "11"
    assert projects["annual_amount_wanyuan"].sum() == pytest.approx(
        sum(p["annual_amount"] for d in docs for p in d["projects"]))  # both documents in 万元
    assert set(indicators["department"].dropna()) == {p["department"] for d in docs for p in d["projects"]}


def test_python_dash_m_fujian_is_the_command():
    run = subprocess.run([sys.executable, "-m", "fujian", "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "extract" in run.stdout and "review" in run.stdout
