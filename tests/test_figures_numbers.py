"""Number and unit parsing for key figures, on strings printed in the reports (and the brief's hard cases)."""

from decimal import Decimal

import pytest

from extractors import numbers
from extractors.figures.find import find_figures_in_sentence


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("20,719.37", Decimal("20719.37")),
        ("645215", Decimal("645215")),
        ("0.68", Decimal("0.68")),
        ("10,285", Decimal("10285")),
        ("两千", Decimal("2000")),
        ("三十四", Decimal("34")),
        ("两", Decimal("2")),
        ("一百三十", Decimal("130")),
    ],
)
def test_parse_number(printed, value):
    assert numbers.parse_number(printed) == value


def test_amounts_become_yuan():
    assert numbers.amount_in_yuan(Decimal("20719.37"), "万元") == Decimal("207193700")
    assert numbers.amount_in_yuan(Decimal("2.02"), "亿元") == Decimal("202000000")
    assert numbers.amount_in_yuan(Decimal("1.21"), "万亿") == Decimal("1210000000000")


def test_rates_become_fractions_without_trailing_zeros():
    assert numbers.format_value(numbers.rate_fraction(Decimal("22.30"))) == "0.223"
    assert numbers.format_value(numbers.rate_fraction(Decimal("100"))) == "1"
    assert numbers.format_value(numbers.rate_fraction(Decimal("38.08"))) == "0.3808"


def one(sentence):
    """Return the single figure found in a sentence."""
    found = find_figures_in_sentence(sentence)
    assert len(found) == 1, [(sentence[f.start : f.end], f.kind) for f in found]
    f = found[0]
    return sentence[f.start : f.end], f.kind, numbers.format_value(f.value), f.unit, f.approx


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("涉及申报资金总额2.02亿元。", ("2.02亿元", "amount", "202000000", "亿元", None)),
        ("项目资金达0.68亿元,", ("0.68亿元", "amount", "68000000", "亿元", "lower")),
        ("涉及金额645215万元;", ("645215万元", "amount", "6452150000", "万元", None)),
        ("全国一般公共预算支出1.21万亿,", ("1.21万亿", "amount", "1210000000000", "万亿", None)),
        ("安排资金两千万元。", ("两千万元", "amount", "20000000", "万元", None)),
        ("资金核减率高达34%,", ("34%", "rate", "0.34", "%", "lower")),
        ("核减率为百分之三十四。", ("百分之三十四", "rate", "0.34", "%", None)),
        ("全市130余家市直预算单位", ("130余家", "count", "130", "家", "lower")),
        ("细化至10,285条,", ("10,285条", "count", "10285", "条", None)),
        ("开展预算绩效管理专门培训5期。", ("5期", "count", "5", "期", None)),
        ("已实施两次项目支出绩效监控工作。", ("两次", "count", "2", "次", None)),
        ("评价资金规模约169亿元,", ("169亿元", "amount", "16900000000", "亿元", "approx")),
        ("是去年的9倍。", ("9倍", "multiple", "9", "倍", None)),
        ("自治区动态应急地方储备粮保管费得分90.40分。", ("90.40分", "score", "90.4", "分", None)),
        ("公开200万元以上支出项目的监控覆盖率", ("200万元", "amount", "2000000", "万元", "lower")),
        ("核心绩效目标实现率低于80%,", ("80%", "rate", "0.8", "%", "upper")),
        ("2021年8月3日", ("2021年8月3日", "date", "2021-08-03", None, None)),
    ],
)
def test_figure_in_sentence(sentence, expected):
    assert one(sentence) == expected


def test_a_printed_range_gives_its_two_bounds():
    found = find_figures_in_sentence("单个项目资金3000-5000万元。")
    assert [(numbers.format_value(f.value), f.approx, f.unit) for f in found] == [("30000000", "lower", "万元"), ("50000000", "upper", "万元")]


@pytest.mark.parametrize(
    "sentence",
    [
        "认真贯彻落实《实施意见》(藏党发〔2020〕7号)精神。",
        "印发《拉萨市政府购买服务第三方绩效评价实施办法》(拉财字〔2020〕185号),",
        "2020年,在库尔勒市党委的大力支持下,",
        "对2021年度部门预算进行评审。",
        "2020-2021年度美丽乡村建设项目绩效评价名列全省第一,",
        "选取项目支出资金(详见附表一)进行评价。",
        "结合全区财政系统2.0平台建设使用,",
        "聚焦深化预算管理制度改革“1+8”工作机制要求,",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”,",
        "得分***分,金额***万元。",
        "一是严格按照要求;二是注重资金使用情况。",
        "市级连续5年对所有一级预算部门整体绩效全覆盖开展财政评价,",
        "各预算单位在批复部门预算20日内设定整体支出绩效目标,",
        "12月底追加,评价报告预计将于10月中旬前正式形成,",
        "分别为2020年1-5月,2020年1-9月。",
        "形成一套比较完整的绩效管理制度,建立一系列规章制度,",
        "让每一分财政资金都承载起公众期待,",
        "2019年拉萨市第二次污染源普查经费项目",
        "实现预算和绩效管理一体化,对一般公共预算一次性安排。",
    ],
)
def test_not_figures(sentence):
    found = find_figures_in_sentence(sentence)
    assert found == [], [(sentence[f.start : f.end], f.kind) for f in found]
