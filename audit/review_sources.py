"""Which PDF a per-document JSON was made from, for the review page.

The JSON records the input's sha256 but not where it was read from (the same file converted
from two places gives the same bytes); the batch keeps that in OUT/.fujian/sources.json
(batch/output_sources.py). A PDF is used only when its sha256 is the JSON's.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from fujian.batch.output_sources import load_sources


class SourceMismatch(Exception):
    """The PDF given is not the one the JSON was made from (message for the user)."""


def sha256_matches(pdf: Path, doc: dict) -> bool:
    from fujian.pipeline import sha256_of

    expected = str((doc.get("source") or {}).get("sha256") or "").lower()
    try:
        return bool(expected) and sha256_of(pdf) == expected
    except OSError:
        return False


def check_given_pdf(pdf: Path, doc: dict) -> None:
    """Refuse a PDF whose bytes are not the JSON's source (a JSON that records no sha256 —
    an expected file written by hand — cannot be checked and is taken at its word)."""
    if (doc.get("source") or {}).get("sha256") and not sha256_matches(pdf, doc):
        name = (doc.get("source") or {}).get("file", "?")
        raise SourceMismatch(f"{pdf} is not the file this JSON was made from (its sha256 differs "
                             f"from source.sha256 of {name}); give the right --pdf")


def find_source_pdf(doc_json: Path, doc: dict) -> Optional[Path]:
    """The input PDF of `doc` (read from `doc_json`), when it is still where it was converted
    from — found through the output folder's sources.json, or as source.file relative to the
    current directory — and still has the same bytes; else None."""
    source = doc.get("source") or {}
    name = source.get("file")
    if not name or source.get("format") not in (None, "pdf"):
        return None
    candidates: list[Path] = []
    json_path = Path(doc_json).resolve()
    # OUT/<name>.json: OUT is the folder `name`'s depth above the JSON
    depth = len(Path(str(name)).parts)
    out = json_path.parents[depth - 1] if depth <= len(json_path.parents) else None
    if out is not None:
        recorded = load_sources(out).get(str(name))
        if recorded:
            candidates.append(Path(recorded))
    candidates.append(Path(str(name)))
    for candidate in candidates:
        if candidate.is_file() and sha256_matches(candidate, doc):
            return candidate
    return None
