"""Metrics of key figures on 预算/决算 genres (issue 10): each figure's metric comes from its own clause and
its section, with processes and roles of their own for 收入/支出 by fund, 三公 items, 机关运行经费, 国有资产;
never borrowed from a neighbouring list (培训费, 一般公共预算's 一般, an earlier sentence's 评审).

Figures and metrics were written by reading the non-held-out documents of ../shared/real-docs/pingtan
(quoted) and the issue's own examples.
"""

from __future__ import annotations

import pytest

from extractors.figures.find import find_figures_in_sentence
from extractors.figures.meaning import attach_meaning
from extractors.normalize import clean_line
from extractors.taxonomy import taxonomy
from pipeline.models import Paragraph, Report
from pipeline.runner import run_file
from tests.conftest import ROOT
from tests.conftest import needs_pingtan, skip_without_pingtan

PINGTAN = ROOT.parent / "shared" / "real-docs" / "pingtan"


@pytest.fixture(scope="module")
def three_public():
    """2016年度平潭综合实验区一般公共预算“三公”经费支出决算情况."""
    skip_without_pingtan()
    return run_file(PINGTAN / "2016-pingtan-three-public-expenses-final-accounts.txt")


@pytest.fixture(scope="module")
def county_final_accounts():
    """平潭 2018 年财政决算报告."""
    skip_without_pingtan()
    return run_file(PINGTAN / "2018-pingtan-county-final-accounts-report.txt")


def metric_of(report, surface: str) -> str | None:
    """Return the metric of the first figure printed as `surface`."""
    return next(f.metric for f in report.figures if f.surface == surface)


@pytest.mark.parametrize(
    ("surface", "metric"),
    [
        ("177.06万元", "three_public.outbound_travel"),  # (一)因公出国(境)费177.06万元
        ("43个", "three_public.delegations"),  # 全年各部门组织出国团组43个
        ("137人次", "three_public.visits"),  # 因公出国(境)累计137人次
        ("1337.46万元", "three_public.vehicle_costs"),  # (二)公务用车购置及运行费1337.46万元
        ("1155.25万元", "three_public.vehicle_operation"),  # 公务用车运行费1155.25万元
        ("441辆", "three_public.vehicles"),  # 年末公务用车保有量441辆
        ("578.09万元", "three_public.reception"),  # (三)公务接待费578.09万元
        ("3446批次", "three_public.visits"),  # 国内公务接待3446批次
        ("21.48%", "three_public.growth"),  # 公务接待费支出是减支158.1万元,下降21.48%
    ],
)
def test_three_public_items_have_metrics_of_their_own(three_public, surface, metric):
    assert metric_of(three_public, surface) == metric


@pytest.mark.parametrize(
    ("surface", "metric"),
    [
        ("1,166,020万元", "general_budget.revenue"),  # 一般公共预算收入决算合计1,166,020万元
        ("384,430万元", "general_budget.revenue"),  # 地方一般公共预算收入384,430万元
        ("113.13%", "general_budget.execution_rate"),  # 地方一般公共预算收入384,430万元,完成年度预算的113.13%
        ("29.57%", "general_budget.growth"),  # 比上年增加87,722万元,增长29.57%
        ("1,090,175万元", "general_budget.spending"),  # 一般公共预算支出决算合计1,090,175万元
        ("658,547万元", "fund_budget.revenue"),  # 政府性基金收入决算合计658,547万元
        ("642,076万元", "fund_budget.spending"),  # 政府性基金支出决算合计642,076万元
    ],
)
def test_final_accounts_figures_are_revenue_and_spending_by_fund(county_final_accounts, surface, metric):
    assert metric_of(county_final_accounts, surface) == metric


def test_no_performance_stage_is_borrowed_in_a_three_public_report(three_public):
    # The report names no performance-management stage: 培训/评审 metrics could only be borrowed.
    stages = ("training.", "self_evaluation.", "key_evaluation.", "ex_ante_assessment.", "monitoring.", "performance_targets.")
    assert [f.surface for f in three_public.figures if (f.metric or "").startswith(stages)] == []
    assert sum(f.metric is not None and f.metric.startswith("three_public.") for f in three_public.figures) >= 20


def test_the_final_accounts_report_keeps_its_own_evaluation_figures(county_final_accounts):
    # 三是稳步推进预算绩效管理工作。…其中:重点评价项目10个共涉及6个行业,评价资金15.6亿元
    assert metric_of(county_final_accounts, "10个") == "key_evaluation.projects"


def metrics_in(sentence: str) -> list[tuple[str, str | None]]:
    """Return (surface, metric) of the figures of one sentence standing alone in a paragraph."""
    text = clean_line(sentence)
    found = find_figures_in_sentence(text)
    attach_meaning(Report(path=PINGTAN), Paragraph(0, "body", text, 1, 0, len(text)), [(text, found)], taxonomy())
    return [(text[f.start : f.end], f"{f.process}.{f.role}" if f.process and f.role else None) for f in found]


def test_operating_costs_are_not_training_because_a_list_names_training_fees():
    # The example: 机关运行经费 with a list of items that includes 培训费.
    found = metrics_in("2024年本部门机关运行经费支出12.34万元，主要用于办公费、印刷费、会议费、培训费、公务接待费等支出。")
    assert found == [("12.34万元", "operating_costs.spending")]


def test_a_figure_with_no_clear_stage_says_unknown():
    # 公用经费 names no stage; 培训费 in the next clause must not give it one.
    found = metrics_in("本年度公用经费支出45.6万元，比上年减少3.2万元，主要是培训费减少。")
    assert [metric for _, metric in found] == [None, None]


def test_two_tax_policies_are_policies_not_a_grade_count():
    # The example: 一般 inside 一般公共预算 is not the grade 一般.
    found = metrics_in("一般公共预算收入增长较快，落实两项税收优惠政策。")
    assert found == [("两项", "general_budget.policies")]


@needs_pingtan
def test_a_numbered_item_does_not_take_the_stage_of_the_item_before():
    # 2015-finance-bureau-final-accounts-explanation.txt: (七)… after an item on other spending.
    report = run_file(PINGTAN / "2015-finance-bureau-final-accounts-explanation.txt")
    assert metric_of(report, "13.96万元") is None or not metric_of(report, "13.96万元").startswith("ex_ante_assessment.")


def test_a_named_part_keeps_its_own_item_and_a_change_is_neither_total_nor_part(three_public):
    # (二)公务用车购置及运行费1337.46万元,与2015年相比,减支79.52万元,下降5.61%。其中:公务用车购置费182.21万元,
    # 公务用车购置8辆,增支90万元,增长97.6%
    total = next(f for f in three_public.figures if f.surface == "1337.46万元")
    purchase = next(f for f in three_public.figures if f.surface == "182.21万元")
    increase = next(f for f in three_public.figures if f.surface == "90万元")
    assert (purchase.part_of, purchase.metric) == (total.index, "three_public.vehicle_purchase")
    assert (increase.part_of, increase.metric) == (None, "three_public.change")
