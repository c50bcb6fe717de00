"""Do a project's 成本指标 targets agree with its annual amount?

Only amounts that can be computed without guessing are compared:
- a total stated in the target (`共计20万元`, or a single plain amount like `15万元`);
- a per-occurrence amount (`每次6667元`) times a count of 次 found in the same target
  (`平均每次1万元，一年4次`) or, failing that, the one count of 次 among the project's
  数量/时效 targets (`全年召开6次会议` → 6).  Two different counts, or only `8次以上`, is ambiguous
  and nothing is compared.
If any money-bearing cost indicator of the project cannot be computed, the project is skipped,
because the costs add up to the annual amount only as a whole.
"""
from __future__ import annotations

from dataclasses import dataclass

from .targets import MONEY_FACTORS, parse_target
from .. import lazy_regex

TOLERANCE = 0.10
PER_OCCURRENCE_WORDS = ("每次", "每场", "每期", "每届", "每轮", "单次", "次均")
PER_YEAR_SUFFIXES = ("/年",)
# In the level-3 text these make a plain amount a unit price (每对夫妇检查费用 → 250元).
UNIT_PRICE_RE = lazy_regex.compile(
    r"每|人均|户均|次均|亩均|平均|单价|标准|单位|/|单[个套点位台项户人次件座所场株亩家辆条批份只间路块]"
)
COUNT_LEVEL2_WORDS = ("数量", "时效")


@dataclass
class CostEstimate:
    indicator_index: int
    yuan: float          # computed amount in 元
    comparator: str      # "=", "<=", ">=", "<", ">" (how the target bounds the annual amount)
    explanation: str     # e.g. "每次6667元 × 6次"


@dataclass
class CostMismatch:
    project_annual_yuan: float
    computed_yuan: float
    comparator: str
    explanation: str
    indicator_index: int


UNIT_FIGURE_SHARE = 0.05  # a cost target under 5% of the annual amount is read as a unit figure


def money_in_yuan(value: float, unit: str | None) -> float | None:
    """Amount in 元 for a money unit (`元`, `万元`, `万元/年` …); None for any other unit."""
    if not isinstance(unit, str):
        return None
    base = unit.split("/")[0]
    factor = MONEY_FACTORS.get(base)
    return None if factor is None else value * factor


def _parts(parsed: dict | None) -> list[dict]:
    if not parsed or parsed.get("comparator") == "qualitative":
        return []
    return parsed.get("parts") or [parsed]


def _is_cost_indicator(ind: dict) -> bool:
    return "成本" in (ind.get("level2") or "") or "成本" in (ind.get("level1") or "")


def _is_money(part: dict) -> bool:
    return money_in_yuan(1, part.get("unit")) is not None and part.get("comparator") != "range"


def _exact_counts(parts: list[dict]) -> set[float]:
    return {p["value"] for p in parts if p.get("unit") == "次" and p.get("comparator") == "="}


def project_count(project: dict) -> float | None:
    """The single exact count of 次 among the project's 数量/时效 targets, else None."""
    counts: set[float] = set()
    for ind in project.get("indicators") or []:
        if any(w in (ind.get("level2") or "") for w in COUNT_LEVEL2_WORDS):
            counts |= _exact_counts(_parts(parse_target(ind.get("target"), ind.get("extra"))))
    return counts.pop() if len(counts) == 1 else None


def _estimate(index: int, parsed: dict | None, level3: str, project: dict) -> CostEstimate | None | bool:
    """CostEstimate; False when the indicator carries money that cannot be computed;
    None when it carries no money at all (a percentage, a qualitative target)."""
    parts = _parts(parsed)
    money = [p for p in parts if _is_money(p)]
    if not money:
        return None
    totals = [p for p in money if p.get("total")]
    if len(totals) == 1:
        p = totals[0]
        return CostEstimate(index, money_in_yuan(p["value"], p["unit"]), p["comparator"], p["text"])
    if len(money) != 1:
        return False
    p = money[0]
    qualifier = p.get("qualifier") or ""
    yuan = money_in_yuan(p["value"], p["unit"])
    per_occurrence = any(w in qualifier or w in level3 for w in PER_OCCURRENCE_WORDS)
    if not per_occurrence:
        unit_price = (
            any(UNIT_PRICE_RE.search(text.replace("每年", "")) for text in (qualifier, level3))
            or ("/" in p["unit"] and not p["unit"].endswith(PER_YEAR_SUFFIXES))
        )
        if unit_price:
            return False  # 每人每天…, 元/人: a unit price, not computable
        return CostEstimate(index, yuan, p["comparator"], p["text"])
    own = _exact_counts(parts)
    count = own.pop() if len(own) == 1 else (None if own else project_count(project))
    if count is None:
        return False
    return CostEstimate(index, yuan * count, p["comparator"], f"{p['text']} × {_fmt(count)}次")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def check_costs(project: dict) -> CostMismatch | None:
    """A CostMismatch when the computable cost targets contradict annual_amount by > 10%."""
    annual = project.get("annual_amount")
    unit = project.get("amount_unit")
    if not isinstance(annual, (int, float)) or isinstance(annual, bool) or annual <= 0:
        return None
    annual_yuan = money_in_yuan(annual, unit)
    if annual_yuan is None:
        return None
    estimates: list[CostEstimate] = []
    for i, ind in enumerate(project.get("indicators") or []):
        if not _is_cost_indicator(ind):
            continue
        est = _estimate(i, parse_target(ind.get("target"), ind.get("extra")), ind.get("level3") or "", project)
        if est is False:
            return None
        if est is not None:
            estimates.append(est)
    if not estimates:
        return None
    if len(estimates) > 1 and any(e.comparator != "=" for e in estimates):
        return None
    total = sum(e.yuan for e in estimates)
    if total < annual_yuan * UNIT_FIGURE_SHARE:
        return None  # ≤133元 against 168万元: a unit figure (per lamp, per metre), not the project's cost
    comparator = estimates[0].comparator
    low_ok = annual_yuan >= total * (1 - TOLERANCE)
    high_ok = annual_yuan <= total * (1 + TOLERANCE)
    ok = {
        "=": low_ok and high_ok,
        "<=": high_ok, "<": high_ok,
        ">=": low_ok, ">": low_ok,
    }.get(comparator, True)
    if ok:
        return None
    return CostMismatch(
        project_annual_yuan=annual_yuan,
        computed_yuan=total,
        comparator=comparator,
        explanation=" + ".join(e.explanation for e in estimates),
        indicator_index=estimates[0].indicator_index,
    )
