"""Indicator values: printed text → operator, number, unit; and whether an actual meets its target."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.forms.values import meets, parse_value


@pytest.mark.parametrize(
    "printed, operator, number, unit",
    [
        ("≥12次", "≥", Decimal(12), "次"),  # the examples of issue 11
        ("≤120万元", "≤", Decimal(120), "万元"),
        ("≥95%", "≥", Decimal(95), "%"),
        ("=100百分比", "=", Decimal(100), "百分比"),
        ("不低于95%", "≥", Decimal(95), "%"),  # Tancheng 2018: 满意率不低于95% is label + operator word
        ("满意率95%以上", "≥", Decimal(95), "%"),  # a bound written after the number
        ("不超过14.4万元", "≤", Decimal("14.4"), "万元"),
        ("不少于6个", "≥", Decimal(6), "个"),
        ("48人", "=", Decimal(48), "人"),  # a bare figure is the value itself
        ("≧90%", "≥", Decimal(90), "%"),  # the variant sign the Pingtan pages print
        ("1,574.71万元", "=", Decimal("1574.71"), "万元"),
        ("3天以内", "≤", Decimal(3), "天"),
        ("≥ 95 %", "≥", Decimal(95), "%"),  # spaced as a PDF cell may print it
    ],
)
def test_quantitative_values_are_parsed(printed, operator, number, unit):
    value = parse_value(printed)
    assert (value.kind, value.operator, value.number, value.unit, value.text) == ("quantitative", operator, number, unit, printed)


@pytest.mark.parametrize("printed", ["按期完成", "合格", "2018年12月前", "6个村居平安奖励金发放", "明显提升", "根据上年计划"])
def test_qualitative_values_keep_their_text_only(printed):
    value = parse_value(printed)
    assert (value.kind, value.operator, value.number, value.text) == ("qualitative", None, None, printed)


def test_empty_value():
    assert parse_value("  ").kind == "empty"


@pytest.mark.parametrize(
    "target, actual, expected",
    [
        ("≥12次", "10次", False),  # the example: full marks with 10 of ≥12 is flagged
        ("≥12次", "14次", True),
        ("≤120万元", "126万元", False),
        ("≤120万元", "115.6万元", True),
        ("=100百分比", "100%", True),  # % and 百分比 are one unit
        ("≥95%", "97", True),  # an actual printed without its unit takes the target's
        ("≥95%", "95人", None),  # different units: not comparable
        ("按期完成", "按期完成", None),  # qualitative: not compared
    ],
)
def test_meets(target, actual, expected):
    assert meets(parse_value(target), parse_value(actual)) is expected
