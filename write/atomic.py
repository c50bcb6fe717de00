"""Atomic file writes: a reader (or a killed run) never sees half a file.

Data goes to a hidden temporary file in the target's own directory, is flushed to disk
and then renamed over the target with os.replace, which is atomic on POSIX. A run killed
in the middle leaves at most a temporary file, named `.<target name>.<random>.tmp`, that
`sweep_temp_files` removes on the next run.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

TEMP_SUFFIX = ".tmp"


NAME_MAX = 255  # bytes in one file name (Linux, macOS, Windows)
_RANDOM = 8  # characters tempfile adds


def temp_prefix(target: Path) -> str:
    """`.<target name>.`, the name cut short (at a character) when the temporary name would
    pass NAME_MAX: a 250-byte output name must not fail for its temporary's sake."""
    room = NAME_MAX - 2 - _RANDOM - len(TEMP_SUFFIX)
    raw = os.fsencode(target.name)
    if len(raw) > room:
        raw = raw[:room]
        while raw and (raw[-1] & 0xC0) == 0x80:  # do not end inside a UTF-8 character
            raw = raw[:-1]
        if raw and raw[-1] >= 0xC0:
            raw = raw[:-1]
    return f".{os.fsdecode(raw)}."


@contextmanager
def atomic_open(target: Path, mode: str = "wb", **kw) -> Iterator[IO]:
    """Open a temporary file next to `target`; on a clean exit it replaces `target`,
    on an exception it is removed and `target` is left as it was."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(target), suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, mode, **kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_open(target, "wb") as f:
        f.write(data)


def atomic_write_text(target: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(target, text.encode(encoding))


def is_temp_file(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def remove_temp_files_for(target: Path) -> None:
    """Remove temporaries left behind for one target (e.g. by a killed worker)."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    prefix = temp_prefix(target)
    for p in target.parent.iterdir():
        if p.name.startswith(prefix) and p.name.endswith(TEMP_SUFFIX):
            try:
                p.unlink()
            except OSError:
                pass


def sweep_temp_files(root: Path) -> int:
    """Remove every temporary left below `root` by an interrupted run; returns how many."""
    n = 0
    root = Path(root)
    if not root.is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = Path(dirpath, name)
            if is_temp_file(p):
                try:
                    p.unlink()
                    n += 1
                except OSError:
                    pass
    return n
