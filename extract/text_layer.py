"""Is a page's text layer usable, or must the page be read from its image?

A page needs OCR when it is an image without text (a scan), or when its text is there but
unreadable: characters whose font has no Unicode map come out as `(cid:N)`, as private-use
code points (U+E000–U+F8FF, planes 15–16) or as U+FFFD replacement characters.
"""
from __future__ import annotations

from typing import Optional

from .pdf_page_objects import PageObjects
from .. import lazy_regex

UNUSABLE_SHARE = 0.3  # this share of unreadable characters makes the whole text layer unusable
MIN_CHARS = 5
_ODD = lazy_regex.compile_re("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]|\\(cid:")  # what _unreadable finds


def _unreadable(text: str) -> bool:
    if text.startswith("(cid:"):
        return True
    return any(0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000 or ch == "\ufffd" for ch in text)


def ocr_reason(objs: PageObjects) -> Optional[str]:
    """Why the page must be read by OCR ("no_text_layer", "unmapped_text"), or None."""
    if objs.scanned:
        return "no_text_layer"
    shown = [g for g in objs.glyphs if not g.text.isspace()]
    if len(shown) < MIN_CHARS:
        return "no_text_layer" if objs.has_images and objs.image_cover >= 0.3 else None
    if not objs.unmapped and not _ODD.search("".join(g.text for g in shown)):
        return None  # nothing unreadable at all (most pages): no glyph-by-glyph count
    bad = sum(1 for g in shown if _unreadable(g.text))
    if bad >= UNUSABLE_SHARE * len(shown):
        return "unmapped_text"
    return None
