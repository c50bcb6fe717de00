"""Checks: the arithmetic and the completeness a bundle must satisfy, run on the typed records
after normalising (docs/SPEC.md "Checks"). The identities are data (rules.py); each kind of
comparison has its evaluator: table_rules.py (inside a table), cross_tables.py (across tables),
completeness.py, narrative_claims.py (what the 说明 states against the tables).

    checks = run_checks(doc)   # doc: the per-document JSON dict; → [Check]
"""
from __future__ import annotations

from .model import FAIL, NOT_APPLICABLE, PASS, ROUNDING, Check


def run_checks(doc: dict) -> list[Check]:
    from .completeness import completeness_checks
    from .cross_tables import cross_checks
    from .narrative_claims import narrative_checks
    from .table_rules import table_checks

    tables = doc.get("budget_tables") or []
    checks: list[Check] = []
    for table in tables:
        checks.extend(table_checks(table))
    checks.extend(cross_checks(tables))
    checks.extend(completeness_checks(doc))
    checks.extend(narrative_checks(doc))
    return checks


def narrative_warnings(doc: dict) -> list[dict]:
    from .narrative_claims import narrative_year_warnings

    return narrative_year_warnings(doc)


def failed_check_warnings(checks: list[Check]) -> list[dict]:
    """Every failed check is also a warning (docs/SPEC.md)."""
    return [{"code": "check_failed", "message": (c.message or c.rule)[:2000], "page": min(c.pages) if c.pages else None,
             "project_seq": None, "check": c.id} for c in checks if c.status == FAIL]


__all__ = ["run_checks", "failed_check_warnings", "narrative_warnings", "Check", "PASS", "ROUNDING", "FAIL", "NOT_APPLICABLE"]
