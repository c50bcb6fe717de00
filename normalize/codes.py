"""Level cells as printed → (code, name): `11-数量指标` → ("11", "数量指标")."""
from __future__ import annotations

from typing import Optional

from ..vocabulary import LEVEL_CODE


def split_code(text: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """Split a canonical level cell into its code and name; a cell without a code has code None.

    Accepts `1-产出指标`, a full-width or long hyphen (`11－数量指标`), spaces around it, and `、`,
    `.` or `:` as separators. Digits not followed by a CJK name (`2025年` is a name) keep the
    whole text as the name.
    """
    if text is None:
        return None, None
    m = LEVEL_CODE.match(text)
    if m and not m.group("name").startswith(("年", "月", "日", "个", "次", "万", "元", "人", "%")):
        return m.group("code"), m.group("name").strip() or None
    return None, text
