"""Bundles in layouts other departments and years print (samples/bundles, made by
samples/generate/bundle_variants.py; expected JSON written from the generator's content): table
numbers on their own line and sub-table numbers, 三公 tables without a 三公 group or with 预算数 |
决算数 groups, 上年结转 in the revenue tables, a bundle without 财政拨款收支总表, and the narrative
sentences these bundles print — each read, and each check made or not applicable as it should be."""
import json
from functools import lru_cache
from pathlib import Path

import pytest

from fujian.audit.budget_scoring import score_budget_tables
from fujian.checks.narrative_claims import narrative_year_warnings
from fujian.pipeline import convert_file

BUNDLES = Path(__file__).resolve().parent.parent / "samples" / "bundles"
EXPECTED = sorted(BUNDLES.glob("*.expected.json"))


@lru_cache(maxsize=None)
def converted(stem: str) -> dict:
    return convert_file(BUNDLES / f"{stem}.pdf")


def _stem(path: Path) -> str:
    return path.name[: -len(".expected.json")]


def _checks(doc: dict, check_id: str) -> list[dict]:
    return [c for c in doc["checks"] if c["id"] == check_id]


def test_the_corpus_is_here():
    assert len(EXPECTED) >= 4 and all((BUNDLES / f"{_stem(p)}.pdf").exists() for p in EXPECTED)


@pytest.mark.parametrize("expected", EXPECTED, ids=_stem)
def test_budget_tables_and_failing_checks_are_exact(expected):
    want = json.loads(expected.read_text(encoding="utf-8"))
    doc = converted(_stem(expected))
    s = score_budget_tables(doc, want)
    assert s.exact, "\n".join(s.differences[:30])
    assert {k: doc["document"][k] for k in want["document"]} == want["document"]


def test_a_number_line_above_the_title_is_the_number_not_the_title():
    doc = converted("budget_2025_wanyuan_number_lines")
    got = [(t["number"] if "number" in t else None, t["title"]) for t in doc["budget_tables"]]
    assert got[:2] == [("表1", "部门收支预算总表"), ("表2", "部门收入预算总表")]
    assert ("表3-1", "一般公共预算支出功能分类预算表") in got and ("表3-2", "一般公共预算基本支出经济分类预算表") in got
    assert not any(t["title"].startswith("表") for t in doc["budget_tables"])
    assert not any(line.startswith("表") for t in doc["budget_tables"] for line in t.get("caption", []))


def test_sub_table_numbers_and_a_number_run_into_the_title():
    final = {t["kind"]: t for t in converted("final_2024_yuan_groups_by_basis")["budget_tables"]}
    assert (final["gpb_expenditure"]["number"], final["gpb_basic_expenditure"]["number"]) == ("表5一", "表5二")
    assert final["fiscal_summary"]["number"] == "表1-1"
    inline = {t["kind"]: t for t in converted("budget_2025_yuan_no_fiscal_summary")["budget_tables"]}
    # 「表4 一般公共预算支出表」: 表4 + 一般…, never 表4一 + 般… (which would read as a 支出表)
    assert (inline["gpb_expenditure"]["number"], inline["gpb_expenditure"]["title"]) == ("表4", "表4一般公共预算支出表")
    assert [t["kind"] for t in converted("budget_2025_yuan_no_fiscal_summary")["budget_tables"]].count("expenditure") == 1


def test_three_public_total_without_a_group_is_the_three_public_total():
    doc = converted("budget_2025_wanyuan_number_lines")
    (three,) = [t for t in doc["budget_tables"] if t["kind"] == "three_public"]
    assert [c["id"] for c in three["columns"]][:2] == ["sg_total", "sg_abroad"]
    (total,) = _checks(doc, "three_public.total")
    assert total["status"] == "pass" and total["lhs"] == three["rows"][0]["values"]["sg_total"]


def test_three_public_by_basis_groups():
    doc = converted("final_2024_yuan_groups_by_basis")
    (three,) = [t for t in doc["budget_tables"] if t["kind"] == "three_public"]
    ids = [c["id"] for c in three["columns"]]
    assert ids[0] == "sg_total.budget" and ids[6] == "sg_total.final" and "sg_vehicle_running.final" in ids
    statuses = {(c["id"], c["status"]) for c in doc["checks"] if c["id"].startswith("three_public.")}
    assert statuses == {("three_public.total", "pass"), ("three_public.vehicle", "pass")}
    assert len(_checks(doc, "three_public.total")) == 2  # one per basis


def test_the_three_public_sentence_keeps_its_figure():
    """「“三公”经费财政拨款支出预算为X万元」 states the 三公 total, not 财政拨款支出."""
    doc = converted("budget_2025_wanyuan_number_lines")
    assert not [c for c in _checks(doc, "narrative.fiscal_expenditure") if "三公" in (c.get("sentence") or "")]
    (three,) = _checks(doc, "narrative.three_public")
    assert three["status"] == "pass" and "三公" in three["sentence"]
    wrong = converted("budget_2025_wanyuan_number_lines_errors")
    (three,) = _checks(wrong, "narrative.three_public")
    assert three["status"] == "fail" and three["lhs"] == three["rhs"] + 1


def test_a_year_before_revenue_is_read():
    doc = converted("budget_2025_wanyuan_number_lines")
    (revenue,) = _checks(doc, "narrative.revenue")
    assert revenue["status"] == "pass" and revenue["sentence"].startswith("2025年收入预算总计")
    assert _checks(doc, "narrative.expenditure")[0]["status"] == "pass"


def test_per_item_sentences_with_level_marks():
    doc = converted("budget_2025_wanyuan_number_lines")
    items = _checks(doc, "narrative.item")
    assert len(items) == 3 and all(c["status"] == "pass" for c in items)
    assert [c["cells"][0]["row"].split()[0] for c in items] == ["2013801", "2013816", "2210201"]


def test_three_public_final_sentences():
    doc = converted("final_2024_yuan_groups_by_basis")
    three = _checks(doc, "narrative.three_public")
    assert [(c["cells"][0]["column"], c["status"]) for c in three] == [
        ("sg_total.budget", "pass"), ("sg_total.final", "pass")]
    for item in ("narrative.three_public.vehicle", "narrative.three_public.reception"):
        (c,) = _checks(doc, item)
        assert c["status"] == "pass" and c["cells"][0]["column"].endswith(".final")
    (rate,) = _checks(doc, "narrative.rate")  # 完成预算的Z% = 支出决算 / 年初预算
    assert rate["status"] == "pass" and rate["unit"] == "%"
    wrong = converted("final_2024_wanyuan_public_numbers_errors")
    assert {c["id"] for c in wrong["checks"] if c["status"] == "fail"} == {
        "narrative.three_public", "narrative.rate", "narrative.comparison"}


def test_expenditure_gpb_without_a_gpb_column_is_not_applicable():
    doc = converted("final_2024_yuan_groups_by_basis")  # 财政拨款 holds 国有资本经营 money
    (check,) = _checks(doc, "cross.expenditure_gpb")
    assert check["status"] == "not_applicable" and check["lhs"] != check["rhs"]
    with_gpb = converted("budget_2025_yuan_no_fiscal_summary")  # 收入表 prints 一般公共预算 = 合计
    (check,) = _checks(with_gpb, "cross.expenditure_gpb")
    assert check["status"] == "pass"


def test_checks_on_a_missing_fiscal_summary_are_not_applicable():
    doc = converted("budget_2025_yuan_no_fiscal_summary")
    assert not any(t["kind"] == "fiscal_summary" for t in doc["budget_tables"])
    (gpb,) = _checks(doc, "cross.fiscal_gpb")
    (stated,) = _checks(doc, "narrative.fiscal_total")
    assert gpb["status"] == stated["status"] == "not_applicable"
    assert "财政拨款收支总表" in gpb["message"] and "财政拨款收支总表" in stated["message"]
    assert [c["id"] for c in doc["checks"] if c["status"] == "fail"] == ["bundle.complete"]


def test_revenue_total_with_carry_over():
    doc = converted("budget_2025_wanyuan_number_lines")
    (check,) = _checks(doc, "cross.summary_revenue")
    summary = doc["budget_tables"][0]
    carry = next(r for r in summary["rows"] if r["name"] == "上年结转")["values"]["amount"]
    assert check["status"] == "pass" and round(check["rhs"] - check["lhs"], 2) == carry and "上年结转" in check["message"]
    (wrong,) = _checks(converted("budget_2025_wanyuan_number_lines_errors"), "cross.summary_revenue")
    assert wrong["status"] == "fail"


def test_next_years_plans_in_a_final_account_are_no_warning():
    doc = converted("final_2024_yuan_groups_by_basis")
    assert not [w for w in doc["warnings"] if w["code"] == "narrative_year"]
    assert "2025年部门预算" in doc["narrative"][-1]["text"]
    base = {"document": {"year": 2024}}
    assert narrative_year_warnings(dict(base, narrative=[{"page": 1, "text": "2025年部门预算将继续压减一般性支出。"}])) == []
    assert narrative_year_warnings(dict(base, narrative=[{"page": 1, "text": "2023年度部门决算如下。"}])) == []
    (w,) = narrative_year_warnings(dict(base, narrative=[{"page": 1, "text": "2022年度部门决算如下。"}]))
    assert w["code"] == "narrative_year" and "2022" in w["message"]


def test_number_lines_in_a_text_dump_begin_their_table(tmp_path):
    """A tab-separated dump: the 「表N」 line and the title after a table's last row begin the next
    table (they are not the wrapped end of that row's last cell)."""
    dump = tmp_path / "bundle.txt"
    dump.write_text(
        "表1\n部门收支预算总表\n单位：万元\n收入\t金额\t支出\t金额\n"
        "一、一般公共预算拨款收入\t100.00\t一、一般公共服务支出\t100.00\n"
        "收入总计\t100.00\t支出总计\t100.00\n"
        "表3-1\n一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "301\t工资福利支出\t80.00\t80.00\t\n302\t商品和服务支出\t20.00\t\t20.00\n合计\t\t100.00\t80.00\t20.00\n"
        "表5一\n一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t100.00\n"
        "合计\t\t100.00\n", encoding="utf-8")
    doc = convert_file(dump)
    got = [(t["kind"], t.get("number"), t["title"], len(t["rows"])) for t in doc["budget_tables"]]
    assert got == [("summary", "表1", "部门收支预算总表", 4), ("gpb_basic_expenditure", "表3-1", "一般公共预算基本支出表", 3),
                   ("gpb_expenditure", "表5一", "一般公共预算支出表", 2)]
    assert not [c for c in doc["checks"] if c["status"] == "fail" and c["id"] != "bundle.complete"]


def test_a_blank_table_without_its_fiscal_summary_is_not_applicable():
    """Without 财政拨款收支总表 nothing says whether a blank 政府性基金 table should hold values."""
    from fujian.checks.completeness import completeness_checks

    def table(kind, values, note=None):
        return {"kind": kind, "title": None, "pages": [1], "unit": "万元", "note": note, "empty": values is None,
                "columns": [{"id": "total"}], "rows": [{"level": "total", "name": "合计", "values": {"total": values}}]}
    tables = [table("summary", 10), table("revenue", 10), table("gpb_expenditure", 10), table("gf_expenditure", None)]
    doc = {"document": {"kind": "预算"}, "budget_tables": tables}
    (blank,) = [c for c in completeness_checks(doc) if c.id.startswith("bundle.") and c.id != "bundle.complete"]
    assert (blank.id, blank.status) == ("bundle.blank_table", "not_applicable") and "财政拨款收支总表" in blank.message
    with_fiscal = tables + [dict(table("fiscal_summary", None), rows=[
        {"level": "total", "name": "支出总计", "side": "expenditure", "values": {"total": 10, "gf": 3}}])]
    (blank,) = [c for c in completeness_checks(dict(doc, budget_tables=with_fiscal))
                if c.id.startswith("bundle.") and c.id != "bundle.complete"]
    assert (blank.id, blank.status) == ("bundle.blank_table", "fail")
