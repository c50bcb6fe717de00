"""A check made on the typed records: the two sides compared in exact decimal arithmetic, the
rounding tolerance, the status (docs/SPEC.md "Checks")."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Optional

PASS, ROUNDING, FAIL, NOT_APPLICABLE = "pass", "rounding", "fail", "not_applicable"


def dec(value: Any) -> Optional[Decimal]:
    """A JSON number (or a printed amount) as the exact decimal it was printed as."""
    if value is None or isinstance(value, bool):
        return None
    text = getattr(value, "text", None)
    try:
        return Decimal(text) if isinstance(text, str) else Decimal(repr(value) if isinstance(value, float) else str(value))
    except (InvalidOperation, ValueError):
        return None


def places(value: Optional[Decimal]) -> int:
    if value is None:
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def half_unit(values: Iterable[Optional[Decimal]], decimals: Optional[int] = None) -> Decimal:
    """Half a unit of the printed precision: 0.005 for amounts printed with two decimals."""
    if decimals is None:
        decimals = max((places(v) for v in values if v is not None), default=0)
    return Decimal(5) * Decimal(10) ** (-(decimals + 1))


@dataclass
class Cell:
    """Where a compared figure is printed (for the review page)."""
    table: str
    row: Optional[str]
    column: Optional[str]
    page: Optional[int]
    bbox: Optional[list] = None

    def to_json(self) -> dict:
        out = {"table": self.table, "row": self.row, "column": self.column, "page": self.page}
        if self.bbox:
            out["bbox"] = self.bbox
        return out


@dataclass
class Check:
    id: str
    rule: str
    status: str
    lhs: Optional[Decimal] = None
    rhs: Optional[Decimal] = None
    tolerance: Optional[Decimal] = None
    tables: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    message: Optional[str] = None
    unit: Optional[str] = None
    sentence: Optional[str] = None
    cells: list[Cell] = field(default_factory=list)

    @property
    def difference(self) -> Optional[Decimal]:
        return None if self.lhs is None or self.rhs is None else self.lhs - self.rhs

    def to_json(self) -> dict:
        out: dict[str, Any] = {
            "id": self.id, "rule": self.rule, "status": self.status, "lhs": _num(self.lhs),
            "rhs": _num(self.rhs), "difference": _num(self.difference), "tolerance": _num(self.tolerance),
            "tables": self.tables, "pages": sorted(set(p for p in self.pages if p is not None)),
            "message": self.message}
        if self.unit is not None:
            out["unit"] = self.unit
        if self.sentence is not None:
            out["sentence"] = self.sentence
        if self.cells:
            out["cells"] = [c.to_json() for c in self.cells]
        return out


def _num(value: Optional[Decimal]):
    """A decimal as a JSON number keeping its printed places (written exactly by the writer)."""
    if value is None:
        return None
    from fujian.normalize.records import Amount

    return Amount(format(value, "f"))


def compare(check_id: str, rule: str, lhs: Optional[Decimal], rhs: Optional[Decimal], terms: int,
            decimals: Optional[int] = None, relation: str = "=", **kw) -> Check:
    """The check of `lhs relation rhs`: pass when it holds exactly, rounding when it holds to
    half a unit of the printed precision per term, fail otherwise, not applicable when a side
    is missing (fail closed: a missing figure is never taken as 0)."""
    if lhs is None or rhs is None:
        return Check(check_id, rule, NOT_APPLICABLE, lhs, rhs, **kw)
    tolerance = half_unit((lhs, rhs), decimals) * max(1, terms)
    diff = lhs - rhs
    if relation == "<=":
        status = PASS if diff <= 0 else ROUNDING if diff <= tolerance else FAIL
    else:
        status = PASS if diff == 0 else ROUNDING if abs(diff) <= tolerance else FAIL
    message = kw.pop("message", None)
    if status == FAIL and message is None:
        message = f"{rule}: {format(lhs, 'f')} {'≠' if relation == '=' else '>'} {format(rhs, 'f')}" \
                  f" (difference {format(diff, 'f')})"
    return Check(check_id, rule, status, lhs, rhs, tolerance, message=message, **kw)
