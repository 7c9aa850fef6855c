"""Borderless 部门预算 tables in the Excel/WPS layout: a title line, an `编制部门:…  单位:元` line, headers over two levels.

Renderings of the stress sweep (tests/stress/) that went wrong by class of layout; the values asserted
are the golden file's (tests/golden/tables/stress/department-budget-2025.json), as printed.

1. The 三公 table's header printed over four or five short wrapped lines (`因公出国(` / `境)费`,
   `公务用车购置及运行费` over `小计 | 购置费 | 运行费`), read as one header under its caption.
2. Tables that run into each other (a side-by-side 收支总表 in landscape): each ends at the next
   table's title and its issuer/unit line, and takes its columns from its own lines.
3. A header repeated after a page break: a part of it taken for page furniture (基本支出 recurring at
   the page top), a page holding only the header and one row, a two-page report whose browser footer
   is too rare to be furniture.
"""

from __future__ import annotations

import pytest

from pipeline.models import Table
from tests.stress.documents import golden_cells, load_golden
from tests.stress.layouts import BUDGET
from tests.stress.session import sweep_case, tables_of

GOLDEN = load_golden(BUDGET)
OVERVIEW, FUNCTIONAL, THREE_PUBLIC = GOLDEN  # 收支总表, 一般公共预算支出功能分类预算表, “三公”经费财政拨款预算表
CAPTIONS = [g["caption"] for g in GOLDEN]


def found_tables(name: str, cache) -> list[Table]:
    """The tables found in one sweep rendering (skipped when its producer is not installed), captions without a table left out."""
    return [t for t in tables_of(sweep_case(name), cache) if not t.no_table]


def texts(table: Table, row: int) -> list[str]:
    """The printed texts of one row."""
    return [cell.text for cell in table.rows[row].cells]


@pytest.mark.parametrize(
    "name",
    [
        "department-budget-2025.reportlab.28f8c6793f",  # each wrapped piece a line of its own, names left-aligned
        "department-budget-2025.libreoffice.aae500cedd",  # 因公出国 | 公务用车购置及运行费 | 公务接待 on one line
        "department-budget-2025.chromium-hf.b50cf2204d",  # names centred, the group name a line above the others
    ],
)
def test_a_header_wrapped_over_short_lines_is_the_header_under_its_caption(name, stress_cache):
    three_public = found_tables(name, stress_cache)[2]
    assert three_public.caption == THREE_PUBLIC["caption"]  # not 小计购置费运行费 / 因公出国公务接待
    assert (three_public.issuer, three_public.unit) == (THREE_PUBLIC["issuer"], THREE_PUBLIC["unit"])
    assert three_public.header == THREE_PUBLIC["header"]
    assert [texts(three_public, k) for k in (0, 2)] == [golden_cells(THREE_PUBLIC)[k] for k in (0, 2)]  # 本级, 合计


@pytest.mark.parametrize(
    "name",
    [
        "department-budget-2025.reportlab.071cd06625",  # landscape, header once, one row on page 1
        "department-budget-2025.chromium-hf.6344e48ac6",  # landscape, 收入 | 支出 centred over their columns
        "department-budget-2025.chromium.3ada629e65",  # portrait, centred names
    ],
)
def test_each_table_ends_at_the_next_title_and_keeps_its_columns(name, stress_cache):
    overview, functional, three_public = found_tables(name, stress_cache)
    assert [overview.caption, functional.caption, three_public.caption] == CAPTIONS
    assert [(t.issuer, t.unit) for t in (overview, functional, three_public)] == [(g["issuer"], g["unit"]) for g in GOLDEN]
    assert overview.header == OVERVIEW["header"]
    assert [texts(overview, k) for k in (0, 8)] == [golden_cells(OVERVIEW)[k] for k in (0, 8)]  # 一、…收入, 收入总计
    assert (len(overview.rows), len(functional.rows)) == (len(OVERVIEW["rows"]), len(FUNCTIONAL["rows"]))  # 9, 17
    assert functional.header == FUNCTIONAL["header"]
    assert three_public.header == THREE_PUBLIC["header"]


@pytest.mark.parametrize(
    "name",
    [
        "department-budget-2025.reportlab.b1b22d7ffc",  # the 三公 header repeated over its last row alone on a page
        "department-budget-2025.chromium.089593e0a9",  # 基本支出 recurring at the top of each page
        "department-budget-2025.chromium-hf.8de9865303",  # two pages: chromium's own footer is no furniture
    ],
)
def test_a_header_repeated_after_a_page_break_is_no_row(name, stress_cache):
    overview, functional, three_public = found_tables(name, stress_cache)
    assert [overview.caption, functional.caption, three_public.caption] == CAPTIONS
    assert functional.header == FUNCTIONAL["header"]
    assert [texts(functional, k)[0] for k in range(len(functional.rows))] == [cells[0] for cells in golden_cells(FUNCTIONAL)]  # 科目编码
    assert three_public.header == THREE_PUBLIC["header"]
    assert texts(three_public, len(three_public.rows) - 1) == golden_cells(THREE_PUBLIC)[-1]  # 合计
