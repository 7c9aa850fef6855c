"""Captions, units and header names of the standard tables of real Shanghai 部门决算 PDFs.

Every expected value was read from the page images (`pdftoppm -r 80 -png`) of the fixtures in
tests/fixtures/pdfs/ (see its README for the source pages):

* shanghai-final-accounts-ruled-lines-multipage.pdf (WPS): nine standard tables, each titled by
  a line such as 收入决算表 with 单位:万元 under it on the right;
* shanghai-final-accounts-code-levels-and-three-level-header.pdf (ONLYOFFICE, 上海市普陀区财政局):
  收入决算表 whose 类 | 款 | 项 labels share the ruled row of 合计; the 三公 table with four header
  levels (小计 | 公务用车购置费 | 公务用车运行费 under 公务用车购置及运行费, a spacer row, then
  预算数 | 决算数); the 政府性基金 table with 小计 | 基本支出 | 项目支出 under 本年支出.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from extractors.tables.stage import tables_of_file
from pipeline.models import Table
from tests.test_tables_pdf import NINE_TABLES

FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"
RULED_LINES = FIXTURES / "shanghai-final-accounts-ruled-lines-multipage.pdf"
CODE_LEVELS = FIXTURES / "shanghai-final-accounts-code-levels-and-three-level-header.pdf"
SAN_GONG = "财政拨款“三公”经费"

pytestmark = pytest.mark.slow


@cache
def tables_of(path: Path) -> tuple[Table, ...]:
    """Return the tables (captions with no table left out) of a fixture, computed once."""
    return tuple(t for t in tables_of_file(path).tables if not t.no_table)


def titled(path: Path, caption: str) -> Table:
    """Return the table of a fixture with this caption."""
    return next(t for t in tables_of(path) if t.caption == caption)


def test_every_standard_table_is_titled_and_in_ten_thousand_yuan():
    tables = tables_of(RULED_LINES)
    assert [t.caption for t in tables] == NINE_TABLES
    assert {t.unit for t in tables} == {"万元"}
    assert {t.issuer for t in tables} == {None}  # these pages print no 编制部门 line


def test_the_unit_goes_onto_money_cells_only():
    income = titled(RULED_LINES, "收入决算表")
    total = next(r for r in income.rows if r.cells[0].text == "合计")
    assert (total.cells[2].kind, total.cells[2].value, total.cells[2].unit) == ("amount", Decimal("307.82"), "万元")
    code = next(r for r in income.rows if r.cells[0].text == "2101101").cells[0]
    assert code.unit is None and code.kind != "amount"  # a subject code is no money


def test_three_level_header_of_the_san_gong_table_is_flattened():
    san_gong = titled(RULED_LINES, "财政拨款“三公”经费支出决算表")
    car = f"{SAN_GONG}/公务用车购置及运行维护费"
    assert san_gong.header == [
        f"{SAN_GONG}/合计/预算数",
        f"{SAN_GONG}/合计/决算数",
        f"{SAN_GONG}/因公出国(境)费/预算数",
        f"{SAN_GONG}/因公出国(境)费/决算数",
        f"{car}/小计/预算数",
        f"{car}/小计/决算数",
        f"{car}/公务用车购置费/预算数",
        f"{car}/公务用车购置费/决算数",
        f"{car}/公务用车运行维护费/预算数",
        f"{car}/公务用车运行维护费/决算数",
        f"{SAN_GONG}/公务接待费/预算数",
        f"{SAN_GONG}/公务接待费/决算数",
    ]


def test_sub_rows_under_a_wider_header_cell_are_header_rows_not_totals():
    san_gong = titled(CODE_LEVELS, "财政拨款“三公”经费支出决算表")
    car = f"{SAN_GONG}/公务用车购置及运行费"
    assert san_gong.header[4:10] == [
        f"{car}/小计/预算数",
        f"{car}/小计/决算数",
        f"{car}/公务用车购置费/预算数",
        f"{car}/公务用车购置费/决算数",
        f"{car}/公务用车运行费/预算数",
        f"{car}/公务用车运行费/决算数",
    ]
    assert all(row.kind != "total" for row in san_gong.rows)
    assert [[c.text for c in row.cells] for row in san_gong.rows] == [["0.95"] + [""] * 9 + ["0.95", ""]]
    assert san_gong.unit == "万元"
    fund = titled(CODE_LEVELS, "政府性基金预算财政拨款收入支出决算表")
    assert fund.header[6:9] == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]


def test_code_level_labels_printed_beside_the_total_are_header_names():
    income = titled(CODE_LEVELS, "收入决算表")
    assert income.header == [
        "项目/支出功能分类/科目编码/类",
        "项目/支出功能分类/科目编码/款",
        "项目/支出功能分类/科目编码/项",
        "项目/科目名称",
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    total = income.rows[0]
    assert total.kind == "total"
    assert [c.text for c in total.cells] == ["", "", "", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"]
    assert income.pages == [1, 2] and income.unit == "万元"
