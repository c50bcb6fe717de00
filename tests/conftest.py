"""Shared test helpers: paths to the committed samples and a scorer like ../shared/score.py."""
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

HEADER = ["table_title", "amount_unit", "project_name", "department", "implementing_unit",
          "project_type", "duration", "managing_office", "annual_amount", "overall_goal", "extra_fields"]
IND = ["level1_code", "level1", "level2_code", "level2", "level3", "target"]


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-6
    return a == b


def score(pred: dict, exp: dict) -> list[str]:
    """The differences ../shared/score.py reports (title, header fields, extra_fields, the
    indicator multiset); an empty list is a 100% score."""
    diffs = []
    if not _same(pred.get("title"), exp.get("title")):
        diffs.append(f"title {pred.get('title')!r} != {exp.get('title')!r}")
    pp, ep = pred.get("projects") or [], exp.get("projects", [])
    for i, e in enumerate(ep):
        p = pp[i] if i < len(pp) else {}
        for k in HEADER:
            empty = {} if k == "extra_fields" else None
            if not _same(p.get(k, empty), e.get(k, empty)):
                diffs.append(f"project {i + 1} {k}: {p.get(k, empty)!r} != {e.get(k, empty)!r}")
        got = Counter(tuple(x.get(k) for k in IND) for x in p.get("indicators") or [])
        want = Counter(tuple(x.get(k) for k in IND) for x in e.get("indicators", []))
        diffs += [f"project {i + 1} missing {t}" for t in (want - got).elements()]
        diffs += [f"project {i + 1} unexpected {t}" for t in (got - want).elements()]
    if len(pp) != len(ep):
        diffs.append(f"{len(pp)} projects, expected {len(ep)}")
    return diffs


@pytest.fixture
def scorer():
    return score


def load_json(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture
def read_json():
    return load_json
