"""Borderless annex tables (Tibet 自评表, Lhasa annex) set tightly or broken over pages of another kind.

Cases of the seeded stress sweep (tests/stress), each standing for a class of rendering; the expected
values are read from the golden table (tests/golden/tables/tibet-…json). Unit tests of the column
finder use hand-made lines.
"""

from __future__ import annotations

import pytest

from extractors.tables.pdf.page import TextLine
from extractors.tables.pdf.borderless_columns import aligned_column_starts, column_separators, crosses, line_cells
from tests.stress.check import check_tables
from tests.stress.documents import golden_cells, load_golden
from tests.stress.session import result_of, sweep_case, tables_of

TIBET = "tibet-foreign-affairs-2022-performance-management-summary"
(TIBET_GOLDEN,) = load_golden(TIBET)  # the 2022年度自治区本级部门预算管理绩效考核自评表, 56 rows

# Tight columns: 计算方法 text runs up to 指标性质's 定性 (no whitespace river), 、 hung past a cell's edge.
TIGHT = ["4123421dca", "c401512877", "ae06048aa3", "4f412f3327"]
# Broken over pages: a landscape page after a portrait one (dfad8d10d6), the header and first row left
# alone at a page foot (e6c60eaac6, aa163b25c2, a0451e8a66).
BROKEN = ["dfad8d10d6", "e6c60eaac6", "aa163b25c2", "a0451e8a66"]


@pytest.mark.parametrize("key", TIGHT + BROKEN)
def test_tibet_self_assessment_comes_back_whole(key, stress_cache):
    tables = tables_of(sweep_case(key), stress_cache)
    assert [t.caption for t in tables] == [TIBET_GOLDEN["caption"]]
    table, golden = tables[0], golden_cells(TIBET_GOLDEN)
    assert table.header == TIBET_GOLDEN["header"]
    assert len(table.rows) == len(golden)
    # 一、重大决策部署落实 (a section), (一)重大决策执行效力 (the first indicator), 合计
    assert [c.text for c in table.rows[0].cells] == golden[0] and table.rows[0].kind == TIBET_GOLDEN["rows"][0]["kind"] == "section"
    assert [c.text for c in table.rows[1].cells] == golden[1]
    assert [c.text for c in table.rows[-1].cells][:3] == golden[-1][:3]
    assert check_tables(tables, TIBET).perfect


def test_lhasa_annex_in_tight_columns_keeps_entry_76(stress_cache):
    result = result_of(sweep_case("42ce4cab39"), stress_cache)
    assert result.captions == result.golden_captions
    assert result.merged_right == result.merged_golden == 1
    assert result.perfect


def line(*words: tuple[str, float, float], top: float = 0.0, size: float = 7.0) -> TextLine:
    """A text line of words (text, x0, x1) at one height."""
    ws = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size} for t, x0, x1 in words]
    return TextLine(ws, [[w] for w in ws], top, top + size, ws[0]["x0"], ws[-1]["x1"], size)


def test_a_header_name_over_aligned_cells_starts_a_column_with_no_river():
    # 计算方法 text fills its cell up to 定性 (237.51), the last 、 hung 0.77 past it
    lines = [
        line(("指标值", 111, 132), ("计算方法", 140.28, 168), ("指标性质", 237.51, 265.5), top=0),
        line(("6", 111, 114), ("确、准确、及时、到位、有效、", 140.28, 238.28), ("定性", 237.51, 251.5), top=10),
        line(("1", 111, 114), ("的情况,得分;否则不得分。", 140.28, 221), ("定性", 237.51, 251.5), top=20),
        line(("2", 111, 114), ("单户预算执行率“三公”经费", 140.28, 231), ("定量", 237.51, 251.5), top=30),
    ]
    assert not crosses(lines[1].words[1], 237.51, 7.0)  # the hung 、 does not cross the column start
    separators = column_separators(lines)
    assert len(separators) == 2 and 232 < separators[1] < 237.51
    assert [list(line_cells(l, separators)) for l in lines[1:]] == [[0, 1, 2]] * 3


def test_a_header_name_over_unaligned_cells_is_no_column():
    # 级别 is a second word of one header name: no body cell starts under it
    lines = [
        line(("评定", 100, 114), ("级别", 116, 130), top=0),
        line(("1", 100, 104), top=10),
        line(("良", 100, 107), top=20),
        line(("中", 100, 107), top=30),
    ]
    assert aligned_column_starts(lines, []) == []
