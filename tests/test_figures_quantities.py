"""Physical quantities (areas, lengths, masses...) are figures of kind `quantity`, not counts (issue 10).

Every sentence is copied from a real Pingtan text (../shared/real-docs/pingtan/, file named beside it); the
expected values were written by reading the sentence: the value is in the dimension's base unit (米, 平方米,
千克, or 亩 for 亩), the unit stays as printed, the role says what dimension is measured.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.figures.find import find_figures_in_sentence
from extractors.lexicon import measure_words, quantity_units
from tests.conftest import PINGTAN, needs_pingtan


def kinds_values(text: str) -> list[tuple[str, str, str, str, str | None]]:
    """Return (surface, kind, value, unit, approx) of every figure of a sentence."""
    return [(text[f.start : f.end], f.kind, format(Decimal(f.value).normalize(), "f"), f.unit, f.approx) for f in find_figures_in_sentence(text)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 2018-dongxiang-township-operating-funds-self-assessment.txt
        (
            "方圆面积4.8平方公里，海域滩涂面积2.57平方公里，海岸线总长17.26公里，耕地面积1581亩。",
            [
                ("4.8平方公里", "quantity", "4800000", "平方公里", None),
                ("2.57平方公里", "quantity", "2570000", "平方公里", None),
                ("17.26公里", "quantity", "17260", "公里", None),
                ("1581亩", "quantity", "1581", "亩", None),
            ],
        ),
        # 2017-pingyuan-town-budget-execution-and-2018-draft-budget-report.txt (the count 14座 stays a count)
        (
            "全年共完成征地任务733.392亩，征收房屋14座，拆迁2717.07平方米。",
            [
                ("733.392亩", "quantity", "733.392", "亩", None),
                ("14座", "count", "14", "座", None),
                ("2717.07平方米", "quantity", "2717.07", "平方米", None),
            ],
        ),
        # 2017-social-welfare-center-construction-performance-evaluation.txt
        (
            "该项目规划总用地面积为40亩（约26666.67平方米），共建设5栋大楼，建筑占地面积6666.78平方米，",
            [
                ("40亩", "quantity", "40", "亩", None),
                ("26666.67平方米", "quantity", "26666.67", "平方米", "approx"),
                ("5栋", "count", "5", "栋", None),
                ("6666.78平方米", "quantity", "6666.78", "平方米", None),
            ],
        ),
        # 2016-education-bureau-final-accounts-explanation.txt
        ("项目总用地面积39012.29平方米，约3.9公顷。", [("39012.29平方米", "quantity", "39012.29", "平方米", None), ("3.9公顷", "quantity", "39000", "公顷", "approx")]),
        # 2017-trunk-road-zx1609-project-performance-evaluation.txt
        ("完成道路5.896公里通车，", [("5.896公里", "quantity", "5896", "公里", None)]),
        ("路基宽度为福平大道60米，流水路40米。", [("60米", "quantity", "60", "米", None), ("40米", "quantity", "40", "米", None)]),
        # 2017-district-sanitation-cleaning-project-performance-evaluation.txt (万 applies before the unit)
        ("总保洁面积427.9683万平方米，", [("427.9683万平方米", "quantity", "4279683", "平方米", None)]),
        # 2018-zhonglou-township-budget-execution-and-2019-draft-budget-report.txt
        ("清理清查帐外房屋建筑物共计3宗；帐外土地9800多平方米；", [("3宗", "count", "3", "宗", None), ("9800多平方米", "quantity", "9800", "平方米", "lower")]),
    ],
)
def test_physical_quantities_are_quantities_not_counts(sentence, expected):
    assert kinds_values(sentence) == expected


def test_every_measurement_word_has_a_dimension_and_base_unit():
    """A measurement word without an entry in quantity_units.yaml would silently stay a count; each dimension is a role."""
    from extractors.taxonomy import taxonomy

    measurement = {w for w, group in measure_words().items() if group == "measurement"}
    assert measurement == set(quantity_units())
    assert {d for d, _, _ in quantity_units().values()} == {r.key for r in taxonomy().roles_for_kind("quantity")}


@needs_pingtan
def test_quantities_in_a_real_report_say_what_they_measure():
    """2018 东庠乡 self-assessment: the township's size, read through the whole pipeline up to figures."""
    from extractors.figures.stage import figures_of_file

    report = figures_of_file(PINGTAN / "2018-dongxiang-township-operating-funds-self-assessment.txt")
    quantities = [(f.surface, f.value, f.role, f.noun) for f in report.figures if f.kind == "quantity"]
    assert quantities[:4] == [
        ("4.8平方公里", Decimal("4800000"), "area", "方圆面积"),
        ("2.57平方公里", Decimal("2570000"), "area", "海域滩涂面积"),
        ("17.26公里", Decimal("17260"), "length", "海岸线总长"),
        ("1581亩", Decimal("1581"), "land_area", "耕地面积"),
    ]
    assert not [f for f in report.figures if f.kind == "count" and f.unit in quantity_units()]
