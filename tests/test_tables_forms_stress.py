"""Project forms (绩效目标表) of the stress corpus: borderless forms, rows after a page break, a parser failing on a page.

The PDFs are rendered from the generated golden file (tests/golden/tables/stress/performance-targets-2025.json)
by tests/stress: two 2025年项目支出绩效目标表 forms, each with its field rows (项目名称, 主管部门 | 实施单位,
项目资金(万元), 年度绩效目标) above the indicator header 一级指标 | 二级指标 | 三级指标 | 指标值. The values
asserted are the golden file's, which the rendering prints. reportlab cases run everywhere; the
LibreOffice one is skipped when LibreOffice is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stress.check import check_tables
from tests.stress.documents import golden_cells, load_golden
from tests.stress.layouts import FORMS, Case
from tests.stress.session import rendering, tables_of

AIR, WATER = load_golden(FORMS)  # 大气污染防治专项, 水污染防治专项
CAPTION, HEADER = AIR["caption"], AIR["header"]
AIR_ROWS, WATER_ROWS = golden_cells(AIR), golden_cells(WATER)
MARGINS = (20.0, 20.0, 20.0, 20.0)


def form_case(producer: str, ruled: bool, breaks: tuple[tuple[int, ...], ...], **layout) -> Case:
    """A rendering of the two forms: portrait, 9 pt, page breaks forced before these indicator rows of each form."""
    return Case(stem=FORMS, producer=producer, ruled=ruled, font_size=9.0, margins_mm=MARGINS, repeat_header=False, breaks=breaks, **layout)


def cells(table) -> list[list[str]]:
    """Return a table's rows as cleaned cell texts."""
    return [[c.text for c in row.cells] for row in table.rows]


def test_borderless_forms_sharing_a_page_are_two_tables_with_fields_header_and_indicators(stress_cache):
    """No rule draws the cells: field values span columns (年度绩效目标's runs across three) and the indicator values are no plain figures."""
    tables = tables_of(form_case("reportlab", ruled=False, breaks=((), ())), stress_cache)
    assert [(t.caption, t.issuer, t.unit) for t in tables] == [(g["caption"], g["issuer"], g["unit"]) for g in (AIR, WATER)]
    air, water = tables
    assert (air.fields, air.header, cells(air)) == (AIR["fields"], HEADER, AIR_ROWS)
    assert water.fields[0] == WATER["fields"][0]  # 项目名称
    assert water.fields[2] == WATER["fields"][2]  # 项目资金(万元)
    assert (water.header, cells(water)) == (WATER["header"], WATER_ROWS)
    assert air.pages == water.pages == [1]


def test_borderless_indicator_rows_after_a_page_break_stay_rows_of_their_own(stress_cache):
    """A break before 成本指标 (form 1) and before 黑臭水体整治数量 (form 2), a 续表 line above each part: the rows go on the form, none glued to the row above."""
    case = form_case("reportlab", ruled=False, breaks=((3,), (1,)), continued_label=True)
    tables = tables_of(case, stress_cache)
    air, water = tables
    assert (air.caption, air.pages, cells(air)) == (CAPTION, [1, 2], AIR_ROWS)
    assert (water.caption, cells(water)) == (CAPTION, WATER_ROWS)
    assert check_tables(tables, FORMS).perfect


def test_a_libreoffice_field_label_run_into_its_value_is_two_cells(stress_cache):
    """LibreOffice prints 年度绩效目 | 完成全市 30 个… a character apart (one chunk): the form's field is still label and value."""
    air, water = tables_of(form_case("libreoffice", ruled=False, breaks=((5,), ())), stress_cache)
    assert air.fields == AIR["fields"]
    assert (cells(air), cells(water)) == (AIR_ROWS, WATER_ROWS)


@pytest.mark.parametrize("breaks", [((1,), (1,)), ((3,), (2,)), ((5,), (4,))], ids=["after-first-row", "inside-groups", "before-last-rows"])
def test_ruled_indicator_rows_after_a_page_break_are_not_joined_to_the_row_above(stress_cache, breaks):
    """Rows under a 一级指标 printed once leave the first column empty; after a break each is still its own row (产出指标 | 数量指标 …, then | 质量指标 …)."""
    air, water = tables_of(form_case("reportlab", ruled=True, breaks=breaks), stress_cache)
    assert (cells(air), cells(water)) == (AIR_ROWS, WATER_ROWS)
    assert len(air.pages) == len(water.pages) == 2


def test_a_cut_row_joins_by_its_empty_key_only_where_the_first_column_numbers_the_rows():
    from extractors.tables.pdf.stitch import is_cut_row

    # a form: 一级指标 printed once over its rows, each with its own cells after the break
    assert not is_cut_row(AIR_ROWS[0], AIR_ROWS[1], [HEADER])
    assert not is_cut_row(AIR_ROWS[4], AIR_ROWS[5], AIR_ROWS[:4])
    # a numbered list (序号 | 单位 | 项目): the rest of entry 2's cut name leaves the key empty
    earlier = [["1", "拉萨市财政局", "城市供暖补贴"]]
    assert is_cut_row(["2", "拉萨市教育局", "2019年城乡义务教育"], ["", "", "学校公用经费补助"], earlier)


def test_a_parser_failing_on_a_page_is_recorded_and_the_page_read_by_the_others(stress_cache, monkeypatch):
    """camelot raising on page 1 costs only its own candidates: the forms come from the text parser, the failure is a non-fatal error of page 1."""
    from extractors.tables.pdf.camelot_stream import CamelotStream
    from extractors.tables.stage import tables_of_file

    case = form_case("reportlab", ruled=False, breaks=((), ()))
    path = rendering(case, stress_cache)

    def fail(self, path, page, number, context):
        raise TypeError("cannot unpack non-iterable NoneType object")

    monkeypatch.setattr(CamelotStream, "page_grids", fail)
    report = tables_of_file(path)
    assert check_tables(report.tables, FORMS).perfect
    assert [(e.stage, e.kind, e.fatal, e.page) for e in report.errors] == [("tables", "parser-failed", False, 1)]
    assert "camelot-stream" in report.errors[0].message and "TypeError" in report.errors[0].message


def test_camelot_does_not_read_a_single_row_cut_off_by_a_page_break(monkeypatch):
    """One row shows camelot no columns (the fragment takes its part's), and a one-line area may hold no text for camelot at all."""
    from extractors.tables.pdf import camelot_stream
    from extractors.tables.pdf.base import Grid

    fragment = Grid("pdfplumber-text", 3, (51.5, 84.7, 616.2, 91.7), [["满意度指标", "服务对象满意度指标", "沿河居民满意度", "≥85%"]], [[None] * 4], {"fragment": True})
    monkeypatch.setattr(camelot_stream, "read_stream", lambda *args: pytest.fail("camelot was asked to read a fragment"))

    class Page:
        height = 595.3

    assert camelot_stream.CamelotStream().page_grids(Path("x.pdf"), Page(), 3, {"text_regions": [fragment]}) == []
