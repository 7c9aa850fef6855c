"""Table cells as figures (issue 10): every typed amount and score cell of the corpus's annex tables is a
figure marked as from a table, with the table's unit, its row and column, and no row key or grade.

The expected cells come from tests/golden/tables/*.json, written by reading the reports.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.normalize import parse_decimal
from pipeline.models import Cell, Row, Table
from pipeline.runner import run
from pipeline.schema import open_database
from pipeline.settings import RunSettings
from tests.conftest import CORPUS, GOLDEN
from tests.conftest import needs_pingtan

MONEY = {"(万元)": Decimal(10_000)}


def golden_tables(name: str) -> list[dict]:
    """Return the golden tables of a report (read by hand)."""
    return json.loads((GOLDEN / "tables" / f"{name}.json").read_text(encoding="utf-8"))


def expected_cells(name: str) -> list[tuple[int, int, str, str, Decimal]]:
    """Return (table, row, column header, kind, value) of every amount and score cell of the golden tables."""
    expected = []
    for t, table in enumerate(golden_tables(name)):
        for r, row in enumerate(table["rows"]):
            for header, cell in zip(table["header"], row["cells"]):
                number = parse_decimal(cell) if cell and cell[0].isdigit() else None
                if number is None:
                    continue
                if "(万元)" in header:
                    expected.append((t, r, header, "amount", number * MONEY["(万元)"]))
                elif "得分" in header or "打分" in header or "扣罚分" in header:
                    expected.append((t, r, header, "score", number))
    return expected


@pytest.mark.parametrize("name", ["lhasa-2020-performance-management.txt", "tibet-foreign-affairs-2022-performance-management-summary.txt"])
def test_every_amount_and_score_cell_is_a_table_figure(corpus_reports, name):
    report = corpus_reports[name]
    found = [(f.table_index, f.row_index, f.column, f.kind, f.value) for f in report.table_figures]
    expected = expected_cells(name.removesuffix(".txt"))
    assert len(expected) > 50
    assert sorted(found, key=str) == sorted(expected, key=str)
    assert all(f.source == "table" for f in report.table_figures)
    assert all(f.source == "text" for f in report.figures)


def test_table_figures_carry_unit_row_name_and_metric(corpus_reports):
    report = corpus_reports["lhasa-2020-performance-management.txt"]
    first = report.table_figures[0]
    # (1) 2019年部门预算项目支出财政重点评价结果汇总, row 1: 发改委 | 自治区动态应急地方储备粮保管费(自治区转移支付安排) | 385.39 | 90.40 | 优
    assert (first.surface, first.value, first.unit, first.column) == ("385.39", Decimal("3853900"), "万元", "预算金额(万元)")
    assert first.noun == "发改委/自治区动态应急地方储备粮保管费(自治区转移支付安排)"
    assert first.metric == "key_evaluation.funds"
    total = [f for f in report.table_figures if f.table_index == 0 and f.noun == "合计"]
    assert [f.value for f in total] == [Decimal("760367500")]  # 合计 76,036.75 万元


def test_bare_numbers_take_the_unit_line_and_codes_stay_out():
    from extractors.table_figures import table_figures
    from pipeline.models import Report

    def cell(text: str, kind: str = "number") -> Cell:
        return Cell(raw=text, text=text, value=parse_decimal(text) if kind != "text" else None, kind=kind)

    # A 决算 table printed under 金额单位:万元 (2018-tancheng-town-final-accounts-…txt): code, name, two amounts.
    table = Table(0, "一般公共预算财政拨款支出决算表", ["科目编码", "科目名称", "合计", "基本支出"], [], [1], "text-tabs", unit="万元")
    table.rows = [Row(0, "data", [cell("2010301"), cell("行政运行", "text"), cell("790.97"), cell("790.97")])]
    report = Report(path=CORPUS, tables=[table])
    figures = table_figures(report)
    assert [(f.column, f.value, f.unit, f.noun) for f in figures] == [("合计", Decimal("7909700"), "万元", "行政运行"), ("基本支出", Decimal("7909700"), "万元", "行政运行")]


def test_table_figures_are_stored_with_their_provenance(tmp_path):
    path = tmp_path / "corpus.db"
    run(RunSettings(paths=(CORPUS / "lhasa-2020-performance-management.txt",), db_path=path))
    rows = list(open_database(path).query("select * from figures where source = 'table' order by idx"))
    assert len(rows) == len(expected_cells("lhasa-2020-performance-management"))
    first = rows[0]
    assert (first["table_idx"], first["row_idx"], first["col"], first["column_header"], first["value"]) == (0, 0, 3, "预算金额(万元)", "3853900")
    assert first["start"] is None and first["noun"] == "发改委/自治区动态应急地方储备粮保管费(自治区转移支付安排)"


PINGTAN = CORPUS.parent.parent / "shared" / "real-docs" / "pingtan"


@needs_pingtan
def test_cells_of_a_table_flattened_into_a_web_page_are_table_figures_in_its_unit():
    # 2018-tancheng-town-final-accounts-with-performance-self-assessment-tables.txt, 收入支出决算总表:
    # 金额单位:万元 … 一、财政拨款 1,725.83 一、一般公共服务支出 1,009.12 其中:政府性基金 15.32 二、外交支出 …
    # 六、其他收入 304.87 七、文化体育与传媒支出 9.96 八、社会保障和就业支出 24.41 九、医疗卫生与计划生育支出 124.84
    # 十、节能环保支出 1.00 十一、城乡社区支出 50.09 十二、农林水支出 666.47
    from pipeline.runner import run_file

    report = run_file(PINGTAN / "2018-tancheng-town-final-accounts-with-performance-self-assessment-tables.txt")
    cells = report.table_figures[:10]
    printed = ["1,725.83", "1,009.12", "15.32", "304.87", "9.96", "24.41", "124.84", "1.00", "50.09", "666.47"]
    assert [f.surface for f in cells] == printed
    assert [f.value for f in cells] == [Decimal(p.replace(",", "")) * 10_000 for p in printed]
    assert {f.unit for f in cells} == {"万元"} and {f.source for f in cells} == {"table"}
    assert cells[1].noun == "一、一般公共服务支出" and cells[5].noun == "八、社会保障和就业支出"
    assert all(report.text[f.start : f.end] == f.surface for f in report.table_figures)


@needs_pingtan
def test_a_cell_glued_to_the_next_cell_is_left_out_rather_than_misread():
    # 2017-industry-incentive-subsidies-performance-evaluation.txt: 单位:万元 奖补类型金额资金使用率
    # 金融业经营贡献奖10,325.6299.87%金融业个税补助1,741.82金融业开办补助80.00金融业风险补助300.00总部经济经营贡献奖20,854.16
    from pipeline.runner import run_file

    report = run_file(PINGTAN / "2017-industry-incentive-subsidies-performance-evaluation.txt")
    first = report.table_figures[:4]
    assert [(f.surface, f.noun) for f in first] == [("1,741.82", "金融业个税补助"), ("80.00", "金融业开办补助"), ("300.00", "金融业风险补助"), ("20,854.16", "总部经济经营贡献奖")]


def test_figures_command_prints_table_figures_on_request():
    from click.testing import CliRunner

    from pipeline.cli import cli

    path = str(CORPUS / "lhasa-2020-performance-management.txt")
    plain = CliRunner().invoke(cli, ["figures", path, "--json"])
    with_tables = CliRunner().invoke(cli, ["figures", path, "--json", "--tables"])
    assert plain.exit_code == with_tables.exit_code == 0
    rows = json.loads(with_tables.output[with_tables.output.index("[") :])
    table_rows = [r for r in rows if r["source"] == "table"]
    assert len(table_rows) == len(expected_cells("lhasa-2020-performance-management"))
    assert (table_rows[0]["value"], table_rows[0]["column"], table_rows[0]["row"]) == ("3853900", "预算金额(万元)", 0)
    assert all(r["source"] == "text" for r in json.loads(plain.output[plain.output.index("[") :]))


@pytest.mark.slow
def test_a_pdf_table_takes_the_unit_printed_on_its_page_and_each_half_its_own_row_name():
    # tests/fixtures/pdfs/shanghai-final-accounts-ruled-lines-multipage.pdf p.1, 收入支出决算总表, 单位:万元:
    # 一、一般公共预算财政拨款收入 307.82 | 一、一般公共服务支出 264.87
    from pipeline.runner import run_file

    report = run_file(Path(__file__).parent / "fixtures" / "pdfs" / "shanghai-final-accounts-ruled-lines-multipage.pdf")
    first_row = [f for f in report.table_figures if f.table_index == 0 and f.row_index == 0]
    assert [(f.surface, f.value, f.unit, f.noun, f.column, f.page) for f in first_row] == [
        ("307.82", Decimal("3078200"), "万元", "一、一般公共预算财政拨款收入", "收入/决算数", 1),
        ("264.87", Decimal("2648700"), "万元", "一、一般公共服务支出", "支出/决算数", 1),
    ]
    assert first_row[0].metric == "general_budget.revenue"
