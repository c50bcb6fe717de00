"""Parse an indicator's 绩效值 (target text) into comparator, number(s), unit and qualifier.

`parse_target("≥90%")` → `{"comparator": ">=", "value": 90, "unit": "%", "qualifier": None, "text": "≥90%"}`.

The result describes one *primary* quantity at the top level.  When the text holds several
quantities (`平均每次1万元，一年4次`) every one of them is also listed under `parts`, and the
primary one is the part marked as a total (共计/合计…) if any, else the first part.
Text with no number (`效果明显`) is `{"comparator": "qualitative", "text": …}`.
Date-like runs (`2025年1-12月`) are merged into one part that keeps the year in `year`.
"""
from __future__ import annotations

import regex as re

from fujian.normalize.number_bounds import digits_in_range
from .. import lazy_regex

# Longest first so that 个工作日 wins over 个, 万元 over 元, 人次 over 次.
# Longest first so that 个工作日 wins over 个, 人次 over 次.  A magnitude (万/千/百/亿) may precede
# any unit: 万元, 千元, 万亩, 万人次.
UNITS = sorted(
    [
        "%", "‰", "个工作日", "工作日", "个月", "人次", "户次", "场次", "批次", "车次", "台次", "班次",
        "架次", "次", "人", "个", "元", "年", "月份", "月", "日", "天", "小时", "分钟", "周", "季度",
        "项", "户", "家", "场", "期", "篇", "份", "件", "台", "套", "条", "所", "名", "批", "辆",
        "张", "本", "册", "平方米", "平米", "㎡", "亩", "公里", "米", "吨", "处", "村", "座",
        "棵", "株", "只", "头", "盏", "间", "栋", "类", "分", "轮", "届", "组", "支", "部", "门", "箱",
        "瓦", "立方米", "方", "公顷", "学时", "课时", "节", "块", "对", "公斤", "斤", "克", "升", "千克",
        "床", "张次", "卷", "宗", "单", "例", "剂", "班", "校", "园", "镇", "乡", "点", "站", "片",
        "个百分点", "百分点", "倍", "分值", "星级", "级",
    ],
    key=len,
    reverse=True,
)
UNIT_ALIASES = {"月份": "月", "平米": "平方米", "㎡": "平方米"}
MONEY_FACTORS = {"元": 1, "千元": 1_000, "万元": 10_000, "亿元": 100_000_000}

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNITS_ALT = "|".join(re.escape(u) for u in UNITS)
_UNIT = f"(?:{_UNITS_ALT})|[万千百亿](?:{_UNITS_ALT})|[万千亿]"
QUANTITY_RE = lazy_regex.compile(
    rf"""
    (?P<sym>≥|≤|>=|<=|＞=|＜=|>|<|＞|＜|=|＝)?\s*
    (?P<low>{_NUM})\s*
    (?:(?P<lunit>{_UNIT})\s*(?=[-~～—–至到]\s*\d))?
    (?:(?P<dash>[-~～—–至到])\s*(?P<high>{_NUM})\s*)?
    (?P<unit>{_UNIT})?
    (?P<per>/(?:{_UNIT}|\p{{Han}})(?:·\p{{Han}})?)?
    """,
    re.VERBOSE,
)
# 2025.12.31, 2025-12-31, 2025/12/31: read as 2025年12月31日.
NUMERIC_DATE_RE = lazy_regex.compile(r"(?<!\d)((?:19|20)\d{2})[./-](\d{1,2})[./-](\d{1,2})(?!\d)")
SEPARATORS_RE = lazy_regex.compile(r"[，；;、。\n]|,(?!\d{3}(?!\d))")

SYMBOL_COMPARATORS = {
    "≥": ">=", ">=": ">=", "＞=": ">=", "≤": "<=", "<=": "<=", "＜=": "<=",
    ">": ">", "＞": ">", "<": "<", "＜": "<", "=": "=", "＝": "=",
}
# Words before the number, longest first.
PREFIX_COMPARATORS = [
    ("大于等于", ">="), ("大于或等于", ">="), ("不低于", ">="), ("不少于", ">="), ("不小于", ">="),
    ("至少", ">="), ("达到", ">="), ("小于等于", "<="), ("小于或等于", "<="), ("不高于", "<="),
    ("不超过", "<="), ("不多于", "<="), ("不大于", "<="), ("控制在", "<="), ("最多", "<="),
    ("超过", ">"), ("大于", ">"), ("高于", ">"), ("多于", ">"), ("小于", "<"), ("低于", "<"),
    ("少于", "<"),
]
# Words after the unit.
SUFFIX_COMPARATORS = [
    ("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="),
    ("之内", "<="), ("内", "<="), ("前", "<="), ("之前", "<="), ("底前", "<="), ("底之前", "<="),
]
TOTAL_WORDS = ("共计", "合计", "总计", "累计", "总额", "总共", "共")


# Tables that print the comparator and the unit in their own columns (指标性质 ≥, 度量单位 人)
# next to a bare number (3200): the indicator's `extra` holds them under these labels.
UNIT_COLUMNS = ("度量单位", "计量单位", "单位")
NATURE_COLUMNS = ("指标性质", "指标方向", "比较符", "运算符号", "符号")
NATURE_COMPARATORS = {
    "≥": ">=", ">=": ">=", "大于等于": ">=", "≤": "<=", "<=": "<=", "小于等于": "<=",
    "=": "=", "＝": "=", "等于": "=", ">": ">", "＞": ">", "大于": ">", "<": "<", "＜": "<", "小于": "<",
}


def parse_target(text: str | None, extra: dict | None = None) -> dict | None:
    """Structured form of a target string, or None for an empty target.

    `extra` is the indicator's optional `extra` object: when the table prints 指标性质 and
    度量单位 columns, they supply the comparator and unit a bare number (`3200`) lacks.
    """
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    parts = _parse_parts(_BRACKETED_UNIT.sub(_unbracket, text))
    if not parts:
        return {"comparator": "qualitative", "text": text}
    if len(parts) == 1 and isinstance(extra, dict):
        _apply_columns(parts[0], text, extra)
    primary = next((p for p in parts if p.get("total")), parts[0])
    result = {k: v for k, v in primary.items() if k != "text"}
    result["text"] = text
    if len(parts) > 1:
        result["parts"] = parts
    return result


# `=100.00(%)`, `≥13459.00(平方米)`, `≤5(个工作日)`: a unit printed in brackets after the number
_BRACKETED_UNIT = lazy_regex.compile(r"(\d)\s*[(（]\s*([^()（）\d\s]{1,6})\s*[)）]")


def _unbracket(m) -> str:
    unit = m.group(2)
    known = unit in UNITS or (unit[:1] in "万千百亿" and unit[1:] in UNITS)
    return m.group(1) + unit if known else m.group(0)


def _column(extra: dict, labels: tuple[str, ...]) -> str | None:
    for label in labels:
        value = extra.get(label)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _apply_columns(part: dict, text: str, extra: dict) -> None:
    unit = _column(extra, UNIT_COLUMNS)
    if part.get("unit") is None and unit:
        part["unit"] = unit
    nature = NATURE_COMPARATORS.get(_column(extra, NATURE_COLUMNS) or "")
    written = any(ch in text for ch in "=＝≥≤<>＜＞") or part.get("qualifier")
    if nature and part["comparator"] == "=" and not written:
        part["comparator"] = nature


def _parse_parts(text: str) -> list[dict]:
    text = NUMERIC_DATE_RE.sub(r"\1年\2月\3日", text)
    parts: list[dict] = []
    for segment in SEPARATORS_RE.split(text):
        segment = segment.strip()
        if segment:
            parts.extend(_parse_segment(segment))
    return parts


class _Quantity:
    """One number (or range) found in a segment; several matches when it is a date run."""

    def __init__(self, match):
        self.matches = [match]
        self.start = match.start()
        self.end = match.end()


def _parse_segment(segment: str) -> list[dict]:
    quantities = _merge_dates([m for m in QUANTITY_RE.finditer(segment) if m.group("low")])
    parts = []
    carry = segment[: quantities[0].start] if quantities else ""
    carry_start = 0
    for i, q in enumerate(quantities):
        is_last = i + 1 == len(quantities)
        rest = segment[q.end : len(segment) if is_last else quantities[i + 1].start]
        if is_last:
            suffix, next_carry = rest.strip(), ""
        else:
            suffix, next_carry = _leading_suffix_words(rest.strip())
        part = _build_part(q, carry.strip(), suffix)
        part_end = q.end + (len(rest) if is_last else rest.find(suffix) + len(suffix) if suffix else 0)
        part["text"] = segment[carry_start:part_end].strip()
        parts.append(part)
        carry, carry_start = next_carry, part_end
    return parts


def _leading_suffix_words(text: str) -> tuple[str, str]:
    """Split off comparator words (以上 …) that close the previous quantity."""
    for word, _ in SUFFIX_COMPARATORS:
        if text.startswith(word):
            return word, text[len(word):].strip()
    return "", text


def _merge_dates(matches: list) -> list[_Quantity]:
    """`2025年` directly followed by `1-12月` (and `31日`) is one date-like quantity."""
    merged: list[_Quantity] = []
    for m in matches:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.end == m.start()
            and not m.group("sym")
            and _unit_of(m) in ("月", "日")
            and _unit_of(prev.matches[-1]) in ("年", "月")
            and _unit_of(prev.matches[-1]) != _unit_of(m)
            and not prev.matches[-1].group("high")
        ):
            prev.matches.append(m)
            prev.end = m.end()
        else:
            merged.append(_Quantity(m))
    return merged


def _unit_of(m) -> str | None:
    unit = m.group("unit") or m.group("lunit")
    return UNIT_ALIASES.get(unit, unit) if unit else None


def _number(s: str) -> int | float | None:
    """The printed number; None when it is out of range (normalize/number_bounds.py)."""
    if not digits_in_range(s):
        return None
    value = float(s.replace(",", ""))
    return int(value) if value.is_integer() and "." not in s else value


def _comparator(q: _Quantity, prefix: str, suffix: str) -> str:
    sym = q.matches[0].group("sym")
    if sym:
        return SYMBOL_COMPARATORS[sym]
    for word, comp in SUFFIX_COMPARATORS:
        if suffix.startswith(word):
            return comp
    for word, comp in PREFIX_COMPARATORS:
        if prefix.endswith(word):
            return comp
    return "="


def _is_total(prefix: str) -> bool:
    return any(prefix.endswith(w) for w in TOTAL_WORDS) or any(
        w in prefix for w in TOTAL_WORDS if len(w) > 1
    )


def _build_part(q: _Quantity, prefix: str, suffix: str) -> dict:
    last = q.matches[-1]
    part: dict = {}
    if last.group("high"):
        part["comparator"] = "range"
        part["low"] = _number(last.group("low"))
        part["high"] = _number(last.group("high"))
    else:
        part["comparator"] = _comparator(q, prefix, suffix)
        part["value"] = _number(last.group("low"))
    unit = _unit_of(last)
    if unit and last.group("per"):
        unit += last.group("per")
    part["unit"] = unit
    for earlier in q.matches[:-1]:
        key = {"年": "year", "月": "month"}.get(_unit_of(earlier))
        if key:
            part[key] = _number(earlier.group("low"))
    part["qualifier"] = " ".join(x for x in (prefix, suffix) if x) or None
    if _is_total(prefix):
        part["total"] = True
    return part
