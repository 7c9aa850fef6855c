"""Page geometry: text outside a page's visible box is dropped at load, for text, tables and figures alike.

No real PDF at hand carries text outside its page (the issue's WPS export, with a copy of the
previous page's text above the page box, is not among ../shared/real-pdfs), so the PDF is drawn
here with reportlab: every value asserted below is a value this file itself prints on the page.

* page 1, A4 portrait: a ruled table, and above the page (chars with top < 0) a copy of text that
  a viewer never shows;
* page 2, A4 landscape with a crop box 30 pt inside the media box: a ruled table, and printer's
  marks in the cropped-away margin;
* page 3, A5 portrait: a ruled table on a smaller page.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.load_pdf import read_pdf_pages, visible_box
from extractors.tables.stage import tables_of_file

FONT = "STSong-Light"
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
CROP_MARGIN = 30.0
HIDDEN_ABOVE = "上页副本残留文字 合计 8888.88"
HIDDEN_MARGIN = "裁切标记 7777.77"


def draw_table(canvas, left: float, top: float, rows: list[list[str]], widths: list[float]) -> None:
    """Draw a ruled table whose top-left corner is (left, top) in PDF coordinates (y up)."""
    height = 20.0
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    ys = [top - k * height for k in range(len(rows) + 1)]
    canvas.grid(xs, ys)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            canvas.drawString(xs[c] + 4, ys[r] - 14, text)


def build_pdf(path: Path) -> None:
    """Write the three-page PDF described in the module docstring."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    canvas = Canvas(str(path), pagesize=A4)
    # Page 1: a table, and a copy of other text drawn above the page box.
    canvas.setFont(FONT, 12)
    canvas.drawString(72, A4[1] + 20, HIDDEN_ABOVE)
    canvas.drawString(72, A4[1] - 72, "表1 项目支出明细表")
    canvas.setFont(FONT, 10)
    draw_table(canvas, 72, A4[1] - 90, [["项目", "预算数", "执行数"], ["办公费", "120.00", "118.50"], ["印刷费", "30.00", "29.00"], ["合计", "150.00", "147.50"]], [150, 100, 100])
    canvas.showPage()
    # Page 2: landscape, cropped; marks in the margin the crop box hides.
    canvas.setPageSize((A4[1], A4[0]))
    canvas.setCropBox((CROP_MARGIN, CROP_MARGIN, A4[1] - CROP_MARGIN, A4[0] - CROP_MARGIN))
    canvas.setFont(FONT, 10)
    canvas.drawString(5, A4[0] - 15, HIDDEN_MARGIN)
    canvas.setFont(FONT, 12)
    canvas.drawString(72, A4[0] - 72, "表2 部门收入预算表")
    canvas.setFont(FONT, 10)
    draw_table(canvas, 72, A4[0] - 90, [["收入项目", "上年数", "本年数", "增减"], ["财政拨款", "500.00", "560.00", "60.00"], ["其他收入", "20.00", "10.00", "-10.00"]], [200, 120, 120, 120])
    canvas.showPage()
    # Page 3: a smaller page.
    canvas.setPageSize(A5)
    canvas.setFont(FONT, 12)
    canvas.drawString(40, A5[1] - 60, "表3 人员情况表")
    canvas.setFont(FONT, 10)
    draw_table(canvas, 40, A5[1] - 80, [["类别", "编制数", "实有数"], ["行政", "12", "11"], ["事业", "8", "8"]], [120, 100, 100])
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def geometry_pdf(tmp_path_factory) -> Path:
    """Return the path of the drawn three-page PDF."""
    path = tmp_path_factory.mktemp("geometry") / "geometry.pdf"
    build_pdf(path)
    return path


def test_text_outside_the_visible_box_is_dropped_at_load(geometry_pdf):
    pages = read_pdf_pages(geometry_pdf)
    text = "\n".join(p.text for p in pages)
    assert "8888.88" not in text and "上页副本" not in text
    assert "7777.77" not in text and "裁切标记" not in text
    assert "表1 项目支出明细表" in pages[0].text
    assert "表2 部门收入预算表" in pages[1].text
    assert "表3 人员情况表" in pages[2].text


def test_pages_of_mixed_size_and_orientation_keep_their_own_geometry(geometry_pdf):
    pages = read_pdf_pages(geometry_pdf)
    assert [(round(p.width), round(p.height)) for p in pages] == [(595, 842), (842, 595), (420, 595)]


def test_the_visible_box_is_the_crop_box_within_the_media_box(geometry_pdf):
    import pdfplumber

    with pdfplumber.open(geometry_pdf) as pdf:
        assert visible_box(pdf.pages[0]) == pytest.approx((0, 0, A4[0], A4[1]))
        assert visible_box(pdf.pages[1]) == pytest.approx((CROP_MARGIN, CROP_MARGIN, A4[1] - CROP_MARGIN, A4[0] - CROP_MARGIN))


def test_tables_read_only_the_visible_page(geometry_pdf):
    tables = [t for t in tables_of_file(geometry_pdf).tables if not t.no_table]
    assert [t.caption for t in tables] == ["表1项目支出明细表", "表2部门收入预算表", "表3人员情况表"]
    assert [t.header for t in tables] == [["项目", "预算数", "执行数"], ["收入项目", "上年数", "本年数", "增减"], ["类别", "编制数", "实有数"]]
    assert [[c.text for c in r.cells] for r in tables[0].rows] == [["办公费", "120.00", "118.50"], ["印刷费", "30.00", "29.00"], ["合计", "150.00", "147.50"]]
    assert [[c.text for c in r.cells] for r in tables[1].rows][1] == ["其他收入", "20.00", "10.00", "-10.00"]
    assert [t.pages for t in tables] == [[1], [2], [3]]
    every_cell = " ".join(c.text for t in tables for r in t.rows for c in r.cells)
    assert "8888.88" not in every_cell and "7777.77" not in every_cell


def build_continued_pdf(path: Path) -> None:
    """Write a table over two pages: A4 portrait, then a 续表 line, the header repeated and the rest on A4 landscape."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    header = ["单位", "预算数", "执行数"]
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(FONT, 12)
    canvas.drawString(72, A4[1] - 72, "表4 单位预算执行情况表")
    canvas.setFont(FONT, 9)
    canvas.drawRightString(422, A4[1] - 86, "单位:万元")
    rows = [header] + [[f"第{k}单位", f"{100 + k}.00", f"{90 + k}.50"] for k in range(1, 34)]
    draw_table(canvas, 72, A4[1] - 90, rows, [150, 100, 100])
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 30, "- 1 -")
    canvas.showPage()
    canvas.setPageSize((A4[1], A4[0]))
    canvas.setFont(FONT, 12)
    canvas.drawString(72, A4[0] - 60, "续表")
    canvas.setFont(FONT, 9)
    draw_table(canvas, 72, A4[0] - 70, [header] + [[f"第{k}单位", f"{100 + k}.00", f"{90 + k}.50"] for k in range(34, 40)], [150, 100, 100])
    canvas.drawCentredString(A4[1] / 2, 30, "- 2 -")
    canvas.showPage()
    canvas.save()


def test_a_table_goes_on_under_a_continued_caption_on_a_page_of_another_orientation(tmp_path):
    path = tmp_path / "continued.pdf"
    build_continued_pdf(path)
    tables = [t for t in tables_of_file(path).tables if not t.no_table]
    assert len(tables) == 1
    table = tables[0]
    assert (table.caption, table.unit, table.pages) == ("表4单位预算执行情况表", "万元", [1, 2])
    assert table.header == ["单位", "预算数", "执行数"]
    assert [r.cells[0].text for r in table.rows] == [f"第{k}单位" for k in range(1, 40)]  # the repeated header dropped
    assert table.rows[-1].cells[2].value == Decimal("129.50")
