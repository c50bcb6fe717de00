"""Text helpers for the sample generator: print distortions, line wrapping and a small
canonicaliser used only to check that a generated PDF reads back as the content data.

The canonicaliser follows SPEC.md "Canonical text" for the characters this generator
prints; it is not the pipeline's normaliser (that lives in normalize/) and must not be
imported by it.
"""
from __future__ import annotations

import re

# Unified ideograph -> the Kangxi radical (U+2F00..) or CJK radicals-supplement (U+2E80..)
# look-alike that some PDF producers put in the ToUnicode map instead.
KANGXI_LOOKALIKES = {
    "一": "\u2f00",  # ⼀
    "人": "\u2f08",  # ⼈
    "力": "\u2f12",  # ⼒
    "大": "\u2f24",  # ⼤
    "子": "\u2f26",  # ⼦
    "工": "\u2f2f",  # ⼯
    "心": "\u2f3c",  # ⼼
    "文": "\u2f42",  # ⽂
    "方": "\u2f45",  # ⽅
    "日": "\u2f47",  # ⽇
    "月": "\u2f49",  # ⽉
    "水": "\u2f54",  # ⽔
    "生": "\u2f63",  # ⽣
    "用": "\u2f64",  # ⽤
    "立": "\u2f74",  # ⽴
    "行": "\u2f8f",  # ⾏
    "高": "\u2fbc",  # ⾼
    "长": "\u2ed3",  # ⻓ (radicals supplement, simplified form)
    "门": "\u2ed4",  # ⻔
    "见": "\u2ec5",  # ⻅
}
_UNIFIED_FOR = {v: k for k, v in KANGXI_LOOKALIKES.items()}


def to_kangxi(text: str) -> str:
    return "".join(KANGXI_LOOKALIKES.get(ch, ch) for ch in text)


def to_fullwidth_digits(text: str) -> str:
    """Print ASCII digits and % full-width (０-９, ％), as some hand-typed tables do."""
    out = []
    for ch in text:
        if "0" <= ch <= "9":
            out.append(chr(ord(ch) - ord("0") + 0xFF10))
        elif ch == "%":
            out.append("％")
        else:
            out.append(ch)
    return "".join(out)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x2E80 <= o <= 0x2FDF  # radicals supplement + Kangxi radicals
        or 0x3000 <= o <= 0x303F  # CJK symbols and punctuation
        or 0xFF01 <= o <= 0xFF0F or 0xFF1A <= o <= 0xFF20  # full-width punctuation
        or 0xFF08 <= o <= 0xFF09
        or ch in "“”‘’…—·"
    )


_NO_LINE_START = set("，。、；：！？）》」』”’%％")
_NO_LINE_END = set("（《「『“‘")


def can_break_before(text: str, i: int) -> bool:
    """A line may break between text[i-1] and text[i] without changing the canonical
    text: one side must be CJK (the break then vanishes), and no closing punctuation may
    start a line."""
    if i <= 0 or i >= len(text):
        return False
    a, b = text[i - 1], text[i]
    if b in _NO_LINE_START or a in _NO_LINE_END:
        return False
    return is_cjk(a) or is_cjk(b)


def wrap(text: str, width: float, measure) -> list[str]:
    """Greedy wrap of `text` into lines no wider than `width` (measure(s) -> points),
    breaking only where can_break_before allows."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        if measure(text[start:]) <= width:
            lines.append(text[start:])
            break
        end = start + 1
        best = None
        while end < len(text) and measure(text[start:end + 1]) <= width:
            end += 1
            if can_break_before(text, end):
                best = end
        if best is None:  # nothing fits: take the first legal break after start
            best = next((j for j in range(start + 1, len(text)) if can_break_before(text, j)), len(text))
        lines.append(text[start:best])
        start = best
    return lines


_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_FULLWIDTH["％"] = "%"


def canon(text: str | None) -> str | None:
    """Canonical text (SPEC.md) of an extracted string, for read-back checks."""
    if text is None:
        return None
    s = "".join(_FULLWIDTH.get(ch, _UNIFIED_FOR.get(ch, ch)) for ch in text)

    def join(m: re.Match) -> str:
        a = s[m.start() - 1] if m.start() > 0 else ""
        b = s[m.end()] if m.end() < len(s) else ""
        if (a and is_cjk(a)) or (b and is_cjk(b)) or (a.isdigit() and b.isdigit() and "\n" in m.group()):
            return ""
        return " "

    s = re.sub(r"\s+", join, s).strip()
    return s or None
