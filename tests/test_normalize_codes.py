import pytest

from fujian.normalize.codes import split_code


@pytest.mark.parametrize("cell, code, name", [
    ("1-产出指标", "1", "产出指标"),
    ("11-数量指标", "11", "数量指标"),
    ("11－数量指标", "11", "数量指标"),      # full-width hyphen
    ("11 - 数量指标", "11", "数量指标"),     # spaces
    ("11—数量指标", "11", "数量指标"),       # em dash
    ("4、成本指标", "4", "成本指标"),
    ("41.经济成本指标", "41", "经济成本指标"),
    ("产出指标", None, "产出指标"),          # printed without a code
    ("2025年", None, "2025年"),              # a number that is not a code
    (None, None, None),
])
def test_split_code(cell, code, name):
    assert split_code(cell) == (code, name)
