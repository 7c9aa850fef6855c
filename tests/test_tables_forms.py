"""Project forms (绩效目标表): each form is its own table, even when two share one ruled grid on a page.

No real PDF at hand prints two forms in one grid (the Shanghai 部门决算 samples hold no
绩效目标表), so the pages are drawn here with reportlab in the layout Excel/WPS exports give:
forms one under the other with touching borders. Every value asserted is one this file prints.

* page 1: form A (title line above the grid), then form B inside the same grid, introduced by a
  title row printed across the grid;
* page 2: form C (title line above), then form D in the same grid with no title row: it starts
  at its own 项目名称 row;
* page 3: form E alone, at the top of the page after form D: a new form, never a continuation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.tables.stage import tables_of_file

FONT = "STSong-Light"
A4 = (595.28, 841.89)
LEFT = 60.0
WIDTHS = [110.0, 150.0, 100.0, 110.0]
ROW = 20.0


def form_rows(name: str, department: str, amount: str, indicator: str, target: str) -> list[list[str]]:
    """Return the rows of one 绩效目标表 (label | value pairs, then its indicators)."""
    return [
        ["项目名称", name, "主管部门", department],
        ["项目资金(万元)", amount, "实施期限", "2025年"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", indicator, target],
        ["效益指标", "社会效益指标", "服务对象满意度", "≥90%"],
    ]


def draw_rows(canvas, top: float, rows: list[list[str] | str]) -> float:
    """Draw ruled rows from `top` down (a str row is one cell across the grid); return the bottom."""
    right = LEFT + sum(WIDTHS)
    xs = [LEFT]
    for width in WIDTHS:
        xs.append(xs[-1] + width)
    y = top
    canvas.line(LEFT, y, right, y)
    for row in rows:
        bottom = y - ROW
        canvas.line(LEFT, bottom, right, bottom)
        if isinstance(row, str):
            canvas.line(LEFT, y, LEFT, bottom)
            canvas.line(right, y, right, bottom)
            canvas.drawCentredString((LEFT + right) / 2, y - 14, row)
        else:
            for x in xs:
                canvas.line(x, y, x, bottom)
            for c, text in enumerate(row):
                canvas.drawString(xs[c] + 3, y - 14, text)
        y = bottom
    return y


def build_pdf(path: Path) -> None:
    """Write the three pages described in the module docstring."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(FONT, 14)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 70, "2025年项目支出绩效目标表")
    canvas.setFont(FONT, 9)
    rows: list[list[str] | str] = form_rows("社区养老服务补贴", "上海市普陀区民政局", "120.00", "服务老人人数", "≥500人")
    rows += ["2025年项目支出绩效目标表"] + form_rows("老旧小区加装电梯", "上海市普陀区住房保障局", "860.50", "加装电梯数", "≥40台")
    draw_rows(canvas, A4[1] - 90, rows)
    canvas.showPage()
    canvas.setFont(FONT, 14)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 70, "2025年项目支出绩效目标表")
    canvas.setFont(FONT, 9)
    rows = form_rows("河道保洁", "上海市普陀区水务局", "75.30", "保洁河道长度", "≥30公里")
    rows += form_rows("公共文化配送", "上海市普陀区文化旅游局", "42.00", "配送场次", "≥200场")
    draw_rows(canvas, A4[1] - 90, rows)
    canvas.showPage()
    canvas.setFont(FONT, 9)
    draw_rows(canvas, A4[1] - 60, form_rows("校园食品安全检测", "上海市普陀区教育局", "18.60", "检测批次", "≥1200批"))
    canvas.showPage()
    canvas.save()


@pytest.fixture(scope="module")
def form_tables(tmp_path_factory) -> list:
    """Return the tables found in the drawn forms PDF."""
    path = tmp_path_factory.mktemp("forms") / "forms.pdf"
    build_pdf(path)
    return [t for t in tables_of_file(path).tables if not t.no_table]


def test_each_form_is_its_own_table(form_tables):
    names = [t.fields[0][0][1] for t in form_tables]  # each form's 项目名称 field
    assert names == ["社区养老服务补贴", "老旧小区加装电梯", "河道保洁", "公共文化配送", "校园食品安全检测"]
    assert [t.pages for t in form_tables] == [[1], [1], [2], [2], [3]]


def test_a_form_has_its_fields_its_indicator_header_and_its_indicators(form_tables):
    # docs/table-conventions.md: the rows above the indicator header are the form's fields
    second = form_tables[1]
    assert second.fields == [
        [["项目名称", "老旧小区加装电梯"], ["主管部门", "上海市普陀区住房保障局"]],
        [["项目资金(万元)", "860.50"], ["实施期限", "2025年"]],
    ]
    assert second.header == ["一级指标", "二级指标", "三级指标", "指标值"]
    assert [[c.text for c in r.cells] for r in second.rows] == [
        ["产出指标", "数量指标", "加装电梯数", "≥40台"],
        ["效益指标", "社会效益指标", "服务对象满意度", "≥90%"],
    ]


def test_a_form_title_row_is_the_caption_of_the_form_below_it(form_tables):
    assert [t.caption for t in form_tables[:3]] == ["2025年项目支出绩效目标表"] * 3
    assert form_tables[3].caption is None  # form D prints no title of its own
