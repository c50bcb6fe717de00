"""One per-document JSON (SPEC.md) → the rows it becomes in each table. No database here.

Tolerant of what the contract leaves optional (source, pages, page, bbox, target_parsed, extra,
raw, tool, warnings, tables); strict about its shape (an object with a "projects" list of
objects), raising DocumentError with a message naming the problem.

When an indicator carries no `target_parsed`, its target is parsed here with the pipeline's own
parser (fujian.audit.targets.parse_target) and marked target_parsed_by = "loader".
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Optional

from fujian.db.amount_units import to_wanyuan

# Top-level keys that change on every run without the data changing; left out of content_sha256.
VOLATILE_KEYS = frozenset({"extracted_at"})

DOCUMENT_KEYS = {"schema_version", "source", "title", "projects", "tables", "warnings", "tool",
                 "extracted_at", "document", "budget_tables", "checks", "narrative"}
PROJECT_TEXT_KEYS = ("table_title", "project_name", "department", "implementing_unit",
                     "project_type", "duration", "managing_office", "overall_goal")
PROJECT_KEYS = set(PROJECT_TEXT_KEYS) | {"seq", "pages", "page", "bbox", "amount_unit",
                                         "annual_amount", "extra_fields", "indicators"}
INDICATOR_TEXT_KEYS = ("level1_code", "level1", "level2_code", "level2", "level3", "target")
INDICATOR_KEYS = set(INDICATOR_TEXT_KEYS) | {"target_parsed", "page", "bbox", "extra", "raw"}

COMPARATOR_SYNONYMS = {
    "≥": ">=", "=>": ">=", "≤": "<=", "=<": "<=", "==": "=", "＝": "=", "＞": ">", "＜": "<",
    "between": "range",
}


class DocumentError(ValueError):
    """The JSON is not a per-document JSON as SPEC.md describes; str() says why."""


@dataclass
class ProjectRows:
    project: dict
    indicators: list[dict] = field(default_factory=list)


@dataclass
class BudgetTableRows:
    table: dict
    rows: list[dict] = field(default_factory=list)  # each with its "values": [value rows]


@dataclass
class DocumentRows:
    document: dict
    projects: list[ProjectRows]
    warnings: list[dict]
    other_tables: list[dict]
    budget_tables: list[BudgetTableRows] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    narrative: list[dict] = field(default_factory=list)

    @property
    def indicator_count(self) -> int:
        return sum(len(p.indicators) for p in self.projects)


def content_sha256(doc: dict) -> str:
    stable = {k: v for k, v in doc.items() if k not in VOLATILE_KEYS}
    text = json.dumps(stable, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_rows(doc: Any, file: str, *, modified_at: Optional[datetime] = None,
                  loaded_at: Optional[datetime] = None,
                  parse_target: Optional[Callable[[str], Optional[dict]]] = None,
                  content_hash: Optional[str] = None) -> DocumentRows:
    """The rows for the document stored as `file` (the input's path relative to OUT).

    `modified_at` (the JSON file's mtime) stands in for a missing "extracted_at".
    """
    if not isinstance(doc, dict):
        raise DocumentError("the JSON is not an object")
    if not isinstance(doc.get("projects"), list):
        raise DocumentError('no "projects" list: not a per-document JSON')
    if parse_target is None:
        parse_target = _default_target_parser()
    source = doc.get("source") if isinstance(doc.get("source"), dict) else {}
    tool = doc.get("tool") if isinstance(doc.get("tool"), dict) else {}
    identity = doc.get("document") if isinstance(doc.get("document"), dict) else {}
    document = {
        "file": file,
        "source_file": _text(source.get("file")),
        "sha256": _text(source.get("sha256")),
        "content_sha256": content_hash or content_sha256(doc),
        "format": _text(source.get("format")),
        "title": _text(doc.get("title")),
        "pages": _int(source.get("pages")),
        "schema_version": _int(doc.get("schema_version")),
        "extracted_at": _timestamp(doc.get("extracted_at")) or modified_at,
        "tool_name": _text(tool.get("name")),
        "tool_version": _text(tool.get("version")),
        "doc_kind": _text(identity.get("kind")),
        "doc_year": _int(identity.get("year")),
        "organization": _text(identity.get("organization")),
        "doc_level": _text(identity.get("level")),
        "loaded_at": loaded_at or datetime.now(timezone.utc),
        "other_keys": _others(doc, DOCUMENT_KEYS),
    }
    projects = []
    seen_seq: set[int] = set()
    for position, p in enumerate(doc["projects"], start=1):
        if not isinstance(p, dict):
            raise DocumentError(f"project #{position} is not an object")
        rows = _project_rows(p, position, parse_target)
        seq = rows.project["seq"]
        if seq in seen_seq:
            raise DocumentError(f"two projects have seq {seq}")
        seen_seq.add(seq)
        projects.append(rows)
    return DocumentRows(document=document, projects=projects,
                        warnings=_warning_rows(doc.get("warnings")),
                        other_tables=_table_rows(doc.get("tables")),
                        budget_tables=_budget_table_rows(doc.get("budget_tables")),
                        checks=_check_rows(doc.get("checks")),
                        narrative=_narrative_rows(doc.get("narrative")))


def _budget_table_rows(tables: Any) -> list[BudgetTableRows]:
    out = []
    for position, t in enumerate(tables or [], start=1):
        if not isinstance(t, dict):
            raise DocumentError(f"budget table #{position} is not an object")
        unit = _text(t.get("unit"))
        table = {"position": position, "kind": _text(t.get("kind")) or "other", "title": _text(t.get("title")),
                 "unit": unit, "pages": t.get("pages") if isinstance(t.get("pages"), list) else None,
                 "columns": t.get("columns") if isinstance(t.get("columns"), list) else None,
                 "note": _text(t.get("note")), "empty": bool(t.get("empty"))}
        rows = []
        for rpos, r in enumerate(t.get("rows") or [], start=1):
            if not isinstance(r, dict):
                raise DocumentError(f"budget table #{position}: row #{rpos} is not an object")
            raw = r.get("raw") if isinstance(r.get("raw"), dict) else {}
            values = r.get("values") if isinstance(r.get("values"), dict) else {}
            rows.append({
                "position": rpos, "code": _text(r.get("code")), "level": _text(r.get("level")),
                "name": _text(r.get("name")), "group_label": _text(r.get("group")),
                "side": _text(r.get("side")), "panel": _int(r.get("panel")), "page": _int(r.get("page")),
                "values": [{"column_id": str(k), "value": _decimal(v),
                            "value_wanyuan": to_wanyuan(_decimal(v), unit), "raw": _text(raw.get(k))}
                           for k, v in values.items()],
            })
        out.append(BudgetTableRows(table, rows))
    return out


def _check_rows(checks: Any) -> list[dict]:
    rows = []
    for position, c in enumerate(checks or [], start=1):
        if not isinstance(c, dict):
            continue
        rows.append({"position": position, "check_id": _text(c.get("id")) or "?",
                     "status": _text(c.get("status")) or "?", "rule": _text(c.get("rule")),
                     **{k: _decimal(c.get(k)) for k in ("lhs", "rhs", "difference", "tolerance")},
                     "unit": _text(c.get("unit")), "tables": c.get("tables"), "pages": c.get("pages"),
                     "message": _text(c.get("message")), "sentence": _text(c.get("sentence"))})
    return rows


def _narrative_rows(paragraphs: Any) -> list[dict]:
    return [{"position": i, "page": _int(p.get("page")), "heading": _text(p.get("heading")),
             "text": _text(p.get("text"))}
            for i, p in enumerate(paragraphs or [], start=1) if isinstance(p, dict)]


def _project_rows(p: dict, position: int, parse_target) -> ProjectRows:
    seq = _int(p.get("seq"))
    pages = p.get("pages") if isinstance(p.get("pages"), list) else None
    amount = _decimal(p.get("annual_amount"))
    unit = _text(p.get("amount_unit"))
    others = _others(p, PROJECT_KEYS)
    if amount is None and p.get("annual_amount") is not None:
        others = {**(others or {}), "annual_amount": p.get("annual_amount")}
    project = {k: _text(p.get(k)) for k in PROJECT_TEXT_KEYS}
    project.update({
        "seq": position if seq is None else seq,
        "annual_amount": amount,
        "amount_unit": unit,
        "annual_amount_wanyuan": to_wanyuan(amount, unit),
        "extra_fields": p.get("extra_fields") if isinstance(p.get("extra_fields"), dict) else None,
        "pages": pages,
        "page": _int(p.get("page")) or (_int(pages[0]) if pages else None),
        "bbox": p.get("bbox"),
        "other_keys": others,
    })
    indicators = p.get("indicators")
    indicators = [] if indicators is None else indicators
    if not isinstance(indicators, list):
        raise DocumentError(f"project seq {project['seq']}: \"indicators\" is not a list")
    rows = ProjectRows(project=project)
    for ipos, ind in enumerate(indicators, start=1):
        if not isinstance(ind, dict):
            raise DocumentError(f"project seq {project['seq']}: indicator #{ipos} is not an object")
        rows.indicators.append(_indicator_row(ind, ipos, parse_target))
    return rows


def _indicator_row(ind: dict, position: int, parse_target) -> dict:
    row = {k: _text(ind.get(k)) for k in INDICATOR_TEXT_KEYS}
    if "target_parsed" in ind:
        parsed = ind["target_parsed"] if isinstance(ind["target_parsed"], dict) else None
        parsed_by = "pipeline"
    elif row["target"] is not None and parse_target is not None:
        parsed = parse_target(row["target"])
        parsed_by = "loader"
    else:
        parsed, parsed_by = None, None
    parsed = parsed or {}
    comparator = _text(parsed.get("comparator"))
    row.update({
        "position": position,
        "comparator": COMPARATOR_SYNONYMS.get(comparator, comparator),
        "value": _decimal(parsed.get("value")),
        "low": _decimal(parsed.get("low")),
        "high": _decimal(parsed.get("high")),
        "unit": _text(parsed.get("unit")),
        "qualifier": _text(parsed.get("qualifier")),
        "target_parsed": parsed or None,
        "target_parsed_by": parsed_by if parsed else None,
        "page": _int(ind.get("page")),
        "bbox": ind.get("bbox"),
        "extra": ind.get("extra") if isinstance(ind.get("extra"), dict) else None,
        "raw": ind.get("raw"),
        "other_keys": _others(ind, INDICATOR_KEYS),
    })
    return row


def _warning_rows(warnings: Any) -> list[dict]:
    rows = []
    for position, w in enumerate(warnings or [], start=1):
        if not isinstance(w, dict):
            w = {"message": w}
        rows.append({"position": position, "project_seq": _int(w.get("project_seq")),
                     "code": _text(w.get("code")), "message": _text(w.get("message")),
                     "page": _int(w.get("page"))})
    return rows


def _table_rows(tables: Any) -> list[dict]:
    rows = []
    for position, t in enumerate(tables or [], start=1):
        t = t if isinstance(t, dict) else {"rows": t}
        rows.append({"position": position, "page": _int(t.get("page")), "rows": t.get("rows")})
    return rows


def _default_target_parser():
    try:
        from fujian.audit.targets import parse_target
    except ImportError:
        return None
    return parse_target


def _others(obj: dict, known: set) -> Optional[dict]:
    rest = {k: v for k, v in obj.items() if k not in known}
    return rest or None


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def _int(value: Any) -> Optional[int]:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _decimal(value: Any) -> Optional[Decimal]:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _timestamp(value: Any) -> Optional[datetime]:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
