"""Opening a PDF safely: checks, decryption, and one clear error for every unreadable input.

`open_pdf(path, password)` is a context manager yielding an `OpenedPdf`: the path the engines
should read (the original file, or a temporary copy when the file is encrypted — camelot
refuses owner-password PDFs and pdfminer cannot read every cipher — or has rotated or cropped
pages, made upright by `pdf_upright`) and the page count.
Every failure becomes an `ExtractionError` whose message says what to do.
"""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence, Union

import pikepdf

from .model import ExtractionError
from .pdf_sanity import check_pdf
from .pdf_upright import make_upright

_TAIL_BYTES = 4096  # %%EOF must sit near the end of a complete file


@dataclass
class OpenedPdf:
    path: str  # what the engines read (maybe a decrypted temporary copy)
    page_count: int
    encrypted: bool
    warnings: list[dict] = field(default_factory=list)


def _check_bytes(path: Path) -> None:
    if not path.exists():
        raise ExtractionError(f"{path}: file not found")
    if path.is_dir():
        raise ExtractionError(f"{path}: is a directory, not a PDF file")
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError(f"{path}: empty file (0 bytes) — re-download it")
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - _TAIL_BYTES))
        tail = fh.read()
    if b"%PDF-" not in head:
        kind = "an HTML page" if b"<html" in head.lower() else "something else"
        raise ExtractionError(
            f"{path}: not a PDF (no %PDF- header; looks like {kind}) — check the download")
    if b"%%EOF" not in tail:
        raise ExtractionError(
            f"{path}: truncated PDF (no %EOF at the end) — the download is probably incomplete")


def _passwords(password: Union[str, Sequence[str], None]) -> list[str]:
    """No password first (an owner-password-only PDF opens without one, and a given password
    that is not its owner password would fail), then each given one, once."""
    given = [password] if isinstance(password, str) else list(password or ())
    return list(dict.fromkeys(["", *[p for p in given if p]]))


def _plain(message: object, path: Path) -> str:
    """A qpdf message without the path it names (the report names the file already) and of
    bounded length (qpdf lists every repair)."""
    text = str(message).replace(str(path), "").strip(" :,")
    text = _QPDF_PLACE.sub(r"\1: ", text)  # "(object 3 0, offset 173): …" → "object 3: …"
    text = _LONG_NUMBER.sub(lambda m: f"{m.group()[:8]}…({len(m.group())} digits)", text)
    return text if len(text) <= MAX_REPAIR_CHARS else text[:MAX_REPAIR_CHARS] + " …"


_QPDF_PLACE = re.compile(r"^\((object \d+) \d+(?:, offset \d+)?\):\s*")
_LONG_NUMBER = re.compile(r"\d{21,}")
MAX_REPAIR_CHARS = 300  # one qpdf message
MAX_REPAIRS = 10  # messages kept in the pdf_repaired warning


def _open_pikepdf(path: Path, password: Union[str, Sequence[str], None]) -> pikepdf.Pdf:
    candidates = _passwords(password)
    for candidate in candidates:
        try:
            return pikepdf.open(path, password=candidate)
        except pikepdf.PasswordError:
            continue
        except MemoryError:
            raise
        except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc:
            if "bad_alloc" in str(exc):
                raise MemoryError(str(exc)) from None
            raise ExtractionError(f"{path}: corrupt PDF that cannot be parsed ({_plain(exc, path)})") from None
    if len(candidates) > 1:
        tried = "the password" if len(candidates) == 2 else f"all {len(candidates) - 1} passwords"
        raise ExtractionError(f"{path}: wrong password — {tried} given with --password failed; "
                              "check the value")
    raise ExtractionError(
        f"{path}: the PDF is encrypted with a user password — pass it with --password")


@contextmanager
def open_pdf(path: str | os.PathLike,
             password: Union[str, Sequence[str], None] = None) -> Iterator[OpenedPdf]:
    path = Path(path)
    _check_bytes(path)
    pdf = _open_pikepdf(path, password)
    tmp_path = None
    try:
        try:
            page_count = len(pdf.pages)
        except (pikepdf.PdfError, RuntimeError) as exc:
            raise ExtractionError(f"{path}: corrupt PDF page tree ({exc})") from None
        repairs = list(dict.fromkeys(_plain(w, path) for w in pdf.get_warnings()))
        if page_count == 0:
            why = f" ({repairs[0]})" if repairs else ""
            raise ExtractionError(f"{path}: the PDF has no pages it can read{why}")
        shown = repairs[:MAX_REPAIRS] + ([f"and {len(repairs) - MAX_REPAIRS} more"]
                                         if len(repairs) > MAX_REPAIRS else [])
        warnings = [{"code": "pdf_repaired", "page": None,
                     "message": "the PDF's structure was damaged and repaired on reading: "
                                + "; ".join(shown)}] if repairs else []
        try:
            repaired = check_pdf(pdf, repairs)  # ExtractionError for what no engine can read
        except ExtractionError as exc:
            raise ExtractionError(f"{path}: {exc}") from None
        except (pikepdf.PdfError, RuntimeError) as exc:
            raise ExtractionError(f"{path}: corrupt PDF page tree ({_plain(exc, path)})") from None
        read_path = str(path)
        try:
            reshaped = make_upright(pdf)
        except (pikepdf.PdfError, RuntimeError, ValueError, TypeError) as exc:
            raise ExtractionError(f"{path}: corrupt page boxes ({exc})") from None
        if pdf.is_encrypted or reshaped or repaired:
            fd, tmp_path = tempfile.mkstemp(prefix="fujian-upright-", suffix=".pdf")
            os.close(fd)
            try:
                pdf.save(tmp_path)  # saved without encryption, pages upright
            except (pikepdf.PdfError, OSError, RuntimeError) as exc:
                raise ExtractionError(f"{path}: could not rewrite the PDF for reading ({exc})") from None
            read_path = tmp_path
        encrypted = pdf.is_encrypted
    finally:
        pdf.close()
    try:
        yield OpenedPdf(read_path, page_count, encrypted, warnings)
    finally:
        if tmp_path is not None:
            try:
                os.unlink(tmp_path)
            except OSError:
                pass


@contextmanager
def reading(path: str | os.PathLike, what: str) -> Iterator[None]:
    """Turn any failure of the PDF parsers (pdfminer, pdfplumber, camelot) while reading
    `what` into an ExtractionError; our own code runs outside this block, so its bugs are
    not disguised as bad input."""
    try:
        yield
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # the parsers raise many unrelated types on damaged content
        if out_of_memory(exc):  # pdfplumber wraps pdfminer's MemoryError in its own type
            raise MemoryError(str(exc)) from None
        raise ExtractionError(f"{path}: corrupt PDF content in {what}, cannot be read "
                              f"({type(exc).__name__}: {exc})") from None


_ALLOCATION_FAILED = ("unable to allocate", "bad_alloc", "cannot allocate memory", "out of memory")


def out_of_memory(exc: BaseException) -> bool:
    """Is `exc` (or what it wraps) an allocation that failed — the worker's memory limit hit?"""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, MemoryError) or any(isinstance(a, MemoryError) for a in exc.args):
            return True
        if any(w in str(exc).lower() for w in _ALLOCATION_FAILED):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False
