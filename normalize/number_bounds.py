"""How large a number the output holds (issue 16): amounts and targets are exact decimals of
sane size, never Infinity, NaN or a number no database column could store.

A budget amount beyond 10^15 in any unit (10^15 元 is a thousand times China's national
budget; 10^15 万元 still fits PostgreSQL's NUMERIC(24, 6) once converted) is not an amount but
damage or mischief: it is read as `null` with a warning, and its printed text stays in the
document (the cell itself, or the target's text).
"""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Optional, Union

MAX_ABS_NUMBER = 10 ** 15
MAX_DIGITS = 40  # longer digit strings are not parsed at all (float("9" * 400) is inf)

Number = Union[int, float, Decimal]


def in_range(value: Optional[Number]) -> bool:
    """A finite number whose magnitude is at most MAX_ABS_NUMBER."""
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, Decimal):
        return value.is_finite() and abs(value) <= MAX_ABS_NUMBER
    return math.isfinite(value) and abs(value) <= MAX_ABS_NUMBER


def digits_in_range(text: str) -> bool:
    """Can the printed number `text` (digits, separators, a sign and a point) be a value?"""
    digits = sum(ch.isdigit() for ch in text)
    if digits == 0 or digits > MAX_DIGITS:
        return False
    try:
        return in_range(Decimal(text.replace(",", "").strip()))
    except InvalidOperation:
        return False


def out_of_range_message(what: str, text: str) -> str:
    shown = text if len(text) <= 40 else f"{text[:20]}…{text[-8:]} ({len(text)} characters)"
    return (f"{what} {shown} is out of range (more than {MAX_ABS_NUMBER:.0e} or not a finite "
            "number): written as null")
