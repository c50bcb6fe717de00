"""The narrative against the tables: the figures the 说明 states in words, checked against the
typed tables in the tables' unit (docs/SPEC.md "Narrative against tables").

A claim is a sentence pattern (data, CLAIMS below) that captures an amount (and its unit: 万元
or 元, as the sentence prints it) and names the table figure it states. Amounts are compared in
the sentence's unit, to the sentence's printed precision (a table in 元 stated in 万元 with two
decimals agrees when it rounds to it). A sentence whose figure cannot be found in the tables is
not checked; a year other than the bundle's is a warning (narrative_year_warnings).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator, Optional

import regex

from fujian.write.batch_tables import YUAN_PER_UNIT

from . import rules as RULES
from .cross_tables import figure, pick
from .model import Cell, Check, compare, dec, places
from .table_rules import side_subtotal, side_total
from .. import lazy_regex

NUMBER = r"(?P<amount>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)"
# what follows a 三公 item's name before its amount: 「…费预算为」, 「…费决算为」, 「…费支出决算为」,
# 「…费财政拨款支出年初预算为」
SG_MEASURE = r"(?:财政拨款)?(?:支出)?(?:年初)?(?:预算数?|决算数?)?(?:为|是)?\s*"
# 「2025年收入预算总计」 and 「年度收入总计」 state the total; 「本年收入」 / 「上年收入」 / 「当年收入」
# do not (a 年 after a digit is a year, any other 年 names 本年 / 上年 …)
NOT_A_YEAR = r"(?<![^\d]年)"

# (id, pattern, figure selector, rule); the selector: as in rules.CROSS_TABLE, or "three_public:<column>"
CLAIMS: tuple[tuple[str, str, object, str], ...] = (
    ("narrative.fiscal_total", r"财政拨款收入支出(?:预算|决算)?总计(?:为|是)?\s*" + NUMBER,
     {"kind": "fiscal_summary", "side": "revenue", "row": "total", "column": ("amount",)},
     "说明 财政拨款收入支出总计 = 财政拨款收支总表 总计"),
    ("narrative.total", r"(?<!拨款)收入支出(?:预算|决算)?总计(?:为|是)?\s*" + NUMBER,
     {"kind": "summary", "side": "revenue", "row": "total", "column": ("amount",)}, "说明 收入支出总计 = 收支总表 总计"),
    ("narrative.revenue_current", r"本年收入合计(?:为|是)?\s*" + NUMBER,
     {"kind": "summary", "side": "revenue", "row": "subtotal|total", "column": ("amount",)},
     "说明 本年收入合计 = 收支总表 本年收入合计"),
    ("narrative.expenditure_current", r"本年支出合计(?:为|是)?\s*" + NUMBER,
     {"kind": "summary", "side": "expenditure", "row": "subtotal|total", "column": ("amount", "total")},
     "说明 本年支出合计 = 收支总表 本年支出合计"),
    ("narrative.revenue", r"(?<![拨款业营他级位属算])" + NOT_A_YEAR + r"收入(?:预算总计|预算|总计)(?:为|是)?\s*" + NUMBER,
     {"kind": "summary", "side": "revenue", "row": "total", "column": ("amount",)}, "说明 收入预算 = 收支总表 收入总计"),
    ("narrative.expenditure", r"(?<![拨款本目营费级位运算])" + NOT_A_YEAR + r"支出(?:预算总计|预算|总计)(?:为|是)?\s*" + NUMBER,
     {"kind": "summary", "side": "expenditure", "row": "total", "column": ("amount", "total")},
     "说明 支出预算 = 收支总表 支出总计"),
    ("narrative.gpb_final", r"一般公共预算财政拨款支出年初预算为[^，。]*?，\s*支出决算为\s*" + NUMBER,
     {"kind": "gpb_expenditure", "row": "total", "column": ("total", "amount")},
     "说明 一般公共预算财政拨款支出决算 = 一般公共预算财政拨款支出决算表 合计"),
    ("narrative.gpb", r"一般公共预算财政拨款支出(?:决算)?(?:为|是)?\s*" + NUMBER,
     {"kind": "gpb_expenditure", "row": "total", "column": ("total", "amount")},
     "说明 一般公共预算财政拨款支出 = 一般公共预算支出表 合计"),
    ("narrative.fiscal", r"(?<![算金营])财政拨款收入(?:预算)?(?:为|是)?\s*" + NUMBER,
     {"kind": "fiscal_summary", "side": "revenue", "row": "subtotal|total", "column": ("amount",)},
     "说明 财政拨款收入 = 财政拨款收支总表 本年收入"),
    ("narrative.fiscal_expenditure", r"(?<![算金营])财政拨款支出(?:预算)?(?:为|是)?\s*" + NUMBER,
     {"kind": "fiscal_summary", "side": "expenditure", "row": "subtotal|total", "column": ("amount", "total")},
     "说明 财政拨款支出 = 财政拨款收支总表 本年支出"),
    ("narrative.three_public", r"[\"“”]?三公[\"“”]?经费" + SG_MEASURE + NUMBER,
     "three_public:sg_total", "说明 “三公”经费 = “三公”经费表 合计"),
    # 决算: 「“三公”经费财政拨款支出年初预算为X万元，支出决算为Y万元」 — Y is the 决算数
    ("narrative.three_public", r"[\"“”]?三公[\"“”]?经费" + SG_MEASURE + r"-?\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元)[，,]\s*"
     r"(?:支出)?决算(?:数)?为\s*" + NUMBER,
     "three_public:sg_total", "说明 “三公”经费 支出决算 = “三公”经费表 合计 决算数"),
    ("narrative.three_public.abroad", r"因公出国[（(]境[)）]费(?:用)?" + SG_MEASURE + NUMBER,
     "three_public:sg_abroad", "说明 因公出国（境）费 = “三公”经费表"),
    ("narrative.three_public.vehicle", r"公务用车购置及运行(?:维护)?费" + SG_MEASURE + NUMBER,
     "three_public:sg_vehicle", "说明 公务用车购置及运行费 = “三公”经费表"),
    ("narrative.three_public.vehicle_purchase", r"公务用车购置费" + SG_MEASURE + NUMBER,
     "three_public:sg_vehicle_purchase", "说明 公务用车购置费 = “三公”经费表"),
    ("narrative.three_public.vehicle_running", r"公务用车运行(?:维护)?费" + SG_MEASURE + NUMBER,
     "three_public:sg_vehicle_running", "说明 公务用车运行（维护）费 = “三公”经费表"),
    ("narrative.three_public.reception", r"公务接待费" + SG_MEASURE + NUMBER,
     "three_public:sg_reception", "说明 公务接待费 = “三公”经费表"),
    ("narrative.org_running", r"机关运行经费(?:预算|决算)?(?:支出)?(?:为|是)?\s*" + NUMBER,
     "three_public:org_running", "说明 机关运行经费 = “三公”经费和机关运行经费表"),
)
CLAIM_PATTERNS = tuple((i, lazy_regex.compile(p), sel, rule) for i, p, sel, rule in CLAIMS)

# Per-项 sentences: 「“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元」,
# 「一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）…支出决算为X万元」
ITEM_BUDGET = lazy_regex.compile(r"[\"“](?P<lei>[^\"“”\-—－]+)[-—－](?P<kuan>[^\"“”\-—－]+)[-—－](?P<xiang>[^\"“”]+)[\"”]"
                            r"(?:科目)?\s*" + NUMBER)
# 「“一般公共服务支出（类）市场监督管理事务（款）行政运行（项）”117.05万元」 (quotes optional; 科目 /
# 支出 / 预算 / 为 may stand before the amount)
ITEM_BUDGET_LEVELS = lazy_regex.compile(
    r"[\"“]?(?P<lei>[^\"“”，。；、（）()\d]{2,20})[（(]类[)）](?P<kuan>[^\"“”，。；（）()]{2,30})[（(]款[)）]"
    r"(?P<xiang>[^\"“”，。；（）()]{2,40})[（(]项[)）][\"”]?(?:科目)?(?:支出)?(?:预算)?(?:数)?(?:为|是)?\s*" + NUMBER)
# 「1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为A万元，支出决算为
# B万元。决算数小于预算数的主要原因：…」 — one paragraph per 项
ITEM_FINAL = lazy_regex.compile(r"(?P<lei>[^，。、（）()\d\"“”]{2,20})[（(]类[)）](?P<kuan>[^，。（）()]{2,30})[（(]款[)）]"
                           r"(?P<xiang>[^，。（）()]{2,40})[（(]项[)）](?P<rest>[^（]*?)(?=[^，。、（）()\d]{2,20}[（(]类[)）]|$)")
BUDGET_AND_FINAL = lazy_regex.compile(r"年初预算为\s*(?P<budget>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit1>万元|元)[，,]\s*"
                                 r"支出决算为\s*" + NUMBER)
# 「年初预算为X万元，支出决算为Y万元，完成（年初）预算的Z%」: Z = Y / X, to Z's printed precision
# (within 0.1 percentage point when X and Y are themselves rounded: reference X14)
RATE = lazy_regex.compile(r"年初预算(?:数)?为\s*(?P<budget>-?\d[\d,]*(?:\.\d+)?)\s*(?:万元|亿元|元)[，,]\s*(?:支出)?决算(?:数)?为\s*"
                     r"(?P<final>-?\d[\d,]*(?:\.\d+)?)\s*(?:万元|亿元|元)[，,]\s*完成(?:年初|全年)?预算(?:数)?的\s*"
                     r"(?P<rate>\d+(?:\.\d+)?)\s*[%％]")
RATE_TOLERANCE = Decimal("0.1")
RELATION = lazy_regex.compile(r"决算数(?P<relation>大于|小于|等于|高于|低于|持平于?)(?:年初)?预算数")
COMPARISON = lazy_regex.compile(r"三公[^。]*?(?:支出)?决算数(?P<relation>大于|小于|等于|高于|低于|持平于?)(?:年初)?预算数")
# a year naming a bundle (「2019年部门预算」), not a range (2017-2019年) nor a title in 《》
YEAR = lazy_regex.compile(r"(?<![\d\-—－~至《])(?P<year>20\d{2})\s*年度?(?:部门|单位)?(?:预算|决算)(?![^《》]*》)")


def narrative_checks(doc: dict) -> Iterator[Check]:
    tables = doc.get("budget_tables") or []
    if not tables:
        return
    for paragraph in doc.get("narrative") or []:
        text = paragraph.get("text") or ""
        page = paragraph.get("page")
        # 决算 paragraphs on one 项 each (those stating 年初预算 and 支出决算)
        items = [m for m in ITEM_FINAL.finditer(text) if BUDGET_AND_FINAL.search(m.group("rest"))]
        for m in items:
            yield from _item_final(m, page, tables)
        for sentence in _sentences(text):
            if not items:
                yield from _claims(sentence, page, tables)
            yield from _item_claims(sentence, page, tables)
            yield from _comparison(sentence, page, tables)
            yield from _rates(sentence, page)


def _sentences(text: str) -> list[str]:
    return [s for s in regex.split(r"(?<=[。；;])", text) if s.strip()]


def _claims(sentence: str, page, tables: list[dict]) -> Iterator[Check]:
    """Each stated amount is the claim of the pattern that reads most of the sentence before it
    (「“三公”经费财政拨款支出预算为X」 is the 三公 figure, not 财政拨款支出); a claim whose table
    the bundle does not hold is not applicable."""
    candidates = []
    for order, (check_id, pattern, selector, rule) in enumerate(CLAIM_PATTERNS):
        for m in pattern.finditer(sentence):
            candidates.append((m.start("amount"), m.start(), order, check_id, m, selector, rule))
    candidates.sort(key=lambda c: c[:3])
    taken: set[int] = set()
    for amount_at, _, _, check_id, m, selector, rule in candidates:
        if amount_at in taken:
            continue  # this amount is already another claim's
        if _kind_of(selector) is not None and pick(tables, _kind_of(selector)) is None:
            taken.add(amount_at)
            if len(tables) < RULES.MIN_TABLES_FOR_BUNDLE:
                continue  # an attachment of a few tables, not a bundle: nothing says the table should be there
            kind = _kind_of(selector)
            yield Check(check_id, rule, "not_applicable", Decimal(m.group("amount").replace(",", "")), None,
                        pages=[page], unit=m.group("unit"), sentence=sentence,
                        message=f"{rule}: not checked ({RULES.KIND_NAMES.get(kind, kind)} is not in the bundle)")
            continue
        found = _table_figure(tables, selector, m.group(0))
        if found is None:
            continue
        taken.add(amount_at)
        table, value, cells = found
        yield _stated(check_id, rule, m, value, table, cells, sentence, page)


def _kind_of(selector) -> Optional[str]:
    if isinstance(selector, str):
        return selector.split(":", 1)[0]
    return selector.get("kind")


def _table_figure(tables: list[dict], selector, claim: str):
    if isinstance(selector, str) and selector.startswith("three_public:"):
        column = selector.split(":", 1)[1]
        table = pick(tables, "three_public")
        if table is None:
            return None
        row = next((r for r in table.get("rows") or [] if any(v is not None for v in (r.get("values") or {}).values())), None)
        if row is None:
            return None
        values = row.get("values") or {}
        # the basis the sentence names: 预算数 or 决算数 (a 决算 三公 table prints both)
        bases = (".budget", "", ".final") if "预算" in claim and "决算" not in claim else (".final", "", ".budget")
        for col in (column + b for b in bases):
            if col in values:
                value = dec(values.get(col))
                return table, value if value is not None else Decimal(0), [
                    Cell("three_public", None, col, row.get("page"), row.get("bbox"))]
        return None
    sel = dict(selector)
    if sel["row"] == "total|subtotal":
        table = pick(tables, sel["kind"])
        if table is None:
            return None
        row = side_total(table, sel.get("side")) or side_subtotal(table, sel.get("side"))
        if row is None:
            return None
        values = row.get("values") or {}
        column = next((c for c in sel["column"] if c in values), None)
        if column is None or dec(values.get(column)) is None:
            return None
        return table, dec(values.get(column)), [Cell(table.get("kind"), row.get("name"), column, row.get("page"))]
    table, value, cells, _ = figure(tables, sel)
    if table is None or value is None:
        return None
    return table, value, cells


def _stated(check_id: str, rule: str, m, value: Decimal, table: dict, cells, sentence: str, page) -> Check:
    stated = Decimal(m.group("amount").replace(",", ""))
    unit = m.group("unit")
    in_unit = _convert(value, table.get("unit"), unit)
    if in_unit is None:
        return Check(check_id, rule, "not_applicable", stated, None, tables=[table.get("kind")],
                     pages=[page] + [c.page for c in cells], unit=unit, sentence=sentence,
                     message=f"{rule}: the table's unit is unknown", cells=cells)
    decimals = places(stated)
    rounded = in_unit.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    check = compare(check_id, rule, stated, rounded, 1, decimals=decimals, tables=[table.get("kind")],
                    pages=[page] + [c.page for c in cells], unit=unit, sentence=sentence, cells=cells)
    if check.status == "fail":
        check.message = (f"the narrative states {m.group(0)} but the table prints "
                         f"{format(in_unit.normalize(), 'f')}{unit}: 「{sentence.strip()[:120]}」")
    return check


def _convert(value: Decimal, unit: Optional[str], target: str) -> Optional[Decimal]:
    if unit not in YUAN_PER_UNIT or target not in YUAN_PER_UNIT:
        return None
    return value * YUAN_PER_UNIT[unit] / YUAN_PER_UNIT[target]


def _item_claims(sentence: str, page, tables: list[dict]) -> Iterator[Check]:
    table = pick(tables, "gpb_expenditure")
    if table is None:
        return
    for pattern, check_id in ((ITEM_BUDGET, "narrative.item"), (ITEM_BUDGET_LEVELS, "narrative.item")):
        for m in pattern.finditer(sentence):
            row = _find_item(table, m.group("lei"), m.group("kuan"), m.group("xiang"))
            if row is None:
                continue
            values = row.get("values") or {}
            column = next((c for c in ("total", "amount") if c in values), None)
            if column is None:
                continue
            value = dec(values.get(column)) or Decimal(0)
            cells = [Cell(table.get("kind"), " ".join(x for x in (row.get("code"), row.get("name")) if x),
                          column, row.get("page"), row.get("bbox"))]
            rule = f"说明 「{m.group('xiang').strip()}」（项）金额 = 一般公共预算支出表 该项 合计"
            yield _stated(check_id, rule, m, value, table, cells, sentence, page)


def _item_final(m, page, tables: list[dict]) -> Iterator[Check]:
    """A 决算 paragraph on one 项: its 支出决算 against the table's row, and what it says of
    决算数 against 预算数 against the two figures it states."""
    table = pick(tables, "gpb_expenditure")
    figures = BUDGET_AND_FINAL.search(m.group("rest"))
    if table is None or figures is None:
        return
    row = _find_item(table, m.group("lei"), m.group("kuan"), m.group("xiang"))
    text = m.group(0)
    if row is not None:
        values = row.get("values") or {}
        column = next((c for c in ("total", "amount") if c in values), None)
        if column is not None:
            cells = [Cell(table.get("kind"), " ".join(x for x in (row.get("code"), row.get("name")) if x),
                          column, row.get("page"), row.get("bbox"))]
            rule = f"说明 「{m.group('xiang').strip()}」（项）支出决算 = 一般公共预算财政拨款支出决算表 该项 合计"
            yield _stated("narrative.item", rule, figures, dec(values.get(column)) or Decimal(0), table, cells,
                          text, page)
    relation = RELATION.search(m.group("rest"))
    if relation is not None:
        budget = Decimal(figures.group("budget").replace(",", ""))
        final = Decimal(figures.group("amount").replace(",", ""))
        word = relation.group("relation")
        holds = {"大于": final > budget, "高于": final > budget, "小于": final < budget,
                 "低于": final < budget}.get(word, final == budget)
        yield Check("narrative.comparison", f"说明 「{m.group('xiang').strip()}」决算数{word}预算数",
                    "pass" if holds else "fail", final, budget, pages=[page], sentence=text[:300],
                    unit=figures.group("unit"),
                    message=None if holds else f"the narrative says 决算数{word}预算数 but states 年初预算 "
                                               f"{format(budget, 'f')} and 支出决算 {format(final, 'f')}")


def _find_item(table: dict, lei: str, kuan: str, xiang: str) -> Optional[dict]:
    """The 项 row named `xiang` under the 款 named `kuan` (and the 类 named `lei`)."""
    rows = table.get("rows") or []
    names = {r.get("code"): r.get("name") for r in rows if r.get("code")}
    for row in rows:
        code = row.get("code") or ""
        if len(code) != 7 or _norm(row.get("name")) != _norm(xiang):
            continue
        if _norm(names.get(code[:5])) in (_norm(kuan), None) and _norm(names.get(code[:3])) in (_norm(lei), None):
            return row
    return None


def _norm(text: Optional[str]) -> Optional[str]:
    return None if text is None else regex.sub(r"[\s\"“”（）()]", "", text)


def _rates(sentence: str, page) -> Iterator[Check]:
    """「完成年初预算的Z%」 against the two figures the sentence states; 年初预算 0 makes the rate
    meaningless (not applicable: the sentence should name 全年预算)."""
    for m in RATE.finditer(sentence):
        budget, final = (Decimal(m.group(k).replace(",", "")) for k in ("budget", "final"))
        rate = Decimal(m.group("rate"))
        rule = "说明 完成预算的 Z% = 支出决算 / 年初预算"
        if budget == 0:
            yield Check("narrative.rate", rule, "not_applicable", rate, None, pages=[page], unit="%", sentence=sentence,
                        message=f"{rule}: not checked (年初预算 is 0)")
            continue
        computed = (final / budget * 100).quantize(Decimal(1).scaleb(-places(rate)), rounding=ROUND_HALF_UP)
        check = compare("narrative.rate", rule, rate, computed, 1, decimals=places(rate), pages=[page], unit="%",
                        sentence=sentence)
        if check.status == "fail" and abs(rate - final / budget * 100) <= RATE_TOLERANCE:
            check.status, check.message = "rounding", None
        if check.status == "fail":
            check.message = (f"the narrative states 完成预算的{m.group('rate')}% but 支出决算 {m.group('final')} / 年初预算 "
                             f"{m.group('budget')} is {format(computed, 'f')}%: 「{sentence.strip()[:120]}」")
        yield check


def _comparison(sentence: str, page, tables: list[dict]) -> Iterator[Check]:
    m = COMPARISON.search(sentence)
    table = pick(tables, "three_public")
    if not m or table is None:
        return
    row = next((r for r in table.get("rows") or [] if "sg_total.final" in (r.get("values") or {})), None)
    if row is None:
        return
    budget = dec(row["values"].get("sg_total.budget")) or Decimal(0)
    final = dec(row["values"].get("sg_total.final")) or Decimal(0)
    relation = m.group("relation")
    holds = {"大于": final > budget, "高于": final > budget, "小于": final < budget, "低于": final < budget}.get(
        relation, final == budget)
    rule = f"说明 “三公”经费决算数{relation}预算数"
    yield Check("narrative.comparison", rule, "pass" if holds else "fail", final, budget,
                tables=["three_public"], pages=[page, row.get("page")], sentence=sentence,
                unit=table.get("unit"), cells=[Cell("three_public", None, "sg_total.final", row.get("page")),
                                               Cell("three_public", None, "sg_total.budget", row.get("page"))],
                message=None if holds else f"the narrative says 决算数{relation}预算数, the table prints "
                                           f"决算 {format(final, 'f')} and 预算 {format(budget, 'f')}: 「{sentence.strip()[:120]}」")


def narrative_year_warnings(doc: dict) -> list[dict]:
    """A year in the narrative's 本年/今年 statements outside the years rules.NARRATIVE_YEARS allows
    around the bundle's (a copied paragraph from another year's bundle)."""
    year = (doc.get("document") or {}).get("year")
    if not year:
        return []
    out = []
    for paragraph in doc.get("narrative") or []:
        for m in YEAR.finditer(paragraph.get("text") or ""):
            y = int(m.group("year"))
            if not year + RULES.NARRATIVE_YEARS[0] <= y <= year + RULES.NARRATIVE_YEARS[1]:
                out.append({"code": "narrative_year", "page": paragraph.get("page"), "project_seq": None,
                            "message": f"the narrative names {y}年 in a {year} bundle: "
                                       f"「{(paragraph.get('text') or '')[max(0, m.start() - 20):m.end() + 20]}」"})
                break
    return out
