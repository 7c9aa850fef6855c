"""Pure number and unit parsing for key figures: printed numbers, Chinese numerals, units, bounds.

Given the pieces a pattern in extractors/patterns.py matched, return exact `Decimal` values:
amounts in yuan, rates as fractions, counts as integers.
"""

from __future__ import annotations

from decimal import Decimal

import cn2an

from extractors import patterns
from extractors.normalize import UNIT_TO_YUAN, parse_decimal

# Figure kinds whose unit is a measure word: counts of things and physical quantities (3.5公里, 1200平方米, 50吨).
MEASURED_KINDS = ("count", "quantity")

# Words printed before a number that make it approximate or a bound (longest first wins).
APPROX_BEFORE: dict[str, str] = {
    "大约": "approx",
    "接近": "approx",
    "将近": "approx",
    "约": "approx",
    "近": "approx",
    "高达": "lower",
    "超过": "lower",
    "逾": "lower",
    "达": "lower",
    "不超过": "upper",
    "不到": "upper",
    "不足": "upper",
    "低于": "upper",
}
# Words that end in an APPROX_BEFORE word but are not markers: 最近 (recently), 附近 (nearby), 到达, 表达.
NOT_APPROX_BEFORE = ("最近", "附近", "到达", "表达", "下达", "传达", "送达", "抵达")
# Words printed after a figure (or between number and measure word) that make it a bound or approximate.
APPROX_AFTER: dict[str, str] = {
    "以上": "lower",
    "以下": "upper",
    "以内": "upper",
    "左右": "approx",
    "余": "lower",
    "多": "lower",
}
# Magnitudes a count may carry before its measure word (3万人次).
MAGNITUDE = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
# Measure words of counts of events, the only ones a bare 一 counts with (一次 yes; 一个/一套/一批 is an article).
EVENT_UNITS = frozenset({"次", "期", "轮"})


def is_arabic(number: str) -> bool:
    """Tell whether a printed number is written in Arabic digits."""
    return bool(patterns.ARABIC_NUMBER.match(number))


def parse_number(number: str) -> Decimal | None:
    """Given a printed number (`20,719.37`, `645215`, `两千`, `三十四点五`), return it as Decimal, else None."""
    if is_arabic(number):
        return parse_decimal(number)
    try:
        value = cn2an.cn2an(number, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(str(value))


def plain(value: Decimal) -> Decimal:
    """Return `value` without trailing zeros or exponent (`207193700.00` → `207193700`, `0.3400` → `0.34`)."""
    text = format(value.normalize(), "f")
    return Decimal(text)


def amount_in_yuan(number: Decimal, unit: str) -> Decimal:
    """Given a number and its printed money unit (万元, 亿元, 万亿...), return yuan."""
    return plain(number * UNIT_TO_YUAN[unit])


def rate_fraction(number: Decimal, unit: str = "%") -> Decimal:
    """Given a printed percentage (or per-mille, percentage points), return it as a fraction."""
    return plain(number / (Decimal(1000) if unit == "‰" else Decimal(100)))


def printed_value(kind: str, value: Decimal, unit: str) -> Decimal:
    """Given a normalised value and its printed unit, return the number as printed (the inverse of number_value).

    Used where a figure is printed in Chinese numerals (两千万元: 2000 万元, 百分之十二点五: 12.5 %).
    """
    if kind == "amount" and unit in UNIT_TO_YUAN:
        return plain(value / UNIT_TO_YUAN[unit])
    if kind == "rate":
        return plain(value * (Decimal(1000) if unit == "‰" else Decimal(100)))
    return value


def count_value(number: Decimal, magnitude: str | None = None) -> Decimal:
    """Given a count's number and optional magnitude (万, 亿), return the integer count."""
    return plain(number * MAGNITUDE.get(magnitude or "", Decimal(1)))


def approx_before(text_before: str) -> tuple[str | None, int]:
    """Given the text just before a number, return (approx class, length of the marker) or (None, 0)."""
    for word in sorted(APPROX_BEFORE, key=len, reverse=True):
        if text_before.endswith(word):
            if any(text_before.endswith(w) for w in NOT_APPROX_BEFORE):
                return None, 0
            return APPROX_BEFORE[word], len(word)
    return None, 0


def approx_after(text_after: str) -> tuple[str | None, int]:
    """Given the text just after a figure, return (approx class, marker length) for 以上/以下/以内/左右."""
    for word in ("以上", "以下", "以内", "左右"):
        if text_after.startswith(word):
            return APPROX_AFTER[word], len(word)
    return None, 0


def format_value(value: Decimal | str) -> str:
    """Return a figure's value as exact text (`207193700`, `0.3808`, `2021-08-03`)."""
    return value if isinstance(value, str) else format(plain(value), "f")


def readable_value(kind: str, value: Decimal | str | float | None) -> str:
    """Return a normalised value as a reader writes it: `207,193,700 元`, `0.3808 (38.08%)`, `1,250`."""
    if value is None or value == "":
        return ""
    if kind == "date":
        return str(value)
    number = Decimal(str(value))
    if kind == "amount":
        return f"{number:,.2f} 元".replace(".00 元", " 元")
    if kind == "rate":
        return f"{format(plain(number), 'f')} ({format(plain(number * 100), 'f')}%)"
    if kind in MEASURED_KINDS:  # a quantity in its base unit: 5.896公里 → 5,896 (米)
        return f"{int(number):,}" if number == number.to_integral_value() else format(plain(number), "f")
    return format(plain(number), "f")
