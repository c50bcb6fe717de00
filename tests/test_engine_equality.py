"""The PDFium reader and the pdfplumber reader give the same JSON on a representative subset of
the committed corpora: ruled and unruled tables, rotated and sideways pages, fake bold,
watermarks, white phantom rectangles, broken font maps, form XObjects, spaced labels,
LibreOffice / Word exports, an owner-password file. Only bbox numbers may differ, by at most
0.1 pt (PDFium keeps font widths as whole thousandths of an em; see bench/engine_equality.py,
which checks every corpus). And the page objects themselves agree: same glyph text, same rules."""
import importlib.util
import sys
from pathlib import Path

import pytest

from fujian.extract import pdf_tables, pdfium_page_objects
from fujian.extract.pdf_open import open_pdf
from fujian.extract.pdf_settings import DEFAULT_SETTINGS
from fujian.pipeline import convert_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
_spec = importlib.util.spec_from_file_location("engine_equality", ROOT / "bench" / "engine_equality.py")
eq = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eq)

SUBSET = [
    "pdf/drawn_no_ruling_lines.pdf",
    "pdf/drawn_phantom_white_rects.pdf",
    "pdf/drawn_pingluo_kangxi_radicals.pdf",
    "pdf/encrypted_owner_password.pdf",
    "pdf/excel_pingluo_break_repeated_header.pdf",
    "pdf/word_education_landscape.pdf",
    "holdout/docx_veterans_word_no_codes.pdf",
    "holdout/xlsx_transport_landscape_break.pdf",
    "holdout2/furniture_grey_watermark.pdf",
    "holdout2/style_rect_cells_grey_labels.pdf",
    "holdout3/fake_bold_double_drawn.pdf",
    "holdout3/labels_spaced_and_distributed.pdf",
    "holdout3/rotate90_all_pages.pdf",
    "holdout3/sideways_clockwise_no_rotate.pdf",
    "holdout4/upside_down_ctm_180.pdf",
    "holdout3/fontmap_broad_radicals_labels_levels.pdf",
    "holdout3/filled_rect_rules_corner_gaps.pdf",
    "holdout6/r02_calc_3p_land.pdf",
    "holdout6/r32_docx_3p_port.pdf",
]


@pytest.mark.parametrize("name", SUBSET)
def test_engines_give_the_same_json(name):
    path = SAMPLES / name
    a = convert_file(path, engine="pdfium")
    b = convert_file(path, engine="pdfplumber")
    diffs = list(eq.differences(a, b, tolerance=0.1))
    assert not diffs, "\n".join(diffs[:20])
    assert a["projects"], "the sample holds projects"


def _form_xobject_pdf(path: Path) -> Path:
    """A page whose table is a form XObject drawn twice (moved and scaled), with text in the
    form and on the page, a white rectangle and a grey one, a thin filled rule, a curve."""
    from reportlab.lib.colors import Color
    from reportlab.pdfgen import canvas

    sys.path.insert(0, str(Path(__file__).parent))
    from test_extract_pdf_builders import register_font

    font = register_font()
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.beginForm("table")
    for k in range(4):
        c.line(0, k * 20, 300, k * 20)
    for x in (0, 100, 300):
        c.line(x, 0, x, 60)
    c.setFont(font, 10)
    c.drawString(5, 45, "项目名称")
    c.drawString(105, 45, "农村人饮工程  维修")
    c.drawString(5, 25, "年度金额")
    c.drawString(105, 25, "86.50")
    c.endForm()
    c.saveState()
    c.translate(60, 650)
    c.doForm("table")
    c.restoreState()
    c.saveState()
    c.translate(60, 400)
    c.scale(1.2, 1.2)
    c.doForm("table")
    c.restoreState()
    c.setFillColor(Color(1, 1, 1))
    c.rect(50, 300, 400, 40, stroke=0, fill=1)  # white: no rules
    c.setFillColor(Color(0.2, 0.2, 0.2))
    c.rect(50, 280, 400, 0.8, stroke=0, fill=1)  # a rule drawn as a thin filled rectangle
    c.setStrokeColor(Color(0.5, 0.5, 0.5))
    c.bezier(50, 200, 100, 250, 150, 150, 200, 200)
    c.setFont(font, 12)
    c.setFillColor(Color(0, 0, 0))
    c.drawString(60, 760, "附件2：项目支出绩效目标表")
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("name", SUBSET[:8] + ["<form xobject>"])
def test_page_objects_agree(name, tmp_path):
    path = _form_xobject_pdf(tmp_path / "form.pdf") if name == "<form xobject>" else SAMPLES / name
    with open_pdf(path) as opened:
        fast = list(pdfium_page_objects.read_page_objects(opened.path, DEFAULT_SETTINGS))
        slow = list(pdf_tables.read_page_objects(opened.path, DEFAULT_SETTINGS))
    assert len(fast) == len(slow)
    if name == "<form xobject>":
        texts = "".join(g.text for g in fast[0].glyphs)
        assert texts.count("项目名称") == 2 and "农村人饮工程  维修" in texts
        assert len([r for r in fast[0].rules if r.orientation == "h"]) >= 9  # 4 + 4 + the filled rule
    for a, b in zip(fast, slow):
        assert "".join(g.text for g in a.glyphs).replace("\xa0", " ") == \
            "".join(g.text for g in b.glyphs).replace("\xa0", " ")
        assert max((abs(x - y) for g, h in zip(a.glyphs, b.glyphs)
                    for x, y in zip((g.x0, g.top, g.x1, g.bottom), (h.x0, h.top, h.x1, h.bottom))),
                   default=0) < 0.1
        ra = sorted((r.orientation, round(r.pos, 1), round(r.start, 1), round(r.end, 1)) for r in a.rules)
        rb = sorted((r.orientation, round(r.pos, 1), round(r.start, 1), round(r.end, 1)) for r in b.rules)
        assert ra == rb
        assert (a.turned, a.has_images, a.unmapped) == (b.turned, b.has_images, b.unmapped)
        # a page size written with more digits than a 32-bit float holds (841.889763779528)
        assert abs(a.width - b.width) < 1e-3 and abs(a.height - b.height) < 1e-3


def _non_embedded_pdf(path: Path) -> Path:
    """Cells in STSong-Light, a CID font a PDF names but never embeds (reportlab, many report
    systems): a label wrapped so that its last character is a text object of its own, a
    one-character cell, and a run of spaces between two words."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("STSong-Light", 10.5)
    c.drawString(60, 700, "年度总体绩效目")
    c.drawString(60, 686, "标")
    c.drawString(200, 700, "是")
    c.drawString(260, 700, "项目名称")
    c.drawString(320, 700, "   ")
    c.drawString(360, 700, "2025年")
    c.showPage()
    c.save()
    return path


def test_a_character_of_a_font_that_is_not_embedded_is_never_lost(tmp_path, monkeypatch):
    """PDFium drops a one-character text object whose font has no outline on this machine (a
    font not embedded, no system font with Chinese). fujian's placeholder font gives every
    character an outline (extract/pdfium_library.py), so PDFium itself keeps them, with the
    boxes pdfminer gives, and no page needs pdfminer."""
    from fujian.extract import pdfium_library

    assert pdfium_library.with_placeholder_fonts()
    path = _non_embedded_pdf(tmp_path / "stsong.pdf")

    def no_pdfminer(*args, **kwargs):
        raise AssertionError("the page was read again by pdfminer")

    monkeypatch.setattr(pdfium_page_objects._PdfminerPages, "page", no_pdfminer)
    fast = list(pdfium_page_objects.read_page_objects(str(path), DEFAULT_SETTINGS))[0]
    slow = list(pdf_tables.read_page_objects(str(path), DEFAULT_SETTINGS))[0]
    text = "".join(g.text for g in fast.glyphs)
    for word in ("年度总体绩效目", "标", "是", "项目名称", "2025年"):
        assert word in text
    assert text.replace(" ", "") == "".join(g.text for g in slow.glyphs).replace(" ", "")
    ink = [g for g in fast.glyphs if g.text.strip()]
    ref = [g for g in slow.glyphs if g.text.strip()]
    assert max(abs(x - y) for g, h in zip(ink, ref)
               for x, y in zip((g.x0, g.top, g.x1, g.bottom), (h.x0, h.top, h.x1, h.bottom))) < 0.1


_READ_AND_RENDER = r"""
import json, sys
from fujian.extract import pdfium_page_objects
from fujian.extract.pdf_settings import DEFAULT_SETTINGS
import pypdfium2 as pdfium
page = list(pdfium_page_objects.read_page_objects(sys.argv[1], DEFAULT_SETTINGS))[0]
image = pdfium.PdfDocument(sys.argv[1])[0].render(scale=1).to_pil().convert("L")
print(json.dumps({"text": "".join(g.text for g in page.glyphs),
                  "dark": sum(1 for v in image.getdata() if v < 128)}))
"""


def test_without_the_placeholder_font_the_page_is_read_by_pdfminer_and_renders_alike(tmp_path):
    """The safety net: PDFium as pypdfium2 initialises it (FUJIAN_PDFIUM_FONTS=system) still
    gives every character — a page it may have read short is read by pdfminer — and the
    placeholder font draws no ink for Chinese and Vera's outlines for Latin, so a rendered page
    (OCR, the review page) looks as it does without it."""
    import json
    import os
    import subprocess

    path = _non_embedded_pdf(tmp_path / "stsong.pdf")
    runs = {}
    for fonts in ("fujian", "system"):
        env = {**os.environ, "FUJIAN_PDFIUM_FONTS": fonts}
        out = subprocess.run([sys.executable, "-c", _READ_AND_RENDER, str(path)], env=env,
                             capture_output=True, text=True, check=True).stdout
        runs[fonts] = json.loads(out)
    for run in runs.values():
        for word in ("年度总体绩效目", "标", "是", "项目名称", "2025年"):
            assert word in run["text"]
    assert runs["fujian"]["text"].replace(" ", "") == runs["system"]["text"].replace(" ", "")
    # the digits are drawn either way (Vera's outlines, or PDFium's fallback font's); the
    # Chinese characters draw nothing either way (their eleven boxes would be hundreds of pixels)
    ours, plain = runs["fujian"]["dark"], runs["system"]["dark"]
    assert plain > 0 and abs(ours - plain) <= 0.2 * plain
