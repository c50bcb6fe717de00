"""One batch at a time per output directory.

Two runs writing the same OUT would each rebuild the CSVs and the report from a
different set of finished JSONs. The runner therefore holds an exclusive flock on the
OUT directory itself (no lock file to leave behind) for the whole run; the lock is
released by the kernel when the process ends, even on kill -9.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class OutputBusyError(Exception):
    """Another run is writing to the same output directory; the message is for the user."""


@contextmanager
def locked_output_dir(out: Path) -> Iterator[int]:
    """Hold the lock for the `with` block; yields the locked file descriptor, which
    forked workers should close (the lock lives as long as any copy of it is open)."""
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusyError(
                f"another fujian extract is writing to {out}; wait for it to finish "
                f"or choose another -o") from None
        yield fd
    finally:
        os.close(fd)
