"""fujian.audit.scoring counts exactly what ../shared/score.py counts."""
import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fujian.audit.scoring import score

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = json.loads((ROOT / "samples" / "pingluo-rd-2025.expected.json").read_text(encoding="utf-8"))


def mutated() -> dict:
    doc = copy.deepcopy(EXPECTED)
    doc["projects"][0]["duration"] = "2年"
    doc["projects"][1]["indicators"].pop(3)
    doc["projects"][2]["indicators"][0]["target"] = "3次"
    doc["projects"][3]["extra_fields"] = {"其中：财政拨款": "20"}
    return doc


def test_identical_scores_100_percent():
    s = score(EXPECTED, EXPECTED)
    assert (s.fields_ok, s.fields, s.f1, s.differences) == (67, 67, 1.0, [])


def test_counts_each_kind_of_difference():
    s = score(mutated(), EXPECTED)
    assert (s.fields_ok, s.fields) == (65, 67)
    assert (s.indicators_found, s.indicators_predicted, s.indicators_expected) == (53, 54, 55)
    assert len(s.differences) == 2 + 2 + 1  # two fields, two missing, one unexpected


def test_agrees_with_the_shared_score_script(tmp_path):
    # the project's reference scorer (../shared/score.py), committed as a test fixture
    script = Path(__file__).resolve().parent / "fixtures" / "shared_score.py"
    pred, exp = tmp_path / "pred.json", tmp_path / "exp.json"
    pred.write_text(json.dumps(mutated(), ensure_ascii=False), encoding="utf-8")
    exp.write_text(json.dumps(EXPECTED, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(pred), str(exp)], capture_output=True, text=True).stdout
    fields = re.search(r"header fields (\d+)/(\d+)", out).groups()
    f1 = float(re.search(r"F1 ([\d.]+)", out).group(1))
    s = score(mutated(), EXPECTED)
    assert (int(fields[0]), int(fields[1])) == (s.fields_ok, s.fields)
    assert f1 == pytest.approx(s.f1, abs=1e-4)
