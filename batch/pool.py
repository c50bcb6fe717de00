"""A small pool of worker processes that survives hangs and crashes.

concurrent.futures breaks the whole pool when one worker dies; this scheduler instead
gives each worker one task at a time and watches it: a worker past its deadline is
killed (with its process group) and reported as timed out, a worker that dies
(segfault, out-of-memory kill, os._exit) is reported as crashed, and in both cases a
fresh worker takes its place and the batch goes on. Workers are recycled after
`max_tasks_per_worker` tasks to bound memory growth.

Workers are forked (Linux): they inherit the already-imported pipeline, so starting one
costs milliseconds. The parent stays single-threaded (the progress display is refreshed
from `on_tick`) so forking is safe.
"""
from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from fujian.batch.private_temp import remove_worker_dir
from fujian.batch.tasks import ConvertOptions, FileResult, PageProgress, Task
from fujian.batch.worker import Converter, worker_main

TICK_SECONDS = 0.5


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def describe_exit(exitcode: Optional[int], max_memory_mb: Optional[int] = None) -> str:
    if exitcode is None:
        return "worker process vanished"
    if exitcode < 0:
        try:
            sig = signal.Signals(-exitcode).name
        except ValueError:
            sig = f"signal {-exitcode}"
        hint = " (possibly out of memory)" if -exitcode == signal.SIGKILL else ""
        if max_memory_mb and -exitcode in (signal.SIGABRT, signal.SIGKILL):
            # C++ readers (PDFium, qpdf) abort when an allocation past the limit fails
            hint = (f" (possibly the worker memory limit of {max_memory_mb} MB was hit; "
                    f"raise it with --max-memory, e.g. --max-memory {max_memory_mb * 2})")
        return f"worker process crashed: killed by {sig}{hint}"
    return f"worker process crashed: exited with status {exitcode}"


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: mpc.Connection
    task: Optional[Task] = None
    started: float = 0.0
    done: int = 0


class WorkerPool:
    def __init__(self, convert: Converter, options: ConvertOptions, *, workers: int,
                 timeout: float, max_memory_mb: Optional[int] = None,
                 max_tasks_per_worker: int = 100, close_in_worker: tuple[int, ...] = (),
                 temp_dir: Optional[Path] = None):
        self.convert = convert
        self.options = options
        self.n_workers = max(1, int(workers))
        self.timeout = float(timeout)
        self.max_memory_mb = max_memory_mb
        self.max_tasks = max(1, max_tasks_per_worker)
        self.close_in_worker = tuple(close_in_worker)  # parent fds a worker must not keep
        self.temp_dir = temp_dir  # the run's private temporary directory (private_temp.py)
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.peak_worker_rss_kb = 0
        self.on_page: Callable[[PageProgress], None] = lambda p: None

    # -- worker lifecycle ----------------------------------------------------------------
    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(
            target=worker_main, name="fujian-worker", daemon=True,
            args=(child_conn, self.convert, self.options, os.getpid(), self.max_memory_mb,
                  self.close_in_worker, self.temp_dir))
        proc.start()
        child_conn.close()
        w = _Worker(proc, parent_conn)
        self.workers.append(w)
        return w

    def _kill(self, w: _Worker) -> None:
        pid = w.proc.pid
        if pid is not None and w.proc.exitcode is None:
            try:
                os.killpg(pid, signal.SIGKILL)  # the worker leads its own process group
            except OSError:
                pass
            try:
                w.proc.kill()
            except Exception:
                pass
        w.proc.join(5)
        self._retire(w)

    def _retire(self, w: _Worker) -> None:
        try:
            w.conn.close()
        except OSError:
            pass
        if w.proc.exitcode is not None:  # dead: its temporary files (a decrypted copy) go now
            remove_worker_dir(self.temp_dir, w.proc.pid)
        if w in self.workers:
            self.workers.remove(w)

    def _stop(self, w: _Worker) -> None:
        """Let an idle worker exit normally."""
        try:
            w.conn.send(None)
        except OSError:
            pass
        w.proc.join(2)
        if w.proc.exitcode is None:
            self._kill(w)
        else:
            self._retire(w)

    def close(self) -> None:
        for w in list(self.workers):
            if w.task is None:
                self._stop(w)
            else:
                self._kill(w)

    # -- scheduling ----------------------------------------------------------------------
    def run(self, tasks: Iterable[Task], on_result: Callable[[FileResult], None],
            on_tick: Callable[[], None] = lambda: None,
            on_page: Callable[[PageProgress], None] = lambda p: None) -> None:
        pending = deque(tasks)
        self.on_page = on_page
        try:
            while pending or any(w.task for w in self.workers):
                self._dispatch(pending)
                self._collect(on_result)
                on_tick()
        finally:
            self.close()

    def _dispatch(self, pending: deque) -> None:
        while pending:
            idle = [w for w in self.workers if w.task is None]
            if not idle:
                if len(self.workers) >= self.n_workers:
                    return
                idle = [self._spawn()]
            w = idle[0]
            if not w.proc.is_alive():  # died while idle: it never saw a task, just replace it
                self._kill(w)
                continue
            task = pending.popleft()
            try:
                w.conn.send(task)
            except OSError:  # died while idle: replace it, keep the task
                pending.appendleft(task)
                self._kill(w)
                continue
            w.task, w.started = task, time.monotonic()

    def _receive(self, w: _Worker) -> tuple[Optional[FileResult], bool]:
        """The worker's result if it sent one (page progress on the way is passed on), and
        whether its pipe broke."""
        while w.conn.poll():
            try:
                message = w.conn.recv()
            except (EOFError, OSError):
                return None, True
            if isinstance(message, PageProgress):
                self.on_page(message)  # the file goes on
                continue
            return message, False
        return None, False

    def _collect(self, on_result: Callable[[FileResult], None]) -> None:
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return
        now = time.monotonic()
        next_deadline = min(w.started + self.timeout for w in busy)
        wait_for = max(0.0, min(TICK_SECONDS, next_deadline - now))
        waitables = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
        mpc.wait(waitables, timeout=wait_for)
        now = time.monotonic()
        for w in busy:
            task = w.task
            result = None
            message, broken = self._receive(w)
            if broken:
                w.proc.join(5)
                result = FileResult(task.name, "error", describe_exit(w.proc.exitcode, self.max_memory_mb),
                                    seconds=round(now - w.started, 3))
                self._kill(w)
            elif message is not None:
                result = message
                w.task = None
                w.done += 1
                if w.done >= self.max_tasks:
                    self._stop(w)
            elif w.proc.exitcode is not None:
                result = FileResult(task.name, "error", describe_exit(w.proc.exitcode, self.max_memory_mb),
                                    seconds=round(now - w.started, 3))
                self._kill(w)
            elif now - w.started >= self.timeout:
                self._kill(w)
                result = FileResult(
                    task.name, "error",
                    f"timed out after {self.timeout:g} s (the conversion was stopped; "
                    f"raise --timeout if the file is just large)",
                    seconds=round(now - w.started, 3))
            if result is not None:
                self.peak_worker_rss_kb = max(self.peak_worker_rss_kb, result.worker_maxrss_kb)
                on_result(result)
