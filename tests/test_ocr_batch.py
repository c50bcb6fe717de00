"""`fujian extract` with OCR: --ocr modes, per-page progress, and failures as per-file errors."""
import json
import os
import subprocess
import sys
from pathlib import Path

SCANNED = Path(__file__).resolve().parent.parent / "samples" / "scanned"
MIXED = SCANNED / "mixed_flowing_tables_page2_scanned.pdf"  # page 1 text, page 2 a scan
UPSIDE_DOWN = SCANNED / "scan_no_ruling_upside_down.pdf"


def run_cli(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "fujian.cli", "extract", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=600)


def report(out: Path) -> dict:
    return {e["file"]: e for e in json.loads((out / "report.json").read_text(encoding="utf-8"))}


def test_ocr_modes_and_per_page_progress(tmp_path):
    out = tmp_path / "out"
    r = run_cli(MIXED, "-o", out, "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert f"{MIXED.name}: page 2/2 read by OCR" in r.stderr  # a plain log: one line per OCR'd page
    assert "page 1/2" not in r.stderr  # text pages are fast: no line for them
    doc = json.loads((out / f"{MIXED.name}.json").read_text(encoding="utf-8"))
    assert [p["method"] for p in doc["source"]["pages_read"]] == ["text", "ocr"]
    assert len(doc["projects"]) == 3

    r = run_cli(MIXED, "-o", out, "--workers", "1", "--ocr", "never")  # another mode: converted again
    assert r.returncode == 0, r.stderr
    assert not report(out)[MIXED.name]["skipped"]
    doc = json.loads((out / f"{MIXED.name}.json").read_text(encoding="utf-8"))
    assert doc["source"]["pages_read"][1] == {"page": 2, "method": "text", "ocr_needed": "no_text_layer"}
    assert [w["code"] for w in doc["warnings"] if w.get("page") == 2][:1] == ["scanned_page"]

    r = run_cli(MIXED, "-o", out, "--workers", "1", "--ocr", "never")  # same mode: kept
    assert report(out)[MIXED.name]["skipped"]

    r = run_cli(UPSIDE_DOWN, "-o", tmp_path / "never", "--ocr", "never")
    assert r.returncode == 1
    assert "no text layer — scanned document; OCR is off (--ocr never)" in report(tmp_path / "never")[UPSIDE_DOWN.name]["error"]


def test_a_bad_ocr_mode_is_a_usage_error(tmp_path):
    r = run_cli(MIXED, "-o", tmp_path / "out", "--ocr", "sometimes")
    assert r.returncode == 2 and "--ocr" in r.stderr and "Traceback" not in r.stderr


def test_ocr_that_runs_out_of_memory_or_time_is_a_per_file_error(tmp_path):
    r = run_cli(UPSIDE_DOWN, MIXED, "-o", tmp_path / "mem", "--workers", "1", "--max-memory", "700")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    entries = report(tmp_path / "mem")
    assert "out of memory" in entries[UPSIDE_DOWN.name]["error"]
    r = run_cli(UPSIDE_DOWN, "-o", tmp_path / "slow", "--workers", "1", "--timeout", "0.5")
    assert r.returncode == 1
    assert "timed out after 0.5 s" in report(tmp_path / "slow")[UPSIDE_DOWN.name]["error"]
