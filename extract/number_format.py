"""A spreadsheet cell's value → the text Excel displays for it, given its number format.

    display_text(value, "#,##0.00")  -> "1,860.00"
    display_text(0.905, "0.0%")      -> "90.5%"
    display_text(datetime(2025, 1, 1), 'yyyy"年"m"月"d"日"') -> "2025年1月1日"

Covers what budget workbooks use: General, fixed decimals, thousands separators, percentages,
scaling commas, scientific notation, literal text ("元", \\x, _x, *x), up to four sections
(positive;negative;zero;text) with [Red]-style colours and [>=100] conditions, `@`, and
date/time codes (y m d h s, AM/PM, 上午/下午, aaaa 星期, elapsed [h]). The locale-dependent
built-in date formats (id 14, 22 and the Chinese ids 27–36, 50–58) are shown as Chinese Excel
shows them. Anything this does not understand falls back to General, never to an error.
Knows nothing about budgets.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional
from .. import lazy_regex

# Built-in numFmtIds whose code depends on the locale, as Chinese (zh-CN) Excel displays them
# (ECMA-376 Part 1, 18.8.30); openpyxl and xlrd do not carry them.
LOCALE_BUILTINS = {
    14: "yyyy/m/d", 22: "yyyy/m/d h:mm",
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}
# the US codes openpyxl/xlrd give for ids 14 and 22
_US_DEFAULTS = {"mm-dd-yy": LOCALE_BUILTINS[14], "m/d/yy h:mm": LOCALE_BUILTINS[22]}

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def display_text(value, number_format: Optional[str], *, epoch: dt.datetime = dt.datetime(1899, 12, 30)) -> Optional[str]:
    """The displayed text of a cell value; None for an empty cell.

    `value` is what openpyxl / xlrd give: str, int, float, bool, datetime/date/time/timedelta or
    None. `epoch` turns a date serial number into a date (1900 system: 1899-12-30)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = number_format or "General"
    fmt = _US_DEFAULTS.get(fmt, fmt)
    sections = _split_sections(fmt)
    if isinstance(value, str):
        text_section = sections[3] if len(sections) > 3 else next((s for s in sections if "@" in s), None)
        if text_section is None:
            return value
        return _render_literal(text_section, value)
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        section = sections[0]
        if _is_date_section(section):
            return _render_date(section, value)
        value = _to_serial(value, epoch)
    if not isinstance(value, (int, float)) or isinstance(value, float) and not math.isfinite(value):
        return str(value)
    section, value, signed = _choose_section(sections, value)
    if _is_date_section(section):
        try:
            return _render_date(section, _from_serial(value, epoch), elapsed_seconds=value * 86400)
        except (OverflowError, ValueError):
            return _general(value)
    try:
        text = _render_number(section, value)
    except (ValueError, ArithmeticError):
        text = _general(value)
    return ("-" + text) if signed and text and not text.startswith("-") else text


# -- sections ------------------------------------------------------------------------------

_CONDITION = lazy_regex.compile_re(r"\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?)\]")


def _split_sections(fmt: str) -> list[str]:
    sections, current, i = [], [], 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = len(fmt) if j < 0 else j
            current.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch == "\\" and i + 1 < len(fmt):
            current.append(fmt[i:i + 2])
            i += 2
            continue
        if ch == ";":
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    sections.append("".join(current))
    return sections


def _choose_section(sections: list[str], value: float) -> tuple[str, float, bool]:
    """(section, value to render, whether a minus sign must be added)."""
    conditions = [_CONDITION.search(s) for s in sections[:2]]
    if any(conditions):
        for section, cond in zip(sections, conditions):
            if cond is None or _holds(cond.group(1), value, float(cond.group(2))):
                return section, abs(value) if cond is not None and value < 0 else value, False
        return sections[min(2, len(sections) - 1)], value, False
    if value < 0 and len(sections) > 1 and sections[1] != "":
        return sections[1], -value, False
    if value == 0 and len(sections) > 2 and sections[2] != "":
        return sections[2], 0, False
    if value < 0:
        return sections[0], -value, True
    return sections[0], value, False


def _holds(op: str, a: float, b: float) -> bool:
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "=": a == b, "<>": a != b}[op]


# -- tokens --------------------------------------------------------------------------------

_BRACKET = lazy_regex.compile_re(r"\[[^\]]*\]")


def _tokens(section: str) -> list[tuple[str, str]]:
    """("lit", text) and ("code", char) tokens; brackets other than [h]/[m]/[s] dropped."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = len(section) if j < 0 else j
            out.append(("lit", section[i + 1:j]))
            i = j + 1
        elif ch == "\\" and i + 1 < len(section):
            out.append(("lit", section[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < len(section):
            out.append(("lit", " "))  # a space as wide as the next character
            i += 2
        elif ch == "*" and i + 1 < len(section):
            i += 2  # fill character: repeats to the column width, nothing when read
        elif ch == "[":
            m = _BRACKET.match(section, i)
            if not m:
                out.append(("lit", ch))
                i += 1
                continue
            inner = m.group()[1:-1]
            if re.fullmatch(r"[hH]+|[mM]+|[sS]+", inner):
                out.append(("elapsed", inner.lower()))
            elif inner.startswith("$") and "-" in inner and inner[1:inner.index("-")]:
                out.append(("lit", inner[1:inner.index("-")]))  # [$¥-804]: a currency symbol
            i = m.end()
        else:
            out.append(("code", ch))
            i += 1
    return out


def _is_date_section(section: str) -> bool:
    codes = "".join(t for kind, t in _tokens(section) if kind == "code").lower()
    if any(k == "elapsed" for k, _ in _tokens(section)):
        return True
    codes = codes.replace("general", "")
    return bool(re.search(r"[ymdhs]|上午/下午|am/pm|a/p", codes)) and not re.search(r"[0#?]", codes.replace(".0", ""))


# -- numbers -------------------------------------------------------------------------------

def _general(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        return f"{float(mantissa):.5g}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    return text


def _render_literal(section: str, text: str) -> str:
    parts = []
    for kind, t in _tokens(section):
        if kind == "lit":
            parts.append(t)
        elif t == "@":
            parts.append(text)
        elif kind == "code" and t not in "0#?,.%":
            parts.append(t)
    return "".join(parts)


def _render_number(section: str, value: float) -> str:
    toks = _tokens(section)
    codes = "".join(t for k, t in toks if k == "code")
    if "general" in codes.lower() or not re.search(r"[0#?]", codes):
        # General (possibly with literals), or only literals: "-" for zero in accounting formats
        m = re.search(r"(?i)general", section)
        if m:
            return _render_literal(section[:m.start()], "") + _general(value) + _render_literal(section[m.end():], "")
        return _render_literal(section, "")
    # the numeric block: from the first to the last placeholder
    positions = [i for i, (k, t) in enumerate(toks) if k == "code" and t in "0#?"]
    first, last = positions[0], positions[-1]
    # scaling commas right after the last placeholder, and the exponent part
    block = toks[first:last + 1]
    after = toks[last + 1:]
    scale = 0
    while after and after[0] == ("code", ","):
        scale += 1
        after = after[1:]
    exponent = None
    block_codes = "".join(t for k, t in block if k == "code")
    m = re.search(r"[eE][+-]", block_codes)
    percent = sum(1 for k, t in toks if k == "code" and t == "%")
    v = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    v = v * (Decimal(100) ** percent) / (Decimal(1000) ** scale)
    if m:
        mant_codes, exp_codes = block_codes[:m.start()], block_codes[m.end():]
        body = _digits(v, mant_codes, exponent_digits=len(exp_codes), exp_sign=block_codes[m.start() + 1])
    else:
        # interior scaling commas (0,,) immediately before the decimal point
        int_part = block_codes.split(".")[0]
        while int_part.endswith(","):
            scale += 1
            int_part = int_part[:-1]
            v = v / 1000
        body = _digits(v, block_codes)
    return _literal(toks[:first]) + body + _literal(after)


def _literal(toks: list[tuple[str, str]]) -> str:
    """Tokens outside the numeric block as printed (`%`, `-`, `(`, `元` …)."""
    return "".join(t if k == "lit" or t not in "0#?,." else "" for k, t in toks if k in ("lit", "code"))


def _digits(v: Decimal, codes: str, exponent_digits: int = 0, exp_sign: str = "+") -> str:
    codes = "".join(ch for ch in codes if ch in "0#?,.")
    int_codes, _, frac_codes = codes.partition(".")
    grouping = "," in int_codes.strip(",")
    int_codes = int_codes.replace(",", "")
    frac_codes = frac_codes.replace(",", "")
    exp = 0
    if exponent_digits:
        if v != 0:
            width = max(1, len(int_codes))
            exp = math.floor(math.log10(abs(float(v))))
            exp -= exp % width if width > 1 else 0
            v = v / (Decimal(10) ** exp)
    q = Decimal(1).scaleb(-len(frac_codes))
    v = v.quantize(q, rounding=ROUND_HALF_UP)
    if exponent_digits and abs(v) >= Decimal(10) ** max(1, len(int_codes)):
        v, exp = v / 10, exp + 1
    sign = "-" if v < 0 else ""
    v = abs(v)
    text = f"{v:f}"
    whole, _, frac = text.partition(".")
    min_int = int_codes.count("0")
    whole = whole.lstrip("0")
    whole = whole.rjust(min_int, "0") if min_int else whole
    if int_codes and not whole and "?" in int_codes:
        whole = " "
    if grouping and whole.strip():
        whole = f"{int(whole):,}"
    if frac_codes:
        frac = frac.ljust(len(frac_codes), "0")[:len(frac_codes)]
        keep = len(frac_codes.rstrip("#?"))
        trimmed = frac.rstrip("0")
        frac = trimmed.ljust(keep, "0") if len(trimmed) < len(frac) else frac
        if len(frac) < len(frac_codes):
            frac = frac + "".join(" " for ch in frac_codes[len(frac):] if ch == "?")
        body = f"{whole}.{frac}" if frac or "." in codes else whole
    else:
        body = whole
    if not int_codes and body.startswith("0."):
        body = body[1:]
    if exponent_digits:
        body += "E" + ("-" if exp < 0 else ("+" if exp_sign == "+" else "")) + str(abs(exp)).rjust(exponent_digits, "0")
    return sign + body


# -- dates ---------------------------------------------------------------------------------

def _to_serial(value, epoch: dt.datetime) -> float:
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - epoch).total_seconds() / 86400


def _from_serial(value: float, epoch: dt.datetime) -> dt.datetime:
    if epoch.year == 1899 and value < 60:
        value += 1  # Excel's 1900-02-29 that never was: serials below it are one day off
    return epoch + dt.timedelta(days=float(value))


def _render_date(section: str, value, elapsed_seconds: Optional[float] = None) -> str:
    if isinstance(value, dt.timedelta):
        total = value.total_seconds()
        base = dt.datetime(1899, 12, 30) + value
    else:
        if isinstance(value, dt.time):
            value = dt.datetime.combine(dt.date(1899, 12, 30), value)
        elif not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        base = value
        total = (value - dt.datetime(1899, 12, 30)).total_seconds()
    if elapsed_seconds is not None:
        total = elapsed_seconds
    # round to the displayed precision of seconds (Excel rounds, it does not cut)
    has_fraction = re.search(r"s+\.0+", section.lower()) is not None
    if not has_fraction and base.microsecond >= 500000:
        base = base + dt.timedelta(microseconds=1000000 - base.microsecond)
    toks = _tokens(section)
    # merge runs of the same code letter
    runs: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        kind, t = toks[i]
        if kind == "code" and "".join(x for _, x in toks[i:i + 5]).upper() == "AM/PM":
            runs.append(("ampm", "AM/PM"))
            i += 5
            continue
        if kind == "code" and "".join(x for _, x in toks[i:i + 3]).upper() == "A/P":
            runs.append(("ampm", "A/P"))
            i += 3
            continue
        if kind == "code" and "".join(x for _, x in toks[i:i + 5]) == "上午/下午":
            runs.append(("ampm", "上午/下午"))
            i += 5
            continue
        if kind == "code" and t.isalpha() and t.lower() in "ymdhsae":
            j = i
            while j < len(toks) and toks[j][0] == "code" and toks[j][1].lower() == t.lower():
                j += 1
            runs.append(("date", t.lower() * (j - i)))
            i = j
            continue
        runs.append((kind, t))
        i += 1
    twelve = any(k == "ampm" for k, _ in runs)
    out = []
    last_was_hour = False
    for n, (kind, t) in enumerate(runs):
        if kind == "elapsed":
            unit = {"h": 3600, "m": 60, "s": 1}[t[0]]
            out.append(str(int(total // unit)).rjust(len(t), "0"))
            last_was_hour = t[0] == "h"
            continue
        if kind == "ampm":
            pm = base.hour >= 12
            out.append({"AM/PM": "PM" if pm else "AM", "A/P": "P" if pm else "A",
                        "上午/下午": "下午" if pm else "上午"}[t])
            continue
        if kind != "date":
            if kind == "code" and t == "." and n + 1 < len(runs) and runs[n + 1][0] == "code" and runs[n + 1][1] == "0":
                digits = 0
                k = n + 1
                while k < len(runs) and runs[k] == ("code", "0"):
                    digits += 1
                    k += 1
                frac = f"{base.microsecond / 1e6:.{digits}f}"[1:]
                out.append(frac)
                runs[n + 1:k] = [("skip", "")] * (k - n - 1)
                continue
            if kind != "skip":
                out.append(t)
            continue
        c = t[0]
        if c == "y":
            out.append(str(base.year) if len(t) > 2 else f"{base.year % 100:02d}")
        elif c == "m":
            minute = last_was_hour or _next_is_seconds(runs, n)
            if minute and len(t) <= 2:
                out.append(f"{base.minute:02d}" if len(t) == 2 else str(base.minute))
            elif len(t) == 1:
                out.append(str(base.month))
            elif len(t) == 2:
                out.append(f"{base.month:02d}")
            elif len(t) == 3:
                out.append(_MONTHS_EN[base.month - 1][:3])
            elif len(t) == 5:
                out.append(_MONTHS_EN[base.month - 1][0])
            else:
                out.append(_MONTHS_EN[base.month - 1])
        elif c == "d":
            if len(t) == 1:
                out.append(str(base.day))
            elif len(t) == 2:
                out.append(f"{base.day:02d}")
            elif len(t) == 3:
                out.append(_WEEKDAYS_EN[base.weekday()][:3])
            else:
                out.append(_WEEKDAYS_EN[base.weekday()])
        elif c == "a":  # aaa / aaaa: Chinese weekday
            out.append(("星期" if len(t) >= 4 else "") + _WEEKDAYS_ZH[base.weekday()])
        elif c == "h":
            hour = base.hour % 12 or 12 if twelve else base.hour
            out.append(f"{hour:02d}" if len(t) >= 2 else str(hour))
        elif c == "s":
            out.append(f"{base.second:02d}" if len(t) >= 2 else str(base.second))
        elif c == "e":
            out.append(str(base.year))
        if c != "m":
            last_was_hour = c == "h"
        else:
            last_was_hour = False
    return "".join(out)


def _next_is_seconds(runs, n) -> bool:
    for kind, t in runs[n + 1:]:
        if kind == "date":
            return t[0] == "s"
        if kind == "elapsed":
            return t[0] == "s"
    return False
