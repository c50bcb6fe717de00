"""Consistency checks on one per-document JSON; warnings in the SPEC shape.

`validate_document(doc)` → `[{"code", "message", "page", "project_seq"}, …]`.
Each rule is a small function taking a project (or the document) and yielding warnings.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from .cost_check import check_costs

REQUIRED_FIELDS = {
    "project_name": "项目名称",
    "department": "主管部门",
    "annual_amount": "项目年度金额",
    "overall_goal": "年度总体绩效目标",
}

# Warning codes, one per rule.
MISSING_FIELD = "missing_field"
LEVEL_CODE_MISMATCH = "level_code_mismatch"
LEVEL_NAME_MISMATCH = "level_name_mismatch"
DUPLICATE_PROJECT = "duplicate_project_name"
MISSING_TARGET = "missing_target"
MISSING_OUTPUT_BLOCK = "missing_output_block"
MISSING_SATISFACTION_BLOCK = "missing_satisfaction_block"
COST_MISMATCH = "cost_mismatch"


def _warning(code: str, message: str, page: int | None, project_seq: int | None,
             indicator_index: int | None = None) -> dict:
    return {"code": code, "message": message, "page": page, "project_seq": project_seq,
            "indicator_index": indicator_index}


def _project_page(project: dict) -> int | None:
    pages = project.get("pages") or []
    if pages:
        return pages[0]
    return project.get("page")


def _indicator_page(project: dict, ind: dict) -> int | None:
    return ind.get("page") if ind.get("page") is not None else _project_page(project)


def _label(project: dict) -> str:
    return f"project {project.get('seq', '?')} 「{project.get('project_name') or '(no name)'}」"


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# a department's whole-expenditure form has no project: its name is not missing
NOT_REQUIRED_BY_FORM = {"department_target": {"project_name"}}


def check_required_fields(project: dict) -> Iterator[dict]:
    skip = NOT_REQUIRED_BY_FORM.get(project.get("form"), set())
    for key, label in REQUIRED_FIELDS.items():
        if key in skip:
            continue
        if _is_blank(project.get(key)):
            yield _warning(
                MISSING_FIELD,
                f"{_label(project)}: {label} ({key}) is missing",
                _project_page(project),
                project.get("seq"),
            )


def check_level_codes(project: dict) -> Iterator[dict]:
    for index, ind in enumerate(project.get("indicators") or []):
        code1, code2 = ind.get("level1_code"), ind.get("level2_code")
        if code1 is None or code2 is None:
            continue
        if not (str(code2).startswith(str(code1)) and len(str(code2)) > len(str(code1))):
            yield _warning(
                LEVEL_CODE_MISMATCH,
                f"{_label(project)}: level-2 indicator {code2}-{ind.get('level2')} does not belong "
                f"to level-1 indicator {code1}-{ind.get('level1')}",
                _indicator_page(project, ind),
                project.get("seq"),
                index,
            )


# Which level-1 blocks a level-2 name may sit under (both layouts: 14-成本指标 under 产出指标,
# and 经济成本指标 under a level-1 成本指标).
LEVEL1_FAMILIES = ("产出", "效益", "满意度", "成本")


def _allowed_level1(level2: str) -> set[str] | None:
    if "成本" in level2:
        return {"产出", "成本"}
    if "满意" in level2:
        return {"满意度"}
    if "效益" in level2 or "可持续" in level2:
        return {"效益"}
    if any(w in level2 for w in ("数量", "质量", "时效")):
        return {"产出"}
    return None


def check_level_names(project: dict) -> Iterator[dict]:
    """A level-2 name from another block (社会效益 under 产出指标): a misread merged cell."""
    for index, ind in enumerate(project.get("indicators") or []):
        level1, level2 = ind.get("level1") or "", ind.get("level2") or ""
        family = next((f for f in LEVEL1_FAMILIES if f in level1), None)
        allowed = _allowed_level1(level2)
        if family is None or allowed is None or family in allowed:
            continue
        yield _warning(
            LEVEL_NAME_MISMATCH,
            f"{_label(project)}: level-2 indicator {level2} does not belong under level-1 indicator {level1}",
            _indicator_page(project, ind),
            project.get("seq"),
            index,
        )


def check_missing_targets(project: dict) -> Iterator[dict]:
    for index, ind in enumerate(project.get("indicators") or []):
        if not _is_blank(ind.get("level3")) and _is_blank(ind.get("target")):
            yield _warning(
                MISSING_TARGET,
                f"{_label(project)}: level-3 indicator 「{ind['level3']}」 has no target (绩效值)",
                _indicator_page(project, ind),
                project.get("seq"),
                index,
            )


def _has_block(project: dict, word: str) -> bool:
    return any(
        word in (ind.get("level1") or "") or word in (ind.get("level2") or "")
        for ind in project.get("indicators") or []
    )


def check_blocks(project: dict) -> Iterator[dict]:
    for word, code in (("产出", MISSING_OUTPUT_BLOCK), ("满意度", MISSING_SATISFACTION_BLOCK)):
        if not _has_block(project, word):
            yield _warning(
                code,
                f"{_label(project)}: no {word}指标 block",
                _project_page(project),
                project.get("seq"),
            )


def _amount(yuan: float, unit: str) -> str:
    factor = {"元": 1, "千元": 1_000, "万元": 10_000, "亿元": 100_000_000}[unit]
    return f"{yuan / factor:g}{unit}"


def check_cost_agreement(project: dict) -> Iterator[dict]:
    mismatch = check_costs(project)
    if mismatch is None:
        return
    unit = project.get("amount_unit")
    ind = (project.get("indicators") or [])[mismatch.indicator_index]
    bound = {"=": "", "<=": "at most ", "<": "below ", ">=": "at least ", ">": "above "}.get(mismatch.comparator, "")
    yield _warning(
        COST_MISMATCH,
        f"{_label(project)}: 成本指标 {mismatch.explanation} = {bound}{_amount(mismatch.computed_yuan, unit)}, "
        f"but the annual amount is {project.get('annual_amount')}{unit} (more than 10% off)",
        _indicator_page(project, ind),
        project.get("seq"),
        mismatch.indicator_index,
    )


PROJECT_RULES = (
    check_required_fields,
    check_level_codes,
    check_level_names,
    check_missing_targets,
    check_blocks,
    check_cost_agreement,
)


def check_duplicate_names(projects: list[dict]) -> Iterator[dict]:
    counts = Counter(p.get("project_name") for p in projects if not _is_blank(p.get("project_name")))
    for project in projects:
        name = project.get("project_name")
        if counts.get(name, 0) > 1:
            others = [p.get("seq") for p in projects if p.get("project_name") == name and p is not project]
            yield _warning(
                DUPLICATE_PROJECT,
                f"{_label(project)}: same name as project {', '.join(str(s) for s in others)}",
                _project_page(project),
                project.get("seq"),
            )


def validate_document(doc: dict) -> list[dict]:
    """All warnings for one per-document JSON (never raises on a malformed document)."""
    return [
        {k: w[k] for k in ("code", "message", "page", "project_seq")}
        for w in validate_document_detailed(doc)
    ]


def validate_document_detailed(doc: dict) -> list[dict]:
    """Like validate_document, each warning also naming its `indicator_index` (or None)."""
    projects = doc.get("projects") if isinstance(doc, dict) else None
    if not isinstance(projects, list):
        return [_warning("no_projects", "the document has no projects list", None, None)]
    cleaned = [_clean_project(p) for p in projects if isinstance(p, dict)]
    warnings: list[dict] = []
    for project in cleaned:
        for rule in PROJECT_RULES:
            warnings.extend(rule(project))
    warnings.extend(check_duplicate_names(cleaned))
    return warnings


TEXT_KEYS = ("level1_code", "level1", "level2_code", "level2", "level3", "target")


def _as_text(value):
    return None if value is None else value if isinstance(value, str) else str(value)


def _clean_project(project: dict) -> dict:
    """A copy the rules can trust: indicator texts are str or None, pages ints, unit a str."""
    clean = dict(project)
    indicators = project.get("indicators")
    clean["indicators"] = [
        {**ind, **{k: _as_text(ind.get(k)) for k in TEXT_KEYS},
         "extra": ind.get("extra") if isinstance(ind.get("extra"), dict) else None}
        for ind in (indicators if isinstance(indicators, list) else [])
        if isinstance(ind, dict)
    ]
    for ind in clean["indicators"]:
        if not isinstance(ind.get("page"), int) or isinstance(ind.get("page"), bool):
            ind["page"] = None
    pages = project.get("pages")
    clean["pages"] = [n for n in pages if isinstance(n, int)] if isinstance(pages, list) else []
    if not isinstance(project.get("page"), int) or isinstance(project.get("page"), bool):
        clean["page"] = None
    if not isinstance(project.get("amount_unit"), str):
        clean["amount_unit"] = None
    name = project.get("project_name")
    clean["project_name"] = name if isinstance(name, (str, type(None))) else str(name)
    return clean


