"""Tables of running subtotals (a balance sheet: 流动资产合计, 非流动资产合计, 资产总计, 负债合计 …).

Fixture: tests/fixtures/pdfs/quarterly-report-balance-sheet-running-subtotals.pdf, pages 9-14 of
jsvine/pdfplumber tests/pdfs/issue-67-example.pdf (东北电气 2018 Q1 report, MIT): 1、合并资产负债表
over four pages, then 2、母公司资产负债表. Expected values are read off the pages: the title, the
编制单位 line and a date line (2018年03月31日) above the table, `单位：元`; page 1 ends with
`可供出售金融资产 31,760,858.70 31,760,858.70` and page 2 starts with `持有至到期投资` and no figures.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.audit.tables import table_total_checks
from extractors.tables.pdf.stitch import is_cut_row
from extractors.tables.rows import RawRow, build_table
from pipeline.runner import run_file

BALANCE_SHEET = Path(__file__).parent / "fixtures" / "pdfs" / "quarterly-report-balance-sheet-running-subtotals.pdf"


@pytest.fixture(scope="module")
def report():
    return run_file(BALANCE_SHEET)


def row_named(table, name):
    return next(r for r in table.rows if r.cells[0].text == name)


def test_the_title_is_the_caption_and_the_date_line_only_a_label(report):
    sheet, parent = report.tables[0], report.tables[1]
    assert (sheet.caption, sheet.unit, sheet.issuer, sheet.pages) == ("1、合并资产负债表", "元", "东北电气发展股份有限公司", [1, 2, 3, 4])
    assert parent.caption == "2、母公司资产负债表"


def test_a_name_with_no_figures_after_a_page_break_is_a_row_of_its_own(report):
    sheet = report.tables[0]
    assert [c.text for c in row_named(sheet, "可供出售金融资产").cells] == ["可供出售金融资产", "31,760,858.70", "31,760,858.70"]
    assert [c.text for c in row_named(sheet, "持有至到期投资").cells] == ["持有至到期投资", "", ""]


def test_empty_figures_after_a_break_join_the_cut_row_only_where_rows_always_print_figures():
    cut = ["项目", "30.00"]
    assert is_cut_row(cut, ["名称的后半", ""], earlier=[["甲", "1.00"], ["乙", "2.00"]])
    assert not is_cut_row(cut, ["名称的后半", ""], earlier=[["甲", "1.00"], ["结算备付金", ""]])


def test_every_subtotal_of_both_balance_sheets_adds_up(report):
    checks = [c for c in report.checks if c.kind in {"table_subtotal", "table_total"} and "资产负债表" in c.message]
    assert checks and all(c.status == "pass" for c in checks)
    stated = {(c.message.split("»: «")[1].split("»")[0], c.stated) for c in checks}
    assert ("资产总计", Decimal("298608889.04")) in stated  # 流动资产合计 + 非流动资产合计
    assert ("负债合计", Decimal("494937111.49")) in stated  # 流动负债合计 + 非流动负债合计, no rows of its own
    assert ("所有者权益合计", Decimal("-196328222.45")) in stated  # 归属于母公司所有者权益合计 + 少数股东权益


def balance_sheet(non_current_total: str) -> list[RawRow]:
    lines = [
        ["货币资金", "100.00"], ["存货", "50.00"], ["流动资产合计", "150.00"],
        ["非流动资产:", ""], ["固定资产", "30.00"], ["无形资产", "20.00"], ["非流动资产合计", non_current_total],
        ["资产总计", "200.00"],
        ["短期借款", "40.00"], ["流动负债合计", "40.00"], ["长期借款", "60.00"], ["非流动负债合计", "60.00"], ["负债合计", "100.00"],
        ["股本", "120.00"], ["未分配利润", "-30.00"], ["归属于母公司所有者权益合计", "90.00"], ["少数股东权益", "10.00"], ["所有者权益合计", "100.00"],
    ]
    return [RawRow(cells) for cells in lines]


def failing(non_current_total: str) -> list[str]:
    table = build_table(0, "资产负债表", ["项目", "期末余额"], balance_sheet(non_current_total), method="text", pages=[1], quality={}, unit="元")
    return [c.message.split("»: «")[1].split("»")[0] for c in table_total_checks(table) if c.status == "fail"]


def test_a_changed_subtotal_fails_itself_and_the_total_built_on_it():
    assert failing("50.00") == []
    assert failing("51.00") == ["非流动资产合计", "资产总计"]
