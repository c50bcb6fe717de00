"""Every committed sample with an expected JSON converts at 100% as ../shared/score.py counts it.

Corpora (see each folder's README): samples/pdf (generated with samples/generate), and three
held-out sets written independently of the pipeline — samples/holdout, samples/holdout2 (PDFs plus
tab-separated `.tab.txt` and `pdftotext -layout` `.layout.txt` dumps of some) and samples/holdout3
(font-map, rotation and scale mechanisms). An input that fails today is a strict xfail naming its
cause, so the suite says when a fix makes it pass (then drop it from KNOWN_FAILURES).
"""
import json
from pathlib import Path

import pytest

from fujian.pipeline import convert_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CORPORA = ("pdf", "holdout", "holdout2", "holdout3", "holdout4")
INPUT_SUFFIXES = (".pdf", ".tab.txt", ".layout.txt")

KNOWN_FAILURES = {
    "holdout2/std5_mof_template_funding_block.layout.txt":
        "extract/unruled_table.py (layout dumps): the narrow 绩效指标 column wrapped 「绩效」/「指标」 is "
        "merged into the 三级指标 cells, and the sub-labels beside the vertically centred 「项目资金（万元）」 "
        "become one cell",
    "holdout4/fr_perchar_segmented_rules.pdf":
        "extract/pdf_page_objects.py: strokes shorter than min_rule_length (3 pt) are dropped before "
        "collinear pieces are joined; a cell side drawn as pieces ending in a 2.96 pt stroke after a "
        "0.5 pt gap is left uncovered for 3.46 pt > cover_tolerance, so the 绩效值 heading cell is lost "
        "and every target of project 1 is None",
    "holdout4/fr_perchar_gapped_rules_9pt.pdf":
        "extract/pdf_page_objects.py: short (< 3 pt) last pieces of segmented cell sides are dropped, "
        "so the 项目期限 value, the 项目主管处室 label and a 1-产出指标 cell fall outside the grid",
    "holdout4/narrow_level1_chars_perchar_segments.pdf":
        "extract/pdf_page_objects.py: short (< 3 pt) last pieces of segmented cell sides are dropped, "
        "so the 项目年度金额 label and a 项目属性 value fall outside the grid",
    "holdout4/a3_two_projects_side_by_side.pdf":
        "extract/pdf_tables.py + pdf_text.group_lines: two tables side by side; the left and right "
        "「部门项目支出预算绩效目标表」 and 「单位：万元」 lines are joined into one text line each and "
        "both come before both tables, so project 2 has no table_title/amount_unit",
}


def _inputs():
    for corpus in CORPORA:
        for expected in sorted((SAMPLES / corpus).glob("*.expected.json")):
            stem = expected.name[: -len(".expected.json")]
            for suffix in INPUT_SUFFIXES:
                if (SAMPLES / corpus / (stem + suffix)).exists():
                    yield f"{corpus}/{stem}{suffix}", expected


def _cases():
    for name, expected in _inputs():
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name])] if name in KNOWN_FAILURES else []
        yield pytest.param(name, expected, marks=marks, id=name)


@pytest.mark.parametrize("name,expected", list(_cases()))
def test_input_scores_100_percent(name, expected, scorer):
    result = convert_file(SAMPLES / name)
    diffs = scorer(result, json.loads(expected.read_text(encoding="utf-8")))
    assert not diffs, "\n".join(diffs[:20])


def test_corpora_are_complete():
    names = [name for name, _ in _inputs()]
    for corpus, at_least in zip(CORPORA, (10, 20, 20, 20, 15)):
        assert len([n for n in names if n.startswith(corpus + "/")]) >= at_least, corpus
    assert set(KNOWN_FAILURES) <= set(names)
