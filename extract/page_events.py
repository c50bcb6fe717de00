"""Per-page progress of a reader, for whoever listens (the batch worker shows it).

    with listening(fn):          # fn(page, pages, how) after each page, e.g. (3, 12, "ocr")
        read_pdf(...)

Readers call `page_done`; without a listener it does nothing. One listener per process
(a batch worker converts one file at a time).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Optional

Listener = Callable[[int, int, str], None]
_listener: Optional[Listener] = None


def page_done(page: int, pages: int, how: str) -> None:
    if _listener is not None:
        try:
            _listener(page, pages, how)
        except Exception:  # a progress display must never break a conversion
            pass


@contextmanager
def listening(listener: Optional[Listener]) -> Iterator[None]:
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = previous
