"""parse_target on the required examples and on every target of the Pingluo sample."""
import json
from pathlib import Path

import pytest

from fujian.audit.targets import parse_target

EXPECTED = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"


PDF_EXPECTED = sorted((Path(__file__).resolve().parent.parent / "samples" / "pdf").glob("*.expected.json"))


def _sample_targets(files=(EXPECTED,)):
    return [text for text, _ in _sample_targets_with_columns(files)]


def _sample_targets_with_columns(files):
    """(target, extra) of every indicator with a target, without repeats."""
    seen, result = set(), []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for project in doc["projects"]:
            for ind in project["indicators"]:
                key = (ind["target"], json.dumps(ind.get("extra"), sort_keys=True, ensure_ascii=False))
                if ind["target"] is not None and key not in seen:
                    seen.add(key)
                    result.append((ind["target"], ind.get("extra")))
    return result


def _main(result):
    return {k: result.get(k) for k in ("comparator", "value", "low", "high", "unit") if k in result}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("≥90%", {"comparator": ">=", "value": 90, "unit": "%"}),
        ("90%以上", {"comparator": ">=", "value": 90, "unit": "%"}),
        ("8次以上", {"comparator": ">=", "value": 8, "unit": "次"}),
        ("每次6667元", {"comparator": "=", "value": 6667, "unit": "元"}),
        ("≤5个工作日", {"comparator": "<=", "value": 5, "unit": "个工作日"}),
        ("1-12月", {"comparator": "range", "low": 1, "high": 12, "unit": "月"}),
        ("1-12月份", {"comparator": "range", "low": 1, "high": 12, "unit": "月"}),
        ("2025年", {"comparator": "=", "value": 2025, "unit": "年"}),
        ("100%", {"comparator": "=", "value": 100, "unit": "%"}),
        ("13个", {"comparator": "=", "value": 13, "unit": "个"}),
        ("20人次", {"comparator": "=", "value": 20, "unit": "人次"}),
        ("不低于95%", {"comparator": ">=", "value": 95, "unit": "%"}),
        ("40,000元", {"comparator": "=", "value": 40000, "unit": "元"}),
        ("≥5万亩", {"comparator": ">=", "value": 5, "unit": "万亩"}),
        ("≥3场次", {"comparator": ">=", "value": 3, "unit": "场次"}),
        ("≤8.5万元/个", {"comparator": "<=", "value": 8.5, "unit": "万元/个"}),
        ("2025年9月底前", {"comparator": "<=", "value": 9, "unit": "月"}),
    ],
)
def test_single_quantities(text, expected):
    result = parse_target(text)
    assert _main(result) == expected
    assert "parts" not in result
    assert result["text"] == text


def test_qualifiers_are_kept():
    assert parse_target("90%以上")["qualifier"] == "以上"
    assert parse_target("每次6667元")["qualifier"] == "每次"
    assert parse_target("≥90%")["qualifier"] is None


def test_year_with_month_range_is_one_period():
    result = parse_target("2025年1-12月")
    assert _main(result) == {"comparator": "range", "low": 1, "high": 12, "unit": "月"}
    assert result["year"] == 2025
    assert "parts" not in result


def test_several_quantities_keep_parts():
    result = parse_target("平均每次1万元，一年4次")
    assert [(p["value"], p["unit"], p["qualifier"]) for p in result["parts"]] == [
        (1, "万元", "平均每次"),
        (4, "次", "一年"),
    ]
    assert (result["value"], result["unit"], result["qualifier"]) == (1, "万元", "平均每次")


def test_total_is_primary_part():
    result = parse_target("城关镇2万元/年,其他各乡镇1.5万元/年,共计20万元")
    assert [(p["value"], p["unit"]) for p in result["parts"]] == [(2, "万元/年"), (1.5, "万元/年"), (20, "万元")]
    assert result["total"] is True
    assert (result["value"], result["unit"]) == (20, "万元")
    assert result["parts"][0]["qualifier"] == "城关镇"


def test_comparator_and_unit_columns_complete_a_bare_number():
    assert _main(parse_target("3200", {"指标性质": "≥", "度量单位": "人"})) == {
        "comparator": ">=", "value": 3200, "unit": "人"}
    assert _main(parse_target("620", {"指标性质": "≤", "度量单位": "元/人·月"})) == {
        "comparator": "<=", "value": 620, "unit": "元/人·月"}
    # What the target itself says wins over the columns.
    assert _main(parse_target("≤5%", {"指标性质": "≥", "度量单位": "个"})) == {
        "comparator": "<=", "value": 5, "unit": "%"}
    assert _main(parse_target("3200")) == {"comparator": "=", "value": 3200, "unit": None}


def test_qualitative_and_empty():
    assert parse_target("效果明显") == {"comparator": "qualitative", "text": "效果明显"}
    assert parse_target(None) is None
    assert parse_target("  ") is None


@pytest.mark.parametrize("text, extra", _sample_targets_with_columns((EXPECTED, *PDF_EXPECTED)))
def test_every_sample_target_parses(text, extra):
    result = parse_target(text, extra)
    assert result["text"] == text
    has_digit = any(c.isdigit() for c in text)
    # A target with a number is never qualitative, and one without a number always is.
    assert (result["comparator"] == "qualitative") is (not has_digit)
    if has_digit:
        for part in result.get("parts", [result]):
            assert part["unit"] is not None, (text, part)
            assert ("value" in part) or ("low" in part and "high" in part)
            assert part["comparator"] in {">=", "<=", "=", ">", "<", "range"}


from hypothesis import given, settings
from hypothesis import strategies as st

_ALPHABET = st.sampled_from(list("0123456789.,-~至≥≤<>=%年月日次个元万千每共计以上下内前，、；/ 人项效果明显"))


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=30))
def test_never_raises_and_keeps_the_text(text):
    result = parse_target(text)
    if not text.strip():
        assert result is None
        return
    assert result["text"] == text.strip()
    for part in result.get("parts", [result]):
        assert part["comparator"] in {">=", "<=", "=", ">", "<", "range", "qualitative"}
