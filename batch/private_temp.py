"""A private temporary directory per run, removed by the parent whatever happens to a worker.

A worker's temporary files — the decrypted copy of a password-protected PDF that the engines
read (extract/pdf_open.py), camelot's and Ghostscript's scratch folders — go to
`OUT/.fujian/tmp/run-<pid>-<random>/w-<worker pid>/` (mode 0700), not to the shared $TMPDIR:

    with private_temp_dir(out) as run_dir:          # parent: the run's directory
        ...fork workers...                          # each calls use_worker_dir(run_dir)
        remove_worker_dir(run_dir, pid)             # parent, after killing a worker (--timeout)

A worker killed by --timeout (SIGKILL: its `finally` never runs) leaves its files behind only
until the parent removes its directory, at once; the run's directory goes when the run ends,
and one left by a run that was itself killed is removed by the next run into the same OUT
(which holds OUT's lock, so no other run can be using it). Plaintext never outlives the run.
On a Dask cluster each conversion's forked child gets its own directory in the worker
machine's temporary folder (`child_temp_dir`), removed by the task when the child is over.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

TEMP_ROOT = Path(".fujian") / "tmp"


def sweep_stale(out: Path) -> None:
    """Remove what earlier, killed runs left in OUT/.fujian/tmp (call with OUT locked)."""
    root = Path(out) / TEMP_ROOT
    if root.is_dir():
        for p in root.iterdir():
            shutil.rmtree(p, ignore_errors=True)


@contextmanager
def private_temp_dir(out: Path) -> Iterator[Path]:
    """This run's private directory under OUT (OUT must be locked by this run)."""
    sweep_stale(out)
    root = Path(out) / TEMP_ROOT
    root.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=root))  # mode 0700
    try:
        yield run_dir
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
        try:
            root.rmdir()
        except OSError:
            pass


def worker_dir(run_dir: Path, pid: int) -> Path:
    return Path(run_dir) / f"w-{pid}"


def use_worker_dir(run_dir: Optional[Path]) -> None:
    """In a worker: every temporary file of this process (and of programs it starts) goes to
    its own directory under the run's."""
    if run_dir is None:
        return
    d = worker_dir(run_dir, os.getpid())
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    use_dir(d)


def use_dir(d: Path) -> None:
    """This process's temporary files (and its children's) go to `d` from now on."""
    os.environ["TMPDIR"] = str(d)
    tempfile.tempdir = str(d)


@contextmanager
def child_temp_dir() -> Iterator[Path]:
    """A private directory for one forked conversion (the Dask runner's child), removed by
    the parent when the child is over, killed or not."""
    d = Path(tempfile.mkdtemp(prefix="fujian-task-"))
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def remove_worker_dir(run_dir: Optional[Path], pid: Optional[int]) -> None:
    """In the parent, once the worker `pid` is dead: its temporary files go with it."""
    if run_dir is not None and pid is not None:
        shutil.rmtree(worker_dir(run_dir, pid), ignore_errors=True)
