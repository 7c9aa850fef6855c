"""Audit mechanics on small hand-built tables, a small text report written here, the database and the CLI."""

import json
from decimal import Decimal as D

from click.testing import CliRunner

from extractors.audit.core import half_unit
from extractors.audit.tables import row_sum_checks, table_total_checks
from pipeline.cli import cli
from pipeline.models import Cell, Row, Table
from pipeline.runner import run_file

SAMPLE = """某某局2026年部门预算说明

一、预算安排情况

2025年预算执行数400.00万元。2026年预算安排500.00万元,比2025年预算执行数增加25.00%。

二、基本支出情况

住房公积金(01项)80万元,主要用于缴纳在职人员住房公积金。

三、其他说明

住房公积金(01项)78.5万元,比上年减少1.5万元,下降1.88%。机关运行经费120.00万元,比上年增加20.00万元,增长25.00%。
"""


def cell(text: str, kind: str = "amount") -> Cell:
    if text == "***":
        return Cell(raw=text, text=text, kind="masked", masked=True, unit="万元")
    if not text:
        return Cell(raw="", text="", kind="empty")
    if kind == "text":
        return Cell(raw=text, text=text)
    return Cell(raw=text, text=text, value=D(text.replace(",", "")), kind=kind, unit="万元" if kind == "amount" else None)


def row(index: int, kind: str, *texts: str, kinds: tuple = ()) -> Row:
    kinds = kinds or ("text",) * (len(texts) - 1) + ("amount",)
    return Row(index=index, kind=kind, cells=[cell(t, k) for t, k in zip(texts, kinds)])


def test_half_unit_follows_the_printed_digits():
    assert (half_unit("24,053.22"), half_unit("645215"), half_unit("34"), half_unit("6.2")) == (D("0.005"), D("0.5"), D("0.5"), D("0.05"))


def test_merged_entry_counts_once_with_all_its_lines_and_masks_make_it_unverifiable():
    merged = row(1, "data", "2", "b", "10.00")
    merged.sub_items = [row(5, "data", "2", "b", "10.00"), row(6, "data", "", "", "5.50")]
    rows = [row(0, "data", "1", "a", "1.25"), merged, row(2, "data", "3", "c", "***"), row(3, "total", "", "合计", "20.00")]
    table = Table(index=0, caption="(1) test", header=["序号", "名称", "金额(万元)"], rows=rows, pages=[1], method="hand")
    (check,) = table_total_checks(table)
    assert (check.status, check.computed, check.difference) == ("unverifiable", D("16.75"), D("3.25"))
    rows[2] = row(2, "data", "3", "c", "3.25")
    (check,) = table_total_checks(table)
    assert (check.status, check.computed, check.tolerance) == ("pass", D("20.00"), D("0.025"))


def test_code_hierarchy_and_row_sums():
    kinds = ("number", "number", "text", "number", "number", "number")
    header = ["科目编码", "", "科目名称", "本年支出合计", "基本支出", "项目支出"]
    rows = [
        row(0, "total", "类", "款", "合计", "30.00", "20.00", "10.00", kinds=("text", "text", "text", "number", "number", "number")),
        row(1, "data", "201", "", "一般公共服务支出", "30.00", "20.00", "10.00", kinds=kinds),
        row(2, "data", "201", "06", "财政事务", "30.00", "20.00", "10.00", kinds=kinds),
        row(3, "data", "201", "07", "其他", "0.01", "", "0.01", kinds=kinds),  # a deliberate error: 201 = 30.01
    ]
    table = Table(index=0, caption=None, header=header, rows=rows, pages=[1], method="hand")
    checks = table_total_checks(table)
    # 201 一般公共服务支出 30.00 against its 款 30.00 + 0.01 = 30.01: within 3 × 0.005
    subtotal = next(c for c in checks if c.kind == "table_subtotal" and c.stated == D("30.00") and c.computed == D("30.01"))
    assert subtotal.status == "pass"
    row_sums = row_sum_checks(table)
    assert len(row_sums) == 4 and all(c.status == "pass" for c in row_sums)


def test_year_over_year_and_repeated_items_in_a_small_text_report(tmp_path):
    path = tmp_path / "sample-budget-2026.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    checks = run_file(path).checks
    by_stated = {(c.kind, c.stated): c for c in checks}
    (stated_base,) = [c for c in checks if c.kind == "change_rate" and "stated base" in c.message]
    assert "2025年预算执行数" in stated_base.message and stated_base.computed == D("25.0000") and stated_base.status == "pass"
    implied = by_stated[("change_rate", D("1.88"))]
    assert (implied.status, implied.computed) == ("pass", D("1.8750"))  # 1.5 / (78.5 + 1.5)
    wrong = [c for c in checks if c.kind == "change_rate" and c.status == "fail"]
    assert [(c.stated, c.computed) for c in wrong] == [(D("25.00"), D("20.0000"))]  # 20 / (120 − 20) = 20%, printed 25%
    repeated = by_stated[("consistency", D("80"))]
    assert (repeated.status, repeated.computed, repeated.difference) == ("fail", D("78.5"), D("1.5"))
    assert "住房公积金(01项)" in repeated.message


def test_database_view_and_cli(tmp_path):
    path = tmp_path / "sample-budget-2026.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    db = tmp_path / "a.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["run", str(path), "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["audit", "--db", str(db), "--json", "--html", str(tmp_path / "a.html")])
    assert result.exit_code == 1  # two checks fail
    data = json.loads(result.output)
    assert [c["status"] for c in data[:2]] == ["fail", "fail"]
    assert {"report", "kind", "status", "stated", "computed", "difference", "tolerance", "inputs", "message"} <= data[0].keys()
    assert data[0]["inputs"][0].keys() == {"surface", "value", "source", "page", "unit"}
    assert data[0]["inputs"][0]["unit"] == "%" and data[0]["partial"] is None
    assert "sample-budget-2026.txt" in (tmp_path / "a.html").read_text(encoding="utf-8")
    from pipeline.schema import open_database

    failures = list(open_database(db).query("select report, kind, status from check_failures"))
    assert {(f["kind"], f["status"]) for f in failures} == {("change_rate", "fail"), ("consistency", "fail")}
    text = runner.invoke(cli, ["audit", "--db", str(db)]).output
    assert text.startswith("FAIL") and "2 fail" in text


def test_amounts_in_chinese_numerals_are_checked_in_their_printed_unit(tmp_path):
    # 两千万元 is 2000 万元 (20,000,000 yuan stored as the figure's value), not 20,000,000 万元
    path = tmp_path / "numerals-2026.txt"
    path.write_text("关于2026年预算绩效管理工作的报告\n\n一、总体情况\n\n2026年安排项目资金两千万元，其中：甲项目一千五百万元，乙项目五百万元。\n", encoding="utf-8")
    (check,) = [c for c in run_file(path).checks if c.kind == "breakdown"]
    assert (check.status, check.stated, check.computed, check.unit) == ("pass", D("2000"), D("2000"), "万元")


def test_whole_yuan_parts_in_a_money_column_carry_half_a_yuan_each_but_counts_are_exact():
    # 18 amounts printed to the yuan whose sum is 1 yuan off the printed 合计: 18 × 0.5 + 0.5 allows it
    parts = [row(i, "data", f"项目{i}", "1000", kinds=("text", "number")) for i in range(18)]
    total = row(18, "total", "合计", "18001", kinds=("text", "number"))
    money = Table(index=0, caption=None, header=["项目", "金额(元)"], rows=[*parts, total], pages=[1], method="hand")
    (check,) = table_total_checks(money)
    assert (check.status, check.difference, check.tolerance) == ("pass", D(1), D("9.5"))
    counts = Table(index=0, caption=None, header=["单位", "人数"], rows=[*parts, total], pages=[1], method="hand")
    (check,) = table_total_checks(counts)
    assert (check.status, check.tolerance) == ("fail", D(0))


def test_a_named_base_in_the_same_sentence_is_found(tmp_path):
    # the base is named in the comparison and stated later in the same sentence: 500 / 400 − 1 = 25%
    path = tmp_path / "same-sentence-base-2026.txt"
    path.write_text(
        "某某局2026年部门预算说明\n\n一、预算安排情况\n\n2026年预算安排500.00万元,比当年预算执行数增长25.00%,当年预算执行数为400.00万元。\n",
        encoding="utf-8",
    )
    (check,) = [c for c in run_file(path).checks if c.kind == "change_rate"]
    assert (check.status, check.computed) == ("pass", D("25.0000"))
    assert "当年预算执行数" in check.message
