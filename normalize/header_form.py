"""The header block of a performance table read as a form: what the project reader asks of a
row besides its label/value pairs (header_fields.py) — a row of labels whose values are in the
row below, the column header of a self-evaluation money block or of a department's task table
and their item rows, and the finishing of an indicator (the target joined from its parts, the
self-evaluation columns as keys, a level-1's points in brackets)."""
from __future__ import annotations

from typing import Any, Optional


from ..vocabulary import (EXECUTION_COLUMNS, HEADER_KEYS, INDICATOR_KEY_COLUMNS, QUALITATIVE_NATURE,
                          TARGET_NATURE_COLUMNS, TARGET_UNIT_COLUMNS, TASK_COLUMNS, TASK_TOTAL_ROW,
                          UNIT_IN_LABEL, header_key, is_group_label, squeeze)
from .cjk_text import canonical
from .header_fields import parse_amount
from .records import Indicator
from .rows import Row, RowCell
from .. import lazy_regex

_POINTS = lazy_regex.compile(r"^(?P<name>.+?)[（(]\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[)）]$")
_PERIOD = lazy_regex.compile(r"^(?P<start>.+?)\s*[-—–~～至到]\s*(?P<end>.+)$")
_NUMBER = lazy_regex.compile(r"^[-+]?\d+(?:\.\d+)?$")


def _word(text: Optional[str]) -> str:
    return UNIT_IN_LABEL.sub("", squeeze(text)).rstrip(":：")


# --- a row of labels, values below --------------------------------------------------------------

def labels_only(row: Row) -> Optional[list[RowCell]]:
    """项目总目标 | 年度总体目标 (beside a group label 项目绩效目标): every cell a known label and
    two or more of them — their values are in the row below. Returns the labels, group
    labels left out."""
    cells = row.nonempty()
    if len(cells) < 2 or not all(header_key(c.text) or is_group_label(c.text) for c in cells):
        return None
    labels = [c for c in cells if not is_group_label(c.text)]
    return labels if len(labels) >= 2 else None


def values_under(labels: list[RowCell], row: Row) -> Optional[list[tuple[str, str]]]:
    """(label, value) for each label whose column holds a value in `row` (none of them a label)."""
    cells = row.nonempty()
    if not cells or any(header_key(c.text) for c in cells):
        return None
    by_col = {c.col: c for c in cells}
    pairs = []
    for label in labels:
        span = range(label.col, label.col + max(1, label.colspan))
        value = next((by_col[c] for c in span if c in by_col), None)
        if value is not None:
            pairs.append((label.text, value.text))
    return pairs if pairs and len(pairs) >= len(cells) - 0 else None


# --- self-evaluation money block -------------------------------------------------------------------

def execution_columns(row: Row) -> Optional[dict[int, str]]:
    """The 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 header row → {column: key}."""
    found = {c.col: EXECUTION_COLUMNS[_word(c.text)] for c in row.nonempty() if _word(c.text) in EXECUTION_COLUMNS}
    keys = set(found.values())
    return found if len(found) >= 3 and ("executed" in keys or "initial_budget" in keys) else None


def _number(text: Optional[str]) -> Optional[float]:
    if text is None:
        return None
    s = squeeze(text).rstrip("%％")
    amount, _ = parse_amount(s)
    return amount


def execution_item(row: Row, columns: dict[int, str]) -> Optional[dict[str, Any]]:
    """One row of the money block: its label and the figures under the header's columns."""
    cells = row.nonempty()
    label = next((c for c in cells if c.col not in columns and not is_group_label(c.text)), None)
    figures = {key: _number(row.at(col).fresh_text if row.at(col) else None) for col, key in columns.items()}
    if label is None or all(v is None for v in figures.values()):
        return None
    item = {"item": canonical(label.text)}
    for key in ("initial_budget", "adjusted_budget", "executed", "weight", "rate", "score"):
        if key in figures:
            item[key] = figures[key]
    return item


# --- a department's 年度主要任务 -----------------------------------------------------------------

def task_columns(row: Row, previous: Optional[dict[int, str]] = None) -> Optional[dict[int, str]]:
    """任务名称 | 主要内容 | 预算金额（总额 | 财政拨款 | 其他资金） → {column: key}; a second header
    row (总额 | 财政拨款 | 其他资金 under 预算金额) refines the first."""
    found = {}
    for c in row.nonempty():
        word = _word(c.text)
        key = TASK_COLUMNS.get(word)
        if key is None and word.startswith("预算金额"):
            key = "amount"
        if key is not None:
            found[c.col] = key
    if previous is None:
        return found if "name" in found.values() and len(found) >= 2 else None
    if not found or "name" in found.values():
        return None
    merged = {col: key for col, key in previous.items() if not (key == "amount" and found)}
    merged.update(found)
    return merged


def task_item(row: Row, columns: dict[int, str]) -> Optional[dict[str, Any]]:
    cells = row.nonempty()
    if not cells or header_key(cells[0].text):
        return None
    task: dict[str, Any] = {}
    for col, key in columns.items():
        cell = row.at(col)
        text = cell.fresh_text if cell is not None else None
        if key in ("name", "content"):
            task[key] = canonical(text) if text else None
        else:
            task[key] = _number(text)
    if not task.get("name") and not task.get("content"):
        return None
    return task


def is_task_total(row: Row) -> bool:
    cells = row.nonempty()
    return bool(cells) and _word(cells[0].text) in TASK_TOTAL_ROW


# --- finishing an indicator ---------------------------------------------------------------------

def finish_indicator(ind: Indicator) -> None:
    """The target joined from its printed parts (指标性质 ≥ · 指标值 90 · 度量单位 % → ≥90%), the
    self-evaluation columns as keys, and a level-1's points in brackets moved to extra."""
    extra = ind.extra or {}
    nature = next((extra[k] for k in TARGET_NATURE_COLUMNS if extra.get(k)), None)
    unit = next((extra[k] for k in TARGET_UNIT_COLUMNS if extra.get(k)), None)
    if ind.target is not None and (nature or unit):
        prefix = "" if nature is None or squeeze(nature) in QUALITATIVE_NATURE else squeeze(nature)
        suffix = squeeze(unit) if unit and not ind.target.endswith(squeeze(unit)) else ""
        if not ind.target.startswith(prefix):
            ind.target = canonical(prefix + ind.target + suffix)
        else:
            ind.target = canonical(ind.target + suffix)
    for label, value in extra.items():
        key = INDICATOR_KEY_COLUMNS.get(_word(label))
        if key is None or value is None:
            continue
        if key in ("weight", "score"):
            number = _number(value)
            ind.keys[key] = number if number is not None else None
        else:
            ind.keys[key] = value
    if ind.level1:
        m = _POINTS.match(ind.level1)
        if m:
            ind.level1 = m.group("name")
            ind.extra = {**extra, "一级指标分值": m.group("points")}


def split_period(value: str) -> tuple[Optional[str], Optional[str]]:
    """项目起止时间 `2025年1月-2025年12月` → ("2025年1月", "2025年12月")."""
    m = _PERIOD.match(value or "")
    return (m.group("start"), m.group("end")) if m else (value, None)


def total_score_row(row: Row) -> tuple[bool, Optional[float]]:
    """总分 | … | 100 | 92.5: (True, the last number on the row) — the self-evaluation's total;
    (False, None) for any other row."""
    cells = row.nonempty()
    if not cells or HEADER_KEYS.get(_word(cells[0].text)) != "total_score":
        return False, None
    numbers = [_number(c.text) for c in cells[1:] if _number(c.text) is not None]
    return True, (numbers[-1] if numbers else None)
