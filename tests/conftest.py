"""Shared test helpers: paths to the committed samples and a scorer like ../shared/score.py."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

HEADER = ["table_title", "amount_unit", "project_name", "department", "implementing_unit",
          "project_type", "duration", "managing_office", "annual_amount", "overall_goal", "extra_fields"]
IND = ["level1_code", "level1", "level2_code", "level2", "level3", "target"]


def score(pred: dict, exp: dict) -> list[str]:
    """Every difference score.py would report (an empty list is a 100% score)."""
    diffs = []
    if pred.get("title") != exp.get("title"):
        diffs.append(f"title {pred.get('title')!r} != {exp.get('title')!r}")
    pp, ep = pred.get("projects", []), exp.get("projects", [])
    if len(pp) != len(ep):
        diffs.append(f"{len(pp)} projects, expected {len(ep)}")
    for i, (p, e) in enumerate(zip(pp, ep), start=1):
        for k in HEADER:
            if p.get(k) != e.get(k, {} if k == "extra_fields" else None):
                diffs.append(f"project {i} {k}: {p.get(k)!r} != {e.get(k)!r}")
        pi = [tuple(x.get(k) for k in IND) for x in p.get("indicators", [])]
        ei = [tuple(x.get(k) for k in IND) for x in e.get("indicators", [])]
        if pi != ei:
            diffs.append(f"project {i} indicators differ: {set(pi) ^ set(ei)}")
    return diffs


@pytest.fixture
def scorer():
    return score


def load_json(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture
def read_json():
    return load_json
