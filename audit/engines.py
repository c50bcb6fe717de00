"""Convert one PDF with both table engines and diff the two results."""
from __future__ import annotations

from pathlib import Path

from .diff import DiffResult, diff_documents

ENGINES = ("pdfium", "pdfplumber", "camelot")


class EngineError(Exception):
    """One engine could not convert the file (message meant for the user)."""


def convert_with(path: Path, engine: str, password: str | None = None) -> dict:
    from fujian.pipeline import convert_file

    try:
        kwargs = {"name": path.name, "engine": engine}
        if password:
            kwargs["password"] = password
        return convert_file(path, **kwargs)
    except Exception as exc:  # the pipeline's ExtractionError carries a message for the user
        raise EngineError(f"{engine}: {exc}") from None


def compare_engines(path: Path, password: str | None = None,
                    old: str = "pdfplumber", new: str = "camelot") -> DiffResult:
    """The changes from the `old` engine's output to the `new` engine's."""
    a = convert_with(path, old, password)
    b = convert_with(path, new, password)
    return DiffResult(changes=diff_documents(a, b, file=f"{path.name} ({old} → {new})"), files_compared=1)
