"""The default memory limit of a worker process, sized from the machine (issue 16).

Without a limit one hostile file (a PDF whose page inflates to gigabytes) can take all the
machine's memory. By default each of the N workers may use 80 % of the memory available to
this process (the machine's RAM, or the cgroup limit of a container, whichever is smaller)
divided by N, and never less than `MIN_MB`; `--max-memory` sets it explicitly. The limit is
an address-space limit (RLIMIT_AS): a worker past it gets a MemoryError, reported as a
per-file error that names the limit and the option (batch/worker.py).
"""
from __future__ import annotations

import os
from typing import Optional

MIN_MB = 2048
SHARE = 0.8


def machine_memory_mb() -> Optional[int]:
    sizes = []
    try:
        sizes.append(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20)
    except (ValueError, OSError, AttributeError):
        pass
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = open(path).read().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 2**60:
            sizes.append(int(text) // 2**20)
    return min(sizes) if sizes else None


def default_memory_limit_mb(workers: int) -> Optional[int]:
    """MB per worker: 80 % of the memory / workers, at least MIN_MB (None: unknown machine)."""
    total = machine_memory_mb()
    if not total:
        return None
    return max(MIN_MB, int(total * SHARE / max(1, workers)))
