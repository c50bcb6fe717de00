"""Checks across the tables of one bundle: the same figure printed in two tables (收支总表 ↔
收入表 / 支出表, 财政拨款收支总表 ↔ 一般公共预算支出表, 基本支出 ↔ 基本支出表 …) and parts that
cannot exceed their whole (an economic 基本支出 line ≤ the 三公 item). Amounts are compared in
one unit (Decimal conversion); a table that is missing, or whose unit is unknown, makes the
check not applicable — never a figure taken as 0."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Optional

from fujian.vocabulary import budget as bv
from fujian.vocabulary import squeeze
from fujian.write.batch_tables import YUAN_PER_UNIT

from . import rules as R
from .model import FAIL, NOT_APPLICABLE, PASS, ROUNDING, Cell, Check, compare, dec, places
from .table_rules import _row_name, side_subtotal, side_total


def tables_of(tables: list[dict], kind: str) -> list[dict]:
    return [t for t in tables if t.get("kind") == kind]


def pick(tables: list[dict], kind: str) -> Optional[dict]:
    """The table of a kind; of two (Jiangsu: 财政拨款支出表 and 一般公共预算支出表), the one
    whose title names the kind most closely."""
    found = tables_of(tables, kind)
    if len(found) > 1 and kind == "gpb_expenditure":
        named = [t for t in found if "一般公共预算" in (t.get("title") or "")]
        found = named or found
    return found[0] if found else None


def _rows(table: dict, selector: dict) -> list[dict]:
    which = selector["row"]
    side = selector.get("side")
    if which == "subtotal|total":
        row = side_subtotal(table, side) or side_total(table, side)
        return [row] if row else []
    if which == "total":
        rows = [r for r in table.get("rows") or [] if r.get("level") == "total" and (side is None or r.get("side") == side)]
        by_panel = {}
        for r in rows:  # one 合计 per panel (决算 基本支出表: 人员经费合计 ‖ 公用经费合计)
            by_panel.setdefault(r.get("panel"), r)
        return list(by_panel.values())
    if which.startswith("name:"):
        return [r for r in table.get("rows") or [] if r.get("name") == which[5:]]
    if which.startswith("named:"):
        pattern = bv.NAMED_ROWS[which[6:]]
        return [r for r in table.get("rows") or [] if (side is None or r.get("side") == side)
                and r.get("level") == "item" and pattern.match(squeeze(r.get("name") or ""))]
    return []


def figure(tables: list[dict], selector: dict) -> tuple[Optional[dict], Optional[Decimal], list[Cell], int]:
    """(table, value, cells, decimals) of a selector; value None when not printed."""
    table = pick(tables, selector["kind"])
    if table is None:
        return None, None, [], 0
    rows = _rows(table, selector)
    total, cells, decimals, found = Decimal(0), [], 0, False
    for row in rows:
        values = row.get("values") or {}
        column = next((c for c in selector["column"] if c in values), None)
        if column is None:
            continue
        value = dec(values.get(column))
        cells.append(Cell(table.get("kind"), _row_name(row), column, row.get("page"), row.get("bbox")))
        if value is not None:
            total += value
            decimals = max(decimals, places(value))
            found = True
    return table, (total if found else None), cells, decimals


def in_unit(value: Optional[Decimal], unit: Optional[str], target: Optional[str]) -> Optional[Decimal]:
    if value is None or unit not in YUAN_PER_UNIT or target not in YUAN_PER_UNIT:
        return None
    return value * YUAN_PER_UNIT[unit] / YUAN_PER_UNIT[target]


def cross_checks(tables: list[dict]) -> Iterator[Check]:
    bundle = len(tables) >= R.MIN_TABLES_FOR_BUNDLE
    for rule in R.CROSS_TABLE:
        left, a, cells_a, da = figure(tables, rule["lhs"])
        right, b, cells_b, db = figure(tables, rule["rhs"])
        if left is None or right is None:
            # a table it needs is not in the bundle: not applicable (fail closed), said once the
            # document is a bundle; nothing when neither table is there
            present = left or right
            if bundle and present is not None and (cells_a or cells_b):
                missing = rule["rhs"]["kind"] if right is None else rule["lhs"]["kind"]
                yield Check(rule["id"], rule["rule"], NOT_APPLICABLE, a, b, tables=[present.get("kind")],
                            pages=[c.page for c in cells_a + cells_b],
                            message=f"{rule['rule']}: not checked ({R.KIND_NAMES.get(missing, missing)} is not in the bundle)")
            continue
        if not cells_a or not cells_b:
            continue  # the figure is not printed in one of them (a layout without that column)
        if rule.get("when") == "only_gpb":
            only = _only_gpb(tables)
            if only is False:
                continue  # some money is not 一般公共预算: the two totals differ by design
            if only is None:
                yield Check(rule["id"], rule["rule"], NOT_APPLICABLE, a, b, tables=[left.get("kind"), right.get("kind")],
                            pages=[c.page for c in cells_a + cells_b], unit=left.get("unit"),
                            message=f"{rule['rule']}: not checked (no 一般公共预算 column shows that all the "
                                    "money is 一般公共预算)", cells=cells_a + cells_b)
                continue
        kinds = [left.get("kind"), right.get("kind")]
        pages = [c.page for c in cells_a + cells_b]
        unit = left.get("unit")
        b_in_a = in_unit(b, right.get("unit"), unit)
        if a is None or b_in_a is None:
            why = "a unit is unknown" if a is not None and b is not None else "a figure is not printed"
            yield Check(rule["id"], rule["rule"], NOT_APPLICABLE, a, b, tables=kinds, pages=pages, unit=unit,
                        message=f"{rule['rule']}: not checked ({why})", cells=cells_a + cells_b)
            continue
        # the coarser printed precision of the two, in the left table's unit
        decimals = min(da, db - _shift(right.get("unit"), unit))
        check = compare(rule["id"], rule["rule"], a, b_in_a, 2, decimals=decimals, tables=kinds,
                        pages=pages, unit=unit, cells=cells_a + cells_b)
        if check.status == FAIL and rule.get("explained_by"):
            _explain(check, rule, tables, unit, decimals)
        yield check
    yield from part_of_checks(tables)


def _explain(check: Check, rule: dict, tables: list[dict], unit: Optional[str], decimals: int) -> None:
    """A difference that is exactly a figure the rule names (收入表 合计 including 上年结转 where
    本年收入合计 does not) passes, saying so; within the rounding tolerance of it, rounds."""
    for selector in rule["explained_by"]:
        table, value, cells, dv = figure(tables, selector)
        value = in_unit(value, table.get("unit") if table else None, unit)
        if value is None or value == 0:
            continue
        rest = abs(check.difference) - abs(value)
        if abs(rest) > (check.tolerance or 0) * 2:
            continue
        check.status = PASS if rest == 0 else ROUNDING
        check.message = (f"{rule['rule']}: {format(check.lhs, 'f')} vs {format(check.rhs, 'f')} — the difference "
                         f"{format(abs(check.difference), 'f')} is the {selector.get('says', selector['kind'])} line")
        check.cells += cells
        check.pages += [c.page for c in cells]
        return


def _shift(unit_from: Optional[str], unit_to: Optional[str]) -> int:
    """log10 of the factor a figure is multiplied by going from one unit to the other
    (万元 → 元: 4, so two printed decimals of 万元 are hundreds of 元)."""
    if unit_from not in YUAN_PER_UNIT or unit_to not in YUAN_PER_UNIT:
        return 0
    factor = YUAN_PER_UNIT[unit_from] / YUAN_PER_UNIT[unit_to]
    return factor.adjusted()


def _only_gpb(tables: list[dict]) -> Optional[bool]:
    """Whether all the money is 一般公共预算 (支出表 and 一般公共预算支出表 then print the same
    totals): True / False from the first alternative of rules.ONLY_GPB whose columns are printed,
    None when none is (nothing shows it)."""
    for kind in R.NOT_GPB_KINDS:
        table = pick(tables, kind)
        if table is not None and not table.get("empty"):
            return False
    for alternative in R.ONLY_GPB:
        verdicts = [_part_is_whole(tables, requirement) for requirement in alternative]
        if any(v is None for v in verdicts):
            continue
        return all(verdicts)
    return None


def _part_is_whole(tables: list[dict], requirement: dict) -> Optional[bool]:
    table = pick(tables, requirement["kind"])
    if table is None:
        return None
    rows = _rows(table, requirement)
    printed = [r for r in rows if requirement["whole"] in (r.get("values") or {})
               and requirement["part"] in (r.get("values") or {})]
    if not printed:
        return None
    for row in printed:
        values = row["values"]
        whole, part = dec(values.get(requirement["whole"])), dec(values.get(requirement["part"]))
        if (whole or 0) != (part or 0):
            return False
    return True


def part_of_checks(tables: list[dict]) -> Iterator[Check]:
    basic, three = pick(tables, "gpb_basic_expenditure"), pick(tables, "three_public")
    if basic is None or three is None:
        return
    data = next((r for r in three.get("rows") or [] if any(v is not None for v in (r.get("values") or {}).values())), None)
    if data is None:
        return
    for rule in R.PART_OF:
        row = next((r for r in basic.get("rows") or [] if r.get("code") == rule["code"]), None)
        if row is None:
            continue
        part = next((dec(v) for k, v in (row.get("values") or {}).items() if k in ("total", "amount") and v is not None), None)
        values = data.get("values") or {}
        column = next((c for c in (rule["three_public"] + ".final", rule["three_public"], rule["three_public"] + ".budget")
                       if c in values), None)
        if part is None or column is None:
            continue
        whole = dec(values.get(column)) or Decimal(0)
        part_in = in_unit(part, basic.get("unit"), three.get("unit"))
        if part_in is None:
            continue
        cells = [Cell(basic.get("kind"), _row_name(row), "total", row.get("page")),
                 Cell(three.get("kind"), None, column, data.get("page"))]
        decimals = min(places(whole), places(part) - _shift(basic.get("unit"), three.get("unit")))
        yield compare(rule["id"], rule["rule"], part_in, whole, 2, decimals=decimals, relation="<=",
                      tables=[basic.get("kind"), three.get("kind")], pages=[row.get("page"), data.get("page")],
                      unit=three.get("unit"), cells=cells)
