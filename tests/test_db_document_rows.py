"""fujian.db.document_rows: JSON → rows, without a database."""
from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from fujian.db.amount_units import to_wanyuan
from fujian.db.document_rows import DocumentError, content_sha256, document_rows

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "pingluo-rd-2025.expected.json"


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_pingluo_rows():
    rows = document_rows(sample(), "pingluo-rd-2025.txt")
    assert len(rows.projects) == 6 and rows.indicator_count == 55
    assert [p.project["seq"] for p in rows.projects] == [1, 2, 3, 4, 5, 6]
    assert [p.project["annual_amount"] for p in rows.projects] == \
        [Decimal(n) for n in ("4", "8", "5", "20", "4", "15")]
    fourth = rows.projects[3]
    assert fourth.project["project_name"] == sample()["projects"][3]["project_name"]
    by_target = {i["target"]: i for p in rows.projects for i in p.indicators}
    assert by_target["90%以上"]["comparator"] == ">="
    assert by_target["90%以上"]["value"] == Decimal("90")
    assert by_target["城关镇2万元/年,其他各乡镇1.5万元/年,共计20万元"]["value"] == Decimal("20")
    assert by_target["有所提高"]["comparator"] == "qualitative"
    assert rows.document["title"].startswith("附件2：平罗县")
    assert rows.warnings == [] and rows.other_tables == []


def test_content_hash_ignores_extracted_at_only():
    doc = sample()
    base = content_sha256(doc)
    assert content_sha256({**doc, "extracted_at": "2030-01-01T00:00:00Z"}) == base
    assert content_sha256({**doc, "tool": {"name": "fujian", "version": "2"}}) != base


def test_unknown_keys_are_kept_and_unparseable_amounts_not_lost():
    doc = sample()
    doc["generator_note"] = "x"
    p = doc["projects"][0]
    p["annual_amount"] = "约4万"
    p["indicators"][0]["weight"] = 10
    rows = document_rows(doc, "a.txt")
    assert rows.document["other_keys"] == {"generator_note": "x"}
    assert rows.projects[0].project["annual_amount"] is None
    assert rows.projects[0].project["other_keys"] == {"annual_amount": "约4万"}
    assert rows.projects[0].indicators[0]["other_keys"] == {"weight": 10}


@pytest.mark.parametrize("doc, message", [
    ([], "not an object"),
    ({"title": "x"}, 'no "projects" list'),
    ({"projects": ["x"]}, "project #1 is not an object"),
    ({"projects": [{"seq": 1, "indicators": {}}]}, '"indicators" is not a list'),
    ({"projects": [{"seq": 2}, {"seq": 2}]}, "two projects have seq 2"),
])
def test_shape_errors(doc, message):
    with pytest.raises(DocumentError, match=message):
        document_rows(doc, "x")


def test_wanyuan_conversion():
    assert to_wanyuan(Decimal("40000"), "元") == Decimal("4")
    assert to_wanyuan(Decimal("5"), "万元") == Decimal("5")
    assert to_wanyuan(Decimal("300"), "千元") == Decimal("30")
    assert to_wanyuan(Decimal("1.2"), "亿元") == Decimal("12000")
    assert to_wanyuan(Decimal("1"), "美元") is None
    assert to_wanyuan(None, "元") is None and to_wanyuan(Decimal(1), None) is None
