"""Score an extraction against an expected JSON the way ../shared/score.py does: header-field
accuracy (title, the SPEC header fields, extra_fields) and indicator precision/recall over the
multiset of (level1_code, level1, level2_code, level2, level3, target)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

HEADER = ("table_title", "amount_unit", "project_name", "department", "implementing_unit",
          "project_type", "duration", "managing_office", "annual_amount", "overall_goal", "extra_fields")
INDICATOR = ("level1_code", "level1", "level2_code", "level2", "level3", "target")


@dataclass
class Score:
    fields: int = 0
    fields_ok: int = 0
    indicators_found: int = 0  # true positives
    indicators_predicted: int = 0
    indicators_expected: int = 0
    differences: list[str] = field(default_factory=list)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.fields + other.fields, self.fields_ok + other.fields_ok,
                     self.indicators_found + other.indicators_found,
                     self.indicators_predicted + other.indicators_predicted,
                     self.indicators_expected + other.indicators_expected,
                     self.differences + other.differences)

    @property
    def field_accuracy(self) -> float:
        return self.fields_ok / self.fields if self.fields else 0.0

    @property
    def f1(self) -> float:
        p = self.indicators_found / self.indicators_predicted if self.indicators_predicted else 0.0
        r = self.indicators_found / self.indicators_expected if self.indicators_expected else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-6
    return a == b


def score(pred: dict, exp: dict) -> Score:
    s = Score(fields=1)
    if _same(pred.get("title"), exp.get("title")):
        s.fields_ok += 1
    else:
        s.differences.append(f"title {pred.get('title')!r} != {exp.get('title')!r}")
    pp, ep = pred.get("projects") or [], exp.get("projects", [])
    for i, e in enumerate(ep):
        p = pp[i] if i < len(pp) and isinstance(pp[i], dict) else {}
        for k in HEADER:
            empty = {} if k == "extra_fields" else None
            s.fields += 1
            if _same(p.get(k, empty), e.get(k, empty)):
                s.fields_ok += 1
            else:
                s.differences.append(f"project {i + 1} {k}: {p.get(k, empty)!r} != {e.get(k, empty)!r}")
        got = Counter(tuple(x.get(k) for k in INDICATOR) for x in p.get("indicators") or [])
        want = Counter(tuple(x.get(k) for k in INDICATOR) for x in e.get("indicators", []))
        s.indicators_found += sum((got & want).values())
        s.indicators_predicted += sum(got.values())
        s.indicators_expected += sum(want.values())
        s.differences += [f"project {i + 1} missing {t}" for t in (want - got).elements()]
        s.differences += [f"project {i + 1} unexpected {t}" for t in (got - want).elements()]
    for extra in pp[len(ep):]:
        s.indicators_predicted += len(extra.get("indicators") or []) if isinstance(extra, dict) else 0
    if len(pp) != len(ep):
        s.differences.append(f"{len(pp)} projects, expected {len(ep)}")
    return s
