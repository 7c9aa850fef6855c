"""Tables of the text reports, against golden files written by reading the documents."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from extractors.tables.rows import RawRow, build_table, fit_width
from extractors.tables.text import Line, split_header
from pipeline.cli import cli
from pipeline.models import Report
from pipeline.store import store_report
from tests.conftest import CORPUS
from tests.golden_tables import load_golden, score_tables

LHASA = "lhasa-2020-performance-management"
TIBET = "tibet-foreign-affairs-2022-performance-management-summary"
# Entries of Lhasa annex (1) whose amount is printed as *** (golden README).
LHASA_MASKED_ENTRIES = [11, 12, 14, 15, 20, 21, 22, 29, 36, 40, 47, 54, 57, 67, 80, 81, 82, 90, 92, 96]
TIBET_SECTIONS = ["一、重大决策部署落实", "二、预算编制管理", "三、预算执行管理", "四、预算绩效管理", "五、资产管理", "六、预算透明度", "七、预算信息化", "八、其他事项"]


@pytest.fixture(scope="module")
def lhasa(corpus_reports) -> Report:
    return corpus_reports[f"{LHASA}.txt"]


@pytest.fixture(scope="module")
def tibet(corpus_reports) -> Report:
    return corpus_reports[f"{TIBET}.txt"]


def entry(table, number: str):
    """Return the entry whose 序号 cell reads `number`."""
    return next(row for row in table.rows if row.cells[0].text == number)


@pytest.mark.parametrize("stem", [LHASA, TIBET])
def test_every_golden_cell_is_recovered(corpus_reports, stem):
    golden = load_golden(stem)
    score = score_tables(corpus_reports[f"{stem}.txt"].tables, golden)
    assert score.differences == []
    assert score.golden_cells == score.right_cells > 0
    assert len(corpus_reports[f"{stem}.txt"].tables) == len(golden)


def test_golden_comparison_reports_a_wrong_cell(lhasa):
    golden = copy.deepcopy(load_golden(LHASA))
    golden[0]["rows"][75]["sub_items"][2]["cells"][3] = "1,131.91"
    score = score_tables(lhasa.tables, golden)
    assert score.golden_cells - score.right_cells == 1
    assert len(score.differences) == 1 and "1,131.91" in score.differences[0]


def test_lhasa_annex1_has_97_entries_and_the_total(lhasa):
    annex1 = lhasa.tables[0]
    assert annex1.caption == "(1) 2019年部门预算项目支出财政重点评价结果汇总"
    assert annex1.header == ["序号", "单位", "评价项目名称", "预算金额(万元)", "得分", "评定级别"]
    data = [row for row in annex1.rows if row.kind == "data"]
    assert len(data) == 97
    assert [row.cells[0].value for row in data] == [Decimal(n) for n in range(1, 98)]
    total = annex1.rows[-1]
    assert len(annex1.rows) == 98 and total.kind == "total"
    assert [c.text for c in total.cells] == ["", "", "合计", "76,036.75", "", ""]
    assert (total.cells[3].value, total.cells[3].unit, total.cells[3].kind) == (Decimal("76036.75"), "万元", "amount")
    assert annex1.pages[0] < annex1.pages[-1]  # it runs over page breaks
    assert not annex1.no_table


def test_lhasa_entry_76_is_one_merged_entry_of_five_lines(lhasa):
    row = entry(lhasa.tables[0], "76")
    assert row.kind == "data"
    assert row.cells[1].text == "暖心燃气热力有限公司"
    assert len(row.sub_items) == 5
    amounts = [sub.cells[3] for sub in row.sub_items]
    assert [c.text for c in amounts] == ["2,864.46", "5,438.30", "1,131.19", "2,560.89", "2,161.70"]
    assert [c.value for c in amounts] == [Decimal("2864.46"), Decimal("5438.30"), Decimal("1131.19"), Decimal("2560.89"), Decimal("2161.70")]
    assert {c.unit for c in amounts} == {"万元"} and {c.kind for c in amounts} == {"amount"}
    assert [c.text for c in row.cells] == [c.text for c in row.sub_items[0].cells]
    assert all(sub.cells[0].kind == "empty" and sub.cells[4].kind == "empty" for sub in row.sub_items[1:])
    assert (row.cells[4].kind, row.cells[4].value, row.cells[5].kind, row.cells[5].text) == ("score", Decimal("80.40"), "grade", "良")


def test_lhasa_annex2_has_12_entries(lhasa):
    annex2 = lhasa.tables[1]
    assert annex2.caption == "(2) 2019年部门预算整体支出财政重点评价结果汇总"
    assert sum(row.kind == "data" for row in annex2.rows) == 12
    assert [c.text for c in annex2.rows[-1].cells] == ["", "合计", "679,917.21", "", ""]
    assert entry(annex2, "1").cells[2].value == Decimal("57211.57")


def test_lhasa_annex3_is_a_caption_without_table(lhasa):
    annex3 = lhasa.tables[2]
    assert annex3.caption == "(3) 2017—2020年市本级预算绩效评价情况对比"
    assert annex3.no_table and annex3.rows == [] and annex3.header == []
    assert "2019年项目支出和部门整体支出绩效评价结果" in annex3.note


def test_numbered_lines_that_name_no_table_or_another_numbering_are_not_captions_without_table(tmp_path):
    """The PDF finder's rule (captions.is_caption_without_table): after Lhasa's annex, a numbered prose line and a
    `表5` caption (numbered unlike the annex's `(1)`-`(3)`) are not reported; `(3) …情况对比` still is."""
    from extractors.tables.stage import tables_of_file

    text = (CORPUS / f"{LHASA}.txt").read_text(encoding="utf-8")
    path = tmp_path / "lhasa-annex-and-numbered-prose.txt"  # outside corpus/: no manifest row
    path.write_text(text + "(4)将预算绩效内部考核和外部考核相结合,确保第三方机构对评价结果负责\n\n表5 2019年项目支出绩效评价结果汇总\n", encoding="utf-8")
    tables = tables_of_file(path).tables
    assert [(t.caption, t.no_table) for t in tables] == [
        ("(1) 2019年部门预算项目支出财政重点评价结果汇总", False),
        ("(2) 2019年部门预算整体支出财政重点评价结果汇总", False),
        ("(3) 2017—2020年市本级预算绩效评价情况对比", True),
    ]
    assert tables[2].note.endswith("«2019年项目支出和部门整体支出绩效评价结果»")


def test_lhasa_masked_amounts_are_masked_not_zero(lhasa):
    annex1 = lhasa.tables[0]
    masked = [row for row in annex1.rows if row.cells[3].masked]
    assert [int(row.cells[0].text) for row in masked] == LHASA_MASKED_ENTRIES
    for row in masked:
        cell = row.cells[3]
        assert (cell.text, cell.kind, cell.value, cell.unit) == ("***", "masked", None, "万元")
    assert annex1.quality["masked_cells"] == 20


def test_tibet_sections_in_order_with_their_indicators(tibet):
    (form,) = tibet.tables
    assert form.caption == "2022年度自治区本级部门预算管理绩效考核自评表"
    assert form.header[7] == "考核结果(以待督办意见为打分)"
    sections = [row for row in form.rows if row.kind == "section"]
    assert [row.cells[0].text for row in sections] == TIBET_SECTIONS
    assert [row.cells[8].value for row in sections] == [Decimal(v) for v in ("10", "24", "34", "14", "4.5", "5", "5", "8")]
    per_section = [sum(r.kind == "data" and r.section == s.index for r in form.rows) for s in sections]
    assert per_section == [4, 17, 6, 7, 5, 6, 2, 0]
    for row in form.rows:
        if row.kind == "data":
            owner = form.rows[row.section]
            assert owner.kind == "section" and owner.index < row.index
            assert not any(s.index for s in sections if owner.index < s.index < row.index)
    total = form.rows[-1]
    assert total.kind == "total" and total.cells[8].value == Decimal("90.5")
    assert sum(row.kind == "data" for row in form.rows) == 47


def test_build_table_on_hand_made_rows():
    header = ["序号", "项目 名称", "金额 (元)", "得分", "评定 级别"]
    raw = [
        RawRow(["一、项目支出", "", "300.00", "", ""], page=1),
        RawRow(["1", "甲 项目", "100.00", "90", "优"], page=1),
        RawRow(["序号", "项目名称", "金额(元)", "得分", "评定级别"], page=2),  # header repeated after a page break
        RawRow(["2", "乙项\n目", "***", "80.5", "良"], page=2),
        RawRow(["", "乙项目二期", "200.00", "", ""], page=2),
        RawRow(["", "小计", "300.00", "", ""], page=2),
        RawRow(["", "合计", "300.00", "", "", ""], page=2),  # one trailing tab too many
    ]
    table = build_table(0, " 附表1  测试 表 ", header, raw, method="test", pages=[1, 2, 2], quality={"score": 0.9})
    assert table.caption == "附表1测试表"
    assert table.header == ["序号", "项目名称", "金额(元)", "得分", "评定级别"]
    assert table.pages == [1, 2]
    assert [row.kind for row in table.rows] == ["section", "data", "data", "total", "total"]
    assert table.quality["repeated_headers_dropped"] == 1 and table.quality["score"] == 0.9
    first, second = table.rows[1], table.rows[2]
    assert [c.kind for c in first.cells] == ["number", "text", "amount", "score", "grade"]
    assert (first.cells[1].text, first.cells[2].value, first.cells[2].unit) == ("甲项目", Decimal("100.00"), "元")
    assert first.section == 0 and second.section == 0 and table.rows[4].section == 0
    assert second.cells[1].text == "乙项目"
    assert (second.cells[2].kind, second.cells[2].value, second.cells[2].masked) == ("masked", None, True)
    assert [[c.text for c in sub.cells] for sub in second.sub_items] == [
        ["2", "乙项目", "***", "80.5", "良"],
        ["", "乙项目二期", "200.00", "", ""],
    ]
    assert len({sub.index for sub in second.sub_items} | {row.index for row in table.rows}) == 7
    assert table.rows[0].cells[0].text == "一、项目支出" and table.rows[0].section is None


def test_fit_width_never_drops_a_printed_cell():
    assert fit_width(["1", "a"], 4) == (["1", "a", "", ""], False)
    assert fit_width(["1", "a", "", ""], 2) == (["1", "a"], False)
    cells, overflow = fit_width(["1", "a", "b", "", "c"], 3)
    assert overflow and cells == ["1", "a", "b c"]


def test_a_header_printed_over_two_lines_is_joined():
    lines = [Line(["序号", "单位", "评定"], 1), Line(["", "", "级别"], 1), Line(["1", "水利局", "良"], 1)]
    header, body = split_header(lines)
    table = build_table(0, None, header, [RawRow(line.cells, line.page) for line in body], method="test", pages=[1], quality={})
    assert table.header == ["序号", "单位", "评定级别"]
    assert [[c.text for c in row.cells] for row in table.rows] == [["1", "水利局", "良"]]


def test_stored_rows_keep_entries_sub_items_and_masks(fresh_db, lhasa):
    report_id = store_report(fresh_db, lhasa, None, "test")
    tables = list(fresh_db.query("SELECT idx, n_entries, no_table FROM tables WHERE report_id = ? ORDER BY idx", [report_id]))
    assert [(t["n_entries"], t["no_table"]) for t in tables] == [(97, 0), (12, 0), (0, 1)]
    subs = list(fresh_db.query("SELECT r.parent_idx, c.value FROM table_rows r JOIN table_cells c ON c.report_id = r.report_id AND c.table_idx = r.table_idx AND c.row_idx = r.idx WHERE r.report_id = ? AND r.table_idx = 0 AND r.is_sub_item = 1 AND c.col = 3 ORDER BY r.idx", [report_id]))
    assert {s["parent_idx"] for s in subs} == {75}
    assert [s["value"] for s in subs] == ["2864.46", "5438.30", "1131.19", "2560.89", "2161.70"]
    masked = list(fresh_db.query("SELECT c.value, c.value_num, c.kind FROM table_cells c JOIN table_rows r ON c.report_id = r.report_id AND c.table_idx = r.table_idx AND c.row_idx = r.idx WHERE c.report_id = ? AND c.masked = 1 AND r.is_sub_item = 0", [report_id]))
    assert len(masked) == 20 and all(m["value"] is None and m["value_num"] is None and m["kind"] == "masked" for m in masked)


def test_cli_tables_json():
    result = CliRunner().invoke(cli, ["tables", str(CORPUS / f"{TIBET}.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("[") :])
    (form,) = data
    assert {"caption", "pages", "header", "rows", "method", "quality", "no_table", "note", "entries"} <= set(form)
    assert form["entries"] == 47 and form["rows"][0] == {"kind": "section", "cells": ["一、重大决策部署落实", "", "10", "", "", "", "", "", "10", ""]}
