"""Money units printed in 单位：… lines, and how many 万元 one of each is worth."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

WANYUAN_PER_UNIT = {
    "元": Decimal("0.0001"),
    "百元": Decimal("0.01"),
    "千元": Decimal("0.1"),
    "万元": Decimal("1"),
    "十万元": Decimal("10"),
    "百万元": Decimal("100"),
    "千万元": Decimal("1000"),
    "亿元": Decimal("10000"),
}


def to_wanyuan(amount: Optional[Decimal], unit: Optional[str]) -> Optional[Decimal]:
    """`amount` expressed in 万元, or None when the amount or its unit is missing or unknown."""
    if amount is None or unit is None:
        return None
    factor = WANYUAN_PER_UNIT.get(unit.strip())
    return None if factor is None else amount * factor
