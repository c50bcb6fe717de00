"""Whole 部门预算 / 决算 bundles drawn with reportlab, in the layouts other departments and years
print (`samples/bundles/`), each with its expected JSON written from the content below — never
from fujian's output.

    python samples/generate/bundle_variants.py        # rewrites samples/bundles/

What varies between the bundles (all of it seen in published bundles; budget-bundles.md):

- the table number printed on its own line above the title (「表1」 / 「表3-1」 / 「表5一」, the
  sub-table dash printed as 一 by some templates) or in the title line (「表1 部门收支总表」);
- units: 万元 bundles, 元 tables with a 万元 narrative;
- the 三公 table: a 合计 column with no 「“三公”经费」 group over it (预算), or the national 决算
  template's two column groups 预算数 | 决算数, each over 合计 | 因公出国（境）费 | 公务用车购置及运行
  费（小计 | 购置费 | 运行费）| 公务接待费;
- the revenue side: a 上年结转 line in 收支总表 and a 上年结转 column in 收入表 (whose 合计 then
  includes it), 财政拨款 without an 一般公共预算 column;
- a bundle without its 财政拨款收支总表;
- the narrative: 「2025年收入预算总计X万元」, 「“三公”经费财政拨款支出预算为X万元」, per-项
  「“A（类）B（款）C（项）”X万元」, 决算 「“三公”经费财政拨款支出年初预算为X万元，支出决算为Y万元」
  and 「…费支出决算为Y万元」, a 决算 naming next year's plans;
- seeded errors in a copy (`*_errors`): a 三公 figure and a revenue total the narrative / the
  tables contradict; its expected `checks` fail exactly there.

Only reportlab's built-in STSong-Light CID font is used (no font files needed). Amounts are
drawn from a seeded random generator, so the files are the same on every run.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Optional

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "bundles"
FONT = "STSong-Light"


# --- content ---------------------------------------------------------------------------------

@dataclass
class HCell:
    text: str
    col: int
    row: int
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Column:
    id: str
    header: list[str]
    side: Optional[str] = None


@dataclass
class Row:
    cells: list[Optional[str]]  # printed texts, left to right
    expected: list[dict]  # the expected JSON rows this printed line gives (one per side)


@dataclass
class Table:
    kind: str
    number: Optional[str]  # 表1 …, None when not printed
    number_inline: bool  # printed in the title line
    title: str
    unit: str
    header: list[HCell]
    header_rows: int
    n_cols: int
    widths: list[float]
    columns: list[Column]
    rows: list[Row]
    note: Optional[str] = None
    page: int = 0
    number_right: bool = False  # the number printed at the right, above the unit line

    def expected(self) -> dict:
        title = f"{self.number}{self.title}" if self.number and self.number_inline else self.title
        out = {"kind": self.kind, "title": title, "pages": [self.page], "unit": self.unit,
               "columns": [dict({"id": c.id, "header": c.header}, **({"side": c.side} if c.side else {}))
                           for c in self.columns],
               "rows": [dict(r, page=self.page) for row in self.rows for r in row.expected],
               "note": self.note,
               "empty": not any(v is not None for row in self.rows for r in row.expected for v in r["values"].values())}
        if self.number:
            out["number"] = self.number
        # two-sided tables: every revenue row first, then the expenditure rows
        out["rows"].sort(key=lambda r: {"revenue": 0, None: 0, "expenditure": 1}[r.get("side")])
        return out


@dataclass
class Bundle:
    name: str
    title: str
    org: str
    year: int
    kind: str  # 预算 | 决算
    narrative: list[tuple[str, str]]  # (heading, paragraph)
    tables: list[Table] = field(default_factory=list)
    failing_checks: list[dict] = field(default_factory=list)


def fmt(value: Optional[Decimal], unit: str) -> Optional[str]:
    if value is None:
        return None
    return f"{value:,.2f}"


def num(value: Optional[Decimal]):
    return None if value is None else float(value) if value != value.to_integral() else int(value)


def level(code: Optional[str], name: Optional[str]) -> str:
    if code:
        return {3: "类", 5: "款", 7: "项"}[len(code)]
    if name in ("合计", "收入总计", "支出总计", "总计"):
        return "total"
    if name in ("本年收入合计", "本年支出合计"):
        return "subtotal"
    return "item"


def row(code, name, values: dict, ids: list[str], unit: str, side=None) -> dict:
    out = {"code": code, "level": level(code, name), "name": name, "values": {i: num(values.get(i)) for i in ids}}
    if side:
        out["side"] = side
    return out


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


# the function classification used by the bundles (code, name)
FUNCTIONS = {
    "201": "一般公共服务支出", "20138": "市场监督管理事务", "2013801": "行政运行", "2013804": "市场主体管理",
    "2013816": "食品安全监管",
    "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗",
    "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
}
ITEMS = ("2013801", "2013804", "2013816", "2080505", "2080506", "2101101", "2210201")


def function_amounts(rng: random.Random, scale: int) -> dict[str, tuple[Decimal, Decimal]]:
    """(basic, project) per 项, and the sums per 款 and 类."""
    out: dict[str, tuple[Decimal, Decimal]] = {}
    for code in ITEMS:
        basic = money(rng, 80 * scale, 150 * scale) if code == "2013801" else money(rng, 5 * scale, 60 * scale)
        project = money(rng, 2 * scale, 30 * scale) if code in ("2013804", "2013816") else Decimal(0)
        out[code] = (basic, project)
    for length in (5, 3):
        for parent in sorted({c[:length] for c in ITEMS}):
            kids = [out[c] for c in ITEMS if c.startswith(parent)]
            out[parent] = (sum((k[0] for k in kids), Decimal(0)), sum((k[1] for k in kids), Decimal(0)))
    return out


def coded_codes() -> list[str]:
    return sorted({c[:n] for c in ITEMS for n in (3, 5, 7)})


def blank(v: Decimal) -> Optional[Decimal]:
    return None if v == 0 else v


# --- the tables ---------------------------------------------------------------------------------

def simple_header(labels: list[str], stub: tuple[str, ...] = ("科目编码", "科目名称")) -> tuple[list[HCell], int]:
    cells = [HCell(t, i, 0) for i, t in enumerate(list(stub) + labels)]
    return cells, 1


def summary_table(number, inline, title, unit, rev_items, exp_items, carry: Optional[Decimal],
                  amount_label: str) -> Table:
    """收 | 支 two-sided: 本年收入合计 / 上年结转 / 收入总计 and 本年支出合计 / 支出总计."""
    header = [HCell("收入", 0, 0, 2), HCell("支出", 2, 0, 2), HCell("项目", 0, 1), HCell(amount_label, 1, 1),
              HCell("项目", 2, 1), HCell(amount_label, 3, 1)]
    rev = list(rev_items)
    current = sum((v or Decimal(0) for _, v in rev), Decimal(0))
    total = current + (carry or Decimal(0))
    left = rev + [("本年收入合计", current)] + ([("上年结转", carry)] if carry is not None else []) + [("收入总计", total)]
    exp = list(exp_items)
    assert sum((v or Decimal(0) for _, v in exp), Decimal(0)) == total
    right = exp + [("本年支出合计", total), ("支出总计", total)]
    # 本年支出合计 level with 本年收入合计, 支出总计 with 收入总计
    right_body, right_tail = right[:-2], right[-2:]
    left_body, left_tail = left[:-(3 if carry is not None else 2)], left[-(3 if carry is not None else 2):]
    n = max(len(left_body), len(right_body))
    left_body += [(None, None)] * (n - len(left_body))
    right_body += [(None, None)] * (n - len(right_body))
    right_tail = [right_tail[0]] + ([(None, None)] if carry is not None else []) + [right_tail[1]]
    rows = []
    for (ln, lv), (rn, rv) in zip(left_body + left_tail, right_body + right_tail):
        expected = []
        if ln is not None:
            expected.append(row(None, ln, {"amount": lv}, ["amount"], unit, "revenue"))
        if rn is not None:
            expected.append(row(None, rn, {"amount": rv}, ["amount"], unit, "expenditure"))
        rows.append(Row([ln, fmt(lv, unit), rn, fmt(rv, unit)], expected))
    columns = [Column("amount", ["收入", amount_label], "revenue"), Column("amount", ["支出", amount_label], "expenditure")]
    return Table("summary", number, inline, title, unit, header, 2, 4, [190, 95, 190, 95], columns, rows)


def coded_table(kind, number, inline, title, unit, labels: list[str], ids: list[str], values_of, codes,
                total_name="合计", widths=None, note=None, stub=("科目编码", "科目名称")) -> Table:
    header, hrows = simple_header(labels, stub)
    rows = []
    totals: dict[str, Decimal] = {i: Decimal(0) for i in ids}
    body = []
    for code in codes:
        values = values_of(code)
        if len(code) == 3:
            for i in ids:
                totals[i] += values.get(i) or Decimal(0)
        body.append((code, FUNCTIONS.get(code) or ECONOMIC[code], values))
    total_values = {i: blank(v) for i, v in totals.items()} if codes else {i: None for i in ids}
    rows.append(Row([None, total_name] + [fmt(total_values[i], unit) for i in ids],
                    [row(None, total_name, total_values, ids, unit)]))
    for code, name, values in body:
        rows.append(Row([code, name] + [fmt(values.get(i), unit) for i in ids], [row(code, name, values, ids, unit)]))
    widths = widths or [70, 200] + [max(80, 10 * len(label) + 14) for label in labels]
    columns = [Column(i, [label]) for i, label in zip(ids, labels)]
    return Table(kind, number, inline, title, unit, header, hrows, len(widths), widths, columns, rows, note)


ECONOMIC = {"301": "工资福利支出", "30101": "基本工资", "30108": "机关事业单位基本养老保险缴费",
            "302": "商品和服务支出", "30201": "办公费", "30217": "公务接待费", "30231": "公务用车运行维护费"}


def basic_table(number, inline, title, unit, rng: random.Random, target: Decimal, sg: dict) -> Table:
    """基本支出 by economic class: 301 personnel, 302 public; 合计 = target; the 30217 / 30231 lines
    within the 三公 items (a 基本支出 line never exceeds its 三公 figure)."""
    public = (target * Decimal("0.18")).quantize(Decimal("0.01"))
    personnel = target - public
    p1 = (personnel * Decimal("0.7")).quantize(Decimal("0.01"))
    q2 = (sg["sg_reception"] * Decimal("0.5")).quantize(Decimal("0.01"))
    q3 = (sg["sg_vehicle_running"] * Decimal("0.8")).quantize(Decimal("0.01"))
    q1 = public - q2 - q3
    lines = {"301": (personnel, personnel, None), "30101": (p1, p1, None),
             "30108": (personnel - p1, personnel - p1, None),
             "302": (public, None, public), "30201": (q1, None, q1), "30217": (q2, None, q2),
             "30231": (q3, None, q3)}
    ids = ["total", "personnel", "public"]

    def values_of(code):
        t, p, u = lines[code]
        return {"total": t, "personnel": p, "public": u}
    return coded_table("gpb_basic_expenditure", number, inline, title, unit, ["合计", "人员经费", "公用经费"], ids,
                       values_of, list(lines))


def draw_header_cells_three_public_budget(unit) -> tuple[list[HCell], int, list[Column]]:
    """合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费 | 机关运行经费:
    no 「“三公”经费」 group over them."""
    header = [HCell("合计", 0, 0, 1, 2), HCell("因公出国（境）费", 1, 0, 1, 2), HCell("公务用车购置及运行费", 2, 0, 3),
              HCell("小计", 2, 1), HCell("购置费", 3, 1), HCell("运行费", 4, 1), HCell("公务接待费", 5, 0, 1, 2),
              HCell("机关运行经费", 6, 0, 1, 2)]
    columns = [Column("sg_total", ["合计"]), Column("sg_abroad", ["因公出国（境）费"]),
               Column("sg_vehicle", ["公务用车购置及运行费", "小计"]),
               Column("sg_vehicle_purchase", ["公务用车购置及运行费", "购置费"]),
               Column("sg_vehicle_running", ["公务用车购置及运行费", "运行费"]),
               Column("sg_reception", ["公务接待费"]), Column("org_running", ["机关运行经费"])]
    return header, 2, columns


def three_public_budget(number, inline, title, unit, sg: dict) -> Table:
    header, hrows, columns = draw_header_cells_three_public_budget(unit)
    ids = [c.id for c in columns]
    values = {i: sg.get(i) for i in ids}
    rows = [Row([fmt(values[i], unit) for i in ids], [row(None, None, values, ids, unit)])]
    return Table("three_public", number, inline, title, unit, header, hrows, len(ids), [100] * len(ids), columns, rows)


def three_public_final(number, inline, title, unit, budget: dict, final: dict) -> Table:
    """The national 决算 template: 预算数 | 决算数 groups, each over the six 三公 columns."""
    header: list[HCell] = []
    columns: list[Column] = []
    for g, (group, basis, figures) in enumerate((("预算数", "budget", budget), ("决算数", "final", final))):
        o = g * 6
        header += [HCell(group, o, 0, 6), HCell("合计", o, 1, 1, 2), HCell("因公出国（境）费", o + 1, 1, 1, 2),
                   HCell("公务用车购置及运行费", o + 2, 1, 3), HCell("小计", o + 2, 2), HCell("公务用车购置费", o + 3, 2),
                   HCell("公务用车运行费", o + 4, 2), HCell("公务接待费", o + 5, 1, 1, 2)]
        columns += [Column(f"sg_total.{basis}", [group, "合计"]), Column(f"sg_abroad.{basis}", [group, "因公出国（境）费"]),
                    Column(f"sg_vehicle.{basis}", [group, "公务用车购置及运行费", "小计"]),
                    Column(f"sg_vehicle_purchase.{basis}", [group, "公务用车购置及运行费", "公务用车购置费"]),
                    Column(f"sg_vehicle_running.{basis}", [group, "公务用车购置及运行费", "公务用车运行费"]),
                    Column(f"sg_reception.{basis}", [group, "公务接待费"])]
    ids = [c.id for c in columns]
    values = {}
    for basis, figures in (("budget", budget), ("final", final)):
        for key, v in figures.items():
            values[f"{key}.{basis}"] = v
    rows = [Row([fmt(values.get(i), unit) for i in ids], [row(None, None, values, ids, unit)])]
    return Table("three_public", number, inline, title, unit, header, 3, 12, [62] * 12, columns, rows)


def three_public_figures(rng: random.Random, scale: int) -> dict:
    abroad = money(rng, 0, 3 * scale) if rng.random() < 0.5 else None
    purchase = None
    running = money(rng, 2 * scale, 9 * scale)
    reception = money(rng, 1 * scale, 4 * scale)
    vehicle = running + (purchase or 0)
    total = (abroad or 0) + vehicle + reception
    return {"sg_total": total, "sg_abroad": abroad, "sg_vehicle": vehicle, "sg_vehicle_purchase": purchase,
            "sg_vehicle_running": running, "sg_reception": reception}


def wan(value: Decimal, unit: str) -> Decimal:
    """A table figure stated in 万元 with two decimals."""
    v = value / 10000 if unit == "元" else value
    return v.quantize(Decimal("0.01"))


# --- the bundles ----------------------------------------------------------------------------------

def budget_bundle(name: str, seed: int, errors: bool = False) -> Bundle:
    """预算 2025, 万元: 「表N」 on its own line, 表3-1 / 表3-2 sub-tables, a 三公 table with 合计 and
    no 三公 group, 上年结转 in 收支总表 and 收入表."""
    rng = random.Random(seed)
    unit = "万元"
    org = "平川县市场监督管理局"
    f = function_amounts(rng, 1)
    carry = money(rng, 10, 40)
    business = money(rng, 20, 60)
    total_exp = f["201"][0] + f["201"][1] + sum(f[c][0] + f[c][1] for c in ("208", "210", "221"))
    total = total_exp
    fiscal = total - carry - business
    codes = coded_codes()
    # 收入表: 合计 = 上年结转 + 财政拨款 + 事业收入 (the carry-over and 事业收入 spent on 201)
    share = {c: (f[c][0] + f[c][1]) for c in codes}

    def revenue_values(code):
        t = share[code]
        if code.startswith("201") and code in ("201", "20138", "2013801"):
            c = carry if code != "2013801" else carry
            b = business
            return {"total": t, "carryover": c, "fiscal": t - c - b, "business": b}
        return {"total": t, "carryover": None, "fiscal": t, "business": None}
    # carry-over and 事业收入 both sit in 2013801 (行政运行): make sure it is big enough
    assert share["2013801"] > carry + business
    sg = three_public_figures(rng, 1)
    sg["org_running"] = money(rng, 40, 90)
    fiscal_summary = summary_table(None, False, "财政拨款收支预算总表", unit,
                                   [("一、一般公共预算", fiscal), ("二、政府性基金预算", None)],
                                   [("一、一般公共服务支出", share["201"] - carry - business),
                                    ("二、社会保障和就业支出", share["208"]), ("三、卫生健康支出", share["210"]),
                                    ("四、住房保障支出", share["221"])], None, "预算数")
    fiscal_summary.kind = "fiscal_summary"
    stated_sg = sg["sg_total"] + (Decimal("1.00") if errors else 0)
    b = Bundle(name, f"{org}2025年部门预算", org, 2025, "预算", [])
    tables = [
        summary_table("表1", False, "部门收支预算总表", unit,
                      [("一、财政拨款收入", fiscal), ("二、事业收入", business), ("三、其他收入", None)],
                      [("一、一般公共服务支出", share["201"]), ("二、社会保障和就业支出", share["208"]),
                       ("三、卫生健康支出", share["210"]), ("四、住房保障支出", share["221"])], carry, "预算数"),
        coded_table("revenue", "表2", False, "部门收入预算总表", unit, ["合计", "上年结转", "财政拨款收入", "事业收入"],
                    ["total", "carryover", "fiscal", "business"], revenue_values, codes),
        fiscal_summary,
        coded_table("expenditure", "表3", False, "部门支出预算总表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"],
                    lambda c: {"total": share[c], "basic": blank(f[c][0]), "project": blank(f[c][1])}, codes),
        coded_table("gpb_expenditure", "表3-1", False, "一般公共预算支出功能分类预算表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"],
                    lambda c: {"total": share[c], "basic": blank(f[c][0]), "project": blank(f[c][1])}, codes),
        basic_table("表3-2", False, "一般公共预算基本支出经济分类预算表", unit, rng, sum(f[c][0] for c in ("201", "208", "210", "221")), sg),
        three_public_budget("表4", False, "一般公共预算“三公”经费和机关运行经费预算表", unit, sg),
        coded_table("gf_expenditure", "表5", False, "政府性基金预算支出表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"], lambda c: {}, [],
                    note="注：本部门2025年无政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出，故本表为空表。"),
    ]
    b.tables = tables
    items = [(c, share[c]) for c in ("2013801", "2013816", "2210201")]
    per_item = "；".join(f"“{FUNCTIONS[c[:3]]}（类）{FUNCTIONS[c[:5]]}（款）{FUNCTIONS[c]}（项）”{v:.2f}万元" for c, v in items)
    b.narrative = [
        ("一、部门收支预算总体情况",
         f"2025年收入预算总计{total:.2f}万元，其中：财政拨款收入{fiscal:.2f}万元，事业收入{business:.2f}万元，"
         f"上年结转{carry:.2f}万元。2025年支出预算总计{total:.2f}万元。"),
        ("二、一般公共预算支出情况",
         f"本部门2025年一般公共预算支出主要用于以下方面：{per_item}。"),
        ("三、“三公”经费预算情况",
         f"2025年“三公”经费财政拨款支出预算为{stated_sg:.2f}万元，其中：公务用车购置及运行费{sg['sg_vehicle']:.2f}万元，"
         f"公务接待费{sg['sg_reception']:.2f}万元。"),
    ]
    if errors:  # 收入表 合计 off by one against 收支总表 (not the 上年结转 amount)
        t = tables[1]
        t.rows[0].cells[2] = fmt(share["201"] + share["208"] + share["210"] + share["221"] + 1, unit)
        t.rows[0].expected[0]["values"]["total"] = num(total + 1)
        b.failing_checks = [
            {"id": "narrative.three_public", "status": "fail", "lhs": num(stated_sg), "rhs": num(sg["sg_total"])},
            {"id": "cross.summary_revenue", "status": "fail"},
            {"id": "revenue.row_total", "status": "fail"},
            {"id": "revenue.total", "status": "fail"},
        ]
    return b


def final_bundle(name: str, seed: int, unit: str = "元", org: str = "平川县统计局",
                 public_numbers: bool = False, errors: bool = False) -> Bundle:
    """决算 2024, narrative in 万元: 「表5一」 style sub-numbers (or the national template's
    「公开01表」 … printed at the right above the unit line), the 三公 table with 预算数 | 决算数
    groups, 财政拨款 holding 国有资本经营 money (no 一般公共预算 column anywhere)."""
    rng = random.Random(seed)
    scale = 10000 if unit == "元" else 1
    f = function_amounts(rng, scale)
    codes = coded_codes()
    share = {c: (f[c][0] + f[c][1]) for c in codes}
    soc = money(rng, 5 * scale, 9 * scale)
    total_gpb = sum(share[c] for c in ("201", "208", "210", "221"))
    total = total_gpb + soc
    b = Bundle(name, f"{org}2024年度部门决算", org, 2024, "决算", [])
    sg_budget = three_public_figures(rng, scale)
    sg_final = {k: (None if v is None else (v * Decimal("0.9")).quantize(Decimal("0.01"))) for k, v in sg_budget.items()}
    sg_final["sg_vehicle"] = sg_final["sg_vehicle_running"] + (sg_final["sg_vehicle_purchase"] or 0)
    sg_final["sg_total"] = (sg_final["sg_abroad"] or 0) + sg_final["sg_vehicle"] + sg_final["sg_reception"]
    soc_codes = ["223", "22301", "2230105"]
    FUNCTIONS.update({"223": "国有资本经营预算支出", "22301": "解决历史遗留问题及改革成本支出",
                      "2230105": "国有企业退休人员社会化管理补助支出"})
    all_codes = codes + soc_codes
    share.update({c: soc for c in soc_codes})
    fiscal = summary_table("表1-1", False, "财政拨款收入支出决算总表", unit,
                           [("一、一般公共预算财政拨款", total_gpb), ("二、政府性基金预算财政拨款", None),
                            ("三、国有资本经营预算财政拨款", soc)],
                           [("一、一般公共服务支出", share["201"]), ("二、社会保障和就业支出", share["208"]),
                            ("三、卫生健康支出", share["210"]), ("四、住房保障支出", share["221"]),
                            ("五、国有资本经营预算支出", soc)], None, "决算数")
    fiscal.kind = "fiscal_summary"
    b.tables = [
        summary_table("表1", False, "收入支出决算总表", unit,
                      [("一、财政拨款收入", total), ("二、事业收入", None), ("三、其他收入", None)],
                      [("一、一般公共服务支出", share["201"]), ("二、社会保障和就业支出", share["208"]),
                       ("三、卫生健康支出", share["210"]), ("四、住房保障支出", share["221"]),
                       ("五、国有资本经营预算支出", soc)], None, "决算数"),
        coded_table("revenue", "表2", False, "收入决算表", unit, ["本年收入合计", "财政拨款收入", "其他收入"],
                    ["total", "fiscal", "other"], lambda c: {"total": share[c], "fiscal": share[c], "other": None},
                    all_codes),
        fiscal,
        coded_table("expenditure", "表3", False, "支出决算表", unit, ["本年支出合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"],
                    lambda c: {"total": share[c], "basic": blank(f[c][0]) if c in f else None,
                               "project": blank(f[c][1]) if c in f else soc}, all_codes),
        coded_table("gpb_expenditure", "表5一", False, "一般公共预算财政拨款支出决算表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"],
                    lambda c: {"total": share[c], "basic": blank(f[c][0]), "project": blank(f[c][1])}, codes),
        basic_table("表5二", False, "一般公共预算财政拨款基本支出决算表", unit, rng,
                    sum(f[c][0] for c in ("201", "208", "210", "221")), sg_final),
        three_public_final("表6", False, "财政拨款“三公”经费支出决算表", unit, sg_budget, sg_final),
        coded_table("gf_expenditure", "表7", False, "政府性基金预算财政拨款收入支出决算表", unit, ["本年支出合计"],
                    ["total"], lambda c: {}, [], note="注：本单位2024年度无政府性基金预算财政拨款收入和支出，故本表为空表。"),
    ]
    if public_numbers:  # 公开01表 … in the order of the national template
        order = ("summary", "revenue", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic_expenditure",
                 "three_public", "gf_expenditure")
        for t in b.tables:
            t.number, t.number_right = f"公开{order.index(t.kind) + 1:02d}表", True
    # 支出决算表 function rows of 223 are all 项目支出
    sgb, sgf = wan(sg_budget["sg_total"], unit), wan(sg_final["sg_total"], unit)
    relation = "小于" if sgf < sgb else "大于" if sgf > sgb else "等于"
    rate = (sgf / sgb * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    stated_final = sgf
    if errors:  # the 决算数 stated 0.50 万元 too high (the rate computed from the true one), the relation reversed
        stated_final = sgf + Decimal("0.50")
        relation = "大于" if relation == "小于" else "小于"
        b.failing_checks = [
            {"id": "narrative.three_public", "status": "fail", "lhs": num(stated_final), "rhs": num(sgf)},
            {"id": "narrative.rate", "status": "fail", "lhs": num(rate)},
            {"id": "narrative.comparison", "status": "fail"},
        ]
    b.narrative = [
        ("一、收入支出决算总体情况说明",
         f"2024年度收入总计{wan(total, unit):.2f}万元，支出总计{wan(total, unit):.2f}万元。"),
        ("二、“三公”经费财政拨款支出决算情况说明",
         f"2024年度“三公”经费财政拨款支出年初预算为{sgb:.2f}万元，支出决算为{stated_final:.2f}万元，完成预算的"
         f"{rate}%，其中：公务用车购置及运行费支出决算为"
         f"{wan(sg_final['sg_vehicle'], unit):.2f}万元；公务接待费支出决算为{wan(sg_final['sg_reception'], unit):.2f}万元。"
         f"2024年度“三公”经费支出决算数{relation}预算数的主要原因是厉行节约。"),
        ("三、其他重要事项",
         "2025年部门预算将继续压减一般性支出，2025年度部门预算安排已按程序报批。"),
    ]
    return b


def no_fiscal_summary_bundle(name: str, seed: int) -> Bundle:
    """预算 2025, 元, the number in the title line (「表1 部门收支总表」), 财政拨款收支总表 not printed."""
    rng = random.Random(seed)
    unit = "元"
    org = "平川县档案馆"
    f = function_amounts(rng, 10000)
    codes = coded_codes()
    share = {c: (f[c][0] + f[c][1]) for c in codes}
    total = sum(share[c] for c in ("201", "208", "210", "221"))
    sg = three_public_figures(rng, 10000)
    sg["org_running"] = money(rng, 400000, 900000)
    b = Bundle(name, f"{org}2025年单位预算", org, 2025, "预算", [])
    b.tables = [
        summary_table("表1", True, "部门收支总表", unit,
                      [("一、一般公共预算拨款收入", total), ("二、政府性基金预算拨款收入", None)],
                      [("一、一般公共服务支出", share["201"]), ("二、社会保障和就业支出", share["208"]),
                       ("三、卫生健康支出", share["210"]), ("四、住房保障支出", share["221"])], None, "预算数"),
        coded_table("revenue", "表2", True, "部门收入总表", unit, ["合计", "一般公共预算拨款收入"], ["total", "gpb"],
                    lambda c: {"total": share[c], "gpb": share[c]}, codes),
        coded_table("expenditure", "表3", True, "部门支出总表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"],
                    lambda c: {"total": share[c], "basic": blank(f[c][0]), "project": blank(f[c][1])}, codes),
        coded_table("gpb_expenditure", "表4", True, "一般公共预算支出表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"],
                    lambda c: {"total": share[c], "basic": blank(f[c][0]), "project": blank(f[c][1])}, codes),
        basic_table("表5", True, "一般公共预算基本支出表", unit, rng, sum(f[c][0] for c in ("201", "208", "210", "221")), sg),
        three_public_budget("表6", True, "一般公共预算“三公”经费支出表", unit, sg),
        coded_table("gf_expenditure", "表7", True, "政府性基金预算支出表", unit, ["合计", "基本支出", "项目支出"],
                    ["total", "basic", "project"], lambda c: {}, [],
                    note="注：本单位2025年无政府性基金预算拨款收入，也没有使用政府性基金预算拨款安排的支出，故本表为空表。"),
    ]
    b.narrative = [
        ("一、收支预算总体情况",
         f"2025年收入预算总计{wan(total, unit):.2f}万元，支出预算总计{wan(total, unit):.2f}万元。"
         f"财政拨款收入支出总计{wan(total, unit):.2f}万元。"),
    ]
    b.failing_checks = [{"id": "bundle.complete", "status": "fail"}]
    return b


# --- drawing ----------------------------------------------------------------------------------------

def draw(bundle: Bundle, path: Path) -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    size = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    c.setTitle(bundle.title)
    width, height = size
    left = 50
    page = 1
    # page 1: cover and 说明
    y = height - 70
    c.setFont(FONT, 18)
    c.drawCentredString(width / 2, y, bundle.title)
    y -= 50
    for heading, text in bundle.narrative:
        c.setFont(FONT, 12)
        c.drawString(left, y, heading)
        y -= 22
        c.setFont(FONT, 10.5)
        for i, line in enumerate(_wrap(text, width - 2 * left, 10.5, 21)):
            c.drawString(left + (21 if i == 0 else 0), y, line)
            y -= 17
        y -= 8
    c.setFont(FONT, 9)
    c.drawCentredString(width / 2, 30, "1")
    c.showPage()
    for table in bundle.tables:
        page += 1
        table.page = page
        _draw_table(c, table, width, height)
        c.setFont(FONT, 9)
        c.drawCentredString(width / 2, 30, str(page))
        c.showPage()
    c.save()


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    """Lines of at most `width` points (the first `indent` narrower), as a word processor fills them."""
    lines, line, limit = [], "", width - indent
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > limit:
            lines.append(line)
            line, limit = "", width
        line += ch
    lines.append(line)
    return lines


def _cell_lines(text: str, width: float, size: float) -> list[str]:
    return _wrap(text, width - 6, size, 0)


def _draw_table(c, table: Table, width: float, height: float) -> None:
    total_w = sum(table.widths)
    x0 = (width - total_w) / 2
    y = height - 60
    if table.number and table.number_right:
        pass
    elif table.number and not table.number_inline:
        c.setFont(FONT, 11)
        c.drawString(x0, y, table.number)
        y -= 26
    c.setFont(FONT, 15)
    title = f"{table.number} {table.title}" if table.number and table.number_inline else table.title
    c.drawCentredString(width / 2, y, title)
    y -= 26
    if table.number and table.number_right:
        c.setFont(FONT, 9.5)
        c.drawRightString(x0 + total_w, y, table.number)
        y -= 16
    c.setFont(FONT, 9.5)
    c.drawRightString(x0 + total_w, y, f"单位：{table.unit}")
    y -= 10
    row_h = 24
    xs = [x0]
    for w in table.widths:
        xs.append(xs[-1] + w)
    top = y
    c.setFont(FONT, 9)
    c.setLineWidth(0.6)
    for cell in table.header:
        cx0, cx1 = xs[cell.col], xs[cell.col + cell.colspan]
        cy0 = top - cell.row * row_h
        cy1 = cy0 - cell.rowspan * row_h
        c.rect(cx0, cy1, cx1 - cx0, cy0 - cy1)
        lines = _cell_lines(cell.text, cx1 - cx0, 9)
        mid = (cy0 + cy1) / 2 - 3 + 5.5 * (len(lines) - 1)
        for k, line in enumerate(lines):
            c.drawCentredString((cx0 + cx1) / 2, mid - 11 * k, line)
    y = top - table.header_rows * row_h
    row_h = 18  # body rows: one line each
    for r in table.rows:
        for i, text in enumerate(r.cells):
            c.rect(xs[i], y - row_h, xs[i + 1] - xs[i], row_h)
            if text is None:
                continue
            if _is_amount(text):
                c.drawRightString(xs[i + 1] - 4, y - row_h + 5, text)
            else:
                c.drawString(xs[i] + 4, y - row_h + 5, text)
        y -= row_h
    if table.note:
        c.setFont(FONT, 9)
        c.drawString(x0, y - 18, table.note)


def _is_amount(text: str) -> bool:
    return text.replace(",", "").replace(".", "").replace("-", "").isdigit()


# --- expected JSON ------------------------------------------------------------------------------------

def expected(bundle: Bundle) -> dict:
    return {"document": {"kind": bundle.kind, "year": bundle.year, "organization": bundle.org},
            "budget_tables": [t.expected() for t in bundle.tables],
            "checks": bundle.failing_checks}


BUNDLES = (
    lambda: budget_bundle("budget_2025_wanyuan_number_lines", 11),
    lambda: budget_bundle("budget_2025_wanyuan_number_lines_errors", 11, errors=True),
    lambda: final_bundle("final_2024_yuan_groups_by_basis", 23),
    lambda: no_fiscal_summary_bundle("budget_2025_yuan_no_fiscal_summary", 37),
    lambda: final_bundle("final_2024_wanyuan_public_numbers", 41, unit="万元", org="平川县司法局", public_numbers=True),
    lambda: final_bundle("final_2024_wanyuan_public_numbers_errors", 41, unit="万元", org="平川县司法局",
                         public_numbers=True, errors=True),
)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for make in BUNDLES:
        bundle = make()
        draw(bundle, OUT / f"{bundle.name}.pdf")
        (OUT / f"{bundle.name}.expected.json").write_text(
            json.dumps(expected(bundle), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(bundle.name, len(bundle.tables), "tables")


if __name__ == "__main__":
    main()

