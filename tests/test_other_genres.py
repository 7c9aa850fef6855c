"""Real PDFs of other genres: the budget-report rules must not invent sections or failures there.

* tests/fixtures/pdfs/quarterly-report-income-statement-lines-are-differences.pdf: pages 14-18 of
  jsvine/pdfplumber tests/pdfs/issue-67-example.pdf (东北电气 2018 Q1 report, MIT): 合并利润表 and
  母公司利润表, whose numbered lines (三、营业利润 = 一 − 二 + 加:… − 减:…) are not sums of the lines below.
* ../shared/real-pdfs/jsvine_pdfplumber/tests/pdfs/issue-336-example.pdf (安徽省建设用地使用标准, one
  page, 650 KB of fonts, not copied): a 车道数 column holding 八/六/四, which are values, not section
  numbers. pdfplumber's own test asserts its three tables have 8, 11 and 2 rows (header lines included).
"""

from pathlib import Path

import pytest

from pipeline.runner import run_file
from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"
INCOME_STATEMENT = FIXTURES / "quarterly-report-income-statement-lines-are-differences.pdf"
LAND_USE_STANDARD = ROOT.parent / "shared" / "real-pdfs" / "jsvine_pdfplumber" / "tests" / "pdfs" / "issue-336-example.pdf"

pytestmark = pytest.mark.slow


def test_income_statement_lines_are_not_checked_as_section_sums():
    report = run_file(INCOME_STATEMENT)
    statement = next(t for t in report.tables if t.caption == "3、合并利润表")
    # 一、营业总收入 … 八、每股收益: the eight numbered lines of the statement
    assert [r.cells[0].text[:2] for r in statement.rows if r.kind == "section"] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]
    assert [c for c in report.checks if c.kind == "section_subtotal"] == []
    assert [c.message for c in report.checks if c.status == "fail"] == []


@pytest.mark.skipif(not LAND_USE_STANDARD.exists(), reason="../shared/real-pdfs not beside the checkout")
def test_lane_counts_in_chinese_numerals_are_values_not_sections():
    report = run_file(LAND_USE_STANDARD)
    # 表7.5: 高速公路 八/六/四 车道, 一级公路 六/四, 二级公路 二: six rows under a two-line header
    parking = report.tables[0]
    assert [r.cells[1].text for r in parking.rows] == ["八", "六", "四", "六", "四", "二"]
    assert {r.kind for t in report.tables for r in t.rows} == {"data"}
    assert [len(t.rows) for t in report.tables] == [6, 9, 1]  # pdfplumber's 8, 11, 2 less the header lines (2, 2, 1)
    assert report.checks == []
