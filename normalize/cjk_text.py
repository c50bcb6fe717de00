"""Canonical text (SPEC.md "Canonical text"), applied to every output string.

1. Look-alike characters from broken font maps — Kangxi radicals, CJK radicals supplement, CJK
   compatibility ideographs — become the unified ideograph, by a targeted table
   (cjk_equivalents.json, made by scripts/make_cjk_equivalents.py from Unicode's
   EquivalentUnifiedIdeograph data). Never NFKC on the whole string: it would fold full-width
   punctuation too.
2. Full-width ASCII digits and letters and ％ become ASCII; full-width CJK punctuation stays.
3. Whitespace next to a CJK character or CJK punctuation is removed (wrapped cells: `充 分发挥`
   → `充分发挥`, `每次 6667 元` → `每次6667元`); a line break between two digits is removed; any
   other whitespace run becomes one space; the result is stripped.
4. An empty result is None.
(Control characters — C0 other than whitespace, DEL, C1 — are removed with the invisible
characters of rule 1.)
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .. import lazy_regex

# Characters that glue to their neighbours without spaces in Chinese text: ideographs (incl. the
# radical blocks, in case a look-alike has no mapping), CJK symbols and punctuation, full-width
# forms, and the general punctuation Chinese typesetting uses (“”‘’—…·).
_CJK = r"\p{Han}\u2E80-\u2FDF\u3001-\u303F\u3200-\u33FF\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2018\u2019\u201C\u201D\u2014\u2026\u00B7\u2E3A"
_SPACE_NEXT_TO_CJK = lazy_regex.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
# a number wrapped in a narrow cell: `12\n345`, and `272000.\n00` / `1,\n200` (inside a number)
_BREAK_BETWEEN_DIGITS = lazy_regex.compile(r"(?<=\d[.,]?)[^\S\n]*\n\s*(?=[.,]?\d)")
_WHITESPACE_RUN = lazy_regex.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# control characters (C0 but for the whitespace ones, DEL, C1): never text (a NUL from a
# damaged dump would reach the JSON, where PostgreSQL refuses it)
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0e, 0x0f, *range(0x10, 0x1c), *range(0x7f, 0xa0)], None)


@lru_cache(maxsize=1)
def _translation() -> dict[int, object]:
    table: dict[int, object] = {}
    path = Path(__file__).with_name("cjk_equivalents.json")
    for src, dst in json.loads(path.read_text(encoding="utf-8")).items():
        table[ord(src)] = dst
    fullwidth = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ％"
    for ch in fullwidth:
        table[ord(ch)] = chr(ord(ch) - 0xFEE0)
    table.update(_INVISIBLE)
    table.update(_CONTROLS)
    return table


def unify_lookalikes(text: str) -> str:
    """Rules 1 and 2 only: character mapping, no whitespace changes."""
    return text.translate(_translation())


def canonical(text: Optional[str]) -> Optional[str]:
    """The canonical form of one output string (None for empty)."""
    if text is None:
        return None
    s = unify_lookalikes(str(text))
    s = _BREAK_BETWEEN_DIGITS.sub("", s)
    s = _SPACE_NEXT_TO_CJK.sub("", s)
    s = _WHITESPACE_RUN.sub(" ", s).strip()
    if s and s == text:
        return text  # already canonical: the same string object, not a second copy
    return s or None

