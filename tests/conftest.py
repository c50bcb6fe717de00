"""Shared test helpers: paths to the committed samples and a scorer like ../shared/score.py."""
import json
from pathlib import Path

import pytest

from fujian.audit.scoring import score as score_against

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def score(pred: dict, exp: dict) -> list[str]:
    """The differences ../shared/score.py reports; an empty list is a 100% score."""
    return score_against(pred, exp).differences


@pytest.fixture
def scorer():
    return score


def load_json(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@pytest.fixture
def read_json():
    return load_json
