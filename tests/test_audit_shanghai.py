"""The audit on real 上海市普陀区 2024 部门决算 PDFs (zxj6827111-blip_GOV/samples, public government documents).

Fixtures in tests/fixtures/pdfs/ are page extracts of the reports in ../shared/real-pdfs/ (made with
pypdfium2's import_pages; see tests/fixtures/pdfs/README.md for the page map):

* shanghai-final-accounts-narrative-truncated-rate.pdf: 规划和自然资源局, cover, the 一般公共预算财政拨款
  支出决算表 (pages 14-15) and the 说明 pages 20-28;
* shanghai-final-accounts-narrative-new-unit.pdf: 社会工作部, cover, the same table (page 12) and the
  说明 pages 17-22;
* shanghai-final-accounts-page-without-text-layer.pdf: 财政局, cover + table pages 6, 7, 14 (an image
  page with no text layer), 15, 16, 17.

The 财政局 说明 pages embed 3.5 MB of fonts, so that test reads the report from ../shared/real-pdfs/ and
is skipped where it is not. Expected values were read off the pages (pdftoppm renderings), and each
comment shows the arithmetic.
"""

from decimal import Decimal as D
from pathlib import Path

import pytest

from pipeline.runner import run_file
from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"
TRUNCATED_RATE = FIXTURES / "shanghai-final-accounts-narrative-truncated-rate.pdf"
NEW_UNIT = FIXTURES / "shanghai-final-accounts-narrative-new-unit.pdf"
NO_TEXT_LAYER = FIXTURES / "shanghai-final-accounts-page-without-text-layer.pdf"
SAMPLES = ROOT.parent / "shared" / "real-pdfs" / "zxj6827111-blip_GOV" / "samples"
CAIZHENG = SAMPLES / "good" / "上海市普陀区财政局2024年度部门决算.pdf"

pytestmark = pytest.mark.slow


def find(checks, kind, stated):
    """Return the first check of `kind` whose stated value is `stated`."""
    found = [c for c in checks if c.kind == kind and c.stated == D(stated)]
    assert found, [(c.kind, c.stated) for c in checks]
    return found[0]


@pytest.mark.skipif(not CAIZHENG.exists(), reason="../shared/real-pdfs not beside the checkout")
def test_caizheng_narrative():
    checks = run_file(CAIZHENG).checks
    # 收入支出总计2995.39万元 ... 减少56.95万元,下降1.87%: 56.95 / (2995.39 + 56.95) = 1.8658%
    total_change = find(checks, "change_rate", "1.87")
    assert (total_change.status, total_change.computed) == ("pass", D("1.8658"))
    # 一般公共预算财政拨款支出2940.05万元 ... 减少63.14万元,下降2.10%: 63.14 / 3003.19 = 2.1024%
    assert find(checks, "change_rate", "2.10").computed == D("2.1024")
    # 机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%
    assert find(checks, "change_rate", "1.40").status == "pass"
    # 年初预算为2993.92万元,支出决算为2940.05万元,完成年初预算的98.20%
    assert find(checks, "execution_rate", "98.20").computed == D("98.2007")
    # 本年收入合计2946.25万元,其中:财政拨款收入2940.05万元,占99.79%;其他收入6.2万元,占0.21%
    income = find(checks, "breakdown", "2946.25")
    assert (income.status, income.computed) == ("pass", D("2946.25"))
    assert find(checks, "share", "99.79").status == "pass"
    # 政府采购金额251.25万元,其中:货物4.79万元、工程0万元、服务246.47万元 = 251.26
    purchase = find(checks, "breakdown", "251.25")
    assert (purchase.status, purchase.difference) == ("pass", D("-0.01"))
    assert "rounding difference 0.01" in purchase.message
    # 三、支出决算情况说明: 本年支出合计2940.05万元; 收入支出决算总表 and 财政拨款收入支出决算总表 both print 2,940.05
    spending = find(checks, "text_vs_table", "2940.05")
    assert (spending.status, spending.computed) == ("pass", D("2940.05"))
    assert [c.message for c in checks if c.status == "fail"] == []


def test_guihua_narrative_finds_a_truncated_rate():
    checks = run_file(TRUNCATED_RATE).checks
    # 年初预算为10210.34万元,支出决算为9746.50万元,完成年初预算的95.45%: 95.4572% rounds to 95.46
    truncated = find(checks, "execution_rate", "95.45")
    assert (truncated.status, truncated.computed) == ("fail", D("95.4572"))
    assert "truncated" in truncated.message
    # 收入支出总计9859.38万元 ... 增加1062.85万元,增长12.08%: 1062.85 / 8796.53 = 12.0826%
    assert find(checks, "change_rate", "12.08").status == "pass"
    # 三公: 公务接待费 0.39万元 against the budget 2.85万元 = 13.68%
    assert find(checks, "execution_rate", "13.68").status == "pass"
    # 本年支出合计9759.38万元,其中:基本支出5377.64万元(55.10%),项目支出4381.74万元(44.90%)
    assert find(checks, "breakdown", "9759.38").status == "pass"
    assert find(checks, "share", "55.10").status == "pass"
    # 政府采购金额2319.21万元 = 货物122.43 + 工程1387.72 + 服务809.07 = 2319.22
    assert find(checks, "breakdown", "2319.21").difference == D("-0.01")
    # the other failure in these pages: 卫生健康支出(类) is 236.63 in the text, 236.64 in the table
    assert [(c.kind, c.stated) for c in checks if c.status == "fail"] == [("execution_rate", D("95.45")), ("subject_vs_table", D("236.63"))]


def test_shegong_new_unit_growth_is_unverifiable():
    checks = run_file(NEW_UNIT).checks
    # 收入支出总计307.82万元,增加307.82万元,增长100.00%: the unit was set up in 2024, the base is zero
    growth = [c for c in checks if c.kind == "change_rate"]
    assert growth and all(c.status == "unverifiable" and "zero" in c.message for c in growth)
    # 基本支出105.58万元 = 人员经费95.36 + 公用经费10.23 = 105.59
    assert find(checks, "breakdown", "105.58").difference == D("-0.01")


def test_caizheng_tables_add_up_around_a_page_without_text():
    report = run_file(NO_TEXT_LAYER)
    # page 4 of the extract (page 14 of the report) is an image: the report loads, marked partial
    assert report.status == "partial"
    assert [e.message.split(": ", 1)[1] for e in report.errors] == ["page 4 has no text layer"]
    checks = [c for c in report.checks if c.kind in {"table_total", "table_subtotal", "row_sum"}]
    # 收入支出决算总表: 总计 2,995.39 = 本年收入合计 2,946.25 + 年初结转和结余 49.14
    assert any(c.stated == D("2995.39") and c.computed == D("2995.39") and c.status == "pass" for c in checks)
    # 工资福利支出 2,082.85 against its eight 款 (printed sum 2,082.86): rounding
    wages = find(checks, "table_subtotal", "2082.85")
    assert (wages.status, wages.computed) == ("pass", D("2082.86"))
    # 商品和服务支出 171.07 against its twelve 款 (printed sum 171.09)
    assert find(checks, "table_subtotal", "171.07").computed == D("171.09")
    assert [c.message for c in checks if c.status == "fail"] == []


def subject_results(checks) -> dict[str, tuple[str, D | None]]:
    """Return {subject path as printed in the text: (status, value found in the table)}."""
    subjects = [c for c in checks if c.kind == "subject_vs_table"]
    return {c.message.split("«")[1].split("»")[0]: (c.status, c.computed) for c in subjects}


def test_guihua_subjects_in_the_text_against_the_spending_table():
    checks = run_file(TRUNCATED_RATE).checks
    got = subject_results(checks)
    assert len(got) == 18  # 5 classes in (二) and 13 numbered 项 in (三)
    # (二): 卫生健康支出(类)236.63万元; the table's 210 row prints 236.64 (= 40.35 + 196.29)
    assert got["卫生健康支出"] == ("fail", D("236.64"))
    assert got["自然资源海洋气象等支出"] == ("pass", D("4461.67"))
    # 1、社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项) … 支出决算为54.53万元
    assert got["社会保障和就业支出/行政事业单位养老支出/行政单位离退休"] == ("pass", D("54.53"))
    # 12、住房保障支出(类)住房保障支出(款)住房公积金(项): the table's 款 is 住房改革支出 (22102)
    housing = next(c for c in checks if c.kind == "subject_vs_table" and "住房保障支出/住房保障支出/住房公积金" in c.message)
    assert (housing.status, housing.computed) == ("pass", D("289.59"))
    assert "住房保障支出/住房改革支出/住房公积金" in housing.message
    # 项 the table names otherwise: 其他行政事业单位养老支出 (0.88), 其他自然资源事务支出 (45.00)
    assert got["社会保障和就业支出/行政事业单位养老支出/机关事业单位退休人员活动费支出"] == ("unverifiable", None)
    assert got["自然资源海洋气象等支出/自然资源事务/其他国土资源事务支出"] == ("unverifiable", None)
    assert sorted(status for status, _ in got.values()) == ["fail"] + ["pass"] * 15 + ["unverifiable"] * 2


def test_shegong_subjects_all_agree_with_the_spending_table():
    got = subject_results(run_file(NEW_UNIT).checks)
    # (二) names 4 classes; (三) names 9 项, 1、行政运行 to 9、购房补贴
    assert len(got) == 13 and {status for status, _ in got.values()} == {"pass"}
    assert got["一般公共服务支出/社会工作事务/其他社会工作事务支出"] == ("pass", D("202.24"))
    assert got["住房保障支出/住房改革支出/购房补贴"] == ("pass", D("11.72"))


def test_guihua_three_public_items_in_the_text_against_their_table():
    checks = [c for c in run_file(TRUNCATED_RATE).checks if c.kind == "item_vs_table"]
    # Table (p.17): 合计 2.85/0.39, 因公出国(境)费 0.00/0.00, 公务用车 小计, 购置费, 运行维护费 all 0.00,
    # 公务接待费 2.85/0.39. Text (pp.25-26): (一) 年初预算为2.85万元,支出决算为0.39万元 and three items,
    # (二) three items, then 1、因公出国(境)费 2、公务用车购置及运行维护费 (购置, 运行维护) 3、公务接待费.
    got = [(c.message.split("«")[1].split("»")[0], c.message.split("» ")[1].split(" ")[0], c.stated, c.status) for c in checks]
    assert got == [
        ("三公", "预算数", D("2.85"), "pass"),
        ("三公", "决算数", D("0.39"), "pass"),
        ("因公出国(境)", "决算数", D("0.00"), "pass"),
        ("公务用车购置及运行维护", "决算数", D("0.00"), "pass"),
        ("公务接待", "决算数", D("0.39"), "pass"),
        ("因公出国(境)", "决算数", D("0.00"), "pass"),
        ("公务用车购置及运行维护", "决算数", D("0.00"), "pass"),
        ("公务接待", "决算数", D("0.39"), "pass"),
        ("因公出国(境)", "决算数", D("0.00"), "pass"),
        ("公务用车购置及运行维护", "决算数", D("0.00"), "pass"),
        ("公务用车购置", "决算数", D("0.00"), "pass"),
        ("公务用车运行维护", "决算数", D("0.00"), "pass"),
        ("公务接待", "决算数", D("0.39"), "pass"),
    ]  # 减少0.15万元 is a change, and 外宾接待支出0.00万元 is not an item of the table: neither is checked


def with_text_altered(old: str, new: str) -> list:
    """Return the default stages with `load` followed by one change to the text layer (one occurrence of `old`)."""
    from dataclasses import replace

    from pipeline.stages import default_stages

    stages = default_stages()

    def load_then_alter(report):
        report = stages[0](report)
        hits = [(page, line) for page in report.pages for line in page.lines if old in line.text]
        assert len(hits) == 1, hits
        page, line = hits[0]
        line.text, page.text = line.text.replace(old, new), page.text.replace(old, new)
        return report

    return [replace(stages[0], run=load_then_alter), *stages[1:]]


def test_a_text_amount_typed_wrong_fails_against_its_table_row():
    # An altered copy of the 规划局 report's text layer: p.6 states 社会保障和就业支出（类）754.75 万元，占 7.74%;
    # the 一般公共预算财政拨款支出决算表 (p.2) prints 208 社会保障和就业支出 754.75. With a digit typed twice
    # (7554.75) the text no longer matches the table row; no other check uses that text amount.
    def statuses(stages=None):
        return {(c.kind, str(c.stated), c.status) for c in run_file(TRUNCATED_RATE, stages).checks}

    before, after = statuses(), statuses(with_text_altered("支出（类）754.75 万元", "支出（类）7554.75 万元"))
    assert before - after == {("subject_vs_table", "754.75", "pass")}
    assert after - before == {("subject_vs_table", "7554.75", "fail")}
