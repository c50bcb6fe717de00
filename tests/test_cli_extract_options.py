"""`fujian extract` options an analyst reaches for, on real sample files: `-o -`, `--pages`,
several `--password`s, the refusal to overwrite another input's output, the summary line,
and the sharp edges (bad --db URL, compare-engines on a text dump, the memory limit)."""
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "batch_test_helpers", Path(__file__).with_name("test_batch_helpers.py"))
_h = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_h)
load_report, run_cli = _h.load_report, _h.run_cli

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PINGLUO = SAMPLES / "pingluo-rd-2025.txt"
USER_PW = SAMPLES / "pdf" / "encrypted_user_password.pdf"  # user password fujian2025
OWNER_PW = SAMPLES / "pdf" / "encrypted_owner_password.pdf"  # opens without one
TWO_PAGES = SAMPLES / "pdf" / "drawn_continuation_no_top_rule.pdf"  # project 1 on pages 1-2


def fujian(*args, timeout=180):
    return subprocess.run([sys.executable, "-m", "fujian", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def test_dash_o_prints_the_json_of_one_input(tmp_path):
    r = fujian("extract", PINGLUO, "-o", "-")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["source"]["file"] == "pingluo-rd-2025.txt" and len(doc["projects"]) == 6
    assert doc["tool"]["name"] == "fujian"
    assert not Path("-").exists()
    r = fujian("extract", PINGLUO, SAMPLES / "text" / "nongye-2025.txt", "-o", "-")
    assert r.returncode == 2 and "exactly one input" in r.stderr


def test_dash_o_reports_an_unreadable_input_on_stderr():
    r = fujian("extract", USER_PW, "-o", "-")
    assert r.returncode == 1 and r.stdout == ""
    assert "user password" in r.stderr and "Traceback" not in r.stderr


def test_pages_limits_the_pages_read(tmp_path):
    full = json.loads(fujian("extract", TWO_PAGES, "-o", "-").stdout)
    assert full["projects"][0]["pages"] == [1, 2]
    first = json.loads(fujian("extract", TWO_PAGES, "-o", "-", "--pages", "1").stdout)
    assert first["projects"][0]["pages"] == [1]
    assert len(first["projects"][0]["indicators"]) < len(full["projects"][0]["indicators"])
    assert first["tool"]["pages"] == "1"
    for bad in ("0", "2-1", "x", "1-"):
        r = fujian("extract", TWO_PAGES, "-o", "-", "--pages", bad)
        assert r.returncode == 2 and "--pages" in r.stderr, bad
    r = fujian("extract", TWO_PAGES, "-o", "-", "--pages", "9-12")
    assert r.returncode == 1 and "selects no page" in r.stderr


def test_pages_is_part_of_what_makes_an_output_current(tmp_path):
    out = tmp_path / "out"
    assert run_cli(TWO_PAGES, "-o", out, "--pages", "1").returncode == 0
    partial = load_report(out)[TWO_PAGES.name]["indicators"]
    r = run_cli(TWO_PAGES, "-o", out)
    assert r.returncode == 0 and "skipped" not in r.stderr  # converted again, all pages
    doc = json.loads((out / (TWO_PAGES.name + ".json")).read_text(encoding="utf-8"))
    assert doc["projects"][0]["pages"] == [1, 2] and "pages" not in doc["tool"]
    assert load_report(out)[TWO_PAGES.name]["indicators"] > partial


def test_several_passwords_are_each_tried_and_none_is_needed_for_owner_only(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for f in (USER_PW, OWNER_PW):
        shutil.copy(f, src / f.name)
    r = run_cli(src, "-o", tmp_path / "out", "--password", "wrong", "--password", "fujian2025")
    assert r.returncode == 0, r.stderr
    report = load_report(tmp_path / "out")
    assert report[USER_PW.name]["status"] == "ok" and report[OWNER_PW.name]["status"] == "ok"
    assert report[USER_PW.name]["projects"] >= 1
    r = run_cli(USER_PW, "-o", tmp_path / "out2", "--password", "a", "--password", "b")
    assert r.returncode == 1
    assert "wrong password" in load_report(tmp_path / "out2")[USER_PW.name]["error"]


def test_an_output_of_another_input_with_the_same_name_is_not_overwritten(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    shutil.copy(PINGLUO, a / "x.txt")
    shutil.copy(SAMPLES / "text" / "nongye-2025.txt", b / "x.txt")
    out = tmp_path / "out"
    assert run_cli(a, "-o", out).returncode == 0
    before = (out / "x.txt.json").read_bytes()
    r = run_cli(b, "-o", out)
    assert r.returncode == 1
    entry = load_report(out)["x.txt"]
    assert entry["status"] == "error" and str(a / "x.txt") in entry["error"] and "--force" in entry["error"]
    assert (out / "x.txt.json").read_bytes() == before
    # the same bytes from another place (a moved folder) are fine, and --force replaces
    c = tmp_path / "c"
    c.mkdir()
    shutil.copy(PINGLUO, c / "x.txt")
    assert run_cli(c, "-o", out).returncode == 0
    assert run_cli(b, "-o", out, "--force").returncode == 0
    assert (out / "x.txt.json").read_bytes() != before


def test_summary_names_the_report_and_counts_inputs_without_projects(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(PINGLUO, src / "a.txt")
    (src / "b.txt").write_text("部门收支总表\n单位：万元\n项目\t金额\n收入总计\t10\n", encoding="utf-8")
    r = run_cli(src, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert "1 ok input(s) with 0 projects" in last and str(tmp_path / "out" / "report.json") in last


def test_report_describes_this_runs_inputs_only(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    shutil.copy(PINGLUO, a / "one.txt")
    shutil.copy(SAMPLES / "text" / "nongye-2025.txt", b / "two.txt")
    out = tmp_path / "out"
    assert run_cli(a, "-o", out).returncode == 0
    assert run_cli(b, "-o", out).returncode == 0
    assert set(load_report(out)) == {"two.txt"}
    assert "one.txt" not in (out / "projects.csv").read_text(encoding="utf-8-sig")
    assert (out / "one.txt.json").exists()  # kept on disk


def test_unparsable_database_url_is_a_usage_error(tmp_path):
    r = run_cli(PINGLUO, "-o", tmp_path / "out", "--db", "nonsense:::")
    assert r.returncode == 2 and "not a database URL" in r.stderr
    assert not Path("nonsense:::").exists() and not (tmp_path / "out").exists()
    assert run_cli(PINGLUO, "-o", tmp_path / "out").returncode == 0
    r = fujian("load", tmp_path / "out", "--db", "nonsense:::")
    assert r.returncode == 2 and "not a database URL" in r.stderr


def test_compare_engines_on_a_text_dump_is_a_usage_error():
    r = fujian("compare-engines", PINGLUO)
    assert r.returncode == 2 and "not a PDF" in r.stderr


def test_hitting_the_memory_limit_names_the_limit_and_the_option(tmp_path):
    r = run_cli(SAMPLES / "pdf" / "word_education_landscape.pdf", "-o", tmp_path / "out",
                "--max-memory", "64", "--workers", "1", "--engine", "pdfplumber")
    assert r.returncode == 1
    error = load_report(tmp_path / "out")["word_education_landscape.pdf"]["error"]
    assert "--max-memory" in error and "64 MB" in error, error


def test_truncated_pdf_message(tmp_path):
    data = TWO_PAGES.read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 2])
    r = run_cli(tmp_path / "cut.pdf", "-o", tmp_path / "out")
    error = load_report(tmp_path / "out")["cut.pdf"]["error"]
    assert "no %EOF" in error and "%%" not in error
