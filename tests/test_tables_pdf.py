"""Tables recovered from PDF reports: our renderings against the golden files, and real PDFs.

Real PDFs in tests/fixtures/pdfs/ (copied from /work/shared/real-pdfs, see its MANIFEST.json):

* shanghai-final-accounts-ruled-lines-multipage.pdf: pages 5-16 of
  zxj6827111-blip_GOV samples/bad/中共上海市普陀区委社会工作部 2024 年度部门决算.pdf (WPS, tables
  ruled with lines, nine standard tables, three of them over two pages, multi-level headers).
  Fixture page n is page n + 4 of the original.
* shanghai-final-accounts-rectangle-borders.pdf: pages 7-9 of samples/bad/上海市普陀区规划和自然资源局
  2024 年度部门决算.pdf (Microsoft Word, cell borders drawn as rectangles). Fixture page n is page n + 6.
* bond-prospectus-two-ruled-tables.pdf (+ .expected.json): pymupdf/PyMuPDF
  tests/resources/chinese-tables.pdf and the cell texts its test compares against.

The Shanghai reports have no cell ground truth; the figures asserted below were read from the
pages (pdftoppm renderings and pdftotext -layout) and checked by the reports' accounting identities.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from extractors.load import LOAD
from extractors.normalize import clean_line
from extractors.tables.pdf.base import Grid
from extractors.tables.pdf.cells import anchor, join_cell_lines
from extractors.tables.pdf.finder import find_pdf_tables
from extractors.tables.pdf.headers import header_row_count, joined_header
from extractors.tables.pdf.stitch import is_cut_row
from extractors.tables.stage import tables_of_file
from pipeline.models import Table
from pipeline.runner import new_report
from tests.conftest import CORPUS
from tests.golden_tables import load_golden, score_tables

FIXTURES = Path(__file__).parent / "fixtures" / "pdfs"
PDF_DIR = CORPUS / "pdf"
LHASA = "lhasa-2020-performance-management"
TIBET = "tibet-foreign-affairs-2022-performance-management-summary"
PRODUCERS = ["reportlab", "chromium", "libreoffice"]
RULED_LINES = FIXTURES / "shanghai-final-accounts-ruled-lines-multipage.pdf"
RECTANGLES = FIXTURES / "shanghai-final-accounts-rectangle-borders.pdf"
BOND = FIXTURES / "bond-prospectus-two-ruled-tables.pdf"
NINE_TABLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]


@cache
def pdf_tables(path: Path) -> tuple[Table, ...]:
    """Return the tables of a PDF, loaded and found once per test session."""
    return tuple(find_pdf_tables(LOAD(new_report(path))))


@cache
def staged_tables(path: Path) -> tuple[Table, ...]:
    """Return the tables of a PDF run through the stages up to `tables` (as scripts/measure_tables.py does)."""
    return tuple(tables_of_file(path).tables)


def table_titled(tables: tuple[Table, ...], caption: str) -> Table:
    """Return the one table with this caption."""
    matches = [t for t in tables if t.caption == caption]
    assert len(matches) == 1, [t.caption for t in tables]
    return matches[0]


def row_led_by(table: Table, text: str, column: int = 0):
    """Return the first row whose cell `column` reads `text`."""
    return next(row for row in table.rows if row.cells[column].text == text)


def column_of(table: Table, header: str) -> int:
    """Return the index of the column with this header."""
    return table.header.index(header)


def class_rows(table: Table) -> list:
    """Return the rows of 类 level: a three-digit 功能分类 code in the first column."""
    return [row for row in table.rows if len(row.cells[0].text) == 3 and row.cells[0].text.isdigit()]


def column_sum(rows: list, column: int) -> Decimal:
    """Return the sum of one column's values over rows (empty cells count 0)."""
    return sum((row.cells[column].value or Decimal(0) for row in rows), Decimal(0))


# --------------------------------------------------------------------------- grid helpers (fast)


def grid(cells: list[list[str | None]], boxes=None) -> Grid:
    """Return a Grid of cell texts with unit boxes (or the given ones)."""
    if boxes is None:
        boxes = [[None if c is None else (j * 10.0, i * 10.0, j * 10.0 + 10, i * 10.0 + 10) for j, c in enumerate(row)] for i, row in enumerate(cells)]
    return Grid("test", 1, (0, 0, 100, 100), cells, boxes)


def test_number_cut_by_a_wrap_is_joined_without_space():
    # LibreOffice wrapped 「得100%」 as 「得1」 / 「00%」 in the Tibet form (计算方法 of 预算公开完整性).
    assert join_cell_lines(["公告预算和决算信息完整率得1", "00%的,得1分"]) == "公告预算和决算信息完整率得100%的,得1分"
    assert join_cell_lines(["预算金额 (万", "元)"]) == "预算金额 (万\n元)"


def test_hanging_punctuation_stays_in_its_cell():
    # ReportLab prints 「、」 past the right border of the Tibet form's 计算方法 cell: x0 260.8 < border 262.
    comma = {"x0": 260.8, "x1": 267.8, "top": 596.5, "bottom": 603.5}
    x, _ = anchor(comma)
    assert x < 262


def test_total_heads_a_column_group_but_leads_a_total_row():
    # 三公 table: 合计 heads 预算数/决算数 (header rows follow it); 政府性基金 table: 合计 leads the total row.
    san_gong = grid([["财政拨款“三公”经费", None], ["合计", None], ["预算数", "决算数"], ["", ""]])
    assert header_row_count(san_gong) == 3
    fund = grid([["项目", "本年支出"], ["功能分类科目编码", None], ["合计", "合计"], ["", ""]])
    assert header_row_count(fund) == 2
    amounts = grid([["项目", "决算数"], ["本年收入合计", "307.82"]])
    assert header_row_count(amounts) == 1


def test_spanned_header_cells_are_joined_per_column():
    boxes = [
        [(0, 0, 20, 10), None, (20, 0, 30, 20)],
        [(0, 10, 10, 20), (10, 10, 20, 20), None],
    ]
    cells = [["项目", None, "本年收入合计"], ["功能分类科目编码", "科目名称", None]]
    assert joined_header(grid(cells, boxes), 2) == ["项目/功能分类科目编码", "项目/科目名称", "本年收入合计"]


def test_row_cut_by_page_break_versus_new_rows():
    previous = ["(六)预算公开细化程度", "预算公开细化程度", "0.5", "…公开到项级的,得0.5分;部门和单位,将公共预算和预", "定量"]
    rest = ["", "", "", "算功能分类公开到四级级的,得0.5分;否则不得分。", ""]
    assert is_cut_row(previous, rest)
    sub_item = ["", "", "2018年7月至2019年4月供暖补贴(居民天然气补贴)", "5,438.30", "", ""]
    assert not is_cut_row(["76", "暖心燃气热力有限公司", "2019年5月至12月城市供暖补贴", "2,864.46", "80.40", "良"], sub_item)
    next_heading = ["", "", "十六、金融支出", ""]
    assert not is_cut_row(["", "", "十五、商业服务业等支出", ""], next_heading)


# --------------------------------------------------------------------------- our renderings against the golden files


def rendering(stem: str, producer: str) -> Path:
    """Return the path of one rendering, skipping the test when it was not produced."""
    path = PDF_DIR / f"{stem}.{producer}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} not rendered")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("stem", [LHASA, TIBET])
def test_every_golden_cell_is_recovered(stem, producer):
    score = score_tables(list(staged_tables(rendering(stem, producer))), load_golden(stem))
    assert score.differences == []
    assert score.cell_accuracy == 1.0
    assert score.entry_accuracy == 1.0


@pytest.mark.slow
@pytest.mark.parametrize("producer", PRODUCERS)
def test_lhasa_entry_76_keeps_five_physical_lines(producer):
    tables = staged_tables(rendering(LHASA, producer))
    annex = table_titled(tables, "(1) 2019年部门预算项目支出财政重点评价结果汇总")
    entry = row_led_by(annex, "76")
    amounts = [line.cells[3].text for line in entry.sub_items]
    assert amounts == ["2,864.46", "5,438.30", "1,131.19", "2,560.89", "2,161.70"]
    # The spanned 序号/单位/得分/评定级别 cells are empty on lines 2-5, not copied down.
    assert [line.cells[0].text for line in entry.sub_items] == ["76", "", "", "", ""]
    assert [line.cells[4].text for line in entry.sub_items] == ["80.40", "", "", "", ""]
    assert row_led_by(annex, "合计", column=2).cells[3].text == "76,036.75"
    assert len(annex.pages) >= 3  # one table stitched over the page breaks


@pytest.mark.slow
@pytest.mark.parametrize("producer", PRODUCERS)
def test_lhasa_third_caption_has_no_table(producer):
    tables = staged_tables(rendering(LHASA, producer))
    lost = table_titled(tables, "(3) 2017—2020年市本级预算绩效评价情况对比")
    assert lost.no_table and lost.rows == []


@pytest.mark.slow
def test_method_and_losing_candidate_are_recorded():
    ruled = table_titled(staged_tables(rendering(LHASA, "reportlab")), "(2) 2019年部门预算整体支出财政重点评价结果汇总")
    assert ruled.method == "pdfplumber-lattice"
    part = ruled.quality["parts"][0]
    assert part["candidates"][0]["method"] == "camelot-lattice"
    assert 0 < part["candidates"][0]["score"] <= part["score"]
    assert ruled.quality["score"] == part["score"]  # one part: the table's score is that part's
    borderless = table_titled(staged_tables(rendering(TIBET, "chromium")), "2022年度自治区本级部门预算管理绩效考核自评表")
    assert "pdfplumber-text" in borderless.method
    assert borderless.pages == [2, 3, 4, 5]


# --------------------------------------------------------------------------- real PDFs


@pytest.mark.slow
def test_bond_prospectus_cells():
    expected = json.loads(BOND.with_suffix(".expected.json").read_text(encoding="utf-8"))["tables"]
    tables = pdf_tables(BOND)
    assert [t.caption for t in tables] == ["表7-1:发行人历史评级情况", "表7-2:截至2023年3月末发行人授信及使用情况"]
    for table, want in zip(tables, expected):
        got = [table.header] + [[cell.text for cell in row.cells] for row in table.rows]
        assert got == [[clean_line(text or "") for text in row] for row in want["rows"]]


@pytest.mark.slow
def test_shanghai_nine_standard_tables_found():
    captions = [t.caption for t in pdf_tables(RULED_LINES)]
    assert captions == NINE_TABLES


@pytest.mark.slow
def test_shanghai_tables_over_two_pages_are_stitched():
    tables = pdf_tables(RULED_LINES)
    assert table_titled(tables, "收入决算表").pages == [2, 3]
    assert table_titled(tables, "支出决算表").pages == [4, 5]
    assert table_titled(tables, "财政拨款收入支出决算总表").pages == [6, 7]
    income = table_titled(tables, "收入决算表")
    assert income.header[:3] == ["项目/功能分类科目编码", "项目/科目名称", "本年收入合计"]
    # The rows of page 3 (2101101 行政单位医疗 ... 2210203 购房补贴) follow those of page 2, no header in between.
    codes = [row.cells[0].text for row in income.rows]
    assert codes[-5:] == ["2101102", "221", "22102", "2210201", "2210203"]
    assert "功能分类科目编码" not in codes


def assert_total_row(table: Table, printed: dict[str, str], slack: str) -> None:
    """Assert the 合计 row prints `printed` under each header and the 类 rows add up to it within `slack`."""
    total = row_led_by(table, "合计")
    assert total.kind == "total"
    for header, value in printed.items():
        column = column_of(table, header)
        assert total.cells[column].value == Decimal(value)
        assert abs(column_sum(class_rows(table), column) - Decimal(value)) <= Decimal(slack)


@pytest.mark.slow
def test_shanghai_totals_equal_their_rows():
    tables = pdf_tables(RULED_LINES)
    # 收入决算表 and 支出决算表: the 类 rows add up to the 合计 row within a cent of rounding
    assert_total_row(table_titled(tables, "收入决算表"), {"本年收入合计": "307.82", "财政拨款收入": "307.82"}, "0.01")
    assert_total_row(table_titled(tables, "支出决算表"), {"本年支出合计": "307.82", "基本支出": "105.58", "项目支出": "202.24"}, "0.01")
    # 一般公共预算财政拨款支出决算表: exactly
    assert_total_row(table_titled(tables, "一般公共预算财政拨款支出决算表"), {"合计": "307.82", "基本支出": "105.58", "项目支出": "202.24"}, "0")
    overview = table_titled(tables, "收入支出决算总表")
    spent = [row.cells[3].value for row in overview.rows if row.cells[2].text.endswith("支出") and row.cells[3].value]
    assert sum(spent) == row_led_by(overview, "本年收入合计").cells[3].value == Decimal("307.82")


@pytest.mark.slow
def test_shanghai_rectangle_borders():
    tables = pdf_tables(RECTANGLES)
    assert [t.caption for t in tables] == ["收入支出决算总表", "收入决算表"]
    overview, income = tables
    assert overview.method == "pdfplumber-lattice"  # camelot put 一、一般公共服务支出 into the 决算数 cell
    assert row_led_by(overview, "一、一般公共预算财政拨款收入").cells[1].text == "9746.50"
    # 本年支出合计 (printed on the 本年收入合计 row, column 3) is the sum of the 支出 lines.
    spent = [row.cells[3].value for row in overview.rows if row.cells[2].text.endswith("支出") and row.cells[3].value]
    assert sum(spent) == row_led_by(overview, "本年收入合计").cells[3].value == Decimal("9759.38")
    assert row_led_by(overview, "总计").cells[1].value == Decimal("9746.50") + Decimal("112.88") == Decimal("9859.38")
    assert row_led_by(overview, "总计").cells[3].value == Decimal("9759.38") + Decimal("100.00")
    assert income.pages == [2, 3]
    total = row_led_by(income, "合计")
    assert total.cells[2].value == Decimal("9746.50")
    assert column_sum(class_rows(income), 2) == Decimal("9746.50")
    assert [row.cells[0].text for row in class_rows(income)] == ["208", "210", "212", "220", "221"]


def numbered_annex_pdf(path: Path) -> Path:
    """Write a page: caption (1) over a ruled table, then numbered prose lines (2), (4) and a caption (3) with prose, not a table, under it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from tests.hostile import draw_ruled_table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(60, 780, "(1) 2019年部门预算项目支出评价结果汇总")
    rows = [["序号", "项目名称", "预算金额(万元)", "得分"]] + [[str(k), f"重点项目{k}", f"{10 + k}.{k}5", f"{80 + k}"] for k in range(1, 6)]
    draw_ruled_table(pdf, rows)
    prose = [
        "(2)预算单位对绩效管理理念尚未牢固树立,加强绩",
        "效管理培训,提高预算单位的绩效意识。",
        "(3) 2017—2020年市本级预算绩效评价情况对比",
        "2019年项目支出和部门整体支出绩效评价结果",
        "(4)将预算绩效内部考核和外部考核相结合,确保第三方机构对",
        "评价结果负责。",
    ]
    for k, line in enumerate(prose):
        pdf.drawString(60, 560 - 18 * k, line)
    pdf.showPage()
    pdf.save()
    return path


def test_numbered_prose_after_a_table_is_not_a_caption_without_table(tmp_path):
    """Numbered like the annex's captions, only a line that names a table (…情况对比) is reported without its table; numbered prose is not."""
    from extractors.tables.pdf.finder import find_pdf_grids

    found = find_pdf_grids(numbered_annex_pdf(tmp_path / "numbered.pdf"))
    assert [(t.caption, t.no_table) for t in found] == [
        ("(1) 2019年部门预算项目支出评价结果汇总", False),
        ("(3) 2017—2020年市本级预算绩效评价情况对比", True),
    ]
    assert "2019年项目支出和部门整体支出绩效评价结果" in found[1].note


def test_numbered_prose_in_another_numbering_is_not_a_caption_without_table(tmp_path):
    """The benchmark's pages (tables captioned 表1, 表2; prose numbered (4), (5) after them) give no caption without a table."""
    from extractors.tables.pdf.finder import find_pdf_grids
    from tests.hostile import paged_pdf

    found = find_pdf_grids(paged_pdf(tmp_path / "paged-20.pdf", 20))
    assert [(t.caption, t.no_table) for t in found] == [("表1 2020年项目支出绩效评价结果汇总", False), ("表2 2020年项目支出绩效评价结果汇总", False)]
