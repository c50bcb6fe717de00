"""kill -9 in the middle of a batch: no partial JSON, and a re-run ends exactly like a
clean run (timing fields aside)."""
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "batch_test_helpers", Path(__file__).with_name("test_batch_helpers.py"))
h = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(h)


def visible_jsons(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.json")
            if not any(part.startswith(".") for part in p.relative_to(out).parts)]


def test_sigkill_then_rerun_equals_a_clean_run(tmp_path):
    folder = tmp_path / "in"
    pdfs = h.sample_pdfs(tmp_path / "gen", limit=6)
    for i in range(30):
        sub = folder / f"d{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(pdfs[i % len(pdfs)], sub / f"f{i:02d}.pdf")
    shutil.copy(h.SAMPLE_TXT, folder / "d0" / "f00.txt")
    (folder / "d1" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")

    clean = tmp_path / "clean"
    r = h.run_cli(folder, "-o", clean, "--workers", "1", timeout=600)
    assert r.returncode == 1, r.stderr  # broken.pdf
    assert "Traceback" not in r.stderr

    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "fujian.cli", "extract", str(folder), "-o", str(out), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(visible_jsons(out) if out.exists() else []) < 3 and time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be killed"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.3)  # the worker dies with its parent (PR_SET_PDEATHSIG)
    assert not (out / "report.json").exists(), "killed too late: the run had finished"
    done = visible_jsons(out)
    assert 3 <= len(done) < 31
    for p in done:  # every JSON present is complete
        doc = json.loads(p.read_text(encoding="utf-8"))
        assert doc["source"]["file"] + ".json" == p.relative_to(out).as_posix()

    r = h.run_cli(folder, "-o", out, "--workers", "1", timeout=600)
    assert r.returncode == 1, r.stderr
    assert "skipped" in r.stderr
    from fujian.write.atomic import is_temp_file
    assert not [p for p in out.rglob("*") if is_temp_file(p)]  # no temp files left
    got, want = h.output_snapshot(out), h.output_snapshot(clean)
    assert sorted(got) == sorted(want)
    differing = [k for k in want if got[k] != want[k]]
    if differing:
        # The premise is that the pipeline gives the same output twice. In a checkout where
        # others edit the pipeline while this runs, it may not: check with a second clean run.
        again = tmp_path / "clean-again"
        h.run_cli(folder, "-o", again, "--workers", "1", timeout=600)
        unstable = [k for k in differing if h.output_snapshot(again).get(k) != want[k]]
        if unstable:
            pytest.skip(f"two clean runs disagree on {unstable[:3]}: the pipeline changed or is "
                        "not deterministic; resume cannot be compared")
    assert not differing, f"outputs differ from the clean run: {differing[:5]}"
