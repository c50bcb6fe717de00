"""What a worker process does: convert one input after another, write each JSON.

`process_one` is the whole job for one input — read and hash it, keep a current output
(resume), convert, write the JSON atomically — and never raises: every failure becomes a
FileResult with a message a person can act on. `worker_main` is the loop a worker
process runs; the parent (pool.py) owns timeouts and crashes.
"""
from __future__ import annotations

import os
import resource
import signal
import stat
import time
from pathlib import Path
from typing import Callable, Optional

from fujian.batch.private_temp import use_worker_dir
from fujian.batch.tasks import ConvertOptions, FileResult, PageProgress, Task
from fujian.extract.model import ExtractionError
from fujian.extract.page_events import listening
from fujian.pipeline import sha256_of
from fujian.write.atomic import remove_temp_files_for
from fujian.write.document_json import (
    document_counts, is_current, read_document_json, write_document_json)

Converter = Callable[..., dict]


def memory_error_message(options: ConvertOptions, limit_mb: Optional[int] = None) -> str:
    limit_mb = limit_mb or _memory_limit_mb()
    if limit_mb:
        return (f"out of memory: the file needs more than the worker memory limit of {limit_mb} MB; "
                f"raise it with --max-memory (e.g. --max-memory {limit_mb * 2})")
    return ("out of memory while converting this file: the machine ran out of memory; "
            "use fewer --workers or convert it alone")


def _memory_limit_mb() -> Optional[int]:
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    except (ValueError, OSError):
        return None
    return None if soft == resource.RLIM_INFINITY else soft // (1024 * 1024)


def _maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _read_error(path: str, e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        if os.path.islink(path):
            return f"cannot read: the link points to {os.readlink(path)!r}, which does not exist"
        return "cannot read: the file disappeared"
    if isinstance(e, PermissionError):
        return "cannot read: permission denied"
    return f"cannot read: {e.strerror or e}"


def _check_readable(path: str) -> Optional[str]:
    """None when `path` is a regular file we can read, else the reason it is not."""
    try:
        st = os.stat(path)
    except OSError as e:
        return _read_error(path, e)
    if stat.S_ISDIR(st.st_mode):
        return "not a file: it is a directory"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (device, pipe or socket)"
    if st.st_size == 0:
        return "empty file (0 bytes)"
    return None


def _without_path(message: str, path: str) -> str:
    """The report entry already names the file: drop a leading "<path>: " from a message."""
    for prefix in (f"{path}: ", f"{os.path.abspath(path)}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message


def _takes_sha256(convert: Converter) -> bool:
    """Does the converter accept the input's digest (so the file is hashed once, not twice)?"""
    try:
        import inspect
        params = inspect.signature(convert).parameters
    except (TypeError, ValueError):
        return False
    return "sha256" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def process_one(task: Task, convert: Converter, options: ConvertOptions,
                on_page: Optional[Callable[[PageProgress], None]] = None) -> FileResult:
    start = time.monotonic()

    def done(**kw) -> FileResult:
        return FileResult(name=task.name, seconds=round(time.monotonic() - start, 3),
                          worker_maxrss_kb=_maxrss_kb(), **kw)

    problem = _check_readable(task.path)
    if problem:
        return done(status="error", error=problem)
    try:
        sha = sha256_of(task.path)
    except OSError as e:
        return done(status="error", error=_read_error(task.path, e))

    stamp = options.stamp()
    if not task.force:
        existing = read_document_json(Path(task.output))
        if is_current(existing, sha, **stamp):
            n_proj, n_ind, pages = document_counts(existing)
            return done(status="ok", projects=n_proj, indicators=n_ind, pages=pages, skipped=True)

    def page_done(page: int, pages: int, how: str) -> None:
        if on_page is not None:
            on_page(PageProgress(task.name, page, pages, how))

    try:
        extra = {"pages": options.pages} if options.pages else {}
        if _takes_sha256(convert):
            extra["sha256"] = sha
        with listening(page_done):
            doc = convert(task.path, name=task.name, engine=options.engine,
                          password=options.password, keep_raw=options.keep_raw, ocr=options.ocr, **extra)
    except ExtractionError as e:
        return done(status="error", error=_without_path(str(e), task.path) or type(e).__name__)
    except MemoryError:
        return done(status="error", error=memory_error_message(options))
    except Exception as e:  # a bug in the pipeline: report it, keep the batch going
        return done(status="error", error=f"internal error: {type(e).__name__}: {e}")
    if not isinstance(doc, dict) or not isinstance(doc.get("source"), dict):
        return done(status="error",
                    error=f"internal error: the converter returned {type(doc).__name__}, not a document")

    try:
        write_document_json(doc, Path(task.output), **stamp)
    except OSError as e:
        remove_temp_files_for(Path(task.output))
        return done(status="error", error=f"cannot write {task.output}: {e.strerror or e}")
    except (TypeError, ValueError) as e:  # not JSON-serialisable: a pipeline bug
        return done(status="error", error=f"internal error: {type(e).__name__}: {e}")
    n_proj, n_ind, pages = document_counts(doc)
    return done(status="ok", projects=n_proj, indicators=n_ind, pages=pages)


# ---------------------------------------------------------------------------------------
# the worker process

def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when the batch process dies (kill -9 included)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def _silence_output() -> None:
    """Library chatter (pdfminer warnings, a crash dump) would tear up the progress display;
    everything a worker has to say goes back in its FileResult instead."""
    try:
        import faulthandler
        faulthandler.disable()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def limit_memory(max_memory_mb: Optional[int]) -> None:
    if max_memory_mb:
        limit = int(max_memory_mb) * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass


def worker_main(conn, convert: Converter, options: ConvertOptions, parent_pid: int,
                max_memory_mb: Optional[int], close_fds: tuple[int, ...] = (),
                temp_dir: Optional[str] = None) -> None:
    for fd in close_fds:  # e.g. the parent's lock on OUT: it must die with the parent
        try:
            os.close(fd)
        except OSError:
            pass
    # Own process group: the parent can kill the worker together with anything it
    # started; Ctrl-C in a terminal reaches only the parent, which then stops us.
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)
    _silence_output()
    use_worker_dir(temp_dir)  # decrypted copies and scratch files: removed by the parent
    limit_memory(max_memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        def send_page(progress: PageProgress) -> None:
            try:
                conn.send(progress)
            except (BrokenPipeError, OSError):
                pass

        try:
            result = process_one(task, convert, options, send_page)
        except MemoryError:  # outside the conversion itself (hashing, writing the JSON)
            result = FileResult(task.name, "error", memory_error_message(options, max_memory_mb),
                                worker_maxrss_kb=_maxrss_kb())
        except BaseException as e:  # a bug here, or a SystemExit from a library: report it
            result = FileResult(task.name, "error", f"internal error: {type(e).__name__}: {e}",
                                worker_maxrss_kb=_maxrss_kb())
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return
