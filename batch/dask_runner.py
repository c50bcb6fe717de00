"""Run a batch's conversions on a Dask `distributed` cluster instead of local processes.

    pool = DaskPool("tcp://10.0.0.5:8786", ConvertOptions(...), converter="fujian.pipeline:convert_file",
                    timeout=300)
    pool.run(tasks, on_result, on_tick)  # the same interface as batch.pool.WorkerPool

Each input is one Dask task that runs `worker.process_one` — hash the input, keep a current
output (resume by sha256 and tool version), convert, write the JSON atomically — on whichever
worker the scheduler picks, so a cluster gives the same files as a local run. Inside the task
the conversion runs in a forked child process, so that a file past its deadline can be killed
(`--timeout`) and one that crashes its process (segfault, out of memory) is reported as
crashed while the Dask worker lives on. A Dask worker that dies (killed machine, OOM killer)
loses its running tasks; the scheduler gives them to another worker, and as every task only
writes its own output atomically, doing one again is harmless.

Inputs and OUT must be at the same path on every worker (a shared file system), since a task
carries paths, not file contents; the CSVs and the report are rebuilt on the client from OUT.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections import deque
from typing import Callable, Iterable, Optional

from fujian.batch.private_temp import child_temp_dir, use_dir
from fujian.batch.tasks import ConvertOptions, FileResult, Task


class ClusterError(Exception):
    """The cluster cannot be used (no dask installed, scheduler unreachable); for the user."""


# --- what runs on a Dask worker ---------------------------------------------------------------

_CONVERTERS: dict[str, Callable] = {}


def _converter(spec: str) -> Callable:
    if spec not in _CONVERTERS:
        from fujian.batch.convert_loader import load_converter
        _CONVERTERS[spec] = load_converter(spec)
    return _CONVERTERS[spec]


def _describe_status(status: int) -> str:
    from fujian.batch.pool import describe_exit

    if os.WIFSIGNALED(status):
        return describe_exit(-os.WTERMSIG(status))
    return describe_exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else None)


def _die_with(parent: int) -> None:
    """Ask Linux to kill this child when the Dask worker that forked it dies."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    if os.getppid() != parent:
        os._exit(1)


def convert_task(task: Task, converter: str, options: ConvertOptions, timeout: float,
                 max_memory_mb: Optional[int] = None) -> FileResult:
    """One input, on a Dask worker: `process_one` in a forked child, stopped after `timeout`
    seconds. Never raises: every outcome is a FileResult."""
    start = time.monotonic()

    def failed(message: str) -> FileResult:
        return FileResult(task.name, "error", message, seconds=round(time.monotonic() - start, 3))

    try:
        convert = _converter(converter)
    except Exception as e:
        return failed(f"internal error: {e}")
    with child_temp_dir() as tmp:  # decrypted copies: removed even when the child is killed
        return _convert_in_child(task, convert, options, timeout, max_memory_mb, tmp, start, failed)


def _convert_in_child(task, convert, options, timeout, max_memory_mb, tmp, start, failed):
    from fujian.batch.worker import _maxrss_kb, limit_memory, process_one

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: convert, send the result, leave without cleanup handlers
        code = 0
        try:
            os.close(read_end)
            use_dir(tmp)
            os.setpgid(0, 0)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _die_with(os.getppid())
            limit_memory(max_memory_mb)
            try:
                result = process_one(task, convert, options)
            except BaseException as e:  # noqa: BLE001 - reported, never raised
                result = FileResult(task.name, "error", f"internal error: {type(e).__name__}: {e}",
                                    worker_maxrss_kb=_maxrss_kb())
            data = pickle.dumps(result)
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view):]
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks: list[bytes] = []
    timed_out = False
    try:
        deadline = start + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], min(remaining, 1.0))
            if ready:
                chunk = os.read(read_end, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
                try:
                    target()
                except OSError:
                    pass
        _, status = os.waitpid(pid, 0)
    if timed_out:
        return failed(f"timed out after {timeout:g} s (the conversion was stopped; "
                      f"raise --timeout if the file is just large)")
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:
        return failed(_describe_status(status))


# --- the client side ---------------------------------------------------------------------------

def connect(scheduler: str, timeout: float = 10.0):
    """A distributed.Client for `scheduler` (tcp://host:port), or ClusterError."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--scheduler needs Dask's distributed package: "
                           "pip install 'dask[distributed]'") from None
    try:
        return Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


class DaskPool:
    """Sends each task to the cluster; the interface of `batch.pool.WorkerPool`."""

    def __init__(self, scheduler: str, options: ConvertOptions, *, converter: str,
                 timeout: float, max_memory_mb: Optional[int] = None, client=None):
        self.scheduler = scheduler
        self.options = options
        self.converter = converter
        self.timeout = float(timeout)
        self.max_memory_mb = max_memory_mb
        self.client = client
        self.peak_worker_rss_kb = 0

    def _in_flight(self, client) -> int:
        """How many tasks to keep submitted at once: a few per worker thread, so that tens of
        thousands of inputs never sit in the scheduler at the same time."""
        try:
            threads = sum(client.nthreads().values())
        except Exception:
            threads = 1
        return max(16, 4 * threads)

    def run(self, tasks: Iterable[Task], on_result: Callable[[FileResult], None],
            on_tick: Callable[[], None] = lambda: None,
            on_page: Callable[..., None] = lambda p: None) -> None:
        """As WorkerPool.run; per-page progress (`on_page`) is not sent back from the cluster."""
        from distributed import as_completed

        own = self.client is None
        client = self.client or connect(self.scheduler)
        pending = deque(tasks)
        futures = {}
        try:
            limit = self._in_flight(client)
            queue = as_completed(loop=client.loop)

            def submit() -> None:
                while pending and len(futures) < limit:
                    task = pending.popleft()
                    future = client.submit(convert_task, task, self.converter, self.options,
                                           self.timeout, self.max_memory_mb, pure=False,
                                           key=f"fujian-convert-{os.getpid()}-{len(futures)}-"
                                               f"{time.monotonic_ns()}")
                    futures[future] = task
                    queue.add(future)

            submit()
            while futures:
                batch = queue.next_batch(block=True)
                for future in batch:
                    task = futures.pop(future)
                    try:
                        result = future.result()
                    except Exception as e:  # the task itself failed on every try
                        result = FileResult(task.name, "error",
                                            f"the cluster could not run this file: "
                                            f"{type(e).__name__}: {e}")
                    self.peak_worker_rss_kb = max(self.peak_worker_rss_kb, result.worker_maxrss_kb)
                    on_result(result)
                    on_tick()
                submit()
        except BaseException:
            for future in list(futures):
                future.cancel()
            raise
        finally:
            if own:
                client.close()
