"""Build the expected JSON (SPEC.md shape) of one sample from the content data and the
page numbers its renderer reports."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from content import Department, Indicator, Project


@dataclass
class Placement:
    """Where a renderer put one project: its pages and the page of each indicator row."""

    pages: list[int]
    indicator_pages: list[int]


@dataclass
class Rendered:
    """What a renderer hands back besides the PDF file."""

    department: Department
    placements: list[Placement]
    n_pages: int
    tables: list[dict] = field(default_factory=list)  # non-target tables, SPEC `tables`


def split_label(label: str) -> tuple[str | None, str]:
    """`1-产出指标` -> ("1", "产出指标"); `产出指标` -> (None, "产出指标")."""
    m = re.match(r"^(\d+)-(.+)$", label)
    return (m.group(1), m.group(2)) if m else (None, label)


def parse_amount(printed: str) -> int | float:
    value = float(printed.replace(",", ""))
    return int(value) if value.is_integer() else value


# docs/SPEC.md: the money labels of the header block fill `funding` (never extra_fields)
FUNDING_LABELS = {"其中：财政拨款": "fiscal", "财政拨款": "fiscal", "其中：当年财政拨款": "fiscal",
                  "其中：财政资金": "fiscal", "其中：其他资金": "other", "其他资金": "other",
                  "上年结转资金": "carryover", "其中：上年结转资金": "carryover", "项目资金总额": "total"}


def split_funding(extra_fields: dict) -> tuple[dict, dict]:
    """(extra_fields without the money labels, funding)."""
    rest, funding = {}, {}
    for label, value in extra_fields.items():
        key = FUNDING_LABELS.get(label)
        if key is None:
            rest[label] = value
        else:
            funding.setdefault(key, parse_amount(value))
    return rest, funding


def joined_target(ind: Indicator) -> str | None:
    """docs/SPEC.md: a target printed in parts (指标性质 · 指标值 · 度量单位) is joined; 定性 adds nothing."""
    extra = dict(ind.extra or {})
    nature = next((extra[k] for k in ("指标性质",) if extra.get(k)), None)
    unit = next((extra[k] for k in ("度量单位", "计量单位") if extra.get(k)), None)
    if ind.target is None or not (nature or unit):
        return ind.target
    prefix = "" if nature in (None, "定性") else nature
    suffix = unit if unit and not ind.target.endswith(unit) else ""
    return (ind.target if ind.target.startswith(prefix) else prefix + ind.target) + suffix


def indicator_json(ind: Indicator, page: int) -> dict:
    c1, n1 = split_label(ind.level1)
    c2, n2 = split_label(ind.level2)
    out = {"level1_code": c1, "level1": n1, "level2_code": c2, "level2": n2,
           "level3": ind.level3, "target": joined_target(ind), "page": page}
    if ind.extra:
        out["extra"] = dict(ind.extra)
    return out


def project_json(dept: Department, seq: int, project: Project, placement: Placement) -> dict:
    extra_fields, funding = split_funding(dict(project.extra_fields))
    out = {
        "seq": seq,
        "pages": placement.pages,
        "table_title": project.table_title,
        "amount_unit": dept.amount_unit,
        "project_name": project.project_name,
        "department": dept.project_value(project, "department"),
        "implementing_unit": dept.project_value(project, "implementing_unit"),
        "project_type": project.project_type,
        "duration": project.duration,
        "managing_office": dept.project_value(project, "managing_office"),
        "annual_amount": parse_amount(project.annual_amount),
        "overall_goal": project.overall_goal,
        "extra_fields": extra_fields,
        "indicators": [indicator_json(i, p) for i, p in zip(project.indicators, placement.indicator_pages)],
    }
    if funding:
        out["funding"] = {**funding, "annual": out["annual_amount"]}
    return out


def document_json(pdf: Path, rendered: Rendered) -> dict:
    dept = rendered.department
    assert len(rendered.placements) == len(dept.projects)
    return {
        "schema_version": 1,
        "source": {"file": pdf.name, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
                   "format": "pdf", "pages": rendered.n_pages},
        "title": dept.title,
        "projects": [project_json(dept, n, p, pl)
                     for n, (p, pl) in enumerate(zip(dept.projects, rendered.placements), start=1)],
        "tables": rendered.tables,
    }
