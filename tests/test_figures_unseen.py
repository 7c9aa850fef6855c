"""Key figures on reports the rules were never written on (issue 10): counts with any measure word,
traditional characters, a spaced %, money in quotation marks; ordinals, phases and glued table cells
are not counts.

Sentences are copied from the non-held-out real documents of ../shared/real-docs/pingtan (named in
each case) and from the issue; the expected figures were written by reading them.
"""

from __future__ import annotations

import opencc
import pytest

from extractors import numbers
from extractors.figures.find import find_figures_in_sentence
from extractors.normalize import clean_line
from pipeline.runner import run_file
from tests.conftest import ROOT
from tests.conftest import needs_pingtan

PINGTAN = ROOT.parent / "shared" / "real-docs" / "pingtan"


def figures_of(sentence: str) -> list[tuple[str, str, str, str | None, str | None]]:
    """Return (surface, kind, value, unit, approx) of every figure found in a cleaned sentence."""
    text = clean_line(sentence)
    return [(text[f.start : f.end], f.kind, numbers.format_value(f.value), f.unit, f.approx) for f in find_figures_in_sentence(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 2016-pingtan-three-public-expenses-final-accounts.txt
        (
            "其中：公务用车购置费182.21万元，公务用车购置8辆，增支90万元，增长97.6%，",
            [
                ("182.21万元", "amount", "1822100", "万元", None),
                ("8辆", "count", "8", "辆", None),
                ("90万元", "amount", "900000", "万元", None),
                ("97.6%", "rate", "0.976", "%", None),
            ],
        ),
        (
            "（三）公务接待费578.09万元，国内公务接待3446批次，48699人次",
            [("578.09万元", "amount", "5780900", "万元", None), ("3446批次", "count", "3446", "批次", None), ("48699人次", "count", "48699", "人次", None)],
        ),
        # 2015-pingtan-budget-execution-and-2016-draft-budget-report.txt
        (
            "全年国库支付中心共办理支付38086笔，累计支付金额78.52亿元，当天办结率96.8%，",
            [("38086笔", "count", "38086", "笔", None), ("78.52亿元", "amount", "7852000000", "亿元", None), ("96.8%", "rate", "0.968", "%", None)],
        ),
        (
            "全年完成政府采购项目250宗，采购预算价27000万元，共核减1700万元，核减率为6.3%",
            [
                ("250宗", "count", "250", "宗", None),
                ("27000万元", "amount", "270000000", "万元", None),
                ("1700万元", "amount", "17000000", "万元", None),
                ("6.3%", "rate", "0.063", "%", None),
            ],
        ),
        # 2016-education-bureau-final-accounts-explanation.txt
        (
            "本部门部门共有车辆31辆，其中：一般公务用车5辆、一般执法执勤用车0辆、特种专业技术用车0辆、其他用车26辆；",
            [("31辆", "count", "31", "辆", None), ("5辆", "count", "5", "辆", None), ("0辆", "count", "0", "辆", None), ("0辆", "count", "0", "辆", None), ("26辆", "count", "26", "辆", None)],
        ),
        ("单位价值50万元以上通用设备0台（套）", [("50万元", "amount", "500000", "万元", "lower"), ("0台", "count", "0", "台", None)]),
        # 2017-fujian-info-vocational-college-campus-performance-evaluation.txt
        (
            "该项目总用地面积约529850.54平方米，总建筑面积331100平方米，",
            [("529850.54平方米", "quantity", "529850.54", "平方米", "approx"), ("331100平方米", "quantity", "331100", "平方米", None)],
        ),
        # 2017-2019-environment-land-bureau-budget-preparation-explanation.txt
        ("目前实有人数区环土局行政单位在职36人，", [("36人", "count", "36", "人", None)]),
        # 2017-health-family-planning-bureau-final-accounts-explanation.txt: 万 alone is 万元.
        ("2017年实际支出支出19.22万，主要用于组织开展", [("19.22万", "amount", "192200", "万", None)]),
        # 2017-trunk-road-zx1609-project-performance-evaluation.txt: 22万M2 is an area, not money.
        ("总面积约22万M2。", []),
        # The issue's own examples.
        ("购置执法车辆3辆，配备终端设备120套，在编职工58名，新建学校2所。", [
            ("3辆", "count", "3", "辆", None), ("120套", "count", "120", "套", None), ("58名", "count", "58", "名", None), ("2所", "count", "2", "所", None)]),
        ("执行率为12.50 %。", [("12.50 %", "rate", "0.125", "%", None)]),
        ("提出“完成1,500亿元投资”的目标。", [("1,500亿元", "amount", "150000000000", "亿元", None)]),
    ],
)
def test_figures_of_real_sentences(sentence, expected):
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "区五届二次会议审议通过。",  # a session number
        "十三届人大五次会议",
        "二期工程建设顺利推进。",  # a phase
        "坛南湾一期配套设施",
        "第三季度",
        "建设期限33个月。",  # a duration (2017-fujian-info-vocational-college-campus-performance-evaluation.txt)
        "350,000 项目支出预算",  # a table cell glued to the next header word
        "增强“四个意识”",  # a quoted count is a name
        "采取PPP模式开展融资工作，筛选了一批优质项目",  # 一批 is an article (2015-pingtan-budget-execution-…txt)
    ],
)
def test_ordinals_phases_and_glued_cells_are_not_counts(sentence):
    assert [f for f in figures_of(sentence) if f[1] == "count"] == []


def test_traditional_characters_give_the_simplified_figures():
    traditional = figures_of("安排資金5億元，其中300多萬元用於12個項目，共9項。")
    assert [(kind, value, unit, approx) for _, kind, value, unit, approx in traditional] == [
        ("amount", "500000000", "亿元", None),
        ("amount", "3000000", "万元", "lower"),
        ("count", "12", "个", None),
        ("count", "9", "项", None),
    ]
    assert [surface for surface, *_ in traditional] == ["5億元", "300多萬元", "12個", "9項"]


@needs_pingtan
def test_a_real_report_in_traditional_characters_gives_the_same_figures(tmp_path):
    source = PINGTAN / "2016-pingtan-three-public-expenses-final-accounts.txt"
    converted = tmp_path / "traditional.txt"
    converted.write_text(opencc.OpenCC("s2t").convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    simplified, traditional = run_file(source), run_file(converted)
    assert len(simplified.figures) >= 20
    # (Offsets may differ: the site chrome 當前位置… is furniture only in simplified characters.)
    assert [(f.kind, f.value, f.unit, f.metric) for f in traditional.figures] == [(f.kind, f.value, f.unit, f.metric) for f in simplified.figures]
    # Stored text stays as printed: the surfaces are traditional (萬元), the values the same.
    assert any("萬元" in f.surface for f in traditional.figures)
    assert all(traditional.text[f.start : f.end] == f.surface for f in traditional.figures)


@needs_pingtan
def test_counted_noun_is_the_noun_right_before_the_count():
    # 全年各部门组织出国团组43个 … 公务用车购置8辆 (2016-pingtan-three-public-expenses-final-accounts.txt)
    report = run_file(PINGTAN / "2016-pingtan-three-public-expenses-final-accounts.txt")
    nouns = {f.surface: f.noun for f in report.figures if f.kind == "count"}
    assert nouns["43个"] == "出国团组"
    assert nouns["8辆"] == "公务用车"


@pytest.mark.parametrize(
    ("sentence", "not_counts"),
    [
        # 2017-industry-incentive-subsidies-performance-evaluation.txt: a flattened table, cells glued to names.
        ("科技创新奖补129.00台创园770.87", ["129.00台"]),
        # 2015-finance-bureau-final-accounts-explanation.txt: a year glued to 本年.
        ("(一)2015本年收入3604.", ["2015本"]),
        # 2018-pingtan-county-final-accounts-report.txt: the four budgets are a name.
        ("重点报告四本预算和其他八个方面", ["四本"]),
        # 2017-taiwan-ferry-voyage-subsidy-performance-evaluation.txt: 对 is a preposition here.
        ("财务管理4对财政资金使用、管理", ["4对"]),
    ],
)
def test_table_cells_years_names_and_prepositions_are_not_counts(sentence, not_counts):
    surfaces = [surface for surface, kind, *_ in figures_of(sentence) if kind == "count"]
    assert not set(surfaces) & set(not_counts), surfaces
