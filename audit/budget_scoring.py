"""Scoring `budget_tables` (and `checks`) of an extraction against an expected file.

    s = score_budget_tables(predicted_doc, expected_doc)
    s.kind_recall, s.unit_accuracy, s.row_f1, s.value_accuracy, s.differences

Tables are matched by kind, in printed order (the n-th `revenue` table with the n-th);
rows within a matched table by their identity (side, panel, code, level, name), in order;
values by column id, compared as exact decimals (an expected null must be null). Used by
bench/score_budget_tables.py and the tests.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional


@dataclass
class BudgetScore:
    tables_expected: int = 0
    tables_found: int = 0  # expected tables matched by kind
    tables_predicted: int = 0
    units_ok: int = 0
    pages_ok: int = 0
    titles_ok: int = 0
    columns_ok: int = 0
    rows_expected: int = 0
    rows_predicted: int = 0
    rows_matched: int = 0
    values: int = 0
    values_ok: int = 0
    checks_expected: int = 0
    checks_ok: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def kind_recall(self) -> float:
        return self.tables_found / self.tables_expected if self.tables_expected else 1.0

    @property
    def unit_accuracy(self) -> float:
        return self.units_ok / self.tables_found if self.tables_found else 1.0

    @property
    def row_f1(self) -> float:
        if not self.rows_expected and not self.rows_predicted:
            return 1.0
        p = self.rows_matched / self.rows_predicted if self.rows_predicted else 0.0
        r = self.rows_matched / self.rows_expected if self.rows_expected else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.values_ok / self.values if self.values else 1.0

    @property
    def exact(self) -> bool:
        return not self.differences

    def add(self, other: "BudgetScore") -> None:
        for name in ("tables_expected", "tables_found", "tables_predicted", "units_ok", "pages_ok",
                     "titles_ok", "columns_ok", "rows_expected", "rows_predicted", "rows_matched",
                     "values", "values_ok", "checks_expected", "checks_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.differences += other.differences

    def summary(self) -> str:
        return (f"tables {self.tables_found}/{self.tables_expected} (kind recall {self.kind_recall:.3f}, "
                f"{self.tables_predicted} predicted); unit {self.unit_accuracy:.3f}; "
                f"pages {self.pages_ok}/{self.tables_found}; columns {self.columns_ok}/{self.tables_found}; "
                f"rows F1 {self.row_f1:.4f} ({self.rows_matched}/{self.rows_expected} expected, "
                f"{self.rows_predicted} predicted); values {self.values_ok}/{self.values} "
                f"= {self.value_accuracy:.4f}"
                + (f"; checks {self.checks_ok}/{self.checks_expected}" if self.checks_expected else ""))


def _dec(v) -> Optional[Decimal]:
    return None if v is None else Decimal(str(v))


def row_key(row: dict) -> tuple:
    return (row.get("side"), row.get("panel"), row.get("code"), row.get("level"), row.get("name"))


def _by_kind(tables: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for t in tables:
        out[t.get("kind")].append(t)
    return out


def score_budget_tables(predicted: dict, expected: dict, label: str = "") -> BudgetScore:
    s = BudgetScore()
    exp_tables = expected.get("budget_tables") or []
    pred_tables = predicted.get("budget_tables") or []
    s.tables_expected, s.tables_predicted = len(exp_tables), len(pred_tables)
    pred_by_kind = _by_kind(pred_tables)
    used: dict[str, int] = defaultdict(int)
    for et in exp_tables:
        kind = et.get("kind")
        name = f"{label}{kind} {et.get('title')!r}"
        candidates = pred_by_kind.get(kind, [])
        if used[kind] >= len(candidates):
            s.differences.append(f"{name}: not found")
            s.rows_expected += len(et.get("rows") or [])
            s.values += sum(len(r.get("values") or {}) for r in et.get("rows") or [])
            continue
        pt = candidates[used[kind]]
        used[kind] += 1
        s.tables_found += 1
        _score_table(pt, et, name, s)
    for kind, tables in pred_by_kind.items():
        for pt in tables[used[kind]:]:
            s.differences.append(f"{label}{kind} {pt.get('title')!r}: predicted, not expected")
            s.rows_predicted += len(pt.get("rows") or [])
    if "checks" in expected:
        _score_checks(predicted.get("checks") or [], expected["checks"], label, s)
    return s


def _score_table(pt: dict, et: dict, name: str, s: BudgetScore) -> None:
    for key, counter in (("unit", "units_ok"), ("pages", "pages_ok"), ("title", "titles_ok")):
        if pt.get(key) == et.get(key):
            setattr(s, counter, getattr(s, counter) + 1)
        else:
            s.differences.append(f"{name}: {key} {pt.get(key)!r}, expected {et.get(key)!r}")
    exp_cols = [(c.get("id"), c.get("side"), c.get("panel")) for c in et.get("columns") or []]
    pred_cols = [(c.get("id"), c.get("side"), c.get("panel")) for c in pt.get("columns") or []]
    if exp_cols == pred_cols:
        s.columns_ok += 1
    else:
        s.differences.append(f"{name}: columns {pred_cols}, expected {exp_cols}")
    for key in ("note", "empty", "number"):
        if key in et and pt.get(key) != et.get(key):
            s.differences.append(f"{name}: {key} {pt.get(key)!r}, expected {et.get(key)!r}")
    exp_rows, pred_rows = et.get("rows") or [], pt.get("rows") or []
    s.rows_expected += len(exp_rows)
    s.rows_predicted += len(pred_rows)
    available: dict[tuple, list[dict]] = defaultdict(list)
    for r in pred_rows:
        available[row_key(r)].append(r)
    for er in exp_rows:
        values = er.get("values") or {}
        s.values += len(values)
        matches = available.get(row_key(er))
        if not matches:
            s.differences.append(f"{name}: row {row_key(er)} missing")
            continue
        pr = matches.pop(0)
        s.rows_matched += 1
        for col, ev in values.items():
            pv = (pr.get("values") or {}).get(col, "absent")
            if pv != "absent" and _dec(pv) == _dec(ev):
                s.values_ok += 1
            else:
                s.differences.append(f"{name}: row {row_key(er)} {col} = {pv!r}, expected {ev!r}")
    for key, rest in available.items():
        for _ in rest:
            s.differences.append(f"{name}: row {key} predicted, not expected")


def _score_checks(pred: list[dict], exp: list[dict], label: str, s: BudgetScore) -> None:
    """`exp` lists the checks that must fail (`{"id", "status": "fail"}`, optionally with `lhs`,
    `rhs`): each must be among the predicted failures, and no other check may fail. An
    unaltered bundle's expected `checks` is `[]`."""
    failed: dict[str, list[dict]] = defaultdict(list)
    for c in pred:
        if c.get("status") == "fail":
            failed[c.get("id")].append(c)
    for ec in exp:
        s.checks_expected += 1
        found = failed.get(ec.get("id"))
        if not found:
            s.differences.append(f"{label}check {ec.get('id')}: expected to fail, did not")
            continue
        match = next((c for c in found if all(_dec(c.get(k)) == _dec(ec.get(k)) for k in ("lhs", "rhs") if k in ec)),
                     None)
        if match is None:
            s.differences.append(f"{label}check {ec.get('id')}: fails, but not with lhs/rhs "
                                 f"{ec.get('lhs')}/{ec.get('rhs')} ({[(c.get('lhs'), c.get('rhs')) for c in found]})")
            continue
        found.remove(match)
        s.checks_ok += 1
    for check_id, rest in failed.items():
        for c in rest:
            s.differences.append(f"{label}check {check_id}: failed unexpectedly ({(c.get('message') or '')[:120]})")
