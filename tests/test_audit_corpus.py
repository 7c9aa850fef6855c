"""The audit on the five corpus reports: every expected check, with values read off the reports by hand."""

from decimal import Decimal as D

import pytest

from pipeline.models import Check


def only(checks: list[Check], kind: str, stated: str, *, contains: str = "") -> Check:
    """Return the one check of `kind` whose stated value is `stated` (and whose message has `contains`)."""
    found = [c for c in checks if c.kind == kind and c.stated == D(stated) and contains in c.message]
    assert len(found) == 1, [(c.kind, c.stated, c.message) for c in checks]
    return found[0]


@pytest.fixture(scope="module")
def checks(corpus_reports):
    return {name: report.checks for name, report in corpus_reports.items()}


def test_lhasa_annex_1_total_is_unverifiable_with_the_implied_masked_sum(checks):
    check = only(checks["lhasa-2020-performance-management.txt"], "table_total", "76036.75")
    assert check.status == "unverifiable"
    assert check.computed == D("63072.82")  # 81 visible amounts: 77 entries + 4 more lines of entry 76
    assert check.difference == D("12963.93")
    assert "20 masked" in check.message and "12,963.93" in check.message
    assert len(check.inputs) == 1 + 81


def test_lhasa_annex_2_total_passes_as_a_rounding_difference(checks):
    check = only(checks["lhasa-2020-performance-management.txt"], "table_total", "679917.21")
    assert (check.status, check.computed, check.difference) == ("pass", D("679917.20"), D("0.01"))
    assert check.tolerance == D("0.065")  # 13 numbers printed to 0.01
    assert "rounding difference 0.01" in check.message


def test_lhasa_narrative_against_annexes(checks):
    lhasa = checks["lhasa-2020-performance-management.txt"]
    for kind, stated in (("annex_count", "97"), ("annex_total", "76036.75"), ("annex_count", "12"), ("annex_total", "679917.21")):
        check = only(lhasa, kind, stated)
        assert check.status == "pass" and check.computed == D(stated) and check.difference == 0
    assert "附表一" in only(lhasa, "annex_count", "97").message
    assert "附表二" in only(lhasa, "annex_total", "679917.21").message


def test_tibet_sections_do_not_add_up_to_the_stated_total(checks):
    tibet = checks["tibet-foreign-affairs-2022-performance-management-summary.txt"]
    score = only(tibet, "table_total", "90.5")
    assert (score.status, score.computed, score.difference, score.tolerance) == ("fail", D("104.5"), D("-14.0"), 0)
    assert [i.value for i in score.inputs[1:]] == [D(v) for v in ("10", "24", "34", "14", "4.5", "5", "5", "8")]
    allotted_total = only(tibet, "table_total", "10")
    assert (allotted_total.status, allotted_total.computed) == ("fail", D("110"))


def test_tibet_section_allotted_points_against_their_indicators(checks):
    tibet = [c for c in checks["tibet-foreign-affairs-2022-performance-management-summary.txt"] if c.kind == "section_subtotal" and "«指标值»" in c.message and "against its" not in c.message]
    got = {c.message.split("«")[2].split("»")[0]: (c.status, c.stated, c.computed) for c in tibet}
    assert got["三、预算执行管理"] == ("fail", D(35), D(38))
    assert got["一、重大决策部署落实"] == ("fail", D(10), D(9))
    assert got["二、预算编制管理"] == ("pass", D(25), D(25))
    assert got["四、预算绩效管理"] == ("fail", D(15), D(12))
    assert got["六、预算透明度"][0] == "fail" and got["六、预算透明度"][2] == D(4)
    assert got["八、其他事项"] == ("unverifiable", D(10), None)  # no indicator rows under it


def test_korla_breakdown_passes_by_the_precision_of_the_whole_wan_total(checks):
    check = only(checks["korla-2020-performance-management.txt"], "breakdown", "645215")
    assert (check.status, check.computed, check.difference) == ("pass", D("645215.01"), D("-0.01"))
    assert check.tolerance == D("0.52")  # 0.5 for the integer total + 4 × 0.005 for the parts
    assert "whole 万元" in check.message and "rounding difference 0.01" in check.message


def test_tibet_project_count_breakdown(checks):
    check = only(checks["tibet-foreign-affairs-2022-performance-management-summary.txt"], "breakdown", "44")
    assert (check.status, check.computed, check.tolerance) == ("pass", D(44), 0)


def test_baoji_difference_and_cut_rate(checks):
    baoji = checks["baoji-2023-performance-management.txt"]
    difference = only(baoji, "difference", "9160.33")
    assert (difference.status, difference.computed, difference.difference) == ("pass", D("9160.33"), 0)
    rate = only(baoji, "cut_rate", "38.08")
    assert rate.status == "pass" and rate.computed.quantize(D("0.01")) == D("38.08")


def test_lhasa_2024_cut_rate_printed_as_whole_percent(checks):
    rate = only(checks["lhasa-2024-2025-performance-management-summary.txt"], "cut_rate", "34")
    assert (rate.status, rate.computed, rate.difference) == ("pass", D("33.66"), D("0.34"))
    assert rate.tolerance == D("0.84")  # 0.5 for `34%` + 0.34 carried from 0.68 and 2.02 (±0.005 each)


def test_tibet_execution_rate(checks):
    rate = only(checks["tibet-foreign-affairs-2022-performance-management-summary.txt"], "execution_rate", "22.30")
    assert rate.status == "pass" and rate.computed.quantize(D("0.01")) == D("22.30")
    assert [i.surface for i in rate.inputs] == ["22.30%", "4229.50万元", "18966.53万元"]


def test_no_unexpected_failures_outside_the_tibet_form(checks):
    for name, found in checks.items():
        if name.startswith("tibet"):
            continue
        assert [c.message for c in found if c.status == "fail"] == [], name
