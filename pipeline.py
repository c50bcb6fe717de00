"""One input file → its per-document JSON (SPEC.md): read → normalise → serialise.

    convert_file(path, name="docs/a.pdf") -> dict

Raises ExtractionError (with a message for the user) for input that cannot be read.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from . import __version__
from .extract.model import Document, ExtractionError
from .normalize.projects import normalize_document
from .normalize.records import DocumentRecord
from .vocabulary import HEADER_FIELDS

SCHEMA_VERSION = 1
ENGINES = ("pdfplumber", "camelot")


def sniff_format(path: Path, head: bytes) -> str:
    """"pdf" or "txt", from the content first and the file name second."""
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if path.suffix.lower() == ".pdf":
        if not head:
            raise ExtractionError("empty file (0 bytes): not a PDF")
        raise ExtractionError("not a PDF: the file has a .pdf name but no PDF header (%PDF-); "
                              "it may be an HTML error page or another format saved under a .pdf name")
    return "txt"


def read_document(path: Path, *, engine: str = "pdfplumber", password: Optional[str] = None,
                  ocr: str = "auto") -> Document:
    if engine not in ENGINES:
        raise ExtractionError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    try:
        with open(path, "rb") as fh:
            head = fh.read(2048)
    except IsADirectoryError:
        raise ExtractionError("is a directory, not a file") from None
    except OSError as e:
        raise ExtractionError(f"cannot read the file: {e.strerror or e}") from None
    if sniff_format(path, head) == "pdf":
        from .extract.pdf_document import read_pdf

        return read_pdf(path, engine=engine, password=password, ocr=ocr)
    from .extract.text_dump import read_text_dump

    return read_text_dump(path)


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
        "projects": [p.to_json(HEADER_FIELDS, keep_raw) for p in record.projects],
        "tables": [t.to_json() for t in record.tables],
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
    return result


def convert_file(path, *, name: Optional[str] = None, engine: str = "pdfplumber",
                 password: Optional[str] = None, keep_raw: bool = False, ocr: str = "auto") -> dict:
    path = Path(path)
    doc = read_document(path, engine=engine, password=password, ocr=ocr)
    record = normalize_document(doc)
    result = to_json(record, doc, name=name or path.name, sha256=sha256_of(path), keep_raw=keep_raw)
    if doc.ocr_pages:
        from .extract.ocr_confidence import annotate_indicators

        annotate_indicators(result, doc.ocr_pages)
    return add_audit(result)
