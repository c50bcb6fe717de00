"""The per-document JSON file (SPEC.md "Per-document JSON"): write it, read it back.

The writer adds an optional "tool" key ({"name": "fujian", "version": …}) so that a resumed
batch can tell whether an existing output was made by this version of the tool from the
same input bytes (source.sha256).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Optional

from fujian import __version__
from fujian.write.atomic import atomic_open

TOOL_NAME = "fujian"


def tool_stamp(engine: Optional[str] = None, keep_raw: Optional[bool] = None,
               pages: Optional[str] = None, ocr: Optional[str] = None) -> dict:
    """{"name", "version"} plus the options that change the output, when given."""
    stamp = {"name": TOOL_NAME, "version": __version__}
    if engine is not None:
        stamp["engine"] = engine
    if ocr is not None and ocr != "auto":  # the default leaves older outputs current
        stamp["ocr"] = ocr
    if keep_raw is not None:
        stamp["keep_raw"] = bool(keep_raw)
    if pages:
        stamp["pages"] = pages
    return stamp


def stamped(doc: dict, **options) -> dict:
    """The document with the "tool" key set (a new dict; the input is not changed)."""
    out = dict(doc)
    out["tool"] = tool_stamp(**options)
    return out


_RAW = "\ue000"  # marks a number whose printed text is written as is (never in canonical text)


def _printed_numbers(node):
    """The document with every printed amount (a float that keeps its printed text, e.g.
    `31214205.80`) replaced by a marker string holding that text."""
    if isinstance(node, dict):
        return {k: _printed_numbers(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_printed_numbers(v) for v in node]
    text = getattr(node, "text", None)
    if isinstance(node, float) and isinstance(text, str):
        return f"{_RAW}{text}{_RAW}"
    return node


def _dumps(node, level: int) -> str:
    """`node` as json.dumps(indent=2) writes it at nesting `level`; the markers of printed
    amounts replaced by their text."""
    text = json.dumps(_printed_numbers(node), ensure_ascii=False, indent=2, allow_nan=False)
    if _RAW in text:
        text = text.replace(f'"{_RAW}', "").replace(f'{_RAW}"', "")
    return text.replace("\n", "\n" + "  " * level) if level else text


def iter_document_json(doc: dict) -> Iterator[str]:
    """The per-document JSON text in pieces, one list item at a time (see dumps_document):
    the writer streams them to the file, so a long document's text is never held whole."""
    if not isinstance(doc, dict) or not doc:
        yield _dumps(doc, 0) + "\n"
        return
    for n, (key, value) in enumerate(doc.items()):
        head = ("{\n  " if n == 0 else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": "
        if isinstance(value, list) and value:
            yield head + "["
            for k, item in enumerate(value):
                yield ("\n    " if k == 0 else ",\n    ") + _dumps(item, 2)
            yield "\n  ]"
        else:
            yield head + _dumps(value, 1)
    yield "\n}\n"


def dumps_document(doc: dict) -> str:
    """The per-document JSON text: UTF-8 characters as they are, indented, amounts with the
    decimals they were printed with (`31214205.80`, never `31214205.8`).

    The same text as json.dumps(doc, indent=2), written one list item at a time: a long
    document's projects, tables and checks are never copied whole (the printed-number
    markers) nor held as one list of json's pieces."""
    return "".join(iter_document_json(doc))


def write_document_json(doc: dict, target: Path, **options) -> None:
    """Write `doc` (stamped with the tool and `options`: engine, keep_raw) atomically, piece
    by piece (iter_document_json): the whole text is never held in memory."""
    with atomic_open(Path(target), "w", encoding="utf-8", newline="") as f:
        for piece in iter_document_json(stamped(doc, **options)):
            f.write(piece)


def read_document_json(path: Path) -> Optional[dict]:
    """The per-document JSON at `path`, or None if it is missing, unreadable or not one."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("source"), dict):
        return None
    if not isinstance(doc.get("projects", []), list):
        return None
    return doc


def is_current(doc: Optional[dict], sha256: str, **options) -> bool:
    """True when `doc` was made by this tool version from input bytes with this sha256
    (and, for each option given, e.g. engine="camelot", with that option)."""
    if not doc:
        return False
    src_sha = str(doc.get("source", {}).get("sha256") or "").lower()
    tool = doc.get("tool") or {}
    if not (src_sha == sha256.lower() and isinstance(tool, dict)
            and tool.get("name") == TOOL_NAME and tool.get("version") == __version__):
        return False
    if "ocr" in options and (tool.get("ocr") or "auto") != (options["ocr"] or "auto"):
        return False  # made with another --ocr (absent from the stamp means the default)
    wanted = tool_stamp(**options)
    if "pages" in tool and "pages" not in wanted:  # made from some pages only: not current
        return False
    return all(tool.get(k) == v for k, v in wanted.items() if k not in ("name", "version"))


def document_counts(doc: dict) -> tuple[int, int, Optional[int]]:
    """(projects, indicators, pages) of a per-document JSON."""
    projects = [p for p in doc.get("projects") or [] if isinstance(p, dict)]
    n_ind = sum(len(p.get("indicators") or []) for p in projects)
    pages = (doc.get("source") or {}).get("pages")
    return len(projects), n_ind, pages if isinstance(pages, int) else None
