"""The committed scanned samples (samples/scanned, made by make_scanned.py from committed PDFs)
convert through the whole pipeline as well as their born-digital sources.

All of them are converted once, as a batch on two workers (OCR is the slow part of the suite),
then scored with the repository's scorer against the sources' expected JSON."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from fujian.audit.scoring import score
from fujian.batch.inputs import discover_inputs
from fujian.batch.runner import BatchOptions, run_batch
from fujian.pipeline import convert_file

SCANNED = Path(__file__).resolve().parent.parent / "samples" / "scanned"
SAMPLES = SCANNED.parent
EXPECTED = sorted(SCANNED.glob("*.expected.json"))
NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    out = tmp_path_factory.mktemp("scanned")
    result = run_batch(discover_inputs([str(SCANNED)]), out, BatchOptions(workers=2, timeout=600))
    assert result.failed == 0, [r.error for r in result.results if not r.ok]
    return out


def _doc(out: Path, stem: str) -> dict:
    return json.loads((out / f"{stem}.pdf.json").read_text(encoding="utf-8"))


def test_there_are_scanned_samples_of_every_kind():
    names = [e.name for e in EXPECTED]
    assert len([n for n in names if n.startswith("scan_")]) >= 10
    assert any(n.startswith("notounicode_") for n in names) and any(n.startswith("mixed_") for n in names)
    assert sum(p.stat().st_size for p in SCANNED.glob("*.pdf")) < 8 * 2 ** 20  # a few MB


def test_scanned_samples_score_as_their_sources(converted):
    total = None
    for expected in EXPECTED:
        stem = expected.name[: -len(".expected.json")]
        s = score(_doc(converted, stem), json.loads(expected.read_text(encoding="utf-8")))
        assert s.field_accuracy >= 0.9 and s.f1 >= 0.5, (stem, s.differences[:10])
        total = s if total is None else total + s
    # measured: header fields 429/431 = 0.995, indicators F1 0.985 (336 of 341); the goal is
    # 0.99 for both — what is left: a level-2 label LibreOffice split across a page break (half
    # of it on each page, both halves clipped), print crossed by a seal's ring or under its rim
    # text on a greyscale scan (参, 每, a label 实施单位 crossed by the rim), a middle dot (人·月)
    assert total.field_accuracy >= 0.99, total.differences
    assert total.f1 >= 0.985, total.differences


def test_every_page_records_how_it_was_read(converted):
    mixed = _doc(converted, "mixed_flowing_tables_page2_scanned")
    methods = [p["method"] for p in mixed["source"]["pages_read"]]
    assert methods == ["text", "ocr"]
    page2 = mixed["source"]["pages_read"][1]
    assert page2["reason"] == "no_text_layer" and page2["lines"] and page2["confidence"] > 0.9
    turned = {stem: [p["turned"] for p in _doc(converted, stem)["source"]["pages_read"]]
              for stem in ("scan_no_ruling_upside_down", "scan_civil_affairs_sideways_300dpi",
                           "scan_transport_landscape_270", "scan_health_200dpi_seal_skew")}
    assert turned["scan_no_ruling_upside_down"] == [180, 180]
    assert set(turned["scan_health_200dpi_seal_skew"]) == {0}
    assert {t for ts in turned.values() for t in ts} == {0, 90, 180, 270}
    health = _doc(converted, "scan_health_200dpi_seal_skew")
    assert all(1.0 <= p["skew"] <= 2.2 for p in health["source"]["pages_read"])  # made with 1.6 ± 0.3


def test_ocr_confidence_reaches_the_indicators(converted):
    doc = _doc(converted, "scan_health_200dpi_seal_skew")
    confidences = [i["ocr_confidence"] for p in doc["projects"] for i in p["indicators"]]
    assert confidences and all(0 < c <= 1 for c in confidences)
    assert all("ocr_confidence" not in i for p in _doc(converted, "mixed_flowing_tables_page2_scanned")["projects"]
               for i in p["indicators"] if i["page"] == 1)  # page 1 is born-digital
    for w in (w for w in doc["warnings"] if w["code"] == "ocr_low_confidence"):
        assert w["page"] in (1, 2) and len(w["bbox"]) == 4


@pytest.mark.parametrize("twin,source", [
    ("notounicode_word_education_landscape", "pdf/word_education_landscape.pdf"),
    ("notounicode_excel_pingluo", "pdf/excel_pingluo_break_no_repeated_header.pdf"),
])
def test_a_pdf_whose_fonts_lost_their_unicode_maps_reads_like_its_good_twin(converted, twin, source):
    doc = _doc(converted, twin)
    assert {p["reason"] for p in doc["source"]["pages_read"]} == {"unmapped_text"}
    expected = json.loads((SCANNED / f"{twin}.expected.json").read_text(encoding="utf-8"))
    good = score(convert_file(SAMPLES / source), expected)
    bad = score(doc, expected)
    assert bad.f1 >= good.f1 - 0.01 and bad.field_accuracy >= good.field_accuracy - 0.02, bad.differences


def _numbers(doc: dict, pages=None) -> Counter:
    found = Counter()
    for table in doc.get("tables") or []:
        if pages is not None and table.get("page") not in pages:
            continue
        for row in table["rows"]:
            for cell in row:
                text = (cell or "").replace(" ", "")
                if NUMBER.match(text):
                    found[f"{float(text.replace(',', '')):.2f}"] += 1
    for table in doc.get("budget_tables") or []:
        for row in table["rows"]:
            if pages is not None and row.get("page") not in pages:
                continue
            for value in row["values"].values():
                if value is not None:
                    found[f"{value:.2f}"] += 1
    return found


@pytest.mark.parametrize("stem,source,pages", [
    ("scan_real_putuo_office_tables", "real/上海市普陀区人民政府办公室25年预算.pdf", (9, 11, 14)),
    ("scan_real_jiangsu_court_tables", "real/江苏省高级人民法院_省法院2017年度部门预算公开.pdf", (13, 14, 16)),
])
def test_the_numbers_of_scanned_budget_tables_are_those_of_the_born_digital_pages(converted, stem, source, pages):
    """Pages of real bundles, scanned: every amount of their tables (budget tables and other
    tables), as a multiset, against the amounts the text layer of the same pages gives."""
    truth = _numbers(convert_file(SAMPLES / source), set(pages))
    read = _numbers(_doc(converted, stem))
    assert sum(truth.values()) > 60
    common = sum((truth & read).values())
    assert common >= 0.99 * sum(truth.values()), (truth - read, read - truth)
    assert common >= 0.99 * sum(read.values()), (read - truth)


def test_the_review_page_shows_ocr_pages_upright_with_the_recognised_text(converted):
    from fujian.audit.page_images import render_pages
    from fujian.audit.review import build_review_html

    stem = "scan_civil_affairs_sideways_300dpi"  # fed turned: the page image is stored sideways
    doc = _doc(converted, stem)
    pages = render_pages(SCANNED / f"{stem}.pdf", resolution=40)
    assert pages[0].width < pages[0].height  # as stored
    html = build_review_html(doc, pages, json_name=f"{stem}.pdf.json")
    assert html.count('class="ocr') >= sum(len(p["lines"]) for p in doc["source"]["pages_read"]) - 5
    turned = doc["source"]["pages_read"][0]["turned"]
    assert turned in (90, 270) and "read by OCR" in html and f"turned {turned}°" in html
    first = doc["source"]["pages_read"][0]["lines"][0]["text"]
    assert first in html
    from fujian.audit.review import _in_ocr_frame, ocr_pages

    shown = _in_ocr_frame(pages[0], ocr_pages(doc)[1])  # the image as OCR read it: upright
    assert shown.width > shown.height
