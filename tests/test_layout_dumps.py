"""`pdftotext -layout` dumps (columns aligned with spaces, no tabs) of the sample PDFs."""
import json
from pathlib import Path

import pytest

from fujian.extract.text_dump import read_text_dump
from fujian.pipeline import convert_file

ROOT = Path(__file__).resolve().parent.parent
DUMPS = sorted((ROOT / "samples" / "layout").glob("*.layout.txt"))


def expected(dump: Path) -> dict:
    name = dump.name.replace(".layout.txt", "")
    return json.loads((ROOT / "samples" / "pdf" / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("dump", DUMPS, ids=lambda p: p.name)
def test_layout_dump_scores_100_percent(dump, scorer):
    assert scorer(convert_file(dump), expected(dump)) == []


def test_extra_indicator_columns_in_a_layout_dump():
    """指标性质/度量单位/权重 columns go to `extra`; 其中： labels wrapped around their values."""
    dump = ROOT / "samples" / "layout" / "drawn_civil_affairs_extra_indicator_columns.layout.txt"
    got, want = convert_file(dump), expected(dump)
    keys = ["level1_code", "level1", "level2_code", "level2", "level3", "target"]
    for gp, wp in zip(got["projects"], want["projects"]):
        assert [[i[k] for k in keys] for i in gp["indicators"]] == [[i[k] for k in keys] for i in wp["indicators"]]
        assert gp["overall_goal"] == wp["overall_goal"]
    assert got["projects"][0]["extra_fields"] == {"其中：中央补助资金": "1980.00", "其中：县级配套资金": "406.50"}
    first = got["projects"][0]["indicators"][0]
    assert first["extra"] == {"指标性质": "≥", "度量单位": "人", "权重": "10"}


def test_layout_dump_is_read_as_columns_not_tabs():
    dump = ROOT / "samples" / "layout" / "word_education_landscape.layout.txt"
    assert "\t" not in dump.read_text(encoding="utf-8")
    doc = read_text_dump(dump)
    assert doc.page_count == 3  # form feeds separate the PDF's three pages
    widths = {t.n_cols for t in doc.tables()}
    assert 4 in widths


def test_indicator_text_only_in_level_columns_does_not_crash(tmp_path):
    """A level-3 text that lines up under the 二级指标 header (no fragment in the 三级指标
    column on the page) once raised KeyError in the wrap test."""
    dump = tmp_path / "narrow.layout.txt"
    dump.write_text(
        "部门项目支出预算绩效目标表\n\n 项目名称     测试项目\n\n"
        " 一级指标    二级指标                     三级指标          绩效值\n"
        " 1-产出指标  11-数量指标 召开会议\n", encoding="utf-8")
    doc = convert_file(dump)
    assert doc["projects"][0]["project_name"] == "测试项目"
