"""Every committed sample with an expected JSON converts at 100% as ../shared/score.py counts it.

Corpora (see each folder's README): samples/pdf (generated with samples/generate), and three
held-out sets written independently of the pipeline — samples/holdout, samples/holdout2 (PDFs plus
tab-separated `.tab.txt` and `pdftotext -layout` `.layout.txt` dumps of some) and samples/holdout3
(font-map, rotation and scale mechanisms), samples/holdout4 (report-system PDFs) and
samples/holdout5 (text dumps as pdfplumber, camelot, pandas, Excel, LibreOffice and copy/paste
write them) and samples/holdout6 (seeded random PDFs combining many traits, reportlab canvas and
openpyxl → LibreOffice Calc, python-docx → LibreOffice Writer). An input that fails today is a strict xfail naming its cause, so the suite says when a fix makes it pass (then drop it from KNOWN_FAILURES).
"""
import json
from pathlib import Path

import pytest

from fujian.pipeline import convert_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CORPORA = ("pdf", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "layout2")
INPUT_SUFFIXES = (".pdf", ".tab.txt", ".layout.txt")

KNOWN_FAILURES: dict[str, str] = {}  # input → cause, for inputs that fail today (strict xfail)


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
    for corpus, at_least in zip(CORPORA, (10, 20, 20, 20, 15, 30, 35, 95)):
        assert len([n for n in names if n.startswith(corpus + "/")]) >= at_least, corpus
    assert set(KNOWN_FAILURES) <= set(names)
