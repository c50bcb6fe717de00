"""fujian review: a static HTML page with every project, the warnings, and box overlays on PDF pages."""
import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fujian.audit.commands import review_command
from fujian.audit.page_images import render_pages
from fujian.audit.review import build_review_html

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"
# PDFs with an expected JSON hold performance tables (the others test encryption, scans …).
PDF_SAMPLES = [p.with_suffix("").with_suffix(".pdf") for p in sorted(
    (Path(__file__).resolve().parent.parent / "samples" / "pdf").glob("*.expected.json"))]
PDF_SAMPLES = [p for p in PDF_SAMPLES if p.exists()]


@pytest.fixture()
def doc():
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _one_page_pdf(path: Path, lines: list[str]) -> Path:
    """A real PDF with one line of text per indicator, to draw boxes over."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 10)
    for n, line in enumerate(lines):
        c.drawString(40, A4[1] - 60 - 18 * n, line)
    c.save()
    return path


def test_text_source_lists_every_project_and_warning(doc, tmp_path):
    doc["projects"][3]["annual_amount"] = 40
    out = tmp_path / "r.html"
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(review_command, [str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    for project in doc["projects"]:
        assert project["project_name"] in html
        for ind in project["indicators"]:
            if ind["target"]:
                assert ind["target"] in html
    assert "<img" not in html
    assert "cost_mismatch" in html and 'class="project warned" id="p4"' in html
    assert html.count('<tr class="warn"') == 1  # the 成本指标 row of project 4


def test_boxes_are_drawn_over_the_page_image(doc, tmp_path):
    import pdfplumber

    project = doc["projects"][0]
    pdf = _one_page_pdf(tmp_path / "p.pdf", [i["level3"] or i["level2"] for i in project["indicators"]])
    with pdfplumber.open(pdf) as handle:
        page = handle.pages[0]
        words = page.extract_words()
    for ind, word in zip(project["indicators"], words):
        ind["page"] = 1
        ind["bbox"] = [word["x0"], word["top"], word["x1"], word["bottom"]]
    project["indicators"][1]["target"] = None  # a warning on the 2nd indicator
    pages = render_pages(pdf, resolution=50)
    html = build_review_html({"title": "t", "projects": [project]}, pages)
    assert html.count("data:image/png;base64,") == 1
    boxes = re.findall(r'class="box (ibox[^"]*)" id="b1-(\d+)" style="left:([\d.]+)%;top:([\d.]+)%', html)
    assert len(boxes) == len(project["indicators"])
    first = words[0]
    assert float(boxes[0][2]) == pytest.approx(100 * first["x0"] / pages[0].width, abs=0.01)
    assert float(boxes[0][3]) == pytest.approx(100 * first["top"] / pages[0].height, abs=0.01)
    assert [cls for cls, index, *_ in boxes if "warned" in cls] == ["ibox warned"]
    assert [index for cls, index, *_ in boxes if "warned" in cls] == ["1"]


def test_missing_json_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(review_command, [str(tmp_path / "x.json"), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_broken_pdf_is_a_usage_error(doc, tmp_path):
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    result = CliRunner().invoke(review_command, [str(src), "-o", str(tmp_path / "x.html"), "--pdf", str(bad)])
    assert result.exit_code == 2 and "cannot open" in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not PDF_SAMPLES, reason="no PDF samples in samples/pdf yet")
@pytest.mark.parametrize("pdf", PDF_SAMPLES, ids=lambda p: p.name)
def test_real_pdf_sample_has_box_overlays(pdf, tmp_path):
    from fujian.pipeline import convert_file

    doc = convert_file(pdf)
    pages = render_pages(pdf, resolution=40)
    html = build_review_html(doc, pages)
    for project in doc["projects"]:
        assert (project["project_name"] or "(no name)") in html
    # Every indicator that carries a bbox gets exactly one box over its page image.
    with_box = sum(1 for p in doc["projects"] for i in p["indicators"] if i.get("bbox") and i.get("page"))
    assert len(re.findall(r'class="box ibox', html)) == with_box
    assert html.count("data:image/png;base64,") == len(pages)


@pytest.mark.skipif(not PDF_SAMPLES, reason="no PDF samples in samples/pdf yet")
def test_pdf_samples_get_box_overlays():
    from fujian.pipeline import convert_file

    pdf = next(p for p in PDF_SAMPLES if p.name.startswith("drawn_health"))
    doc = convert_file(pdf)
    html = build_review_html(doc, render_pages(pdf, resolution=40))
    assert len(re.findall(r'class="box ibox', html)) == sum(len(p["indicators"]) for p in doc["projects"])
    assert len(re.findall(r'class="box pbox', html)) == len(doc["projects"])
