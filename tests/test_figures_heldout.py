"""Key figures on reports the rules were not written on: the 预算绩效管理情况 section of two real
上海市普陀区 2024 部门决算 PDFs (tests/fixtures/pdfs/README.md).

The expected figures were written by reading the section as printed (quoted in each case); every
figure the section states is listed, and nothing else may be found there.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from pipeline.runner import run_file

FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"
SECTION = "预算绩效管理情况"

# 编报绩效目标的2024年度项目39个,涉及预算金额4415.48万元;绩效跟踪评价的2024年度项目39个,涉及预算金额
# 4415.48万元;绩效自评的2024年度项目39个,涉及预算金额4415.48万元,平均得分99.33分(其中,绩效评级为“优”
# 的项目39个;绩效评级为“良”的项目0个;绩效评级为“合格”的项目0个;绩效评级为“不合格”的项目0个。
# 绩效自评中共发现问题0个。
GUIHUA = [
    ("count", "39", "performance_targets.projects"),
    ("amount", "44154800", "performance_targets.funds"),
    ("count", "39", "monitoring.projects"),
    ("amount", "44154800", "monitoring.funds"),
    ("count", "39", "self_evaluation.projects"),
    ("amount", "44154800", "self_evaluation.funds"),
    ("score", "99.33", "self_evaluation.score"),
    ("count", "39", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.problems"),
]
# The same sentences with 1 个 project, 175.52 万元 and an average score of 100.00 分.
SHEGONG = [
    ("count", "1", "performance_targets.projects"),
    ("amount", "1755200", "performance_targets.funds"),
    ("count", "1", "monitoring.projects"),
    ("amount", "1755200", "monitoring.funds"),
    ("count", "1", "self_evaluation.projects"),
    ("amount", "1755200", "self_evaluation.funds"),
    ("score", "100", "self_evaluation.score"),
    ("count", "1", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.grade_count"),
    ("count", "0", "self_evaluation.problems"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    "fixture, expected",
    [("shanghai-final-accounts-narrative-truncated-rate.pdf", GUIHUA), ("shanghai-final-accounts-narrative-new-unit.pdf", SHEGONG)],
)
def test_performance_section_figures_and_metrics(fixture, expected):
    report = run_file(FIXTURES / fixture)
    found = [f for f in report.figures if SECTION in (f.section_path or "")]
    assert [(f.kind, f.value, f.metric) for f in found] == [(kind, D(value), metric) for kind, value, metric in expected]
    grades = [f for f in found if f.metric == "self_evaluation.grade_count"]
    assert [f.noun for f in grades] == ["项目"] * 4


def test_policy_names_with_numerals_are_not_counts():
    # 规划和自然资源局 p.25: …的主要原因:严格落实中央八项规定,控制“三公”经费支出 (a policy name, no count)
    report = run_file(FIXTURES / "shanghai-final-accounts-narrative-truncated-rate.pdf")
    sentence = next(s for p in report.paragraphs for s in p.sentences if "八项规定" in s.text)
    assert [f.surface for f in report.figures if f.sentence == sentence.text and f.kind == "count"] == []
