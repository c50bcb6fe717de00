"""The header block of a project table: label/value pairs → SPEC fields and extra_fields."""
from __future__ import annotations

from typing import Optional, Union


from ..vocabulary import UNIT_IN_LABEL, header_key, is_level_cell, is_sub_label, squeeze
from .number_bounds import digits_in_range
from .rows import Row, RowCell
from .. import lazy_regex

_NUMBER = lazy_regex.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_NUMBER_WITH_UNIT = lazy_regex.compile(r"^[￥¥]?(?P<num>[-+]?[\d,]*\.?\d+)[(（]?(?P<unit>[万千百亿]?元)?[)）]?$")
_INLINE_PAIR = lazy_regex.compile(r"^(?P<label>[^：:]{2,12})[：:](?P<value>.+)$")
_SUB_LABEL_PAIR = lazy_regex.compile(r"^(?P<label>其中[：:][^：:]{2,10})[：:](?P<value>.+)$")
_VALUE_LIKE = lazy_regex.compile(r"^[\d,.\-+%％()（）万千元年月日个]+$")


def label_value_pairs(row: Row) -> list[tuple[str, Optional[str], int]]:
    """(label, value, column) pairs read left to right: label, value, label, value …

    A cell in label position is a label (known or not); the next cell is its value unless it
    is itself a known label or an 其中： sub-label (then the first label is a group label with
    no value of its own, e.g. 项目资金 over 年度资金总额 / 其中：财政拨款). A cell `标签：值`
    holding a label and its value (主管部门：某局, 联系电话：139…) is a pair by itself.
    """
    cells = [c for k, c in enumerate(row.nonempty())  # a merged value copied into each column
             if k == 0 or c.text != row.nonempty()[k - 1].text]
    pairs: list[tuple[str, Optional[str], int]] = []
    i = 0
    while i < len(cells):
        label = cells[i]
        inline = split_inline_pair(label.text)
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        # `主管部门：某局`, `其中：财政拨款：54.40`, `联系电话：139…` (an unknown label with a plain
        # value, or with no cell of its own after it) are pairs by themselves
        if inline and _is_inline_pair(label.text, inline, nxt.text if nxt is not None else None):
            pairs.append((inline[0], inline[1], label.col))
            i += 1
            continue
        if nxt is not None and header_key(label.text) == "annual_amount" and i + 2 < len(cells) \
                and parse_amount(nxt.text)[0] is None and parse_amount(cells[i + 2].text)[0] is not None:
            # 项目资金 | 其他资金 | 240000.00: a group label printed again over one of its sub-rows
            pairs.append((label.text, None, label.col))
            i += 1
            continue
        if nxt is not None and not is_label_cell(nxt.text):
            pairs.append((label.text, nxt.text, label.col))
            i += 2
        else:
            pairs.append((label.text, None, label.col))
            i += 1
    return pairs


def _is_inline_pair(text: str, inline: tuple[str, str], next_text: Optional[str]) -> bool:
    """Whether a cell in label position holds a label and its value (`主管部门：某局`,
    `其中：财政拨款：54.40`, `联系电话：139…`) rather than a label alone (`其中：财政拨款`)."""
    label, value = inline
    if header_key(label):
        return True
    if is_sub_label(label):
        return len(squeeze(label)) > 3  # 其中：财政拨款：54.40 — not the bare 其中 of 其中：财政拨款
    if is_sub_label(text):
        return False
    # 项目负责人：李建国, 联系电话：139…: a short label before the colon holds its own value
    return next_text is None or bool(_VALUE_LIKE.match(squeeze(value))) or len(squeeze(label)) <= 6


def is_label_cell(text: Optional[str]) -> bool:
    """A known label, an 其中： sub-label, or a `known label：value` cell."""
    inline = split_inline_pair(text or "")
    return bool(header_key(text) or is_sub_label(text) or (inline and header_key(inline[0])))


def split_inline_pair(text: str) -> Optional[tuple[str, str]]:
    """`标签：值` → (标签, 值); a sub-label keeps its own colon: `其中：财政拨款：54.40`."""
    m = _SUB_LABEL_PAIR.match(text) or _INLINE_PAIR.match(text)
    return (m.group("label"), m.group("value")) if m else None


def canonical_label(label: str) -> str:
    """Label text as the key of extra_fields: canonical text without a trailing colon."""
    return label.rstrip(":：").strip()


def unit_from_label(label: Optional[str]) -> Optional[str]:
    m = UNIT_IN_LABEL.search(squeeze(label))
    return m.group("unit") if m else None


def parse_amount(text: Optional[str]) -> tuple[Union[int, float, None], Optional[str]]:
    """`4` → (4, None); `12.50` → (12.5, None); `1,234.5万元` / `1,234.5（万元）` → (1234.5, "万元");
    `￥640,000.00` → (640000, "元"); anything else → (None, None)."""
    if text is None:
        return None, None
    s = squeeze(text)
    unit = None
    m = _NUMBER_WITH_UNIT.match(s)  # 46万元, 52.00（万元）, ￥640,000.00
    if m:
        s, unit = m.group("num"), m.group("unit") or ("元" if text.lstrip()[:1] in "￥¥" else None)
    if not _NUMBER.match(s) or not digits_in_range(s):  # 400 digits are no amount (issue 16)
        return None, None
    value = float(s.replace(",", ""))
    return (int(value) if value.is_integer() else value), unit


_YUAN_PER_UNIT = {"元": 1, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "亿元": 1e8}


def convert_amount(amount: Union[int, float], unit: str, to_unit: str) -> Union[int, float, None]:
    """640000 元 → 64 万元 (None for a unit we do not know)."""
    if unit not in _YUAN_PER_UNIT or to_unit not in _YUAN_PER_UNIT:
        return None
    value = round(amount * _YUAN_PER_UNIT[unit] / _YUAN_PER_UNIT[to_unit], 6)
    return int(value) if float(value).is_integer() else value


def looks_like_header_row(row: Row) -> bool:
    """A row of the header block: starts with a known label, or is label/value shaped."""
    cells = row.nonempty()
    if not cells:
        return False
    if header_key(cells[0].text):
        return True
    first = squeeze(cells[0].text)
    return len(cells) >= 2 and len(first) <= 16 and not is_level_cell(first)
