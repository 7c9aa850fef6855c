"""The stress corpus (issue 13): golden tables rendered with random seeded layouts must come back exactly.

Each case prints the golden tables (tests/golden/tables/) with a producer (reportlab, chromium with
or without its own print header/footer, LibreOffice with a `第 X 页 共 Y 页` footer), ruled or
borderless, portrait or landscape, a random font size and margins, the header repeated or printed
once, and page breaks forced at chosen body lines (inside the merged entry 76, right after a
header). Renderings are cached per test session. Cases whose producer is not installed are skipped.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from corpus import render_pdfs as rp
from tests.stress.check import StressResult
from tests.stress.documents import header_levels, load_golden, printable_table, split_table
from tests.stress.layouts import BUDGET, FORMS, Case, ci_cases, merged_entry_positions
from tests.stress.session import rendering, result_of, sweep, sweep_case

CI_CASES = ci_cases()
# CI cases the extractor still gets wrong, each with what goes wrong. They are strict xfails: when a
# fix makes one pass, the test fails until its line here is removed. None since 2026-12-02 (issue 13:
# centred wrapped cells in borderless tables, cut rows and partly repeated headers at page breaks,
# and the conventions of docs/table-conventions.md for 收支总表 一、 lines and form fields).
KNOWN_FAILURES: dict[str, str] = {}
ANNEX_KNOWN_FAILURES: dict[str, str] = {}


def with_known_failures(cases: list[Case], known: dict[str, str]) -> list:
    """Return the cases as pytest params, the known failures marked as strict xfails with their reason."""
    return [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason=known[c.name])] if c.name in known else [])
            for c in cases]


LHASA = "lhasa-2020-performance-management"


def describe(result: StressResult, limit: int = 12) -> str:
    """The first differences of a result, for the assertion message."""
    lines = result.score.differences[:limit] + result.metadata_wrong
    return "\n".join(([f"error: {result.error}"] if result.error else []) + lines)


@pytest.mark.parametrize("case", with_known_failures(CI_CASES, KNOWN_FAILURES))
def test_every_golden_cell_and_entry(case, stress_cache):
    result = result_of(case, stress_cache)
    assert result.error is None, result.error
    assert (result.score.right_cells, result.score.entry_error) == (result.score.golden_cells, 0), describe(result)
    assert not result.score.differences, describe(result)


@pytest.mark.parametrize("case", with_known_failures(CI_CASES, ANNEX_KNOWN_FAILURES))
def test_each_annex_is_one_table_with_its_caption(case, stress_cache):
    result = result_of(case, stress_cache)
    assert result.captions == result.golden_captions


@pytest.mark.parametrize("case", with_known_failures([c for c in CI_CASES if c.stem.startswith("lhasa")], ANNEX_KNOWN_FAILURES))
def test_entry_76_is_one_entry_with_five_sub_items(case, stress_cache):
    result = result_of(case, stress_cache)
    golden = load_golden(case.stem)[0]
    entry_76 = next(row for row in golden["rows"] if row["cells"][0] == "76")
    assert len(entry_76["sub_items"]) == 5  # read from the document: 5 printed lines, 2,864.46 … 2,161.70
    assert (result.merged_right, result.merged_golden) == (1, 1), describe(result)


def test_ci_sample_covers_the_hard_spots():
    producers = {c.producer for c in CI_CASES}
    assert {"reportlab", "chromium-hf", "libreoffice"} <= producers
    assert any(not c.ruled for c in CI_CASES) and any(c.landscape for c in CI_CASES)
    assert any(0 in breaks for c in CI_CASES for breaks in c.breaks)  # a break right after the header
    assert any(c.continued_label and any(c.breaks) for c in CI_CASES) and any(c.offpage_text for c in CI_CASES)
    assert any(c.turn_at_breaks and any(c.breaks) for c in CI_CASES)  # pages of mixed orientation


@pytest.mark.sweep
@pytest.mark.parametrize("case", sweep(), ids=lambda c: c.name)
def test_sweep_rendering_gives_the_golden_tables(case, stress_cache):
    result = result_of(case, stress_cache)
    assert result.perfect, describe(result)


# Borderless 部门预算 renderings whose two-level headers (收入 | 支出 over 项目 | 预算数 …; 基本支出 over
# 人员经费 | 公用经费) carry no rule to show which columns a top name spans: one placing the top names
# left, one stacking the header lines so that they overlap (the names beside both levels centred).
TWO_LEVEL_BORDERLESS = [sweep_case("28f8c6793f"), sweep_case("aae500cedd")]


@pytest.mark.parametrize("case", TWO_LEVEL_BORDERLESS, ids=lambda c: c.name)
def test_a_borderless_two_level_header_is_a_header_level_not_the_caption(case, stress_cache):
    assert not case.ruled
    result = result_of(case, stress_cache)
    golden = load_golden(BUDGET)
    assert result.captions[:2] == result.golden_captions[:2]  # not 收入支出 / 基本支出
    mine = [d for d in result.score.differences if d.startswith((golden[0]["caption"], golden[1]["caption"]))]
    assert not mine, "\n".join(mine)  # headers 收入/项目 … 基本支出/人员经费, every cell and entry


# --------------------------------------------------------------------------- the generator itself (fast)


def amount(text: str) -> Decimal:
    """A printed amount as a Decimal."""
    return Decimal(text.replace(",", ""))


def test_generated_budget_tables_add_up():
    # The 部门预算 golden file is written by hand as the source of its renderings: its figures must obey
    # the accounting identities of the real tables, or a test of the audit on them would be meaningless.
    overview, functional, three_public = load_golden(BUDGET)
    lines = {row["cells"][0]: row["cells"] for row in overview["rows"]}
    data = [row["cells"] for row in overview["rows"] if row["kind"] == "data" and row["cells"][0] != "上年结转结余"]
    assert sum(amount(c[1]) for c in data) == amount(lines["本年收入合计"][1]) == amount(lines["收入总计"][1])
    assert sum(amount(c[3]) for c in data if c[3]) == amount(lines["本年收入合计"][3]) == amount(lines["收入总计"][3])
    codes = {row["cells"][0]: [amount(c) for c in row["cells"][2:]] for row in functional["rows"]}
    total = codes.pop("")
    for code, values in codes.items():
        children = [v for c, v in codes.items() if c.startswith(code) and len(c) == len(code) + 2]
        if children:
            assert [sum(col) for col in zip(*children)] == values, code
        assert values[0] == sum(values[1:]), code  # 合计 = 人员经费 + 公用经费 + 项目支出
    assert [sum(col) for col in zip(*(v for c, v in codes.items() if len(c) == 3))] == total
    rows = [[amount(c) for c in row["cells"][1:]] for row in three_public["rows"]]
    for all_, abroad, cars, buy, run, hosting in rows:
        assert (cars, all_) == (buy + run, abroad + cars + hosting)
    assert [sum(col) for col in zip(*rows[:-1])] == rows[-1]


def test_generated_forms_match_the_budget():
    # Each 绩效目标表's 项目资金 (万元) is the project's line of the functional table (元).
    functional = {row["cells"][1]: amount(row["cells"][5]) for row in load_golden(BUDGET)[1]["rows"]}
    funds = {form["fields"][0][0][1]: amount(form["fields"][2][0][1]) * 10000 for form in load_golden(FORMS)}
    assert funds == {"大气污染防治专项": functional["大气"], "水污染防治专项": functional["水体"]}


def test_flattened_header_names_print_as_two_levels():
    rows, spans = header_levels(load_golden(BUDGET)[2]["header"])
    assert rows[0][3:6] == ["公务用车购置及运行费"] * 3 and rows[1][3:6] == ["小计", "购置费", "运行费"]
    assert spans[(0, 3)] == (1, 3)  # 公务用车购置及运行费 spans its three columns
    assert spans[(0, 0)] == (2, 1) and spans[(0, 6)] == (2, 1)  # 单位名称, 公务接待费: one level, two rows high


def test_a_break_inside_entry_76_prints_every_line_once():
    table = printable_table(load_golden(LHASA)[0])
    _, first, height = merged_entry_positions(LHASA)[0]
    parts = split_table(table, [first + 2, 0], repeat_header=False)
    assert [p.head_rows for p in parts] == [1, 0, 0]  # header alone, then no repeated header
    body = [line for p in parts for line in p.rows[p.head_rows :]]
    assert body == table.rows[1:]
    assert [m.height for p in parts for m in p.merges.values()] == [2, 3]  # 5 lines: 2 above the break, 3 below
    assert parts[2].rows[0][:2] == ["", ""] and parts[2].rows[0][3] == "1,131.19"  # the third line opens the page


def page_texts(path: Path) -> list[tuple[str, float, float]]:
    """Each page's text without whitespace, with its width and height."""
    with pdfplumber.open(path) as pdf:
        return [("".join((page.extract_text() or "").split()), float(page.width), float(page.height)) for page in pdf.pages]


@pytest.mark.parametrize("case", CI_CASES, ids=lambda c: c.name)
def test_renderings_carry_the_layout_they_claim(case, stress_cache):
    # The generator's own check: orientation and page furniture are really printed, or the stress is not there.
    pages = page_texts(rendering(case, stress_cache))
    orientations = [width > height for _, width, height in pages]
    assert orientations[0] == case.landscape
    assert len(set(orientations)) == (2 if case.turn_at_breaks and any(case.breaks) else 1)
    total = len(pages)
    for number, (text, _, _) in enumerate(pages, start=1):
        if case.producer == "chromium-hf":  # chromium's own footer: the file URL and n/N
            assert "file://" in text and f"{number}/{total}" in text
        elif case.footer == "page_of":
            assert f"第{number}页共{total}页" in text
        elif case.footer in ("dash", "hyphen"):
            assert f"{'—' if case.footer == 'dash' else '-'}{number}{'—' if case.footer == 'dash' else '-'}" in text
    if case.continued_label and any(case.breaks):
        assert sum(text.count("续表") for text, _, _ in pages) == sum(len(b) for b in case.breaks)


@pytest.mark.parametrize("stem", rp.REPORTS)
def test_layout_options_leave_the_corpus_rendering_unchanged(stem, tmp_path):
    # render_pdfs without a layout must still print corpus/pdf byte for byte (reportlab is reproducible).
    out = tmp_path / f"{stem}.reportlab.pdf"
    rp.render_reportlab(rp.parse_report(stem), out, tmp_path)
    assert out.read_bytes() == (Path(rp.OUT_DIR) / f"{stem}.reportlab.pdf").read_bytes()
