"""The batch survives inputs that hang, crash their worker or hit a pipeline bug.

Real inputs go through the real pipeline; a converter written to a temporary file wraps
it and misbehaves only for the file marked for it — the same code path the command uses
(run_batch with a converter named "file.py:function").
"""
import importlib.util
import json
import shutil
import time
from pathlib import Path

import pytest

from fujian.batch.convert_loader import ConverterError, load_converter
from fujian.batch.inputs import discover_inputs
from fujian.batch.runner import BatchOptions, run_batch

_spec = importlib.util.spec_from_file_location(
    "batch_test_helpers", Path(__file__).with_name("test_batch_helpers.py"))
h = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(h)

MISBEHAVING_CONVERTER = '''
import os, signal, time
from fujian.pipeline import convert_file

def convert(path, **kw):
    stem = os.path.basename(path).split(".")[0]
    if stem == "hang":
        time.sleep(3600)
    if stem == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if stem == "exit":
        os._exit(3)
    if stem == "bug":
        raise KeyError("no such column")
    if stem == "hog":
        hoard = bytearray(8 * 1024 ** 3)
    return convert_file(path, **kw)
'''


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for stem in ("hang", "segfault", "exit", "bug", "hog", "good1", "good2", "good3"):
        shutil.copy(h.SAMPLE_TXT, d / f"{stem}.txt")
    conv = tmp_path / "misbehaving.py"
    conv.write_text(MISBEHAVING_CONVERTER, encoding="utf-8")
    return d, f"{conv}:convert"


@pytest.mark.parametrize("workers", [1, 2])
def test_hang_crash_and_bug_are_reported_and_the_batch_goes_on(tmp_path, folder, workers):
    src, converter = folder
    out = tmp_path / f"out{workers}"
    result = run_batch(discover_inputs([str(src)]), out,
                       BatchOptions(workers=workers, timeout=2, max_memory_mb=1024,
                                    converter=converter))
    errors = {r.name: r.error for r in result.results if not r.ok}
    assert errors["hang.txt"].startswith("timed out after 2 s")
    assert errors["segfault.txt"] == "worker process crashed: killed by SIGSEGV"
    assert errors["exit.txt"] == "worker process crashed: exited with status 3"
    assert errors["bug.txt"] == "internal error: KeyError: 'no such column'"
    assert errors["hog.txt"].startswith("out of memory")
    assert sorted(r.name for r in result.results if r.ok) == ["good1.txt", "good2.txt", "good3.txt"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(report) == 8
    for e in report:
        assert (out / (e["file"] + ".json")).exists() == (e["status"] == "ok")
        if e["status"] == "ok":
            assert e["projects"] == 6 and e["indicators"] == 55
    assert not [p for p in out.rglob(".*.tmp")]


def test_a_killed_worker_is_stopped_with_its_children(tmp_path):
    """A hanging conversion that started a child process: the timeout ends both."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(h.SAMPLE_TXT, src / "a.txt")
    pidfile = tmp_path / "child.pid"
    conv = tmp_path / "spawner.py"
    conv.write_text(f'''
import subprocess, time
def convert(path, **kw):
    p = subprocess.Popen(["sleep", "3600"])
    open({str(pidfile)!r}, "w").write(str(p.pid))
    time.sleep(3600)
''', encoding="utf-8")
    result = run_batch(discover_inputs([str(src)]), tmp_path / "out",
                       BatchOptions(workers=1, timeout=1, converter=f"{conv}:convert"))
    assert result.results[0].error.startswith("timed out")
    child = int(pidfile.read_text())
    for _ in range(50):  # reaped by init once killed; give it a moment
        try:
            state = Path(f"/proc/{child}/stat").read_text().split()[2]
        except FileNotFoundError:
            break
        if state == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"child {child} of the killed worker is still running")


def test_missing_converter_is_a_clear_error(tmp_path):
    with pytest.raises(ConverterError, match="cannot load the converter"):
        load_converter("fujian.no_such_module:convert")
    with pytest.raises(ConverterError, match="module:function"):
        load_converter("no-colon")
