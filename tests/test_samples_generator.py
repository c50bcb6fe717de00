"""Checks on the COMMITTED sample PDFs in samples/pdf/ and their expected JSON.

Nothing here regenerates anything (no LibreOffice, no reportlab): the files are read with
pdfplumber / pikepdf and compared with the generator's content data (samples/generate/
content.py, which has no dependencies).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = ROOT / "samples" / "pdf"
GEN_DIR = ROOT / "samples" / "generate"


def _load(name: str, file: str):
    spec = importlib.util.spec_from_file_location(name, GEN_DIR / file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


content = _load("samples_content", "content.py")
# the generator's own rules for what the contract makes of its content (funding, joined targets)
sys.modules.setdefault("content", content)  # expected.py imports it under its own name
_expected_rules = _load("samples_expected", "expected.py")
split_funding, joined_target = _expected_rules.split_funding, _expected_rules.joined_target

# Which content each sample with an expected JSON was generated from (make_samples.py).
SOURCES = {
    "drawn_health_several_projects_per_page": ("health", None),
    "drawn_pingluo_kangxi_radicals": ("pingluo", None),
    "drawn_rotate90_landscape_page": ("natural_resources", None),
    "drawn_continuation_no_top_rule": ("natural_resources", None),
    "drawn_phantom_white_rects": ("education", [0, 2]),
    "drawn_no_ruling_lines": ("agriculture", None),
    "drawn_civil_affairs_extra_indicator_columns": ("civil_affairs", None),
    "word_education_flowing_tables_repeated_header": ("education", None),
    "excel_pingluo_break_no_repeated_header": ("pingluo", None),
    "excel_pingluo_break_repeated_header": ("pingluo", None),
    "word_education_landscape": ("education", None),
    "word_agriculture_budget_table_fullwidth_digits": ("agriculture", None),
    "encrypted_owner_password": ("education", None),
}
NO_EXPECTED = {"encrypted_user_password", "scanned_image_only"}
USER_PASSWORD = "fujian2025"  # documented in samples/generate/pdf_post.py and samples/README.md

ALL_PDFS = sorted(PDF_DIR.glob("*.pdf"))
EXPECTED = sorted(PDF_DIR.glob("*.expected.json"))


def _expected(stem: str) -> dict:
    return json.loads((PDF_DIR / f"{stem}.expected.json").read_text(encoding="utf-8"))


def test_sample_set_is_complete():
    stems = {p.stem for p in ALL_PDFS}
    assert stems == set(SOURCES) | NO_EXPECTED
    assert {p.name[: -len(".expected.json")] for p in EXPECTED} == set(SOURCES)


def test_sizes_stay_small():
    sizes = {p.name: p.stat().st_size for p in ALL_PDFS}
    assert all(s < 200_000 for s in sizes.values()), sizes
    assert sum(sizes.values()) < 5_000_000


@pytest.mark.parametrize("pdf", ALL_PDFS, ids=lambda p: p.stem)
def test_every_pdf_opens_and_page_count_matches(pdf):
    password = USER_PASSWORD if pdf.stem == "encrypted_user_password" else None
    with pdfplumber.open(pdf, password=password) as doc:
        n = len(doc.pages)
        assert n >= 1
        assert all(page.width > 0 and page.height > 0 for page in doc.pages)
    if pdf.stem in SOURCES:
        exp = _expected(pdf.stem)
        assert exp["source"]["pages"] == n
        assert exp["source"]["file"] == pdf.name
        assert exp["source"]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
        for project in exp["projects"]:
            assert set(project["pages"]) <= set(range(1, n + 1))
            assert {i["page"] for i in project["indicators"]} <= set(project["pages"])


def _content_projects(stem: str):
    key, subset = SOURCES[stem]
    dept = content.DEPARTMENTS[key]
    projects = dept.projects if subset is None else tuple(dept.projects[i] for i in subset)
    return dept, projects


def _split(label: str):
    m = re.match(r"^(\d+)-(.+)$", label)
    return (m.group(1), m.group(2)) if m else (None, label)


@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_expected_json_matches_generator_content(stem):
    exp = _expected(stem)
    dept, projects = _content_projects(stem)
    assert exp["schema_version"] == 1
    assert exp["title"] == dept.title
    assert len(exp["projects"]) == len(projects)
    for seq, (got, want) in enumerate(zip(exp["projects"], projects), start=1):
        assert got["seq"] == seq
        assert got["project_name"] == want.project_name
        assert got["amount_unit"] == dept.amount_unit
        assert got["annual_amount"] == float(want.annual_amount.replace(",", ""))
        extra_fields, funding = split_funding(dict(want.extra_fields))  # money labels fill funding (SPEC)
        assert got["extra_fields"] == extra_fields
        assert got.get("funding", {}) == ({**funding, "annual": got["annual_amount"]} if funding else {})
        rows = [(i["level1_code"], i["level1"], i["level2_code"], i["level2"], i["level3"], i["target"])
                for i in got["indicators"]]
        assert rows == [(*_split(i.level1), *_split(i.level2), i.level3, joined_target(i)) for i in want.indicators]
        assert [i.get("extra", {}) for i in got["indicators"]] == [dict(i.extra) for i in want.indicators]


_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20“”]"


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield k
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_expected_json_is_canonical_text(stem):
    exp = _expected(stem)
    for s in _strings({k: v for k, v in exp.items() if k != "source"}):
        assert s != "" and s == s.strip(), repr(s)
        assert not re.search(r"[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]", s), s  # no radicals
        assert not re.search(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a％]", s), s  # no full-width ASCII
        assert not re.search(rf"{_CJK}\s|\s{_CJK}", s), s
    for project in exp["projects"]:
        for key in ("project_name", "department", "implementing_unit", "project_type", "duration",
                    "managing_office", "overall_goal", "table_title", "amount_unit"):
            assert isinstance(project[key], str) and project[key]


def test_rotated_sample_really_has_rotate_90():
    pdf = PDF_DIR / "drawn_rotate90_landscape_page.pdf"
    with pikepdf.open(pdf) as doc:
        assert int(doc.pages[1].obj.get("/Rotate", 0)) == 90
        assert int(doc.pages[0].obj.get("/Rotate", 0)) == 0
        box = doc.pages[1].mediabox
        assert float(box[2]) < float(box[3])  # stored portrait, shown landscape
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[1]
        assert page.rotation == 90
        assert page.width > page.height  # pdfplumber reports the displayed (landscape) size
        assert "国土空间规划编制经费" in page.extract_text()


def test_owner_password_sample_is_encrypted_but_opens_without_password():
    pdf = PDF_DIR / "encrypted_owner_password.pdf"
    with pikepdf.open(pdf) as doc:
        assert doc.is_encrypted
        assert doc.allow.extract is False
        assert doc.allow.modify_other is False
    with pdfplumber.open(pdf) as doc:
        assert "学前教育保教费补助资金" in doc.pages[0].extract_text()


def test_user_password_sample_needs_its_password():
    pdf = PDF_DIR / "encrypted_user_password.pdf"
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(pdf)
    with pytest.raises(Exception):
        with pdfplumber.open(pdf) as doc:
            doc.pages[0].extract_text()
    with pdfplumber.open(pdf, password=USER_PASSWORD) as doc:
        assert "基本公共卫生服务县级配套资金" in doc.pages[0].extract_text()


def test_scanned_sample_has_no_text_layer_but_an_image():
    with pdfplumber.open(PDF_DIR / "scanned_image_only.pdf") as doc:
        assert all(not page.chars for page in doc.pages)
        assert all(page.images for page in doc.pages)


def test_kangxi_sample_prints_radicals_that_the_expected_json_unifies():
    with pdfplumber.open(PDF_DIR / "drawn_pingluo_kangxi_radicals.pdf") as doc:
        text = "".join(page.extract_text() for page in doc.pages)
    assert "\u2f08\u2f24" in text  # ⼈⼤
    assert "\u2ed3" in text  # ⻓
    assert "人大" not in text
    exp = _expected("drawn_pingluo_kangxi_radicals")
    assert exp["title"] == "附件2：平罗县人民代表大会常务委员会办公室项目支出预算绩效目标表"


def test_fullwidth_sample_prints_fullwidth_digits():
    with pdfplumber.open(PDF_DIR / "word_agriculture_budget_table_fullwidth_digits.pdf") as doc:
        text = "".join(page.extract_text() for page in doc.pages)
    assert "≥９０％" in text  # printed; the expected JSON holds ≥90%
    targets = [i["target"] for p in _expected("word_agriculture_budget_table_fullwidth_digits")["projects"]
               for i in p["indicators"]]
    assert "≥90%" in targets


def test_budget_table_is_listed_in_expected_tables():
    exp = _expected("word_agriculture_budget_table_fullwidth_digits")
    (table,) = exp["tables"]
    assert table["rows"][0][0] == "项目名称" and table["rows"][-1][0] == "合计"
    with pdfplumber.open(PDF_DIR / "word_agriculture_budget_table_fullwidth_digits.pdf") as doc:
        text = doc.pages[table["page"] - 1].extract_text()
    assert "1872.50" in text and "项目支出预算表" in text


def test_no_ruling_sample_has_no_lines_and_no_rects():
    with pdfplumber.open(PDF_DIR / "drawn_no_ruling_lines.pdf") as doc:
        for page in doc.pages:
            assert not page.lines and not page.rects and not page.curves
            assert page.chars


def test_phantom_sample_has_white_filled_rects_that_split_cells():
    with pdfplumber.open(PDF_DIR / "drawn_phantom_white_rects.pdf") as doc:
        page = doc.pages[0]
        white = [r for r in page.rects if r["fill"] and r["non_stroking_color"] in ((1, 1, 1), [1, 1, 1], (1.0, 1.0, 1.0))]
        assert len(white) >= 5
        # a ruling-based finder sees more columns than the 4 printed ones
        assert max(len(t.rows[0].cells) for t in page.find_tables()) > 4


def test_continuation_page_has_table_text_above_its_first_rule():
    exp = _expected("drawn_continuation_no_top_rule")
    first = exp["projects"][0]
    assert first["pages"] == [1, 2]
    cont = [i for i in first["indicators"] if i["page"] == 2]
    assert cont and cont[0]["level2"] == "时效指标"
    with pdfplumber.open(PDF_DIR / "drawn_continuation_no_top_rule.pdf") as doc:
        page = doc.pages[1]
        top_rule = min(line["top"] for line in page.lines if line["top"] == line["bottom"])
        word = next(w for w in page.extract_words() if w["text"].startswith("13-时效指标"))
        assert word["bottom"] < top_rule


@pytest.mark.parametrize("stem,repeated", [("excel_pingluo_break_repeated_header", True),
                                           ("excel_pingluo_break_no_repeated_header", False)])
def test_excel_break_inside_indicator_table(stem, repeated):
    exp = _expected(stem)
    split = [p for p in exp["projects"] if len(p["pages"]) > 1]
    assert [p["project_name"] for p in split] == ["县人大常委会预决算审查咨询委员会工作经费", "市人大常委会基层立法联系点工作经费"]
    with pdfplumber.open(PDF_DIR / f"{stem}.pdf") as doc:
        for p in split:
            cont = doc.pages[p["pages"][1] - 1]
            first_row = cont.extract_tables()[0][0]
            assert (first_row == ["一级指标", "二级指标", "三级指标", "绩效值"]) == repeated


def test_extra_indicator_columns_are_printed_and_kept_out_of_target():
    exp = _expected("drawn_civil_affairs_extra_indicator_columns")
    first = exp["projects"][0]["indicators"][0]
    assert first["target"] == "≥3200人"  # joined from its printed parts (docs/SPEC.md); the parts stay in extra
    assert first["extra"] == {"指标性质": "≥", "度量单位": "人", "权重": "10"}
    with pdfplumber.open(PDF_DIR / "drawn_civil_affairs_extra_indicator_columns.pdf") as doc:
        header = next(row for row in doc.pages[0].extract_tables()[0] if row and row[0] == "一级指标")
    assert header == ["一级指标", "二级指标", "三级指标", "指标性质", "绩效值", "度量单位", "权重"]


def test_word_flowing_tables_repeat_the_indicator_header_on_the_next_page():
    exp = _expected("word_education_flowing_tables_repeated_header")
    split = [p for p in exp["projects"] if len(p["pages"]) > 1]
    assert split, "a project table must cross a page break"
    with pdfplumber.open(PDF_DIR / "word_education_flowing_tables_repeated_header.pdf") as doc:
        first_row = doc.pages[split[0]["pages"][1] - 1].extract_tables()[0][0]
    assert first_row == ["一级指标", "二级指标", "三级指标", "绩效值"]
