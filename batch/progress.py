"""How a batch shows its progress on stderr.

On a terminal: a rich progress bar (files done/total, pages/s, ETA) with failures printed
above it. Otherwise (a log file, CI): a plain line every 10 files or 5 seconds, and one
line per failure. `Quiet` shows nothing (library use, tests).
"""
from __future__ import annotations

import sys
import time
import unicodedata
from typing import Optional, TextIO

from fujian.batch.tasks import FileResult


def printable(text: str) -> str:
    """`text` safe to print on a terminal or into a log: control and format characters
    (ANSI escapes, line breaks, bidi overrides) as \\x1b, \\n, \\u202e, so that a file name
    can neither recolour the terminal nor forge a line of the log."""
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)


class Quiet:
    def start(self, total: int) -> None:
        self.total = total

    def update(self, result: FileResult) -> None:
        pass

    def tick(self) -> None:
        pass

    def page(self, progress) -> None:
        pass

    def finish(self) -> None:
        pass


class _Counts:
    def __init__(self) -> None:
        self.done = self.ok = self.failed = self.skipped = self.pages = 0
        self.t0 = time.monotonic()

    def add(self, r: FileResult) -> None:
        self.done += 1
        if r.ok:
            self.ok += 1
            self.skipped += r.skipped
            if not r.skipped:
                self.pages += r.pages or 0
        else:
            self.failed += 1

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def pages_per_s(self) -> float:
        return self.pages / self.elapsed if self.elapsed > 0 else 0.0


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class PlainLog:
    """Periodic log lines for a non-terminal stderr."""

    def __init__(self, stream: Optional[TextIO] = None, every_files: int = 10,
                 every_seconds: float = 5.0):
        self.stream = stream or sys.stderr
        self.every_files = every_files
        self.every_seconds = every_seconds

    def start(self, total: int) -> None:
        self.total = total
        self.c = _Counts()
        self._last_t = time.monotonic()
        self._last_n = 0
        self._print(f"fujian extract: {total} input(s)")

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def _status(self) -> None:
        c = self.c
        eta = ""
        if 0 < c.done < self.total:
            eta = f", ETA {_clock(c.elapsed / c.done * (self.total - c.done))}"
        self._print(f"[{c.done}/{self.total}] {c.ok} ok, {c.failed} failed, {c.pages} pages, "
                    f"{c.pages_per_s():.1f} pages/s, {_clock(c.elapsed)} elapsed{eta}")
        self._last_t, self._last_n = time.monotonic(), c.done

    def update(self, result: FileResult) -> None:
        self.c.add(result)
        if not result.ok:
            self._print(f"error: {printable(result.name)}: {printable(result.error or '')}")
        if self.c.done - self._last_n >= self.every_files:
            self._status()

    def tick(self) -> None:
        if time.monotonic() - self._last_t >= self.every_seconds and self.c.done < self.total:
            self._status()

    def page(self, progress) -> None:
        """A file read page by page with OCR: one line per page, at most every few seconds."""
        if progress.how != "ocr":
            return
        now = time.monotonic()
        if progress.page == progress.pages or now - getattr(self, "_last_page_t", 0.0) >= self.every_seconds:
            self._last_page_t = now
            self._print(f"  {printable(progress.name)}: page {progress.page}/{progress.pages} read by OCR")

    def finish(self) -> None:
        if self.c.done != self._last_n:
            self._status()


class RichBar:
    """A rich progress bar for a terminal; refreshed from tick(), so no extra thread."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} pages/s"), TextColumn("{task.fields[failed]}"),
            TextColumn("{task.fields[ocr]}"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, auto_refresh=False, transient=False)

    def start(self, total: int) -> None:
        self.c = _Counts()
        self.progress.start()
        self.task = self.progress.add_task("extract", total=total, rate="0.0", failed="", ocr="")
        self.progress.refresh()

    def update(self, result: FileResult) -> None:
        self.c.add(result)
        if not result.ok:
            from rich.markup import escape
            self.progress.console.print(f"[red]error[/red]: {escape(printable(result.name))}: "
                                        f"{escape(printable(result.error or ''))}",
                                        markup=True, highlight=False)
        failed = f"[red]{self.c.failed} failed[/red]" if self.c.failed else ""
        self.progress.update(self.task, advance=1, rate=f"{self.c.pages_per_s():.1f}",
                             failed=failed, ocr="")

    def tick(self) -> None:
        self.progress.refresh()

    def page(self, progress) -> None:
        """OCR'd files are slow: show which page of which file is being read."""
        if progress.how == "ocr":
            from rich.markup import escape
            self.progress.update(self.task, ocr=f"OCR {escape(printable(progress.name))} "
                                                f"p.{progress.page}/{progress.pages}")

    def finish(self) -> None:
        self.progress.refresh()
        self.progress.stop()


def default_progress(stream: Optional[TextIO] = None):
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return RichBar() if tty else PlainLog(stream)
