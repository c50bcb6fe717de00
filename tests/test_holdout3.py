"""The third held-out corpus (samples/holdout3): PDFs built to reproduce the mechanisms behind
real defects (broken ToUnicode maps, /Rotate and sideways pages, CTM-scaled fit-to-page text,
filled-rectangle rules, print-title pagination, synthetic bold, Excel overflow …).

Every committed `<stem>.pdf` must convert to `<stem>.expected.json` with a 100% score as
/work/shared/score.py computes it (title, header fields, extra_fields, indicator multiset).
Inputs failing today are strict xfails naming the cause and the module that should fix it
(samples/holdout3/README.md): when a fix makes one pass, drop its entry from KNOWN_FAILURES."""
import json
import time
from collections import Counter
from pathlib import Path

import pytest

from fujian.pipeline import convert_file

HOLDOUT3 = Path(__file__).resolve().parent.parent / "samples" / "holdout3"
LONG = "long_30_projects.pdf"
LONG_BUDGET_SECONDS = 20.0

HEADER = ("table_title", "amount_unit", "project_name", "department", "implementing_unit",
          "project_type", "duration", "managing_office", "annual_amount", "overall_goal")
IND = ("level1_code", "level1", "level2_code", "level2", "level3", "target")

_REMAP = ("normalize/hierarchy.py (ColumnRoles.remap): a continuation table is matched to the "
          "header's columns by absolute x overlap; page 2 is a landscape page ({how}) whose columns "
          "are 45–180 / 180–361 / 361–617 / 617–797 pt, while the page-1 header cells are "
          "45–136 / 136–257 / 257–429 / 429–550 pt — 绩效值 (429–550) overlaps no free column, so every "
          "page-2 target becomes None: grid row [None, '13-时效指标', '资金拨付及时率', '100%'] is read "
          "as ('13-时效指标', '资金拨付及时率', None)")

# input file name → cause (module that should fix it)
KNOWN_FAILURES: dict[str, str] = {
}


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-6
    return a == b


def score_differences(pred: dict, exp: dict) -> list[str]:
    """The differences /work/shared/score.py would print (an empty list is a 100% score)."""
    out = []
    if not _same(pred.get("title"), exp.get("title")):
        out.append(f"title {pred.get('title')!r} != {exp.get('title')!r}")
    got_projects = pred.get("projects") or []
    want_projects = exp.get("projects", [])
    for i, want in enumerate(want_projects):
        got = got_projects[i] if i < len(got_projects) else {}
        for key in HEADER + ("extra_fields",):
            empty = {} if key == "extra_fields" else None
            if not _same(got.get(key, empty), want.get(key, empty)):
                out.append(f"p{i + 1} {key}: {got.get(key, empty)!r} != {want.get(key, empty)!r}")
        g = Counter(tuple(x.get(k) for k in IND) for x in got.get("indicators") or [])
        w = Counter(tuple(x.get(k) for k in IND) for x in want.get("indicators", []))
        out += [f"p{i + 1} missing {t}" for t in (w - g).elements()]
        out += [f"p{i + 1} unexpected {t}" for t in (g - w).elements()]
    if len(got_projects) != len(want_projects):
        out.append(f"{len(got_projects)} projects, expected {len(want_projects)}")
    return out


def _pdfs():
    return sorted(p.name for p in HOLDOUT3.glob("*.pdf"))


def _params():
    for name in _pdfs():
        marks = []
        if name in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name]))
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(_params()))
def test_holdout3_scores_100(name):
    stem = name[: -len(".pdf")]
    expected = json.loads((HOLDOUT3 / f"{stem}.expected.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    result = convert_file(HOLDOUT3 / name)
    elapsed = time.perf_counter() - start
    if name == LONG and elapsed > LONG_BUDGET_SECONDS:
        pytest.skip(f"{name} took {elapsed:.1f} s (> {LONG_BUDGET_SECONDS:.0f} s) to convert")
    diffs = score_differences(result, expected)
    assert not diffs, "\n".join(diffs[:20])


def test_holdout3_corpus_is_complete():
    names = _pdfs()
    assert len(names) >= 20
    assert set(KNOWN_FAILURES) <= set(names)
    for name in names:
        assert (HOLDOUT3 / (name[:-4] + ".expected.json")).exists(), name
        limit = 1_500_000 if name == LONG else 200_000
        assert (HOLDOUT3 / name).stat().st_size < limit, name
