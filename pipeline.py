"""One input file → its per-document JSON (SPEC.md): read → normalise → serialise.

    convert_file(path, name="docs/a.pdf", pages="1-3,7", password=("pw1", "pw2")) -> dict

Raises ExtractionError (with a message for the user) for input that cannot be read.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, Optional, Union

from . import __version__
from .extract.model import Document, ExtractionError
from .extract.office_open import OFFICE_SIGNATURES, office_format, read_office
from .normalize.bundle import normalize_document
from .normalize.records import DocumentRecord
from .vocabulary import HEADER_FIELDS, OPTIONAL_FIELDS

SCHEMA_VERSION = 1
ENGINES = ("pdfium", "pdfplumber", "camelot")


def sniff_format(path: Path, head: bytes) -> str:
    """"pdf", an Office format (extract/office_open.py: "xlsx", "xls", "docx",
    "ooxml-encrypted") or "txt", from the content first and the file name second."""
    if head.startswith(OFFICE_SIGNATURES):  # before the PDF test: a zip may hold a PDF uncompressed
        return office_format(path, head)
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    office = office_format(path, head)
    if office is not None:
        return office
    if path.suffix.lower() == ".pdf":
        if not head:
            raise ExtractionError("empty file (0 bytes): not a PDF")
        raise ExtractionError("not a PDF: the file has a .pdf name but no PDF header (%PDF-); "
                              "it may be an HTML error page or another format saved under a .pdf name")
    return "txt"


DEFAULT_ENGINE = "pdfium"


Passwords = Union[str, Iterable[str], None]


def password_list(password: Passwords) -> tuple[str, ...]:
    """The passwords to try, in order: one string, several, or none."""
    if password is None:
        return ()
    if isinstance(password, str):
        return (password,)
    return tuple(p for p in password if p is not None)


def parse_page_ranges(spec: Optional[str]) -> Optional[frozenset[int]]:
    """`"1-3,7"` → {1, 2, 3, 7} (1-based page numbers); None or "" → None (every page).

    Raises ValueError with a message for the user on anything else."""
    if spec is None or not str(spec).strip():
        return None
    pages: set[int] = set()
    for part in str(spec).replace(" ", "").split(","):
        lo, dash, hi = part.partition("-")
        if not lo.isdigit() or (dash and not hi.isdigit()) or int(lo) < 1:
            raise ValueError(f"--pages {spec!r}: expected page numbers and ranges such as 1-3,7")
        first, last = int(lo), int(hi) if dash else int(lo)
        if last < first:
            raise ValueError(f"--pages {spec!r}: the range {part} runs backwards")
        if last - first > 1_000_000:
            raise ValueError(f"--pages {spec!r}: the range {part} is too long")
        pages.update(range(first, last + 1))
    return frozenset(pages)


def select_pages(doc: Document, pages: Optional[frozenset[int]]) -> Document:
    """Only the items on the selected pages (text dumps: pages are form-feed separated)."""
    if pages is None:
        return doc
    doc.items = [item for item in doc.items if _item_page(item) in pages]
    doc.warnings = [w for w in doc.warnings if w.get("page") is None or w.get("page") in pages]
    return doc


def _item_page(item) -> Optional[int]:
    return getattr(item, "page", None) or 1


def read_document(path: Path, *, engine: str = DEFAULT_ENGINE, password: Passwords = None,
                  pages: Optional[frozenset[int]] = None, ocr: str = "auto") -> Document:
    if engine not in ENGINES:
        raise ExtractionError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except IsADirectoryError:
        raise ExtractionError("is a directory, not a file") from None
    except OSError as e:
        raise ExtractionError(f"cannot read the file: {e.strerror or e}") from None
    fmt = sniff_format(path, head)
    if fmt == "pdf":
        from .extract.pdf_document import read_pdf

        return select_pages(read_pdf(path, engine=engine, password=password_list(password),
                                     pages=pages, ocr=ocr), pages)
    if fmt != "txt":
        return select_pages(read_office(path, fmt, password=password_list(password)), pages)
    from .extract.text_dump import read_text_dump

    return select_pages(read_text_dump(path), pages)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def to_json(record: DocumentRecord, doc: Document, *, name: str, sha256: str,
            keep_raw: bool = False) -> dict:
    source = {"file": name, "sha256": sha256, "format": doc.format, "pages": doc.page_count}
    if doc.pages_read:  # PDFs: how each page was read (text layer or OCR)
        source["pages_read"] = doc.pages_read
    return {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "tool": {"name": "fujian", "version": __version__},
        "title": record.title,
        "document": record.document.to_json() if record.document else None,
        "projects": [p.to_json(HEADER_FIELDS, keep_raw, tuple(OPTIONAL_FIELDS)) for p in record.projects],
        "budget_tables": [t.to_json() for t in record.budget_tables],
        "tables": [t.to_json() for t in record.tables],
        "narrative": [p.to_json() for p in record.narrative],
        "checks": [],
        "warnings": [w.to_json() for w in record.warnings],
    }


def add_audit(result: dict) -> dict:
    """Parsed targets and validation warnings (audit/), when that package provides them."""
    try:
        from .audit.targets import parse_target
        from .audit.validate import validate_document
    except ImportError:
        return result
    for project in result["projects"]:
        for ind in project["indicators"]:
            parsed = parse_target(ind.get("target"), ind.get("extra"))
            if parsed is not None:
                ind["target_parsed"] = parsed
    result["warnings"].extend(validate_document(result))
    from .checks import failed_check_warnings, narrative_warnings, run_checks

    checks = run_checks(result)
    result["checks"] = [c.to_json() for c in checks]
    result["warnings"].extend(failed_check_warnings(checks))
    result["warnings"].extend(narrative_warnings(result))
    return result


def convert_file(path, *, name: Optional[str] = None, engine: str = DEFAULT_ENGINE,
                 password: Passwords = None, pages: Union[str, frozenset, None] = None,
                 keep_raw: bool = False, sha256: Optional[str] = None, ocr: str = "auto") -> dict:
    """One input → its per-document JSON dict. `password`: one or several passwords, each
    tried (and no password first); `pages`: "1-3,7" or a set of 1-based page numbers;
    `sha256`: the input's digest when the caller has it already (the batch worker hashes each
    file once, for resuming, and passes it on); `ocr`: auto | never | always."""
    path = Path(path)
    selected = parse_page_ranges(pages) if isinstance(pages, str) else (
        frozenset(pages) if pages else None)
    doc = read_document(path, engine=engine, password=password, pages=selected, ocr=ocr)
    record = normalize_document(doc, release=True)  # the grids go as their rows are made
    result = to_json(record, doc, name=name or path.name, sha256=sha256 or sha256_of(path),
                     keep_raw=keep_raw)
    ocr_pages = doc.ocr_pages
    del doc, record  # all of it is in `result` now: a long document's pages are let go
    if ocr_pages:
        from .extract.ocr_confidence import annotate_indicators

        annotate_indicators(result, ocr_pages)
    from .write.safe_output import safe_document

    # valid, storable JSON whatever the input held; the path it was read from never shows
    return safe_document(add_audit(result), hide=(str(path), os.path.abspath(path)),
                         name=name or path.name)
