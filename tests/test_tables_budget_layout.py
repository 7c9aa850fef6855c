"""The layout Excel/WPS give 部门预算 PDFs: a title line, an `编制部门:…  单位:元` line, a ruled table with two-level headers.

No real 部门预算 PDF of this layout is at hand (the Shanghai samples are 部门决算 with the unit on a
line of its own), so the page is drawn here with reportlab; every value asserted is one this file prints.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.tables.stage import tables_of_file

FONT = "STSong-Light"
A4_LANDSCAPE = (841.89, 595.28)
LEFT = 60.0
WIDTHS = [90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0]
ROW = 22.0


def draw_page(canvas) -> None:
    """Draw the title, the label line and the 三公 budget table with its two header levels."""
    width, height = A4_LANDSCAPE
    right = LEFT + sum(WIDTHS)
    xs = [LEFT]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    canvas.setFont(FONT, 16)
    canvas.drawCentredString(width / 2, height - 60, "2025年一般公共预算“三公”经费支出预算表")
    canvas.setFont(FONT, 10)
    canvas.drawString(LEFT, height - 88, "编制部门:上海市普陀区财政局")
    canvas.drawRightString(right, height - 88, "单位:元")
    top = height - 100
    rows = [top - k * ROW for k in range(5)]
    # Horizontal rules: the full width at the top, under the header and under each data row; the
    # rule between the two header levels runs only under 公务用车购置及运行费 (columns 3-5).
    for y in (rows[0], rows[2], rows[3], rows[4]):
        canvas.line(LEFT, y, right, y)
    canvas.line(xs[3], rows[1], xs[6], rows[1])
    for k, x in enumerate(xs):
        canvas.line(x, rows[0], x, rows[2]) if k in (0, 1, 2, 3, 6, 7) else canvas.line(x, rows[1], x, rows[2])
        canvas.line(x, rows[2], x, rows[4])
    spanned = {0: "单位名称", 1: "合计", 2: "因公出国(境)费", 6: "公务接待费"}
    for column, text in spanned.items():
        canvas.drawCentredString((xs[column] + xs[column + 1]) / 2, rows[0] - 26, text)
    canvas.drawCentredString((xs[3] + xs[6]) / 2, rows[0] - 15, "公务用车购置及运行费")
    for column, text in zip((3, 4, 5), ("小计", "购置费", "运行费")):
        canvas.drawCentredString((xs[column] + xs[column + 1]) / 2, rows[1] - 15, text)
    data = [["上海市普陀区财政局", "95,000.00", "0.00", "60,000.00", "0.00", "60,000.00", "35,000.00"], ["合计", "95,000.00", "0.00", "60,000.00", "0.00", "60,000.00", "35,000.00"]]
    for r, values in enumerate(data):
        for column, text in enumerate(values):
            canvas.drawString(xs[column] + 4, rows[2 + r] - 15, text)


@pytest.fixture(scope="module")
def budget_table(tmp_path_factory):
    """Return the one table found on the drawn page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    path: Path = tmp_path_factory.mktemp("budget") / "budget.pdf"
    canvas = Canvas(str(path), pagesize=A4_LANDSCAPE)
    draw_page(canvas)
    canvas.showPage()
    canvas.save()
    tables = [t for t in tables_of_file(path).tables if not t.no_table]
    assert len(tables) == 1
    return tables[0]


def test_title_is_the_caption_and_the_label_line_gives_issuer_and_unit(budget_table):
    assert budget_table.caption == "2025年一般公共预算“三公”经费支出预算表"
    assert budget_table.issuer == "上海市普陀区财政局"
    assert budget_table.unit == "元"


def test_two_level_header_is_flattened_and_the_sub_row_is_no_total(budget_table):
    assert budget_table.header == [
        "单位名称",
        "合计",
        "因公出国(境)费",
        "公务用车购置及运行费/小计",
        "公务用车购置及运行费/购置费",
        "公务用车购置及运行费/运行费",
        "公务接待费",
    ]
    assert [row.kind for row in budget_table.rows] == ["data", "total"]


def test_the_unit_goes_onto_every_amount_cell(budget_table):
    first = budget_table.rows[0]
    assert [(c.value, c.unit) for c in first.cells[1:]] == [
        (Decimal("95000.00"), "元"),
        (Decimal("0.00"), "元"),
        (Decimal("60000.00"), "元"),
        (Decimal("0.00"), "元"),
        (Decimal("60000.00"), "元"),
        (Decimal("35000.00"), "元"),
    ]
