"""Plain records passed between the batch runner and its worker processes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class ConvertOptions:
    """Passed to every conversion (see fujian.pipeline.convert_file)."""

    engine: str = "pdfium"
    password: tuple[str, ...] = ()  # each is tried (after no password)
    keep_raw: bool = False
    pages: Optional[str] = None  # "1-3,7": only these pages
    ocr: str = "auto"  # "auto" | "never" | "always"

    def stamp(self) -> dict:
        """The options that change the output, recorded in its "tool" key (resume)."""
        out = {"engine": self.engine, "keep_raw": self.keep_raw, "ocr": self.ocr}
        if self.pages:
            out["pages"] = self.pages
        return out


@dataclass(frozen=True)
class Task:
    path: str  # input file as found
    name: str  # relative name, e.g. "docs/a.pdf"; becomes source.file
    output: str  # absolute path of the per-document JSON
    force: bool = False  # convert even if a current output exists


@dataclass(frozen=True)
class PageProgress:
    """Sent by a worker while it converts a file page by page (OCR'd files are slow)."""

    name: str
    page: int
    pages: int
    how: str  # "text" | "ocr"


@dataclass
class FileResult:
    name: str
    status: str  # "ok" | "error"
    error: Optional[str] = None
    projects: int = 0
    indicators: int = 0
    pages: Optional[int] = None
    seconds: float = 0.0
    skipped: bool = False  # an existing current output was kept
    worker_maxrss_kb: int = 0  # peak RSS of the worker process so far

    @property
    def ok(self) -> bool:
        return self.status == "ok"
