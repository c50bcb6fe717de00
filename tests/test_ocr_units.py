"""The OCR stages one at a time, on page images made from committed samples (rendered with
pypdfium2, turned and skewed here) and on images drawn with the committed test font."""
from pathlib import Path

import cv2
import numpy as np
import sys

import pypdfium2 as pdfium
import pytest

from fujian.extract.ocr_engine import ocr_engine
from fujian.extract.ocr_lexicon import Lexicon, lexicon
from fujian.extract.ocr_orient import skew_angle
from fujian.extract.ocr_page import read_image
from fujian.extract.ocr_render import PageImage, render_gray, without_red
from fujian.extract.ocr_repair import repair_line
from fujian.extract.ocr_rules import binarize, find_rules
from fujian.extract.pdf_page_objects import Glyph, PageObjects
from fujian.extract.text_layer import ocr_reason

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GEN_DIR = SAMPLES / "generate"
FONT = Path(__file__).resolve().parent / "fonts" / "wqy-zenhei-subset.ttf"


def _draw_health() -> Path:
    """The content of samples/pdf/drawn_health_several_projects_per_page.pdf drawn again with
    the committed test font embedded: the sample itself uses the non-embedded STSong-Light, and
    a machine without CJK fonts renders it with no Chinese at all, so no test of what OCR reads
    may start from it."""
    import tempfile

    sys.path.insert(0, str(GEN_DIR))
    try:
        import content
        import drawn
    finally:
        sys.path.remove(str(GEN_DIR))
    drawn.WQY_PATH = str(FONT)
    out = Path(tempfile.mkdtemp(prefix="fujian-ocr-")) / "health.pdf"
    drawn.draw(content.DEPARTMENTS["health"], out,
               drawn.DrawOptions(font="wqy", new_page_per_project=False))
    return out


HEALTH = _draw_health()


def _page(path=HEALTH, index=0, dpi=200) -> PageImage:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return render_gray(pdf, index, dpi)
    finally:
        pdf.close()


def _texts(page) -> list[str]:
    return sorted(line.text for line in page.lines)


@pytest.fixture(scope="module")
def upright():
    image = _page()
    objs, page = read_image(image, 1, "forced", ocr_engine())
    return image, objs, page


# --- text layer ------------------------------------------------------------------------------

def _objs(texts, **kw):
    glyphs = [Glyph(t, 10 * i, 10, 10 * i + 9, 20) for i, t in enumerate(texts)]
    return PageObjects(1, 595, 842, glyphs, [], **kw)


def test_a_text_layer_of_cid_codes_or_private_use_characters_needs_ocr():
    assert ocr_reason(_objs(list("项目名称平罗县"))) is None
    assert ocr_reason(_objs(["(cid:12)"] * 8 + list("项目"))) == "unmapped_text"
    assert ocr_reason(_objs(["\ue001"] * 6 + list("项目名称"))) == "unmapped_text"
    assert ocr_reason(_objs(["\ufffd"] * 2 + list("项目名称平罗县人大"))) is None  # a stray one
    assert ocr_reason(_objs([], has_images=True, image_cover=1.0)) == "no_text_layer"
    assert ocr_reason(_objs([])) is None  # a blank page: nothing to read


# --- look-alikes ---------------------------------------------------------------------------------

@pytest.mark.parametrize("read,printed", [
    ("l-产出指标", "1-产出指标"), ("I1-数量指标", "11-数量指标"), ("1l-数量指标", "11-数量指标"),
    ("3-满意度指标", "3-满意度指标"), ("1O0%", "100%"), ("2O25年", "2025年"), ("3.l5万元", "3.15万元"),
    ("附件3:中宁县", "附件3：中宁县"), ("项目资金(元)", "项目资金（元）"),
    ("二〇二五年", "二〇二五年"), ("lOT设备", "lOT设备"), ("l-服务", "l-服务"),
    ("78:00", "78.00"), ("3862500:00", "3862500.00"), ("金额78:00万", "金额78.00万"),
    ("8:30", "8:30"), ("12:00前", "12:00前"), ("25:301", "25:301"),  # a clock time, not an amount
    ("354; 964", "354, 964"), ("1;234;567.89", "1,234,567.89"),  # a grouped amount's separators
    ("1,234,567", "1,234,567"), ("12,345.67", "12,345.67"), ("12,00", "12,00"),  # no group: unsure
    ("第1,2,3项", "第1,2,3项"), ("2025年;12", "2025年;12"),
])
def test_lookalikes_are_repaired_only_where_the_context_is_certain(read, printed):
    fixed, notes = repair_line(read)
    assert fixed == printed and len(fixed) == len(read) and not notes


def test_a_grouped_amount_with_a_short_last_group_is_a_note_not_a_change():
    """`8,661,62` may be 8,661.62 or 8,661,624 with a digit lost (seen on a scanned real page):
    left as read, and said."""
    for read in ("8,661,62", "8,661, 62", "合计 1,206,00 元"):
        fixed, notes = repair_line(read)
        assert fixed == read and len(notes) == 1 and "digit lost" in notes[0]
    assert repair_line("8,661,624")[1] == [] and repair_line("12,00")[1] == []


def test_a_comparator_that_may_have_lost_its_bar_is_a_note_not_a_change():
    fixed, notes = repair_line(">90%")
    assert fixed == ">90%" and len(notes) == 1 and "≥" in notes[0]


def test_words_decide_between_readings_the_recogniser_was_unsure_of():
    words = Lexicon({"卫生": 3.6, "牛股": 1.8, "部门": 4.2}, {})
    chars = list("基层卫牛股")
    confs = [0.99, 0.99, 0.99, 0.8, 0.99]
    alts = [[], [], [], [("生", 0.15), ("午", 0.02)], []]
    assert "".join(words.reread(chars, confs, alts)) == "基层卫生股"
    sure = [0.99, 0.99, 0.99, 0.999, 0.99]  # a confident reading stands, word or not
    assert "".join(words.reread(chars, sure, alts)) == "基层卫牛股"
    assert "".join(words.reread(list("1l"), [0.5, 0.5], [[("7", 0.4)], [("1", 0.4)]])) == "1l"


def test_the_word_list_ships_with_the_install_and_holds_the_forms_words():
    words = lexicon()
    assert len(words.words) > 100_000  # jieba's dictionary
    assert words.support(list("服务对象满意度"), 3, "象") > 4
    assert "服务对象满意度" in words.long_words


# --- seals, rules, orientation ---------------------------------------------------------------

def test_a_red_seal_is_taken_out_and_the_print_under_it_stays():
    bgr = np.full((200, 400, 3), 240, np.uint8)
    cv2.putText(bgr, "1234", (40, 120), cv2.FONT_HERSHEY_SIMPLEX, 2.5, (20, 20, 20), 6)
    print_only = bgr.copy()
    cv2.circle(bgr, (200, 100), 80, (40, 40, 205), 8)  # BGR: a red ring over the digits
    gray = without_red(bgr)
    ring = np.zeros((200, 400), np.uint8)
    cv2.circle(ring, (200, 100), 80, 255, 8)
    text = (print_only[:, :, 0] < 100) & (ring == 0)
    assert gray[(ring > 0) & ~(print_only[:, :, 0] < 100)].mean() > 200  # the ring is paper now
    assert gray[text].mean() < 80  # the digits are still dark


def test_ruling_lines_are_found_in_the_image_in_pdf_points(upright):
    image, objs, _page_ = upright
    with __import__("pdfplumber").open(HEALTH) as pdf:
        page = pdf.pages[0]
        drawn_h = {round(r["top"]) for r in page.lines + page.rects if abs(r["top"] - r["bottom"]) < 1}
    found_h = {round(r.pos) for r in objs.rules if r.orientation == "h" and r.end - r.start > 100}
    assert found_h and all(any(abs(f - d) <= 2 for d in drawn_h) for f in found_h)
    assert len(found_h) >= 0.8 * len({d for d in drawn_h})


def test_character_strokes_do_not_become_rules():
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(Path(__file__).parent / "fonts" / "wqy-zenhei-subset.ttf"), 30)
    img = Image.new("L", (900, 200), 255)
    d = ImageDraw.Draw(img)
    d.text((20, 20), "进一步提高二三一一工作", font=font, fill=0)  # long horizontal strokes
    d.text((20, 60), "一一一一一一", font=font, fill=0)
    d.text((20, 100), "川川川 刊刊 丨丨", font=font, fill=0)
    d.text((20, 140), "计划计划计划", font=font, fill=0)
    rules = find_rules(binarize(np.asarray(img)), 200, 30).rules
    assert rules == []


@pytest.mark.parametrize("degrees", [-3.5, 2.2])
def test_skew_is_measured(degrees):
    gray = _page().gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    turned = cv2.warpAffine(gray, m, (w, h), borderValue=255)
    assert abs(skew_angle(turned, None) - degrees) <= 0.15


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_fed_turned_is_read_upright(upright, turn):
    image, _objs_, page = upright
    code = {90: cv2.ROTATE_90_COUNTERCLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_CLOCKWISE}[turn]
    turned = PageImage(cv2.rotate(image.gray, code), image.dpi, 0, 0, False)
    _objs2, again = read_image(turned, 1, "forced", ocr_engine())
    assert again.turned == turn
    # every line read upright is read turned; the boxes are detected on the turned image and
    # mirrored, so a line may be cut differently: at most one line in fifty more
    got, want = _texts(again), _texts(page)
    assert not [t for t in want if t not in got]
    assert len(got) - len(want) <= max(1, len(want) // 50)


def test_a_clean_page_is_read_exactly(upright):
    _image, objs, page = upright
    text = "".join(line.text for line in page.lines)
    for want in ("部门项目支出预算绩效目标表", "基本公共卫生服务县级配套资金", "平罗县卫生健康局本级",
                 "居民电子健康档案建档率", "≥90%", "2025年12月底前", "3.6元/人", "41-经济成本指标"):
        assert want in text
    assert page.confidence > 0.97
    # glyphs: one per character, inside the page, left to right within a line
    assert len(objs.glyphs) == sum(len(line.text.replace(" ", "")) for line in page.lines)
    assert all(0 <= g.x0 < g.x1 <= objs.width and 0 <= g.top < g.bottom <= objs.height for g in objs.glyphs)


def test_a_line_that_ran_over_a_cell_border_is_cut_at_the_rule(upright):
    _image, _objs_, page = upright
    texts = [line.text for line in page.lines]
    assert "年度总体绩效目标" in texts  # its own cell, not glued to the goal text beside it
    assert not any(t.startswith("年度总体绩效目标") and len(t) > 8 for t in texts)


# --- text the detector missed ------------------------------------------------------------------

def _box(x0, y0, x1, y1):
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def test_a_second_detection_adds_only_lines_the_first_missed():
    from fujian.extract.ocr_page import _missed

    found = [_box(100, 100, 400, 130), _box(100, 140, 300, 170)]
    again = [_box(102, 101, 398, 129),  # the same line
             _box(100, 200, 160, 230),  # a line the first pass missed
             _box(80, 90, 420, 180)]  # a seal's box around lines found before
    added = _missed(found, again)
    assert len(added) == 1 and float(added[0][0, 1]) == 200


def test_ink_no_text_box_holds_becomes_a_box_but_a_seals_ring_and_dust_do_not():
    from PIL import Image, ImageDraw, ImageFont

    from fujian.extract.ocr_page import _unread_ink

    img = Image.new("L", (900, 500), 0)
    d = ImageDraw.Draw(img)
    d.text((100, 100), "合计", fill=255, font=ImageFont.truetype(str(FONT), 28))  # a short word
    d.ellipse((400, 100, 800, 480), outline=255, width=4)  # a seal's ring
    for x, y in ((50, 400), (300, 450), (600, 50)):
        d.point((x, y), fill=255)  # dust
    ink = np.asarray(img).copy()
    boxes = _unread_ink(ink, [], em_px=28)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    assert 90 <= x0 <= 105 and 150 <= x1 <= 165 and y0 < 105 and y1 > 125
    read = ((0, 0, 900, 500), (90, 90, 170, 140))  # a box already read holds the word
    assert _unread_ink(ink, [read], em_px=28) == []


AMOUNTS = Path(__file__).resolve().parent / "fixtures" / "ocr_amounts"


@pytest.mark.parametrize("read,bad", [
    ("8,661, 62", True), ("2,620.000", True), ("21,601.733.00", True), ("20,00", True),
    (".60,000", True), ("2,010,25", True), ("1,2345", True),
    ("8,661,624", False), ("2,620, 000", False), ("12,345.67", False), ("1234.5678", False),
    ("2010101", False), ("90%", False), ("12.5%", False), ("1.", False), ("第1,2项", False),
    ("2025年", False), ("", False), ("2025.01.01", False), ("1.2.3", False), ("545.000.00", True),
])
def test_an_amount_in_a_shape_no_table_prints_is_malformed(read, bad):
    from fujian.extract.ocr_numbers import malformed

    assert malformed(read) is bad


def _amount_cases():
    import json

    return json.loads((AMOUNTS / "amounts.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", _amount_cases(), ids=lambda c: c["images"][0].rsplit("_", 1)[0])
def test_a_malformed_amount_is_read_again_and_comes_out_as_printed(case):
    """Real crops of scanned budget tables (a seal over the print, merged zeros, a speck, a
    comma for a point): the first reading is malformed; reading the box again (with the seal
    left in, plain, stretched) gives what is printed, and no note."""
    from fujian.extract.ocr_numbers import malformed, reread_amounts
    from fujian.extract.ocr_page import _line_image

    images = [cv2.imread(str(AMOUNTS / name), cv2.IMREAD_GRAYSCALE) for name in case["images"]]
    h, w = images[0].shape
    box, extent = (0, 0, w, h), tuple(case["extent"])
    em = extent[3] - extent[1]

    def crop(img, box, extent, levelled):
        return _line_image(img, box, extent, em, levelled)

    engine = ocr_engine()
    first = engine.recognize([crop(images[0], box, extent, True)])
    assert malformed(first[0].text), first[0].text  # what the fix is for
    lines, notes = reread_amounts(engine, first, [(box, extent)], lambda: images, crop, 0.36)
    assert "".join(lines[0].text.split()) == case["printed"] and notes == []
    # positions are in the crop's pixels (a stretched reading's scaled back; CTC steps may
    # reach a little past the crop's end)
    assert all(0 <= a <= b <= 1.15 * w for _c, _p, a, b in lines[0].chars)


def test_a_well_formed_amount_is_not_read_again_and_an_unsettled_one_is_a_note():
    from fujian.extract.ocr_engine import RecognizedLine
    from fujian.extract.ocr_numbers import reread_amounts

    class Blind:
        calls = 0

        def recognize(self, crops):
            self.calls += 1
            return [RecognizedLine("1,2,3.4.5", 0.9, [(c, 0.9, 0, 1) for c in "1,2,3.4.5"]) for _ in crops]

    def line(text):
        return RecognizedLine(text, 0.99, [(c, 0.99, i, i + 1) for i, c in enumerate(text)])

    blank = np.full((20, 60), 255, np.uint8)
    piece = ((0, 0, 60, 20), (0, 0, 60, 20))
    engine = Blind()
    good = [line("8,661,624"), line("合计")]
    assert reread_amounts(engine, good, [piece, piece], lambda: [blank], lambda *a: blank, 0.36) == (good, [])
    assert engine.calls == 0
    lines, notes = reread_amounts(engine, [line("9,389.913.00")], [piece], lambda: [blank], lambda *a: blank, 0.36)
    assert lines[0].text == "9,389.913.00" and len(notes) == 1 and "9,389.913.00" in notes[0]


def test_readings_again_that_disagree_keep_the_majority_and_say_so():
    from fujian.extract.ocr_engine import RecognizedLine
    from fujian.extract.ocr_numbers import reread_amounts

    def line(text, conf=0.99):
        return RecognizedLine(text, conf, [(c, conf, i, i + 1) for i, c in enumerate(text)])

    class Split:
        def recognize(self, crops):
            texts = ["1,206,000", "1,206,000", "1,206,008", "1,206,00"]
            return [line(texts[i % len(texts)]) for i in range(len(crops))]

    blank = np.full((20, 60), 255, np.uint8)
    piece = ((0, 0, 60, 20), (0, 0, 60, 20))
    lines, notes = reread_amounts(Split(), [line("1,206,00")], [piece], lambda: [blank], lambda *a: blank, 0.36)
    assert lines[0].text == "1,206,000" and len(notes) == 1 and "'1,206,008'" in notes[0]


def test_ink_left_under_a_line_read_already_is_not_read_again():
    """A seal's star below a line whose ink extent was cut short: the crop of what is left
    would hold the bottom half of that line again (`建成档` read twice, once as a field's tail)."""
    from PIL import Image, ImageDraw, ImageFont

    from fujian.extract.ocr_page import _unread_ink

    img = Image.new("L", (900, 500), 0)
    d = ImageDraw.Draw(img)
    d.text((100, 100), "合计", fill=255, font=ImageFont.truetype(str(FONT), 28))
    d.polygon([(105, 118), (150, 118), (128, 150)], fill=255)  # a star's point, joined to it
    d.polygon([(505, 118), (550, 118), (528, 150)], fill=255)  # the same, alone
    ink = np.asarray(img).copy()
    read = ((0, 0, 900, 500), (95, 100, 165, 118))  # the word's extent, cut short by the star
    boxes = _unread_ink(ink, [read], em_px=28)
    assert len(boxes) == 1 and boxes[0][0] >= 500  # only the star far from any line is left


def test_the_ink_extent_of_a_wrapped_lines_last_character_is_whole():
    """A narrow cell's last line (one character, 度) under the line above it: the detector's
    box reaches over both, and a blank row inside the character must not cut it in half."""
    from fujian.extract.ocr_page import _ink_extent

    ink = np.zeros((62, 55), np.uint8)
    ink[0:8, 5:50] = 255  # the bottom of the line above
    ink[18:30, 10:31] = 255  # the character's top …
    ink[31:42, 10:31] = 255  # … and its bottom, a blank row between
    x0, top, x1, bottom = _ink_extent(ink, (6, 56))
    assert (top, bottom) == (18, 42) and (x0, x1) == (10, 31)


def test_a_rule_hidden_under_a_seals_grey_star_is_one_rule_a_real_gap_is_not():
    gray = np.full((400, 900), 245, np.uint8)
    gray[98:101, 50:851] = 20  # the top rule
    gray[98:331, 50:53] = 20  # the sides
    gray[98:331, 848:851] = 20
    gray[298:301, 50:851] = 20  # a rule …
    cv2.circle(gray, (340, 300), 40, 120, -1)  # … a seal's grey star stamped over it
    gray[198:201, 50:300] = 20  # a rule with a real gap (paper) between its two pieces
    gray[198:201, 380:851] = 20
    gray = cv2.GaussianBlur(gray, (3, 3), 0)
    ink = binarize(gray)

    def lines_at(rules, y):
        return sorted((round(r.start), round(r.end)) for r in rules
                      if r.orientation == "h" and abs(r.pos - y * 72 / 200) < 2)

    bridged = find_rules(ink, 200, 30, gray=gray).rules
    assert len(lines_at(bridged, 300)) == 1 and lines_at(bridged, 300)[0][1] - lines_at(bridged, 300)[0][0] > 280
    assert len(lines_at(bridged, 200)) == 2  # the paper in the gap: a border left out
    assert len(lines_at(find_rules(ink, 200, 30).rules, 300)) >= 2  # without the page: broken


def test_a_smudged_character_read_as_a_box_shape_is_decided_by_words():
    words = lexicon()
    chars = list("补贴范■内农机具")
    confs = [0.99, 0.99, 0.99, 0.6, 0.99, 0.99, 0.99, 0.99]
    alts = [[]] * 3 + [[("中", 0.12), ("口", 0.026), ("围", 0.014)]] + [[]] * 4
    assert "".join(words.reread(chars, confs, alts)) == "补贴范围内农机具"
    bullet = list("■项目名称")  # a bullet read surely stays a bullet
    assert words.reread(bullet, [0.99] * 5, [[("口", 0.01)]] + [[]] * 4) == bullet
