"""The table conventions of docs/table-conventions.md, on rows as a reader of the page would write them."""

from __future__ import annotations

from extractors.tables.rows import RawRow, build_table


def kinds(header: list[str], rows: list[list[str]]) -> list[str]:
    """The row kinds build_table gives to rows printed under a header."""
    table = build_table(0, "表", header, [RawRow(cells, page=1) for cells in rows], method="test", pages=[1], quality={})
    return [row.kind for row in table.rows]


def test_numbered_lines_heading_nothing_are_data_rows():
    # a 收支总表 (tests/golden/tables/stress/department-budget-2025.json): each 一、 line has its own amount
    rows = [
        ["一、一般公共预算拨款收入", "35,218,600.00", "一、节能环保支出", "31,946,100.00"],
        ["二、政府性基金预算拨款收入", "1,500,000.00", "二、社会保障和就业支出", "2,713,800.00"],
        ["六、其他收入", "0.00", "", ""],
        ["本年收入合计", "38,652,400.00", "本年支出合计", "38,652,400.00"],
        ["上年结转结余", "0.00", "年终结转结余", "0.00"],
        ["收入总计", "38,652,400.00", "支出总计", "38,652,400.00"],
    ]
    assert kinds(["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"], rows) == ["data", "data", "data", "total", "data", "total"]


def test_numbered_lines_heading_rows_are_sections_even_one_with_nothing_under_it():
    # the Tibet 自评表: 八、其他事项 heads no indicator but is a first-level indicator like the others
    rows = [
        ["七、预算信息化", "", "5"],
        ["(一)预算管理一体化建设", "预算管理一体化建设", "4"],
        ["(二)预算安全监控", "预算安全监控", "1"],
        ["八、其他事项", "其他事项", "10"],
        ["合计", "", "100"],
    ]
    assert kinds(["考核内容", "指标", "指标值"], rows) == ["section", "data", "data", "section", "total"]


def test_a_form_keeps_its_fields_apart_from_its_indicator_rows():
    rows = [
        RawRow(["项目名称", "大气污染防治专项", "", ""], page=1),
        RawRow(["主管部门", "某某市生态环境局", "实施单位", "某某市环境监测站"], page=1),
        RawRow(["一级指标", "二级指标", "三级指标", "指标值"], page=1),
        RawRow(["产出指标", "数量指标", "空气质量自动监测站运行维护数量", "30个"], page=1),
        RawRow(["一级指标", "二级指标", "三级指标", "指标值"], page=2),  # the indicator header repeated after a page break
        RawRow(["", "质量指标", "监测数据有效率", "≥90%"], page=2),
    ]
    table = build_table(0, "2025年项目支出绩效目标表", [], rows, method="test", pages=[1, 2], quality={})
    assert table.fields == [[["项目名称", "大气污染防治专项"]], [["主管部门", "某某市生态环境局"], ["实施单位", "某某市环境监测站"]]]
    assert table.header == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert [[c.text for c in r.cells] for r in table.rows] == [["产出指标", "数量指标", "空气质量自动监测站运行维护数量", "30个"], ["", "质量指标", "监测数据有效率", "≥90%"]]
    assert [c.raw for c in table.field_rows[0].cells][:2] == ["项目名称", "大气污染防治专项"]


def test_a_table_that_is_no_form_has_no_fields():
    table = build_table(0, "表", ["序号", "金额(元)"], [RawRow(["1", "100.00"], page=1)], method="test", pages=[1], quality={})
    assert table.fields is None and table.field_rows == []
