"""Shared arithmetic of the audit: printed precision, rounding tolerances and building a Check.

A printed number carries its own precision: `24,053.22` is exact to ±0.005, `645215` to ±0.5,
`34%` to ±0.5 percentage points. Every tolerance below is derived from the printed precision of
the numbers a check uses, never from a fixed slack:

* a stated total against a sum of n parts: half a unit of the total's last digit plus half a unit
  of each part's last digit (so n parts printed to 0.01 and a total printed to 0.01 allow
  (n + 1) × 0.005);
* a stated rate against a quotient: half a unit of the rate's last digit plus the error the
  inputs' rounding can cause in the quotient (first-order propagation);
* exact figures (counts, points in a score form, a printed zero) have no rounding tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal

import regex

from extractors.normalize import UNIT_TO_YUAN, parse_decimal
from pipeline.models import Check, CheckInput

ZERO = Decimal(0)
PRINTED_NUMBER = regex.compile(r"\d[\d,]*(?:\.\d+)?")  # the digits of a surface, without its unit
HUNDRED = Decimal(100)


@dataclass
class Num:
    """A printed number a check uses: value and half-unit precision in `unit`, and where it was printed."""

    value: Decimal
    unit: str | None
    half: Decimal  # half a unit of the last printed digit (0 for an exact figure), in `unit`
    surface: str
    source: str
    page: int | None = None

    def as_input(self) -> CheckInput:
        """Return this number as a CheckInput for the check's evidence."""
        return CheckInput(surface=self.surface, value=self.value, source=self.source, page=self.page, unit=self.unit)


def half_of(value: Decimal) -> Decimal:
    """Given a number as printed (Decimal keeps its digits), return half a unit of its last digit (0.005 for 9.58)."""
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else ZERO


def half_unit(printed: str) -> Decimal:
    """Given a printed number (`24,053.22`, `645215`, `34`), return half a unit of its last digit."""
    value = parse_decimal(printed)
    return ZERO if value is None else half_of(value)


def printed_half(printed: str, exact: bool = False) -> Decimal:
    """Return the rounding half-unit of a printed number; 0 for exact figures and for a printed zero."""
    value = parse_decimal(printed)
    if exact or value is None or value == 0:
        return ZERO
    return half_unit(printed)


def number_text(surface: str) -> str:
    """Return the printed number inside a figure's surface (`24,053.22万元` → `24,053.22`)."""
    match = PRINTED_NUMBER.search(surface)
    return match.group(0) if match else ""


def decimals(printed: str) -> int:
    """Given a printed number, return how many digits it has after the point."""
    value = parse_decimal(printed)
    exponent = value.as_tuple().exponent if value is not None else 0
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def convert(value: Decimal, unit: str | None, to_unit: str | None) -> Decimal:
    """Convert an amount between money units (万元 → 亿元 ...); other units pass through unchanged."""
    if unit == to_unit or unit not in UNIT_TO_YUAN or to_unit not in UNIT_TO_YUAN:
        return value
    return value * UNIT_TO_YUAN[unit] / UNIT_TO_YUAN[to_unit]


def in_unit(num: Num, unit: str | None) -> tuple[Decimal, Decimal]:
    """Return (value, half-unit) of `num` expressed in `unit`."""
    return convert(num.value, num.unit, unit), convert(num.half, num.unit, unit)


def fmt(value: Decimal | None, unit: str | None = None) -> str:
    """Format a number for a message: thousands separators, no exponent (`76,036.75万元`)."""
    if value is None:
        return "?"
    text = f"{value.normalize():,f}" if value == value.to_integral() else f"{value:,f}"
    return f"{text}{unit or ''}"


def trim(value: Decimal) -> Decimal:
    """Return `value` without trailing zeros beyond its meaning (`0.0650` → `0.065`)."""
    return Decimal(format(value.normalize(), "f")) if value else ZERO


def judge(
    kind: str,
    stated: Num,
    computed: Decimal,
    computed_half: Decimal,
    inputs: list[Num],
    what: str,
    how: str,
    page: int | None = None,
    tolerance: Decimal | None = None,
) -> Check:
    """Compare a stated number with the value computed from its inputs; return a pass/fail Check.

    `computed_half` is the rounding error the inputs can carry into `computed` (in the stated unit);
    `tolerance`, when given, replaces stated.half + computed_half (the same figure printed twice);
    `what` names the statement, `how` shows the arithmetic for the message.
    """
    tolerance = trim(stated.half + computed_half if tolerance is None else tolerance)
    difference = stated.value - computed
    unit = stated.unit
    if difference == 0:
        status, verdict = "pass", "agrees exactly"
    elif abs(difference) <= tolerance:
        status, verdict = "pass", f"rounding difference {fmt(abs(difference))} (within {fmt(tolerance)}, the printed precision)"
    else:
        status, verdict = "fail", f"differs by {fmt(difference)}, more than rounding allows ({fmt(tolerance)}){FAIL_VERDICT}"
    message = f"{what}: stated {stated.surface}; {how} = {fmt(computed, unit)}; {verdict}"
    return Check(
        kind=kind,
        status=status,
        stated=stated.value,
        computed=computed,
        tolerance=tolerance,
        message=message,
        stated_source=stated.source,
        inputs=[n.as_input() for n in inputs],
        page=page if page is not None else stated.page,
        unit=unit,
    )


def printed_twice(kind: str, stated: Num, other: Num, what: str, how: str) -> Check:
    """Check one figure printed in two places: equal at the same precision, else within the coarser rounding.

    `other` without a unit (a table cell whose 单位:万元 line sits above the caption) is read in the
    stated unit.
    """
    unit = other.unit or stated.unit
    value = convert(other.value, unit, stated.unit)
    # 358.79亿元 against 3,587,932.07万元: two decimals each, but the 亿元 figure is rounded to 50万元.
    other_half = convert(other.half, unit, stated.unit)
    same_precision = decimals(number_text(stated.surface)) == decimals(number_text(other.surface)) and unit == stated.unit
    tolerance = ZERO if same_precision else max(stated.half, other_half)
    return judge(kind, stated, value, ZERO, [stated, other], what, how, tolerance=tolerance)


# How a failing judge() message ends; demote() replaces it with the reason the check cannot be trusted.
FAIL_VERDICT = ": real error?"


def demote(check_: Check, reason: str) -> Check:
    """Make a failing check `unverifiable`, its verdict replaced by why its parts cannot be trusted."""
    check_.status = "unverifiable"
    check_.message = check_.message.removesuffix(FAIL_VERDICT) + f": {reason}"
    return check_


def unverifiable(kind: str, stated: Num | None, computed: Decimal | None, inputs: list[Num], message: str, page: int | None = None) -> Check:
    """Return an `unverifiable` Check: the parts are masked or missing."""
    return Check(
        kind=kind,
        status="unverifiable",
        stated=stated.value if stated else None,
        computed=computed,
        tolerance=ZERO,
        message=message,
        stated_source=stated.source if stated else "",
        inputs=[n.as_input() for n in inputs],
        page=page if page is not None or stated is None else stated.page,
        unit=stated.unit if stated else None,
    )


def sum_check(kind: str, stated: Num, parts: list[Num], what: str, page: int | None = None) -> Check:
    """Check a stated total against the sum of its parts, all converted to the total's unit."""
    total, half = ZERO, ZERO
    for part in parts:
        value, part_half = in_unit(part, stated.unit)
        total += value
        half += part_half
    how = f"sum of {len(parts)} parts"
    return judge(kind, stated, total, half, [stated, *parts], what, how, page)


def ratio(numerator: Num, denominator: Num, unit: str | None = None) -> tuple[Decimal, Decimal] | None:
    """Return numerator/denominator × 100 and its propagated rounding error, or None when the base is 0."""
    a, ha = in_unit(numerator, unit or denominator.unit)
    b, hb = in_unit(denominator, unit or denominator.unit)
    if b == 0:
        return None
    value = a / b * HUNDRED
    error = HUNDRED * (ha / abs(b) + abs(a) * hb / (b * b))
    return value, error


def rate_check(kind: str, stated: Num, numerator: Num, denominator: Num, what: str, extra: list[Num] | None = None) -> Check:
    """Check a stated percentage against numerator/denominator, with rate and input rounding as tolerance."""
    result = ratio(numerator, denominator)
    inputs = [stated, numerator, denominator, *(extra or [])]
    if result is None:
        return unverifiable(kind, stated, None, inputs, f"{what}: stated {stated.surface}, but the base {denominator.surface} is zero; a rate of zero is undefined")
    value, error = result
    places = Decimal(1).scaleb(-(decimals(number_text(stated.surface)) + 2))
    computed = value.quantize(places)
    # Quantizing the quotient adds at most half of `places` to the difference; round the bound up.
    computed_half = (error + places / 2).quantize(places, rounding=ROUND_CEILING)
    how = f"{numerator.surface} / {denominator.surface}"
    check = judge(kind, stated, computed, computed_half, inputs, what, how)
    printed = Decimal(1).scaleb(-decimals(number_text(stated.surface)))
    if check.status == "fail" and value.quantize(printed, rounding=ROUND_DOWN) == stated.value:
        check.message += f" (the printed {stated.surface} is the quotient truncated, not rounded)"
    return check
