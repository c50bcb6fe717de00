"""`fujian extract` end to end on real files, run as a user would (child process)."""
import csv
import importlib.util
import io
import json
import os
import shutil
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "batch_test_helpers", Path(__file__).with_name("test_batch_helpers.py"))
h = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(h)

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"


def csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_pingluo_text_dump_end_to_end(tmp_path):
    out = tmp_path / "out"
    r = h.run_cli(h.SAMPLE_TXT, "-o", out, "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "1 input(s): 1 ok, 0 failed" in r.stderr
    doc = json.loads((out / "pingluo-rd-2025.txt.json").read_text(encoding="utf-8"))
    assert doc["source"]["file"] == "pingluo-rd-2025.txt"
    assert doc["tool"]["name"] == "fujian"
    assert len(doc["projects"]) == 6
    assert sum(len(p["indicators"]) for p in doc["projects"]) == 55
    if EXPECTED.exists():
        want = json.loads(EXPECTED.read_text(encoding="utf-8"))
        assert doc["title"] == want["title"]
        assert [p["project_name"] for p in doc["projects"]] == \
            [p["project_name"] for p in want["projects"]]
    projects = csv_rows(out / "projects.csv")
    indicators = csv_rows(out / "indicators.csv")
    assert projects[0][0] == indicators[0][0] == "source_file"
    assert len(projects) - 1 == 6 and len(indicators) - 1 == 55
    assert {r[0] for r in projects[1:] + indicators[1:]} == {"pingluo-rd-2025.txt"}
    report = h.load_report(out)
    assert list(report) == ["pingluo-rd-2025.txt"]
    e = report["pingluo-rd-2025.txt"]
    assert (e["status"], e["error"], e["projects"], e["indicators"]) == ("ok", None, 6, 55)
    assert e["pages"] == doc["source"]["pages"] and e["seconds"] >= 0


def test_outputs_mirror_nested_input_paths(tmp_path):
    src = tmp_path / "in" / "docs" / "2025"
    src.mkdir(parents=True)
    shutil.copy(h.SAMPLE_TXT, src / "a.txt")
    shutil.copy(h.sample_pdfs(tmp_path / "gen")[0], src / "a.pdf")
    shutil.copy(h.SAMPLE_TXT, src / "UPPER.TXT")
    (src / "notes.md").write_text("not an input", encoding="utf-8")
    out = tmp_path / "out"
    r = h.run_cli(tmp_path / "in", "-o", out)
    assert "Traceback" not in r.stderr
    report = h.load_report(out)
    assert sorted(report) == ["docs/2025/UPPER.TXT", "docs/2025/a.pdf", "docs/2025/a.txt"]
    assert (out / "docs/2025/a.txt.json").is_file()
    assert (out / "docs/2025/UPPER.TXT.json").is_file()
    assert json.loads((out / "docs/2025/a.txt.json").read_text("utf-8"))["source"]["file"] == \
        "docs/2025/a.txt"
    if h.pdf_reader_available():
        assert r.returncode == 0, r.stderr
        assert report["docs/2025/a.pdf"]["status"] == "ok"
        assert (out / "docs/2025/a.pdf.json").is_file()
    # a single file given directly is named by its base name
    out2 = tmp_path / "out2"
    r = h.run_cli(src / "a.txt", "-o", out2)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out2.iterdir()) == \
        [".fujian", "a.txt.json", "budget_rows.csv", "checks.csv", "fujian.xlsx", "indicators.csv",
         "projects.csv", "report.json"]


def _bad_inputs(folder: Path, tmp_path: Path) -> dict[str, str]:
    """Create one of each bad input; returns {name: words expected in its error}."""
    folder.mkdir(parents=True)
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "page.pdf").write_text("<html><body>404 Not Found</body></html>", encoding="utf-8")
    pdf = h.sample_pdfs(tmp_path / "gen")[0].read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    os.symlink(folder / "gone.pdf", folder / "dangling.pdf")
    return {"zero.pdf": "empty", "page.pdf": "not a PDF", "truncated.pdf": "PDF",
            "junk.txt": "text", "dangling.pdf": "does not exist"}


def test_each_bad_input_is_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    expect = _bad_inputs(folder, tmp_path)
    (folder / "no-table.txt").write_text("附件2：项目支出绩效目标表\n本单位无项目支出。\n", encoding="utf-8")
    shutil.copy(h.SAMPLE_TXT, folder / "good.txt")
    out = tmp_path / "out"
    r = h.run_cli(folder, "-o", out, "--workers", "2", "--timeout", "60")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    report = h.load_report(out)
    assert sorted(report) == sorted([*expect, "no-table.txt", "good.txt"])
    for name, words in expect.items():
        e = report[name]
        assert e["status"] == "error", (name, e)
        assert e["error"] and words in e["error"], (name, e["error"])
        assert "Traceback" not in e["error"]
        assert not (out / (name + ".json")).exists()
        assert f"error: {name}:" in r.stderr
    assert (report["no-table.txt"]["status"], report["no-table.txt"]["projects"]) == ("ok", 0)
    assert (report["good.txt"]["status"], report["good.txt"]["projects"]) == ("ok", 6)
    assert f"{len(report)} input(s): 2 ok, {len(expect)} failed" in r.stderr
    assert len(csv_rows(out / "projects.csv")) - 1 == 6


@pytest.mark.parametrize("args, words", [
    (["/nonexistent/path.pdf"], "no such file"),
    ([], "Missing argument"),
    (["EMPTY_DIR"], "no .pdf, .txt, .xlsx, .xls or .docx files found"),
])
def test_usage_errors_exit_2(tmp_path, args, words):
    (tmp_path / "empty").mkdir()
    args = [str(tmp_path / "empty") if a == "EMPTY_DIR" else a for a in args]
    r = h.run_cli(*args, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert words in r.stderr and "Traceback" not in r.stderr


def test_help_explains_inputs_outputs_and_exit_codes():
    r = h.run_cli("--help")
    assert r.returncode == 0
    for words in ("directory", "OUT/docs/a.pdf.json", "report.json", "projects.csv",
                  "Exit status", "--workers", "--timeout", "--force", "--db"):
        assert words in r.stdout


def test_resume_skips_current_outputs_and_force_redoes_them(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(h.SAMPLE_TXT, folder / "a.txt")
    shutil.copy(h.SAMPLE_TXT, folder / "b.txt")
    out = tmp_path / "out"
    assert h.run_cli(folder, "-o", out).returncode == 0
    first = h.output_snapshot(out)
    mtime = (out / "a.txt.json").stat().st_mtime_ns

    r = h.run_cli(folder, "-o", out)
    assert r.returncode == 0 and "2 skipped" in r.stderr
    assert (out / "a.txt.json").stat().st_mtime_ns == mtime
    assert h.output_snapshot(out) == first
    report = h.load_report(out)
    assert all(e["skipped"] and e["status"] == "ok" and e["projects"] == 6 for e in report.values())

    # a changed input is converted again, the other one is not
    (folder / "b.txt").write_text("附件\n无项目\n", encoding="utf-8")
    r = h.run_cli(folder, "-o", out)
    assert r.returncode == 0 and "1 skipped" in r.stderr
    report = h.load_report(out)
    assert report["b.txt"]["projects"] == 0 and not report["b.txt"]["skipped"]

    r = h.run_cli(folder, "-o", out, "--force")
    assert r.returncode == 0 and "skipped" not in r.stderr
    assert (out / "a.txt.json").stat().st_mtime_ns != mtime


def test_failed_input_removes_its_stale_json(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(h.SAMPLE_TXT, folder / "a.txt")
    out = tmp_path / "out"
    assert h.run_cli(folder, "-o", out).returncode == 0
    assert (out / "a.txt.json").exists()
    (folder / "a.txt").write_bytes(b"\x00\xff\xfe" * 1000)
    r = h.run_cli(folder, "-o", out)
    assert r.returncode == 1
    assert not (out / "a.txt.json").exists()
    assert h.load_report(out)["a.txt"]["status"] == "error"
    assert csv_rows(out / "projects.csv")[1:] == []


def test_plain_progress_lines_when_not_a_terminal(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        shutil.copy(h.SAMPLE_TXT, folder / f"f{i:02d}.txt")
    r = h.run_cli(folder, "-o", tmp_path / "out", "--workers", "2")
    assert r.returncode == 0
    lines = r.stderr.splitlines()
    assert lines[0] == "fujian extract: 12 input(s)"
    assert any(l.startswith("[10/12] 10 ok, 0 failed") for l in lines)
    assert lines[-1].startswith("12 input(s): 12 ok, 0 failed, ")
    assert "\x1b[" not in r.stderr  # no terminal escape codes in a log


def test_db_option_loads_the_batch_into_sqlite(tmp_path):
    import sqlite3
    out = tmp_path / "out"
    db = tmp_path / "x.sqlite"
    r = h.run_cli(h.SAMPLE_TXT, "-o", out, "--db", f"sqlite:///{db}")
    assert r.returncode == 0, r.stderr
    assert "database: " in r.stderr and "Traceback" not in r.stderr
    con = sqlite3.connect(db)
    tables = {t for (t,) in con.execute("select name from sqlite_master where type='table'")}
    counts = {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    con.close()
    assert 6 in counts.values() and 55 in counts.values(), counts


def test_db_option_with_a_bad_url_is_a_clear_error(tmp_path):
    r = h.run_cli(h.SAMPLE_TXT, "-o", tmp_path / "out", "--db", "nosuchdialect://x/y")
    assert r.returncode == 1
    assert "error: database:" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "out" / "report.json").exists()


def test_timeout_stops_a_hanging_input_and_the_batch_goes_on(tmp_path):
    """The command with a converter that hangs on one file (the real pipeline otherwise)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in ("a", "hang", "z"):
        shutil.copy(h.SAMPLE_TXT, folder / f"{stem}.txt")
    conv = tmp_path / "hangs.py"
    conv.write_text(
        "import os, time\n"
        "from fujian.pipeline import convert_file\n"
        "def convert(path, **kw):\n"
        "    if os.path.basename(path) == 'hang.txt':\n"
        "        time.sleep(3600)\n"
        "    return convert_file(path, **kw)\n", encoding="utf-8")
    out = tmp_path / "out"
    r = h.run_cli(folder, "-o", out, "--timeout", "1", "--workers", "1",
                  "--converter", f"{conv}:convert")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    report = h.load_report(out)
    assert report["hang.txt"]["status"] == "error"
    assert report["hang.txt"]["error"].startswith("timed out after 1 s")
    assert [report[n]["projects"] for n in ("a.txt", "z.txt")] == [6, 6]
    assert sorted(p.name for p in out.glob("*.json")) == ["a.txt.json", "report.json", "z.txt.json"]


def test_a_converter_that_cannot_be_loaded_is_a_clear_error(tmp_path):
    r = h.run_cli(h.SAMPLE_TXT, "-o", tmp_path / "out", "--converter", "fujian.nope:convert")
    assert r.returncode == 1
    assert "cannot load the converter fujian.nope:convert" in r.stderr
    assert "Traceback" not in r.stderr


def test_progress_bar_on_a_terminal(tmp_path):
    """With a terminal on stderr the command draws a rich progress bar and still ends
    with the summary line."""
    import pty
    import subprocess
    import sys
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        shutil.copy(h.SAMPLE_TXT, folder / f"f{i}.txt")
    (folder / "bad.pdf").write_text("<html>", encoding="utf-8")
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "fujian.cli", "extract", str(folder),
                             "-o", str(tmp_path / "out")],
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=120) == 1
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "4/4" in screen and "pages/s" in screen  # the bar
    assert "bad.pdf" in screen and "not a PDF" in screen  # the failure, above the bar
    assert "4 input(s): 3 ok, 1 failed" in screen
    assert "Traceback" not in screen


def test_a_second_run_into_the_same_output_is_refused(tmp_path):
    from fujian.batch.out_lock import locked_output_dir
    out = tmp_path / "out"
    out.mkdir()
    with locked_output_dir(out):  # as a running batch holds it
        r = h.run_cli(h.SAMPLE_TXT, "-o", out)
        assert r.returncode == 2
        assert "another fujian extract is writing to" in r.stderr and "Traceback" not in r.stderr
        assert list(out.iterdir()) == []
    r = h.run_cli(h.SAMPLE_TXT, "-o", out)
    assert r.returncode == 0, r.stderr


def test_workers_do_not_keep_the_output_lock(tmp_path):
    """A worker still alive after its batch died must not block the next run."""
    import fcntl
    from fujian.batch.inputs import discover_inputs
    from fujian.batch.runner import BatchOptions, run_batch
    shutil.copy(h.SAMPLE_TXT, tmp_path / "a.txt")
    conv = tmp_path / "probe.py"
    conv.write_text(
        "import os\n"
        "from fujian.pipeline import convert_file\n"
        "def convert(path, **kw):\n"
        "    held = []\n"
        "    for fd in map(int, os.listdir('/proc/self/fd')):\n"
        "        try:\n"
        "            if os.path.realpath(f'/proc/self/fd/{fd}') == os.environ['PROBE_OUT']:\n"
        "                held.append(fd)\n"
        "        except OSError:\n"
        "            pass\n"
        "    if held:\n"
        "        raise RuntimeError(f'worker holds OUT open: {held}')\n"
        "    return convert_file(path, **kw)\n", encoding="utf-8")
    out = tmp_path / "out"
    os.environ["PROBE_OUT"] = str(out.resolve())
    try:
        result = run_batch(discover_inputs([str(tmp_path / "a.txt")]), out,
                           BatchOptions(workers=1, converter=f"{conv}:convert"))
    finally:
        del os.environ["PROBE_OUT"]
    assert [r.error for r in result.results] == [None]


def test_changing_the_engine_or_keep_raw_converts_again(tmp_path):
    pdf = h.sample_pdfs(tmp_path / "gen", limit=1)[0]
    out = tmp_path / "out"
    assert h.run_cli(pdf, "-o", out).returncode == 0
    doc = json.loads((out / (pdf.name + ".json")).read_text(encoding="utf-8"))
    assert doc["tool"]["engine"] == "pdfium" and doc["tool"]["keep_raw"] is False  # the default
    assert "1 skipped" in h.run_cli(pdf, "-o", out).stderr
    r = h.run_cli(pdf, "-o", out, "--keep-raw")
    assert r.returncode == 0 and "skipped" not in r.stderr
    doc = json.loads((out / (pdf.name + ".json")).read_text(encoding="utf-8"))
    assert doc["tool"]["keep_raw"] is True
