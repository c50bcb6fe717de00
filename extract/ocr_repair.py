"""Look-alike characters OCR confuses in these tables: repaired where the context is
certain, warned about where it is not.

Every repair maps one character to one character, so the per-character boxes and
confidences of a recognised line stay where they are.

Certain (repaired):
- a level code before a level name: `l-产出指标`, `I1-数量指标`, `1l-数量指标` → digits, when
  what follows the separator is a level name of the form (vocabulary.LEVEL1/2_NAMES);
- letters read inside a number: `1O0%`, `2O25年`, `3.l5` — a letter O/o/〇/D between digits, or
  l/I/| between digits, is the digit it looks like;
- a colon between the digits of an amount, `78:00`, `3862500:00` (two digits after it, more
  than 24 before it: no clock time) is its decimal point;
- a semicolon between the groups of a grouped amount, `354; 964` → `354, 964`;
- `:` `(` `)` beside a Chinese character become `：` `（` `）`, the forms these tables print
  there (commas are left as read: both `,` and `，` are printed in Chinese text).

Uncertain (warned, not changed): a comparator that OCR may have read without its bar
(`>`/`<` where the print may say `≥`/`≤`), a lone letter O/l among digits at a number's end, and
a grouped amount whose last group has two digits (`1,206,00`: the comma may be the decimal
point, or a digit was lost — `8,661,62` printed `8,661,624`).
"""
from __future__ import annotations

import regex

from ..vocabulary import LEVEL1_NAMES, LEVEL2_NAMES

_DIGIT_LIKE = {"l": "1", "I": "1", "|": "1", "丨": "1", "i": "1", "!": "1",
               "O": "0", "o": "0", "〇": "0", "D": "0", "○": "0"}
_LEVEL_NAMES = sorted(set(LEVEL1_NAMES) | set(LEVEL2_NAMES), key=len, reverse=True)
_LEVEL = regex.compile(
    r"^(?P<code>[0-9lI|丨iO〇o!]{1,3})(?P<sep>\s*[-－—–‐‑_、.．]\s*)(?P<name>"
    + "|".join(map(regex.escape, _LEVEL_NAMES)) + ")")
_IN_NUMBER = regex.compile(r"(?<=[0-9][.,]?)[lI|〇OoD○](?=[.,]?[0-9])")
# ':' '(' ')' read beside a Chinese character: these tables print the full-width forms there
# (the recogniser tells them apart only by the space around them)
_COLON_POINT = regex.compile(r"(?<![0-9.])(?P<int>[0-9]+)[:：](?=[0-9]{2}(?![0-9]))")
_GROUP_SEMICOLON = regex.compile(
    r"(?<=(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})*)[;；](?=\s?[0-9]{3}(?![0-9]))")
_SHORT_LAST_GROUP = regex.compile(
    r"(?<![0-9.,])[0-9]{1,3}(?:,\s?[0-9]{3})+,\s?[0-9]{2}(?![0-9.,，])")
_CJK_PUNCT = {":": "：", "(": "（", ")": "）"}
_ASCII_IN_CJK = regex.compile(r"(?<=\p{Han})[:()]|[:()](?=\p{Han})")
_COMPARATOR = regex.compile(r"(?:^|(?<=[^\p{Han}]))[<>](?=\s*[0-9])")


def repair_line(text: str) -> tuple[str, list[str]]:
    """(repaired text, notes on what stays uncertain). Same length as `text`."""
    chars = list(text)
    m = _LEVEL.match(text)
    if m:
        for i in range(m.start("code"), m.end("code")):
            chars[i] = _DIGIT_LIKE.get(chars[i], chars[i])
    for m in _IN_NUMBER.finditer(text):
        chars[m.start()] = _DIGIT_LIKE[m.group()]
    for m in _COLON_POINT.finditer(text):
        if int(m.group("int")) > 24:
            chars[m.end("int")] = "."
    for m in _GROUP_SEMICOLON.finditer(text):
        chars[m.start()] = ","
    for m in _ASCII_IN_CJK.finditer(text):
        chars[m.start()] = _CJK_PUNCT[m.group()]
    out = "".join(chars)
    notes = []
    for m in _COMPARATOR.finditer(out):
        notes.append(f"{out!r}: OCR read {m.group()!r}; the print may have "
                     f"{'≥' if m.group() == '>' else '≤'} (check the page)")
    for m in _SHORT_LAST_GROUP.finditer(out):
        notes.append(f"{out!r}: OCR read {m.group()!r}, a grouped amount whose last group has two "
                     "digits: a decimal point read as a comma, or a digit lost (check the page)")
    return out, notes
