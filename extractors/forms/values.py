"""Target and actual values of an indicator: printed text → operator, number, unit."""

from __future__ import annotations

from decimal import Decimal

from extractors.forms import patterns
from pipeline.models import FormValue

# Operator words and symbols, each to the symbol it means.
OPERATORS: dict[str, str] = {
    "≥": "≥", "≧": "≥", ">=": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "达到": "≥",
    "≤": "≤", "≦": "≤", "<=": "≤", "不高于": "≤", "不超过": "≤", "不大于": "≤", "不多于": "≤", "小于等于": "≤", "控制在": "≤",
    ">": ">", "高于": ">", "大于": ">", "超过": ">", "多于": ">",
    "<": "<", "低于": "<", "小于": "<", "少于": "<",
    "=": "=", "＝": "=", "等于": "=",
}  # fmt: skip
# Words after the number that bound it: 95%以上 → ≥, 3天以内 → ≤.
POST_OPERATORS = {"及以上": "≥", "以上": "≥", "及以下": "≤", "以下": "≤", "以内": "≤", "内": "≤"}


def parse_value(text: str) -> FormValue:
    """Given a printed target or actual value, return it with operator, number and unit when quantitative."""
    text = text.strip()
    if not text:
        return FormValue(text="", kind="empty")
    match = patterns.QUANTITY.match(patterns.INNER_SPACE.sub("", text))  # `≥ 95%` as a PDF cell may space it
    if not match:
        return FormValue(text=text)
    operator = OPERATORS.get(match["op"] or "") or POST_OPERATORS.get(match["post"] or "") or "="
    number = Decimal(match["num"].replace(",", ""))
    return FormValue(text=text, operator=operator, number=number, unit=match["unit"], kind="quantitative")


def meets(target: FormValue, actual: FormValue) -> bool | None:
    """Tell whether a quantitative actual value meets its target (None when they cannot be compared)."""
    if target.kind != "quantitative" or actual.kind != "quantitative" or target.number is None or actual.number is None:
        return None
    if actual.unit and target.unit and not same_unit(actual.unit, target.unit):
        return None
    value, bound = actual.number, target.number
    return {
        "≥": value >= bound,
        ">": value > bound,
        "≤": value <= bound,
        "<": value < bound,
        "=": value == bound,
    }[target.operator or "="]


def same_unit(left: str, right: str) -> bool:
    """Tell whether two printed units mean the same (% and 百分比 do)."""
    percent = {"%", "百分比"}
    return left == right or (left in percent and right in percent)
