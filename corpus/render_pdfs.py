#!/usr/bin/env python3
"""Render corpus reports to PDF with several producers, as test data for table extraction.

Usage::

    python corpus/render_pdfs.py                      # every report, every producer
    python corpus/render_pdfs.py --producers reportlab chromium

Each report in ``REPORTS`` is parsed from its UTF-8 text file (blank lines
separate paragraphs; annex tables are tab-separated lines, and blank lines
inside a table are page breaks of the original, not part of the table) and
written to ``corpus/pdf/<stem>.<producer>.pdf``:

* ``reportlab``   -- reportlab, built-in CID font STSong-Light (no font
  file), A4, ruled ``GRID`` tables, header repeated, ``SPAN`` for merged
  entries (never split across pages), no page footer.
* ``chromium``    -- an HTML page printed by headless Debian chromium, Noto
  CJK fonts, borderless tables (one rule under the header), ``<thead>``
  repeated, ``rowspan`` for merged entries, footer ``— N —`` from a CSS
  ``@page`` margin box.
* ``libreoffice`` -- a flat ODF text document (.fodt) converted by
  ``soffice --headless``, Noto Serif CJK SC, ruled tables, repeated header
  rows, ``number-rows-spanned`` for merged entries, footer ``— N —``.

Every producer also takes a ``PageLayout`` (orientation, margins, footer, chromium's own print
header/footer, ...) and honours per-table layout options (``Table.font_size``, ``ruled``,
``repeat_header``, ``break_before``, multi-level ``head_spans``): tests/stress prints the golden
tables with seeded random layouts through them. Without a layout the output is the one above.

This is a test-data generator, not the pipeline: it does its own simple tab
split.  Debian packages needed to regenerate: ``chromium``,
``fonts-noto-cjk``, ``libreoffice-writer-nogui`` (and ``poppler-utils`` to
look at the result).  The reportlab producer needs only the Python venv.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union
from xml.sax.saxutils import escape

CORPUS_DIR = Path(__file__).resolve().parent
OUT_DIR = CORPUS_DIR / "pdf"
REPORTS = (
    "lhasa-2020-performance-management",
    "tibet-foreign-affairs-2022-performance-management-summary",
)
HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
CJK_FONT_STACK = '"Noto Sans CJK SC", "Noto Serif CJK SC"'
CHROMIUM_TIMEOUT_S = 180
SOFFICE_TIMEOUT_S = 300
SHORT_COLUMN_EM = 4.0  # columns whose text is at most this wide (+1 em) get exactly their width
LONG_COLUMN_CAP_EM = 30.0  # wider columns share the rest in proportion to their text, capped
PT_PER_CM = 72 / 2.54
HTML_SIDE_MARGIN_MM = 18
HTML_TEXT_WIDTH_PT = (210 - 2 * HTML_SIDE_MARGIN_MM) / 10 * PT_PER_CM  # A4 width minus @page margins


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


@dataclass
class Para:
    """One paragraph of running text (or a table title printed centred, as Excel/WPS exports print it)."""

    text: str
    centred_title: bool = False
    break_before: bool = False  # a page break is forced before this paragraph (a 续表 label over a table's next part)


@dataclass
class Table:
    """One tab-separated table: header row first, then body rows."""

    rows: list[list[str]]
    merges: dict[int, "Merge"] = field(default_factory=dict)
    # Layout options (the defaults give the corpus renderings; tests/stress varies them).
    head_rows: int = 1  # rows at the top that are header rows (0: a continuation part printed without header)
    head_spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # header (row, col) -> (rowspan, colspan)
    font_size: float | None = None  # cell font size in points; None: by column count (table_font_size)
    ruled: bool | None = None  # every cell ruled / only a rule under the header; None: the producer's default
    repeat_header: bool = True  # the header rows are repeated on every page the table runs onto
    break_before: bool = False  # a page break is forced before this table (the next part of a split table)
    natural: list[float] | None = None  # column text widths (em) shared by all parts of one split table

    @property
    def ncols(self) -> int:
        """Number of columns (all rows have the same count)."""
        return len(self.rows[0])


@dataclass
class SplitLine:
    """One line with text at the left and at the right margin (编制部门:… / 单位:元 under a title)."""

    left: str
    right: str


@dataclass(frozen=True)
class PageLayout:
    """Page geometry and furniture of one rendering; the defaults give the corpus renderings."""

    landscape: bool = False
    margins_mm: tuple[float, float, float, float] | None = None  # top, right, bottom, left; None: the producer's own
    footer: str | None = None  # None: the producer's own; else a key of FOOTERS
    browser_header_footer: bool = False  # chromium prints its own date/title header and URL/n-N footer
    running_header: str | None = None  # a line printed at the top of every page (reportlab, chromium)
    offpage_text: str | None = None  # reportlab: a line drawn above every page's visible box, as some WPS exports carry
    turn_at_breaks: bool = False  # reportlab: each forced page break turns the page (portrait <-> landscape)


# Page footers a rendering can print; {page} and {pages} are the page number and count.
FOOTERS = {"none": "", "dash": "— {page} —", "hyphen": "- {page} -", "page_of": "第 {page} 页 共 {pages} 页"}
A4_MM = (210.0, 297.0)


def page_size_mm(layout: PageLayout) -> tuple[float, float]:
    """Width and height of the page in millimetres."""
    return (A4_MM[1], A4_MM[0]) if layout.landscape else A4_MM


def margins_mm(layout: PageLayout, default: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The layout's margins (top, right, bottom, left), else the producer's default."""
    return layout.margins_mm or default


def text_width_pt(layout: PageLayout, default: tuple[float, float, float, float]) -> float:
    """Width between the left and right margins, in points."""
    top, right, bottom, left = margins_mm(layout, default)
    return (page_size_mm(layout)[0] - left - right) / 10 * PT_PER_CM


@dataclass
class Merge:
    """A merged entry: ``height`` physical rows; ``cols`` span all of them."""

    height: int
    cols: tuple[int, ...]


Block = Union[Para, Table, SplitLine]


@dataclass
class Report:
    """A parsed report: its stem, title and the blocks after the title."""

    stem: str
    title: str
    blocks: list[Block]


def is_blank(line: str) -> bool:
    """True for an empty or whitespace-only line."""
    return not line.strip()


def is_table_line(line: str) -> bool:
    """True for a tab-separated table line."""
    return "\t" in line


def split_blocks(lines: list[str]) -> list[Block]:
    """Group lines into paragraphs and tables; blank lines inside a table are dropped."""
    blocks: list[Block] = []
    for line in lines:
        if is_blank(line):
            continue
        if is_table_line(line):
            cells = line.split("\t")
            last = blocks[-1] if blocks else None
            if isinstance(last, Table) and last.ncols == len(cells):
                last.rows.append(cells)
            else:
                blocks.append(Table(rows=[cells]))
        else:
            blocks.append(Para(text=line.strip()))
    return blocks


def is_continuation(row: list[str]) -> bool:
    """True for a continuation line of a merged entry (two empty leading cells, not 合计)."""
    return len(row) > 2 and row[0] == "" and row[1] == "" and "合计" not in row


def find_merges(rows: list[list[str]]) -> dict[int, Merge]:
    """Find merged entries: an anchor row followed by continuation rows."""
    merges: dict[int, Merge] = {}
    i = 1
    while i < len(rows):
        j = i + 1
        while j < len(rows) and is_continuation(rows[j]):
            j += 1
        if j - i > 1:
            cont = rows[i + 1 : j]
            cols = tuple(c for c in range(len(rows[i])) if all(r[c] == "" for r in cont))
            merges[i] = Merge(height=j - i, cols=cols)
        i = j
    return merges


def parse_report(stem: str) -> Report:
    """Parse ``corpus/<stem>.txt`` into a title and blocks."""
    lines = (CORPUS_DIR / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    blocks = split_blocks(lines)
    for block in blocks:
        if isinstance(block, Table):
            block.merges = find_merges(block.rows)
    first = blocks.pop(0)
    assert isinstance(first, Para), "a report starts with its title"
    return Report(stem=stem, title=first.text, blocks=blocks)


def is_heading(text: str) -> bool:
    """True for a short section heading like ``一、...``."""
    return bool(HEADING_RE.match(text)) and len(text) <= 30


def spanned_cells(table: Table) -> set[tuple[int, int]]:
    """(row, col) cells covered by a row span (not the anchor cell itself)."""
    covered: set[tuple[int, int]] = set()
    for r0, merge in table.merges.items():
        for r in range(r0 + 1, r0 + merge.height):
            covered.update((r, c) for c in merge.cols)
    return covered


def table_font_size(table: Table) -> float:
    """Cell font size in points: the table's own, else smaller for wide tables."""
    if table.font_size is not None:
        return table.font_size
    return 9.0 if table.ncols <= 6 else 7.0


def visual_len(text: str) -> float:
    """Approximate width of text in em (ASCII counts half)."""
    return sum(0.55 if ord(ch) < 128 else 1.0 for ch in text)


def header_leaf(table: Table, col: int) -> str:
    """The lowest header cell of a column that spans no other column ('' if none)."""
    for r in range(table.head_rows - 1, -1, -1):
        if table.head_spans.get((r, col), (1, 1))[1] == 1 and not header_covered(table, r, col):
            return table.rows[r][col]
    return ""


def header_covered(table: Table, r: int, c: int) -> bool:
    """True for a header cell covered by another header cell's span."""
    return any(
        (r0, c0) != (r, c) and r0 <= r < r0 + rs and c0 <= c < c0 + cs
        for (r0, c0), (rs, cs) in table.head_spans.items()
    )


def natural_len(table: Table, col: int) -> float:
    """Width a column wants, in em: its longest body cell, at least its header (capped)."""
    body = max(visual_len(row[col]) for row in table.rows[table.head_rows :] or [[""] * table.ncols])
    header = min(visual_len(header_leaf(table, col)), SHORT_COLUMN_EM)
    return max(body, header)


def column_widths(table: Table, total: float) -> list[float]:
    """Column widths summing to ``total``: short columns fit their text, long ones share the rest."""
    em = table_font_size(table)
    natural = table.natural or [natural_len(table, c) for c in range(table.ncols)]
    fixed = {c: (n + 1.2) * em for c, n in enumerate(natural) if n <= SHORT_COLUMN_EM + 1}
    flex = {c: min(n, LONG_COLUMN_CAP_EM) for c, n in enumerate(natural) if c not in fixed}
    rest = total - sum(fixed.values())
    return [fixed[c] if c in fixed else rest * flex[c] / sum(flex.values()) for c in range(table.ncols)]


# --------------------------------------------------------------------------
# Producer 1: reportlab
# --------------------------------------------------------------------------


def reportlab_styles() -> dict[str, object]:
    """Paragraph styles using the built-in CID font STSong-Light."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    base = dict(fontName="STSong-Light", wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=12, **base),
        "heading": ParagraphStyle("heading", fontSize=12, leading=18, spaceBefore=6, spaceAfter=4, **base),
        "body": ParagraphStyle("body", fontSize=10.5, leading=17, firstLineIndent=21, spaceAfter=4, **base),
        "table_title": ParagraphStyle("table_title", fontSize=14, leading=20, alignment=TA_CENTER, spaceBefore=8, spaceAfter=6, **base),
    }


def reportlab_cell_style(size: float) -> object:
    """Paragraph style for table cells of the given font size."""
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"cell{size}", fontName="STSong-Light", fontSize=size, leading=size * 1.3, wordWrap="CJK")


def reportlab_table(table: Table, width: float) -> object:
    """A ruled reportlab Table with Paragraph cells, repeated header and SPANs."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RLTable

    style = reportlab_cell_style(table_font_size(table))
    covered = spanned_cells(table)
    data = [
        ["" if (r, c) in covered or header_covered(table, r, c) else Paragraph(escape(cell), style) for c, cell in enumerate(row)]
        for r, row in enumerate(table.rows)
    ]
    widths = column_widths(table, width)
    rules: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    if table.ruled is False:  # borderless: one rule under the header, as the chromium rendering
        rules = [("LINEBELOW", (0, table.head_rows - 1), (-1, table.head_rows - 1), 0.75, colors.black)] if table.head_rows else []
    commands: list[tuple] = rules + [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for (r0, c0), (rowspan, colspan) in table.head_spans.items():
        commands.append(("SPAN", (c0, r0), (c0 + colspan - 1, r0 + rowspan - 1)))
    for r0, merge in table.merges.items():
        r1 = r0 + merge.height - 1
        commands += [("SPAN", (c, r0), (c, r1)) for c in merge.cols]
        commands.append(("NOSPLIT", (0, r0), (-1, r1)))
    repeat = table.head_rows if table.repeat_header else 0
    return RLTable(data, colWidths=widths, repeatRows=repeat, style=commands)


def reportlab_split_line(line: SplitLine, width: float) -> object:
    """A borderless one-row table: text at the left, text flush right."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as RLTable

    left = ParagraphStyle("split-left", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    right = ParagraphStyle("split-right", parent=left, alignment=TA_RIGHT)
    cells = [[Paragraph(escape(line.left), left), Paragraph(escape(line.right), right)]]
    return RLTable(cells, colWidths=[width * 0.7, width * 0.3], style=[("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def reportlab_page_break(templates: list[str] | None) -> list[object]:
    """A forced page break; with page templates, the next page takes the next template (its orientation turns)."""
    from reportlab.platypus import NextPageTemplate, PageBreak

    if not templates:
        return [PageBreak()]
    templates.append(templates.pop(0))
    return [NextPageTemplate(templates[0]), PageBreak()]


def reportlab_flowables(report: Report, width: float, templates: list[str] | None = None) -> list[object]:
    """Flowables for the whole report (forced breaks cycle through `templates` if given)."""
    from reportlab.platypus import Paragraph, Spacer

    styles = reportlab_styles()
    flow: list[object] = [Paragraph(escape(report.title), styles["title"])]
    for block in report.blocks:
        if isinstance(block, Table) and block.break_before:
            flow += reportlab_page_break(templates) + [reportlab_table(block, width), Spacer(1, 8)]
        elif isinstance(block, Table):
            flow += [Spacer(1, 4), reportlab_table(block, width), Spacer(1, 8)]
        elif isinstance(block, SplitLine):
            flow.append(reportlab_split_line(block, width))
        else:
            style = styles["heading"] if is_heading(block.text) else styles["body"]
            style = styles["table_title"] if block.centred_title else style
            flow += reportlab_page_break(templates) if block.break_before else []
            flow.append(Paragraph(escape(block.text), style))
    return flow


REPORTLAB_MARGINS_MM = (20.0, 18.0, 20.0, 18.0)


def reportlab_canvas_maker(layout: PageLayout) -> type:
    """A canvas class that prints the layout's running header and footer once the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    footer = FOOTERS[layout.footer or "none"]
    top, right, bottom, left = margins_mm(layout, REPORTLAB_MARGINS_MM)
    mm = PT_PER_CM / 10

    class FurnitureCanvas(Canvas):
        """Keeps every page until save(), then draws the furniture with the total page count."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self.pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self.pages, start=1):
                self.__dict__.update(state)
                width, height = self._pagesize
                self.setFont("STSong-Light", 9)
                if footer:
                    self.drawCentredString(width / 2, bottom * mm / 2, footer.format(page=number, pages=len(self.pages)))
                if layout.running_header:
                    self.drawCentredString(width / 2, height - top * mm / 2, layout.running_header)
                if layout.offpage_text:  # outside the media box: a reader must not take it for page text
                    self.drawString(left * mm, height + 14, layout.offpage_text)
                super().showPage()
            super().save()

    return FurnitureCanvas


def render_reportlab(report: Report, out: Path, workdir: Path, layout: PageLayout | None = None) -> None:
    """Write the reportlab rendering of a report."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm, mm
    from reportlab.platypus import SimpleDocTemplate

    rl_config.invariant = 1  # reproducible bytes: fixed dates and document id
    if layout is None:  # the corpus rendering, unchanged
        margin = 1.8 * cm
        doc = SimpleDocTemplate(
            str(out), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=2 * cm, bottomMargin=2 * cm,
            title=report.title, author="govreports corpus/render_pdfs.py", creator="reportlab",
        )
        doc.build(reportlab_flowables(report, A4[0] - 2 * margin))
        return
    top, right, bottom, left = margins_mm(layout, REPORTLAB_MARGINS_MM)
    size = landscape(A4) if layout.landscape else A4
    if layout.turn_at_breaks:
        render_reportlab_turning(report, out, layout)
        return
    doc = SimpleDocTemplate(
        str(out), pagesize=size, leftMargin=left * mm, rightMargin=right * mm, topMargin=top * mm, bottomMargin=bottom * mm,
        title=report.title, author="govreports corpus/render_pdfs.py", creator="reportlab",
    )
    doc.build(reportlab_flowables(report, size[0] - (left + right) * mm), canvasmaker=reportlab_canvas_maker(layout))


def render_reportlab_turning(report: Report, out: Path, layout: PageLayout) -> None:
    """Write a reportlab rendering whose page orientation turns at every forced page break."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    top, right, bottom, left = margins_mm(layout, REPORTLAB_MARGINS_MM)
    sizes = {"portrait": A4, "landscape": landscape(A4)}
    order = ["landscape", "portrait"] if layout.landscape else ["portrait", "landscape"]
    templates = [
        PageTemplate(id=name, pagesize=size, frames=[Frame(left * mm, bottom * mm, size[0] - (left + right) * mm, size[1] - (top + bottom) * mm, id=name)])
        for name, size in ((n, sizes[n]) for n in order)
    ]
    doc = BaseDocTemplate(
        str(out), pagesize=sizes[order[0]], pageTemplates=templates,
        title=report.title, author="govreports corpus/render_pdfs.py", creator="reportlab",
    )
    width = A4[0] - (left + right) * mm  # tables as wide as a portrait page allows: they fit both orientations
    doc.build(reportlab_flowables(report, width, list(order)), canvasmaker=reportlab_canvas_maker(layout))


# --------------------------------------------------------------------------
# Producer 2: chromium (HTML)
# --------------------------------------------------------------------------

HTML_CSS = f"""
@page {{
  size: A4;
  margin: 20mm {HTML_SIDE_MARGIN_MM}mm 22mm {HTML_SIDE_MARGIN_MM}mm;
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {CJK_FONT_STACK}; font-size: 10pt; }}
}}
body {{ font-family: {CJK_FONT_STACK}; font-size: 10.5pt; line-height: 1.6; margin: 0; }}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 12pt 0; }}
h2 {{ font-size: 12pt; margin: 8pt 0 4pt 0; }}
p {{ text-indent: 2em; margin: 0 0 4pt 0; }}
table {{ border-collapse: collapse; table-layout: fixed; width: 100%; margin: 4pt 0 10pt 0; line-height: 1.3; }}
thead {{ display: table-header-group; }}
th {{ border-bottom: 1px solid #000; font-weight: bold; text-align: left; }}
th, td {{ padding: 2px 4px; vertical-align: top; }}
tr {{ break-inside: auto; }}
"""


def html_row(table: Table, r: int, covered: set[tuple[int, int]], tag: str) -> str:
    """One <tr> with rowspan on merged-entry anchor cells (and row/colspans in the header)."""
    merge = table.merges.get(r)
    cells = []
    for c, text in enumerate(table.rows[r]):
        if (r, c) in covered or header_covered(table, r, c):
            continue
        span = f' rowspan="{merge.height}"' if merge and c in merge.cols else ""
        rowspan, colspan = table.head_spans.get((r, c), (1, 1))
        span += f' rowspan="{rowspan}"' if rowspan > 1 else ""
        span += f' colspan="{colspan}"' if colspan > 1 else ""
        cells.append(f"<{tag}{span}>{html.escape(text)}</{tag}>")
    return "<tr>" + "".join(cells) + "</tr>"


def html_table(table: Table, text_width: float = HTML_TEXT_WIDTH_PT) -> str:
    """A borderless (or ruled) HTML table with <thead> (repeated on each page) and rowspans."""
    covered = spanned_cells(table)
    size = table_font_size(table)
    widths = column_widths(table, text_width)
    cols = "".join(f'<col style="width: {100 * w / sum(widths):.2f}%">' for w in widths)
    classes = " ".join(name for name, on in (("ruled", table.ruled), ("break", table.break_before)) if on)
    attrs = f' class="{classes}"' if classes else ""
    head = "".join(html_row(table, r, covered, "th") for r in range(table.head_rows))
    body = "\n".join(html_row(table, r, covered, "td") for r in range(table.head_rows, len(table.rows)))
    if table.head_rows and not table.repeat_header:  # printed once: header rows are ordinary rows
        body, head = head + "\n" + body, ""
    return f'<table{attrs} style="font-size: {size}pt">\n<colgroup>{cols}</colgroup>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>'


HTML_MARGINS_MM = (20.0, HTML_SIDE_MARGIN_MM, 22.0, HTML_SIDE_MARGIN_MM)
HTML_LAYOUT_CSS = """
table.ruled th, table.ruled td {{ border: 0.5pt solid #000; }}
table.break {{ break-before: page; margin-top: 0; }}
th {{ text-align: center; vertical-align: middle; }}
p.split {{ display: flex; justify-content: space-between; text-indent: 0; font-size: 10pt; }}
"""


def html_page_css(layout: PageLayout) -> str:
    """The @page rule (size, margins, footer and running-header boxes) and the layout's extra styles."""
    top, right, bottom, left = margins_mm(layout, HTML_MARGINS_MM)
    boxes = ""
    footer = FOOTERS[layout.footer or "dash"]
    if footer and not layout.browser_header_footer:
        content = '"' + footer.replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "') + '"'
        boxes += f"@bottom-center {{ content: {content}; font-family: {CJK_FONT_STACK}; font-size: 10pt; }}"
    else:  # HTML_CSS prints "— N —": switch it off
        boxes += "@bottom-center { content: none; }"
    if layout.running_header and not layout.browser_header_footer:
        boxes += f'@top-center {{ content: "{layout.running_header}"; font-family: {CJK_FONT_STACK}; font-size: 9pt; }}'
    orientation = " landscape" if layout.landscape else ""
    page = f"@page {{ size: A4{orientation}; margin: {top}mm {right}mm {bottom}mm {left}mm; {boxes} }}"
    return page + HTML_LAYOUT_CSS.format()


def build_html(report: Report, layout: PageLayout | None = None) -> str:
    """The HTML document for a report (the corpus rendering without a layout)."""
    parts = [f"<h1>{html.escape(report.title)}</h1>"]
    width = text_width_pt(layout, HTML_MARGINS_MM) if layout else HTML_TEXT_WIDTH_PT
    for block in report.blocks:
        if isinstance(block, Table):
            parts.append(html_table(block, width))
        elif isinstance(block, SplitLine):
            parts.append(f'<p class="split"><span>{html.escape(block.left)}</span><span>{html.escape(block.right)}</span></p>')
        elif block.centred_title:
            parts.append(f'<h2 style="text-align: center; font-size: 14pt">{html.escape(block.text)}</h2>')
        elif is_heading(block.text):
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
        elif block.break_before:
            parts.append(f'<p style="break-before: page">{html.escape(block.text)}</p>')
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(report.title)}</title>\n<style>{HTML_CSS}{html_page_css(layout) if layout else ''}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def find_program(*names: str) -> str:
    """Path of the first program found on PATH, or exit with a hint."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    sys.exit(f"none of {names} found; see the module docstring for the Debian packages")


def run_tool(cmd: list[str], timeout: int, expect: Path) -> None:
    """Run an external producer that must create ``expect``; else exit with its stderr."""
    expect.unlink(missing_ok=True)
    proc = subprocess.run(cmd, timeout=timeout, capture_output=True, text=True)
    if proc.returncode != 0 or not expect.exists():
        sys.exit(f"{Path(cmd[0]).name} failed ({proc.returncode}), no {expect}:\n{proc.stderr[-2000:]}")


def render_chromium(report: Report, out: Path, workdir: Path, layout: PageLayout | None = None) -> None:
    """Print the HTML rendering of a report with headless chromium."""
    src = workdir / f"{report.stem}.html"
    src.write_text(build_html(report, layout), encoding="utf-8")
    furniture = "--no-pdf-header-footer" if not (layout and layout.browser_header_footer) else "--disable-extensions"
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
    cmd = [
        find_program("chromium", "chromium-browser"),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={profile}", furniture, f"--print-to-pdf={out}",
        src.as_uri(),
    ]
    run_tool(cmd, CHROMIUM_TIMEOUT_S, out)


# --------------------------------------------------------------------------
# Producer 3: LibreOffice (flat ODT)
# --------------------------------------------------------------------------

FODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)
FODT_FONT = "Noto Serif CJK SC"
FODT_TEXT_WIDTH_CM = 17.0


def fodt_text_props(size: float, bold: bool = False) -> str:
    """Text properties for both Western and Asian scripts."""
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (
        f'<style:text-properties style:font-name="{FODT_FONT}" style:font-name-asian="{FODT_FONT}" '
        f'fo:font-size="{size}pt" style:font-size-asian="{size}pt" fo:language="zh" fo:country="CN" '
        f'style:language-asian="zh" style:country-asian="CN"{weight}/>'
    )


def fodt_para_style(name: str, size: float, extra: str = "", bold: bool = False) -> str:
    """An automatic paragraph style."""
    return (
        f'<style:style style:name="{name}" style:family="paragraph">'
        f"<style:paragraph-properties {extra}/>{fodt_text_props(size, bold)}</style:style>"
    )


def fodt_table_styles(index: int, table: Table, text_width_cm: float = FODT_TEXT_WIDTH_CM) -> str:
    """Automatic styles for one table: table width and column widths."""
    widths = [w / PT_PER_CM for w in column_widths(table, text_width_cm * PT_PER_CM)]
    page_break = ' fo:break-before="page"' if table.break_before else ""
    styles = [
        f'<style:style style:name="Tbl{index}" style:family="table">'
        f'<style:table-properties style:width="{round(text_width_cm, 3)}cm" table:align="margins" '
        f'fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" style:may-break-between-rows="true"{page_break}/></style:style>'
    ]
    for c, width in enumerate(widths):
        styles.append(
            f'<style:style style:name="Tbl{index}C{c}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{width:.3f}cm"/></style:style>'
        )
    return "".join(styles)


def fodt_row(table: Table, r: int, covered: set[tuple[int, int]], para_style: str) -> str:
    """One table row with number-rows-spanned / covered cells for merged entries (and header spans)."""
    merge = table.merges.get(r)
    cell_style = "Cell" if table.ruled is not False else ("CellHeadRule" if r == table.head_rows - 1 else "CellBare")
    cells = []
    for c, text in enumerate(table.rows[r]):
        if (r, c) in covered or header_covered(table, r, c):
            cells.append("<table:covered-table-cell/>")
            continue
        span = f' table:number-rows-spanned="{merge.height}"' if merge and c in merge.cols else ""
        rowspan, colspan = table.head_spans.get((r, c), (1, 1))
        span += f' table:number-rows-spanned="{rowspan}"' if rowspan > 1 else ""
        span += f' table:number-columns-spanned="{colspan}"' if colspan > 1 else ""
        cells.append(
            f'<table:table-cell table:style-name="{cell_style}" office:value-type="string"{span}>'
            f'<text:p text:style-name="{para_style}">{escape(text)}</text:p></table:table-cell>'
        )
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def fodt_table(index: int, table: Table) -> str:
    """A ruled ODF table with a repeated header row."""
    covered = spanned_cells(table)
    size = "CellS" if table.ncols > 6 else "CellM"
    cols = "".join(f'<table:table-column table:style-name="Tbl{index}C{c}"/>' for c in range(table.ncols))
    if table.font_size is not None:
        size = f"CellF{index}"
    head = "".join(fodt_row(table, r, covered, size + "H") for r in range(table.head_rows))
    body = "".join(fodt_row(table, r, covered, size) for r in range(table.head_rows, len(table.rows)))
    if head and table.repeat_header:
        head = f"<table:table-header-rows>{head}</table:table-header-rows>"
    return f'<table:table table:name="Table{index}" table:style-name="Tbl{index}">{cols}{head}{body}</table:table>'


FODT_MARGINS_MM = (20.0, 20.0, 15.0, 20.0)


def fodt_page_layout(layout: PageLayout) -> str:
    """The page-layout style of a layout: size, orientation, margins, footer space."""
    width, height = page_size_mm(layout)
    top, right, bottom, left = margins_mm(layout, FODT_MARGINS_MM)
    orientation = "landscape" if layout.landscape else "portrait"
    return (
        f'<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="{width / 10}cm" '
        f'fo:page-height="{height / 10}cm" fo:margin-top="{top / 10}cm" fo:margin-bottom="{bottom / 10}cm" '
        f'fo:margin-left="{left / 10}cm" fo:margin-right="{right / 10}cm" style:print-orientation="{orientation}"/>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/>'
        "</style:footer-style></style:page-layout>"
    )


def fodt_footer(layout: PageLayout) -> str:
    """The master page's footer paragraph (empty for no footer)."""
    footer = FOOTERS[layout.footer or "dash"]
    if not footer:
        return ""
    fields = escape(footer).replace("{page}", '<text:page-number text:select-page="current"/>')
    fields = fields.replace("{pages}", "<text:page-count/>")
    return f'<style:footer><text:p text:style-name="Footer">{fields}</text:p></style:footer>'


def fodt_layout_styles(tables: list[Table], layout: PageLayout) -> str:
    """Styles a layout adds: borderless cells, per-table font sizes, the split line's right tab."""
    bare = '<style:style style:name="CellBare" style:family="table-cell"><style:table-cell-properties fo:border="none" fo:padding="0.05cm" style:vertical-align="middle"/></style:style>'
    rule = '<style:style style:name="CellHeadRule" style:family="table-cell"><style:table-cell-properties fo:border="none" fo:border-bottom="0.75pt solid #000000" fo:padding="0.05cm" style:vertical-align="middle"/></style:style>'
    fonts = "".join(
        fodt_para_style(f"CellF{i}", t.font_size) + fodt_para_style(f"CellF{i}H", t.font_size, bold=True)
        for i, t in enumerate(tables) if t.font_size is not None
    )
    width_cm = text_width_pt(layout, FODT_MARGINS_MM) / PT_PER_CM
    split = (
        '<style:style style:name="Split" style:family="paragraph"><style:paragraph-properties>'
        f'<style:tab-stops><style:tab-stop style:position="{width_cm:.2f}cm" style:type="right"/></style:tab-stops>'
        f"</style:paragraph-properties>{fodt_text_props(10)}</style:style>"
    )
    return bare + rule + fonts + split


def fodt_automatic_styles(tables: list[Table], layout: PageLayout | None = None) -> str:
    """Paragraph, cell, table and page-layout automatic styles (the corpus rendering's without a layout)."""
    para = [
        fodt_para_style("Title", 16, 'fo:text-align="center" fo:margin-bottom="0.4cm"'),
        fodt_para_style("Heading", 12, 'fo:margin-top="0.2cm" fo:margin-bottom="0.1cm"', bold=True),
        fodt_para_style("Body", 10.5, 'fo:text-indent="0.74cm" fo:margin-bottom="0.1cm" fo:line-height="150%"'),
        fodt_para_style("CellM", 9, ""),
        fodt_para_style("CellMH", 9, "", bold=True),
        fodt_para_style("CellS", 7, ""),
        fodt_para_style("CellSH", 7, "", bold=True),
        fodt_para_style("Footer", 10, 'fo:text-align="center"'),
    ]
    if layout is not None:
        para.append(fodt_para_style("TableTitle", 14, 'fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"', bold=True))
        para.append(fodt_para_style("BodyBreak", 10.5, 'fo:break-before="page" fo:margin-bottom="0.1cm"'))
    cell = (
        '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
        'fo:border="0.5pt solid #000000" fo:padding="0.05cm" style:vertical-align="middle"/></style:style>'
    )
    page = (
        '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
        'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" '
        'fo:margin-right="2cm" style:print-orientation="portrait"/><style:footer-style>'
        '<style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/>'
        "</style:footer-style></style:page-layout>"
    )
    if layout is not None:
        width_cm = text_width_pt(layout, FODT_MARGINS_MM) / PT_PER_CM
        tbl = "".join(fodt_table_styles(i, t, width_cm) for i, t in enumerate(tables))
        return "".join(para) + cell + fodt_layout_styles(tables, layout) + tbl + fodt_page_layout(layout)
    tbl = "".join(fodt_table_styles(i, t) for i, t in enumerate(tables))
    return "".join(para) + cell + tbl + page


def build_fodt(report: Report, layout: PageLayout | None = None) -> str:
    """The flat ODF text document for a report (the corpus rendering without a layout)."""
    tables = [b for b in report.blocks if isinstance(b, Table)]
    body = [f'<text:p text:style-name="Title">{escape(report.title)}</text:p>']
    footer = fodt_footer(layout) if layout else (
        '<style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current"/> —'
        "</text:p></style:footer>"
    )
    for block in report.blocks:
        if isinstance(block, Table):
            body.append(fodt_table(tables.index(block), block))
        elif isinstance(block, SplitLine):
            body.append(f'<text:p text:style-name="Split">{escape(block.left)}<text:tab/>{escape(block.right)}</text:p>')
        else:
            style = "Heading" if is_heading(block.text) else "Body"
            style = "TableTitle" if block.centred_title else style
            style = "BodyBreak" if block.break_before else style
            body.append(f'<text:p text:style-name="{style}">{escape(block.text)}</text:p>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {FODT_NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f'<office:font-face-decls><style:font-face style:name="{FODT_FONT}" '
        f"svg:font-family=\"'{FODT_FONT}'\"/></office:font-face-decls>"
        f'<office:styles><style:default-style style:family="paragraph">{fodt_text_props(10.5)}'
        "</style:default-style></office:styles>"
        f"<office:automatic-styles>{fodt_automatic_styles(tables, layout)}</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">'
        f"{footer}</style:master-page></office:master-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>\n"
    )


def render_libreoffice(report: Report, out: Path, workdir: Path, layout: PageLayout | None = None) -> None:
    """Convert the flat ODT rendering of a report with headless LibreOffice."""
    src = workdir / f"{report.stem}.fodt"
    src.write_text(build_fodt(report, layout), encoding="utf-8")
    profile = Path(tempfile.mkdtemp(prefix="soffice-profile-", dir=workdir))
    outdir = workdir / "soffice-out"
    cmd = [
        find_program("soffice", "libreoffice"), f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--norestore", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(src),
    ]
    run_tool(cmd, SOFFICE_TIMEOUT_S, outdir / f"{report.stem}.pdf")
    shutil.move(outdir / f"{report.stem}.pdf", out)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

PRODUCERS: dict[str, Callable[..., None]] = {
    "reportlab": render_reportlab,
    "chromium": render_chromium,
    "libreoffice": render_libreoffice,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producers", nargs="+", choices=sorted(PRODUCERS), default=list(PRODUCERS))
    parser.add_argument("--reports", nargs="+", choices=REPORTS, default=list(REPORTS))
    parser.add_argument("--keep-sources", type=Path, help="also keep the generated .html/.fodt in this folder")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Render every selected report with every selected producer."""
    args = parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-pdfs-") as tmp:
        workdir = Path(tmp)
        for stem in args.reports:
            report = parse_report(stem)
            for name in args.producers:
                out = OUT_DIR / f"{stem}.{name}.pdf"
                PRODUCERS[name](report, out, workdir)
                print(f"wrote {out.relative_to(CORPUS_DIR.parent)} ({out.stat().st_size // 1024} KiB)")
        if args.keep_sources:
            args.keep_sources.mkdir(parents=True, exist_ok=True)
            for src in list(workdir.glob("*.html")) + list(workdir.glob("*.fodt")):
                shutil.copy(src, args.keep_sources / src.name)


if __name__ == "__main__":
    main()
