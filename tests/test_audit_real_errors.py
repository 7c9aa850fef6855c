"""Each kind of real error the audit must find, planted in a copy of a real Pingtan document.

One printed amount is changed (a digit typed twice or swapped, a unit slip); the audit must fail
exactly the checks that use that amount and leave every other check as it was. The originals are
public documents in ../shared/real-docs/pingtan (see its README); the expected checks were worked
out by reading the sentence around each amount (the arithmetic is in the comments).
"""

from pathlib import Path

import pytest

from pipeline.runner import run_file
from tests.conftest import ROOT

PINGTAN = ROOT.parent / "shared" / "real-docs" / "pingtan"

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not PINGTAN.exists(), reason="../shared/real-docs not beside the checkout")]


def statuses(path: Path) -> dict[tuple[str, str, int], str]:
    """Return {(kind, stated value, n-th check of that kind and value): status} for a report's checks."""
    seen: dict[tuple[str, str], int] = {}
    found = {}
    for c in run_file(path).checks:
        key = (c.kind, str(c.stated))
        seen[key] = seen.get(key, 0) + 1
        found[(*key, seen[key])] = c.status
    return found


def altered(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """Write a copy of a real document with the one occurrence of `old` replaced by `new`."""
    text = (PINGTAN / name).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def differences(tmp_path: Path, name: str, old: str, new: str) -> dict[tuple[str, str, int], tuple[str | None, str | None]]:
    """Return the checks whose status differs between the original and the altered copy (None: absent)."""
    before, after = statuses(PINGTAN / name), statuses(altered(tmp_path, name, old, new))
    return {key: (before.get(key), after.get(key)) for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def test_stated_sum_after_its_parts(tmp_path):
    # 2015年全区(县)一般公共预算收入195421万元,上级财政补助等财力性收入948171万元,收入合计1143592万元
    # (195421 + 948171 = 1143592); a swapped digit 948117 leaves the 合计 54 short.
    got = differences(tmp_path, "2015-pingtan-budget-execution-and-2016-draft-budget-report.txt", "948171", "948117")
    assert got == {("stated_sum", "1143592", 1): ("pass", "fail")}


def test_numbered_list_not_adding_to_its_total(tmp_path):
    # (一)2016本年收入91823.48万元 … 如下: 1. 财政拨款收入91448.21 2. 事业收入40.43 3. 经营收入0
    # 4. 上级补助收入28.12 5. 附属单位上缴收入0 6. 其他收入306.72 (sum 91823.48); 事业收入 typed 44.43.
    got = differences(tmp_path, "2016-education-bureau-final-accounts-explanation.txt", "事业收入40.43", "事业收入44.43")
    assert got == {("numbered_list", "91823.48", 1): ("pass", "fail")}


def test_change_rate_not_following_from_the_amounts_beside_it(tmp_path):
    # 本年收入91823.48万元,比2015年决算数增加37970.42万元,增长70.5%: 37970.42 / (91823.48 − 37970.42) = 70.51%;
    # with the increase typed 39970.42 the rate would be 77.1%.
    got = differences(tmp_path, "2016-education-bureau-final-accounts-explanation.txt", "37970.42", "39970.42")
    assert got == {("change_rate", "70.5", 1): ("pass", "fail")}


def test_one_figure_with_two_values_under_label_variants(tmp_path):
    # 我区(县)2018年末政府债务余额3,587,932.07万元 … 截至2018年底,全区(县)政府债务余额358.79亿元 (= 3,587,900万元
    # at the 亿元 rounding); the second typed 385.79亿元.
    got = differences(tmp_path, "2018-pingtan-county-final-accounts-report.txt", "358.79亿元", "385.79亿元")
    assert got == {("consistency", "3587932.07", 1): ("pass", "fail")}


def test_a_change_stated_against_a_zero_amount(tmp_path):
    # (三)社会保障和就业支出(科目编码:208)24.41万元,较上年决算数增加23.41万元: printed as 0万元, the year
    # before would be −23.41万元. The change rate of the same sentence uses the amount too.
    got = differences(
        tmp_path, "2018-tancheng-town-final-accounts-with-performance-self-assessment-tables.txt", "208）24.41万元", "208）0万元"
    )
    # the amount is the stated value of the new check, and the rate 95.9% (already failing) stays a fail
    assert got == {("zero_change", "0", 1): (None, "fail")}


def test_breakdown_part_typed_wrong(tmp_path):
    # 2014年度财政总支出为798.5万元。其中按功能列支的行政支出376.15万元,… 其他政府运行支出76.15万元 (14 parts,
    # sum 798.50); the first part typed 367.15 leaves the parts 9 short.
    got = differences(tmp_path, "2014-luyang-township-budget-execution-and-2015-draft-budget-report.txt", "376.15", "367.15")
    assert got == {("breakdown", "798.5", 1): ("pass", "fail")}
