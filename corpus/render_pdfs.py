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
    """One paragraph of running text."""

    text: str


@dataclass
class Table:
    """One tab-separated table: header row first, then body rows."""

    rows: list[list[str]]
    merges: dict[int, "Merge"] = field(default_factory=dict)

    @property
    def ncols(self) -> int:
        """Number of columns (all rows have the same count)."""
        return len(self.rows[0])


@dataclass
class Merge:
    """A merged entry: ``height`` physical rows; ``cols`` span all of them."""

    height: int
    cols: tuple[int, ...]


Block = Union[Para, Table]


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
    """Cell font size in points: smaller for wide tables."""
    return 9.0 if table.ncols <= 6 else 7.0


def visual_len(text: str) -> float:
    """Approximate width of text in em (ASCII counts half)."""
    return sum(0.55 if ord(ch) < 128 else 1.0 for ch in text)


def natural_len(table: Table, col: int) -> float:
    """Width a column wants, in em: its longest body cell, at least its header (capped)."""
    body = max(visual_len(row[col]) for row in table.rows[1:])
    header = min(visual_len(table.rows[0][col]), SHORT_COLUMN_EM)
    return max(body, header)


def column_widths(table: Table, total: float) -> list[float]:
    """Column widths summing to ``total``: short columns fit their text, long ones share the rest."""
    em = table_font_size(table)
    natural = [natural_len(table, c) for c in range(table.ncols)]
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
        ["" if (r, c) in covered else Paragraph(escape(cell), style) for c, cell in enumerate(row)]
        for r, row in enumerate(table.rows)
    ]
    widths = column_widths(table, width)
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    for r0, merge in table.merges.items():
        r1 = r0 + merge.height - 1
        commands += [("SPAN", (c, r0), (c, r1)) for c in merge.cols]
        commands.append(("NOSPLIT", (0, r0), (-1, r1)))
    return RLTable(data, colWidths=widths, repeatRows=1, style=commands)


def reportlab_flowables(report: Report, width: float) -> list[object]:
    """Flowables for the whole report."""
    from reportlab.platypus import Paragraph, Spacer

    styles = reportlab_styles()
    flow: list[object] = [Paragraph(escape(report.title), styles["title"])]
    for block in report.blocks:
        if isinstance(block, Table):
            flow += [Spacer(1, 4), reportlab_table(block, width), Spacer(1, 8)]
        else:
            style = styles["heading"] if is_heading(block.text) else styles["body"]
            flow.append(Paragraph(escape(block.text), style))
    return flow


def render_reportlab(report: Report, out: Path, workdir: Path) -> None:
    """Write the reportlab rendering of a report."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    rl_config.invariant = 1  # reproducible bytes: fixed dates and document id
    margin = 1.8 * cm
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=2 * cm, bottomMargin=2 * cm,
        title=report.title, author="govreports corpus/render_pdfs.py", creator="reportlab",
    )
    doc.build(reportlab_flowables(report, A4[0] - 2 * margin))


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
    """One <tr> with rowspan on merged-entry anchor cells."""
    merge = table.merges.get(r)
    cells = []
    for c, text in enumerate(table.rows[r]):
        if (r, c) in covered:
            continue
        span = f' rowspan="{merge.height}"' if merge and c in merge.cols else ""
        cells.append(f"<{tag}{span}>{html.escape(text)}</{tag}>")
    return "<tr>" + "".join(cells) + "</tr>"


def html_table(table: Table) -> str:
    """A borderless HTML table with <thead> and rowspans."""
    covered = spanned_cells(table)
    size = table_font_size(table)
    widths = column_widths(table, HTML_TEXT_WIDTH_PT)
    cols = "".join(f'<col style="width: {100 * w / sum(widths):.2f}%">' for w in widths)
    head = html_row(table, 0, covered, "th")
    body = "\n".join(html_row(table, r, covered, "td") for r in range(1, len(table.rows)))
    return f'<table style="font-size: {size}pt">\n<colgroup>{cols}</colgroup>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def build_html(report: Report) -> str:
    """The HTML document for a report."""
    parts = [f"<h1>{html.escape(report.title)}</h1>"]
    for block in report.blocks:
        if isinstance(block, Table):
            parts.append(html_table(block))
        elif is_heading(block.text):
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(report.title)}</title>\n<style>{HTML_CSS}</style>\n</head>\n"
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


def render_chromium(report: Report, out: Path, workdir: Path) -> None:
    """Print the HTML rendering of a report with headless chromium."""
    src = workdir / f"{report.stem}.html"
    src.write_text(build_html(report), encoding="utf-8")
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
    cmd = [
        find_program("chromium", "chromium-browser"),
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={out}",
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


def fodt_table_styles(index: int, table: Table) -> str:
    """Automatic styles for one table: table width and column widths."""
    widths = [w / PT_PER_CM for w in column_widths(table, FODT_TEXT_WIDTH_CM * PT_PER_CM)]
    styles = [
        f'<style:style style:name="Tbl{index}" style:family="table">'
        f'<style:table-properties style:width="{FODT_TEXT_WIDTH_CM}cm" table:align="margins" '
        'fo:margin-top="0.1cm" fo:margin-bottom="0.3cm" style:may-break-between-rows="true"/></style:style>'
    ]
    for c, width in enumerate(widths):
        styles.append(
            f'<style:style style:name="Tbl{index}C{c}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{width:.3f}cm"/></style:style>'
        )
    return "".join(styles)


def fodt_row(table: Table, r: int, covered: set[tuple[int, int]], para_style: str) -> str:
    """One table row with number-rows-spanned / covered cells for merged entries."""
    merge = table.merges.get(r)
    cells = []
    for c, text in enumerate(table.rows[r]):
        if (r, c) in covered:
            cells.append("<table:covered-table-cell/>")
            continue
        span = f' table:number-rows-spanned="{merge.height}"' if merge and c in merge.cols else ""
        cells.append(
            f'<table:table-cell table:style-name="Cell" office:value-type="string"{span}>'
            f'<text:p text:style-name="{para_style}">{escape(text)}</text:p></table:table-cell>'
        )
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def fodt_table(index: int, table: Table) -> str:
    """A ruled ODF table with a repeated header row."""
    covered = spanned_cells(table)
    size = "CellS" if table.ncols > 6 else "CellM"
    cols = "".join(f'<table:table-column table:style-name="Tbl{index}C{c}"/>' for c in range(table.ncols))
    head = fodt_row(table, 0, covered, size + "H")
    body = "".join(fodt_row(table, r, covered, size) for r in range(1, len(table.rows)))
    return (
        f'<table:table table:name="Table{index}" table:style-name="Tbl{index}">{cols}'
        f"<table:table-header-rows>{head}</table:table-header-rows>{body}</table:table>"
    )


def fodt_automatic_styles(tables: list[Table]) -> str:
    """Paragraph, cell, table and page-layout automatic styles."""
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
    tbl = "".join(fodt_table_styles(i, t) for i, t in enumerate(tables))
    return "".join(para) + cell + tbl + page


def build_fodt(report: Report) -> str:
    """The flat ODF text document for a report."""
    tables = [b for b in report.blocks if isinstance(b, Table)]
    body = [f'<text:p text:style-name="Title">{escape(report.title)}</text:p>']
    for block in report.blocks:
        if isinstance(block, Table):
            body.append(fodt_table(tables.index(block), block))
        else:
            style = "Heading" if is_heading(block.text) else "Body"
            body.append(f'<text:p text:style-name="{style}">{escape(block.text)}</text:p>')
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {FODT_NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f'<office:font-face-decls><style:font-face style:name="{FODT_FONT}" '
        f"svg:font-family=\"'{FODT_FONT}'\"/></office:font-face-decls>"
        f'<office:styles><style:default-style style:family="paragraph">{fodt_text_props(10.5)}'
        "</style:default-style></office:styles>"
        f"<office:automatic-styles>{fodt_automatic_styles(tables)}</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">'
        '<style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current"/> —'
        "</text:p></style:footer></style:master-page></office:master-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>\n"
    )


def render_libreoffice(report: Report, out: Path, workdir: Path) -> None:
    """Convert the flat ODT rendering of a report with headless LibreOffice."""
    src = workdir / f"{report.stem}.fodt"
    src.write_text(build_fodt(report), encoding="utf-8")
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

PRODUCERS: dict[str, Callable[[Report, Path, Path], None]] = {
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
