"""`fujian extract --scheduler`: the batch on a Dask distributed cluster — a scheduler and two
workers started here on 127.0.0.1 — gives the same JSON, CSVs and report as a local run; a
worker killed in the middle of a file has that file redone elsewhere; per-file timeouts,
resume and failures behave as they do locally."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def _start(args: list[str], log: Path) -> subprocess.Popen:
    fh = open(log, "wb")
    return subprocess.Popen([sys.executable, "-m", *args], stdout=fh, stderr=subprocess.STDOUT,
                            start_new_session=True, cwd=log.parent)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
    proc.wait(10)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-thread workers on 127.0.0.1 (separate processes, so one
    can be killed); yields (address, [worker processes], folder)."""
    tmp = tmp_path_factory.mktemp("dask")
    scheduler_file = tmp / "scheduler.json"
    env_log = tmp / "scheduler.log"
    scheduler = _start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                        "--no-dashboard", "--scheduler-file", str(scheduler_file)], env_log)
    procs = [scheduler]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            assert scheduler.poll() is None, env_log.read_text(errors="replace")
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        workers = [_start(["distributed.cli.dask_worker", address, "--host", "127.0.0.1",
                           "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                           "--name", f"w{i}"], tmp / f"worker{i}.log") for i in range(2)]
        procs += workers
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers, tmp
    finally:
        for p in reversed(procs):
            _stop(p)


def _inputs(folder: Path, n_pdf: int = 10) -> Path:
    pdfs = sorted(p for p in (SAMPLES / "pdf").glob("*.pdf")
                  if "scanned" not in p.name and "password" not in p.name)
    for sub in (folder / "d0", folder / "d1"):
        sub.mkdir(parents=True, exist_ok=True)
    for i in range(n_pdf):
        sub = folder / f"d{i % 2}"
        shutil.copy(pdfs[i % len(pdfs)], sub / f"{i:02d}-{pdfs[i % len(pdfs)].name}")
    shutil.copy(SAMPLES / "pingluo-rd-2025.txt", folder / "d0" / "dump.txt")
    (folder / "d1" / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    return folder


def _run(*args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fujian.cli", "extract", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "report.json"}


def _statuses(out: Path) -> dict:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    entries = report["files"] if isinstance(report, dict) else report
    return {e["file"]: (e["status"], e["error"], e["projects"], e["indicators"]) for e in entries}


def test_cluster_run_equals_local_run_and_resumes(cluster, tmp_path):
    address, _, _ = cluster
    folder = _inputs(tmp_path / "in")
    local, remote = tmp_path / "local", tmp_path / "remote"
    a = _run(folder, "-o", local, "--workers", "2")
    b = _run(folder, "-o", remote, "--scheduler", address)
    assert a.returncode == b.returncode == 1, (a.stderr, b.stderr)  # broken.pdf fails in both
    assert "Traceback" not in b.stderr
    assert _outputs(local) == _outputs(remote)  # every JSON and CSV byte for byte
    assert _statuses(local) == _statuses(remote)
    assert _statuses(remote)["d1/broken.pdf"][0] == "error"
    assert not (remote / "d1" / "broken.pdf.json").exists()

    again = _run(folder, "-o", remote, "--scheduler", address)  # resume: nothing to redo
    assert again.returncode == 1
    assert "11 skipped" in again.stderr, again.stderr
    assert _outputs(local) == _outputs(remote)


SLOW_CONVERTER = """
import os, time
from pathlib import Path
from fujian.pipeline import convert_file

def convert(path, **kw):
    marks = Path({marks!r})
    name = Path(path).name
    if name.startswith("slow"):
        first = not (marks / (name + ".started")).exists()
        (marks / (name + ".started")).write_text(str(os.getppid()))
        if first:
            time.sleep(120)  # the test kills this worker meanwhile
    if name.startswith("hang"):
        time.sleep(600)
    return convert_file(path, **kw)
"""


def test_killed_worker_files_are_redone_and_timeouts_stop_a_file(cluster, tmp_path):
    address, workers, _ = cluster
    folder = _inputs(tmp_path / "in", n_pdf=6)
    shutil.copy(SAMPLES / "pingluo-rd-2025.txt", folder / "d0" / "slow.txt")
    shutil.copy(SAMPLES / "pingluo-rd-2025.txt", folder / "d1" / "hang.txt")
    marks = tmp_path / "marks"
    marks.mkdir()
    conv = tmp_path / "slow_converter.py"
    conv.write_text(SLOW_CONVERTER.format(marks=str(marks)))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "fujian.cli", "extract", str(folder), "-o", str(out),
           "--scheduler", address, "--timeout", "20", "--converter", f"{conv}:convert"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = marks / "slow.txt.started"
    deadline = time.monotonic() + 120
    while not started.exists() and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    assert started.exists(), "the slow file never started"
    dask_worker_pid = int(started.read_text())
    victim = next(w for w in workers
                  if dask_worker_pid == w.pid or _is_descendant(dask_worker_pid, w.pid))
    os.killpg(victim.pid, signal.SIGKILL)  # the worker, its nanny and the conversion child
    _, err = proc.communicate(timeout=300)
    statuses = _statuses(out)
    assert statuses["d0/slow.txt"][0] == "ok", err  # redone on the other worker
    assert statuses["d1/hang.txt"][0] == "error" and "timed out after 20 s" in statuses["d1/hang.txt"][1]
    assert statuses["d1/broken.pdf"][0] == "error"
    assert all(s[0] == "ok" for f, s in statuses.items() if f not in ("d1/hang.txt", "d1/broken.pdf"))
    assert json.loads((out / "d0" / "slow.txt.json").read_text(encoding="utf-8"))["projects"]
    from fujian.write.atomic import is_temp_file
    assert not [p for p in out.rglob("*") if is_temp_file(p)]  # no temp files left


def _is_descendant(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                pid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        if pid == ancestor:
            return True
    return False


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    folder = _inputs(tmp_path / "in", n_pdf=1)
    r = _run(folder, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9", timeout=120)
    assert r.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in r.stderr
    assert "Traceback" not in r.stderr
