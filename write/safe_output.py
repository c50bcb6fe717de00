"""The last guard before a document leaves the pipeline: whatever the input held, the output
is valid, storable JSON (issue 16).

    doc = safe_document(doc, hide=("/home/me/in/a.pdf",), name="a.pdf")

- every string loses its control characters (C0 and C1, DEL; tab, line feed and carriage
  return stay only where canonical text keeps them, i.e. nowhere after canonicalisation):
  PostgreSQL refuses `\\u0000` in text and JSONB, a spreadsheet refuses most of the others;
- every number is finite and within `MAX_ABS_NUMBER`: NaN, ±Infinity (a 400-digit amount read
  as a float) and numbers no database column could hold become `null`, with one
  `number_out_of_range` warning naming where;
- every warning message is at most `MAX_WARNING_CHARS` characters (SPEC: 2,000), and the
  path the input was read from (`hide`) never appears in one: it is replaced by the input's
  name, so the same file converted from two places gives the same bytes.

Numbers the normaliser bounds itself (normalize/number_bounds.py) come with a more specific
warning; this is the net under everything else.
"""
from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, Iterable, Optional

from fujian.normalize.number_bounds import MAX_ABS_NUMBER
from .. import lazy_regex

MAX_WARNING_CHARS = 2000
_CONTROLS = lazy_regex.compile_re(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """`text` without control characters other than tab, line feed and carriage return."""
    return _CONTROLS.sub("", text)


def bounded_message(text: str, limit: int = MAX_WARNING_CHARS) -> str:
    if len(text) <= limit:
        return text
    more = f" … ({len(text) - limit + 40} more characters)"
    return text[: limit - len(more)] + more


def _number_ok(value: Any) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) <= MAX_ABS_NUMBER
    if isinstance(value, int):
        return abs(value) <= MAX_ABS_NUMBER
    if isinstance(value, Decimal):
        return value.is_finite() and abs(value) <= MAX_ABS_NUMBER
    return True


class _Cleaner:
    def __init__(self, hide: Iterable[str], name: str):
        # longest first: an absolute path before the relative path it ends with
        self.hide = sorted({h for h in hide if h and h != name}, key=len, reverse=True)
        self.name = name
        self.dropped: list[str] = []

    def text(self, s: str) -> str:
        s = strip_controls(s)
        for h in self.hide:
            if h in s:
                s = s.replace(h, self.name)
        return s

    def clean(self, node: Any, where: Optional[tuple]) -> Any:
        """`node` made safe, in place (its dicts and lists are reused). `where` is the path to
        it as (parent's path, key, is a list index), spelled out only for a dropped number."""
        if isinstance(node, dict):
            renamed = False
            for k, v in node.items():
                c = self.clean(v, (where, k, False))
                if c is not v:
                    node[k] = c  # the same key: no change of size while iterating
                renamed = renamed or (isinstance(k, str) and self.text(k) != k)
            if renamed:
                return {self.text(k) if isinstance(k, str) else k: v for k, v in node.items()}
            return node
        if isinstance(node, list):
            for i, v in enumerate(node):
                c = self.clean(v, (where, i, True))
                if c is not v:
                    node[i] = c
            return node
        if isinstance(node, str):
            return self.text(node)
        if not _number_ok(node):
            self.dropped.append(_spelled(where))
            return None
        return node


def _spelled(where: Optional[tuple]) -> str:
    """("projects" → 0 → "x") as projects[0].x"""
    parts = []
    while where is not None:
        where, key, index = where
        parts.append(f"[{key}]" if index else f".{key}")
    return "".join(reversed(parts)).lstrip(".")


def safe_document(doc: dict, hide: Iterable[str] = (), name: str = "") -> dict:
    """The per-document dict made such that JSON and every supported database accept it. It is
    cleaned in place (a long document is not copied whole): the dict passed in is the one
    returned, changed."""
    cleaner = _Cleaner(hide, name)
    out = cleaner.clean(doc, None)
    warnings = out.get("warnings")
    if not isinstance(warnings, list):
        return out
    if cleaner.dropped:
        shown = ", ".join(cleaner.dropped[:5]) + (" …" if len(cleaner.dropped) > 5 else "")
        warnings.append({"code": "number_out_of_range", "page": None, "project_seq": None,
                         "message": f"{len(cleaner.dropped)} number(s) too large to store "
                                    f"(over {MAX_ABS_NUMBER:.0e} or not finite) written as null: {shown}"})
    for w in warnings:
        if isinstance(w, dict) and isinstance(w.get("message"), str):
            w["message"] = bounded_message(w["message"])
    return out
