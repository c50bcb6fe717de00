"""Mechanisms of `pdftotext -layout` dumps read by the unruled reader (the layout2 corpus holds
whole dumps; these pin the single mechanisms on small pages)."""
from fujian.extract.layout_text import layout_rows


def rows_of(text: str) -> list[list[str]]:
    return layout_rows([text])[0]


def test_label_spread_over_its_cell_is_joined():
    rows = rows_of("项    目   名    称          公共图书馆免费开放补助\n")
    assert rows == [["项目名称", "公共图书馆免费开放补助"]]


def test_two_row_column_header_takes_the_value_column():
    page = ("                绩效指标\n"
            "                                      指标值\n"
            " 一级指标       二级指标       三级指标\n"
            "\n"
            " 1-产出指标    11-数量指标     作业点维护数量          12个\n")
    rows = rows_of(page)
    assert rows[0] == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert rows[1:] == [["1-产出指标", "", "", ""], ["", "11-数量指标", "作业点维护数量", "12个"]]


def test_content_columns_found_from_full_lines_not_headers():
    # headers centred over wide cells, text left-aligned in narrow ones
    page = (" 一级指标       二级指标        三级指标                  绩效值\n"
            "\n"
            "           12-质量指标     培训合格率    ≥90%\n"
            "\n"
            "                       补贴发放及时\n"
            "           13-时效指标              100%\n"
            "                       率\n")
    rows = [r for r in rows_of(page)[1:] if any(r[2:])]
    assert rows == [["", "12-质量指标", "培训合格率", "≥90%"], ["", "13-时效指标", "补贴发放及时\n率", "100%"]]

