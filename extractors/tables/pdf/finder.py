"""PDF annex tables: candidate grids from several parsers, scored, the best kept, stitched over pages.

Given a PDF report (its path and its loaded pages), return typed tables. Pages are read one at a
time and released (only a small summary of each is kept), pages load refused are skipped:

1. `page.page_kind` finds the pages worth parsing, cheaply: ruled pages (enough ruling edges)
   and text-aligned pages (several lines split into columns by wide gaps).
2. Each parser (`PlumberLattice`, `CamelotLattice` for ruled pages; `PlumberText`,
   `CamelotStream` for borderless pages) returns raw `Grid`s per page, called page by page; a cell covered by a
   span from above or the left is None, so a merged entry keeps its physical lines and the
   spanned cells stay empty on lines 2..n (never copied down).
3. `quality.grid_quality` scores every grid (text agreement with pdfplumber's characters, numeric
   columns that parse, rows with more than one filled cell, columns used, fill); per table
   the best-scoring method is kept and the losers are recorded in the quality report.
4. `stitch.stitch` joins a table continued on the next page (same column count, at the page top,
   repeated header dropped, a row cut by the page break joined back); headers printed over
   several rows are joined per column; the caption is the text line just above the first part.
5. `extractors.tables.rows.build_table` turns each final grid into a typed `Table`.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

import pdfplumber

from extractors import patterns, pdf_guard
from extractors.clean import furniture_keys
from extractors.normalize import clean_line
from extractors.tables.captions import is_caption_text, is_caption_without_table, numbering_scheme
from extractors.tables.pdf.base import FoundTable, Grid, TableParser
from extractors.tables.pdf.camelot_lattice import CamelotLattice
from extractors.tables.pdf.camelot_stream import CamelotStream
from extractors.tables.pdf.forms import split_forms
from extractors.tables.pdf.page import is_furniture, page_kind, page_summary, prepared_page, refused_summary
from extractors.tables.pdf.plumber_lattice import PlumberLattice
from extractors.tables.pdf.plumber_text import PlumberText
from extractors.tables.pdf.quality import choose, grid_quality
from extractors.tables.pdf.stitch import stitch
from extractors.tables.rows import build_table
from pipeline.errors import GovReportsError
from pipeline.models import Page, Report, StageError, Table
from pipeline.progress import note as note_progress

log = logging.getLogger(__name__)

PARSERS: tuple[type[TableParser], ...] = (PlumberLattice, CamelotLattice, PlumberText, CamelotStream)
METHOD_PREFERENCE = [p.name for p in PARSERS]


def captions_without_table(found: list[FoundTable], info: dict[int, dict]) -> list[FoundTable]:
    """Return `no_table` entries for numbered captions printed after a numbered table with no table under them.

    Only lines after the first table with a numbered caption count (the annex), so a numbered
    paragraph of the body is never taken for a caption; and only lines that name a table numbered
    the way the tables found are (`captions.is_caption_without_table`, the text finder's rule too:
    `(2) …` or `表2 …`), so numbered prose after a table is not one either.
    """
    numbered = [t for t in found if t.caption and patterns.TABLE_CAPTION_NUMBER.match(t.caption)]
    if not numbered:
        return []
    start = (numbered[0].pages[0], numbered[0].top)
    schemes = {numbering_scheme(t.caption) for t in numbered}
    known = {t.caption for t in found}
    boxes = [(g.page, g.bbox) for t in found for g in t.parts]
    lost: list[FoundTable] = []
    for number in sorted(info):
        lines = [l for l in info[number]["lines"] if not is_furniture(l, info[number]["furniture"])]
        for k, line in enumerate(lines):
            text = clean_line(line.text)
            if (number, line.top) <= start or text in known or not patterns.TABLE_CAPTION_NUMBER.match(text) or not is_caption_text(text):
                continue
            if not is_caption_without_table(text, schemes):
                continue
            if any(page == number and box[1] - 1 <= line.top <= box[3] + 1 for page, box in boxes):
                continue
            stray = [clean_line(l.text) for l in lines[k + 1 : k + 4] if not any(p == number and b[1] - 1 <= l.top <= b[3] + 1 for p, b in boxes)]
            note = "No table is printed under this caption"
            if stray:
                note += "; the text that follows it is not a table: " + " / ".join(f"«{t}»" for t in stray)
            lost.append(FoundTable(text, [], [], [number], "pdf-caption", {"entries": 0}, top=line.top, note=note, no_table=True))
    return lost


def read_page(pdf: pdfplumber.PDF, number: int, refused: str | None, furniture: set[str], info: dict[int, dict]) -> pdfplumber.page.Page | None:
    """Summarise page `number` into `info` and return it prepared for the parsers; None for a page load refused, which is not read again."""
    note_progress(page=number, pages=len(pdf.pages))  # a supervisor kills and records by page, as in load
    pdf_page = pdf.pages[number - 1]
    if refused:
        log.info("page %d skipped by tables: load refused it (%s)", number, refused)
        info[number] = refused_summary(float(pdf_page.height), furniture, refused)
        return None
    page = prepared_page(pdf_page)
    info[number] = page_summary(page, furniture)
    return page


def parse_page(parsers: list[TableParser], kind: str, page: pdfplumber.page.Page, number: int, path: Path, context: dict, grids_by_parser: list[list[Grid]]) -> None:
    """Run the parsers for a page of this kind on it; score each grid against its page and add it to its parser's list.

    A parser may also return grids of the page before (still open) and withdraw some it returned for it.
    A parser that raises on the page gives no grid for it, and the failure is kept in
    `context["errors"]` (non-fatal, naming the page and parser): the page's other parsers still
    read it, so one method failing on one odd page does not cost the file its tables.
    """
    for parser, found in zip(parsers, grids_by_parser):
        if parser.page_kind != kind:
            continue
        try:
            grids = parser.page_grids(path, page, number, context)
        except (MemoryError, GovReportsError):
            raise  # the file's memory limit or bad input: the runner's to record, as for any stage
        except Exception as exc:  # a library (or our code) failing on one page: recorded, never silent
            context["errors"].append(parser_failure(path, number, parser.name, exc))
            continue
        if parser.withdrawn:
            withdrawn = {id(grid) for grid in parser.withdrawn}
            found[:] = [grid for grid in found if id(grid) not in withdrawn]
        parser.share(grids, context)
        for grid in grids:
            grid.continues_loosely = parser.continues_loosely
            grid.measures = grid_quality(grid, context["open_pages"][grid.page])
            grid.score = grid.measures["score"]
        found.extend(grids)
        if any(grid.page != number for grid in grids):
            found.sort(key=lambda g: (g.page, g.bbox[1]))  # rows left at the foot of the page before go before this page's grids


def parser_failure(path: Path, number: int, parser: str, exc: Exception) -> StageError:
    """Return the non-fatal error recording that a table parser raised on a page: exception, file and line."""
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    where = traceback.extract_tb(exc.__traceback__)[-1]
    log.warning("page %d: table parser %s failed: %s", number, parser, detail)
    message = f"{path}: page {number}: table parser {parser} failed ({detail} at {where.filename}:{where.lineno}); the page's other parsers were used"
    return StageError("tables", "parser-failed", message, fatal=False, page=number)


def find_pdf_grids(path: Path, pages: list[Page] | None = None, errors: list[StageError] | None = None) -> list[FoundTable]:
    """Given a PDF path (and its loaded pages: furniture keys, refused pages), return its tables before typing.

    Pages are read one at a time, in order, with one page of lookahead (a page's kind depends on
    the next page's lines); each is released once parsed, and only its summary (lines, height,
    rulings: page.page_summary) is kept for stitching and captions, so memory does not grow with
    the page count. A page that load refused (over a page's bounds) is recorded in its summary and
    not read again. A parser failing on a page is recorded in `errors` (non-fatal) and the page's
    other parsers' grids are used.
    """
    pdf_guard.install()  # linear de-duplication and the page bounds, when tables runs without load in this process
    refused = {page.number: page.refused for page in pages or [] if page.refused}
    furniture = furniture_keys(pages) if pages else set()
    info: dict[int, dict] = {}  # page number -> page_summary, for every page
    kinds: dict[int, str] = {}
    parsers = [parser_class() for parser_class in PARSERS]
    grids_by_parser: list[list[Grid]] = [[] for _ in parsers]
    open_pages: dict[int, pdfplumber.page.Page] = {}  # the page being parsed and the one before it (a page break may have left rows there)
    context: dict[str, Any] = {"furniture": furniture, "info": info, "open_pages": open_pages, "errors": errors if errors is not None else []}
    with pdfplumber.open(path) as pdf:
        count = len(pdf.pages)
        ahead = read_page(pdf, 1, refused.get(1), furniture, info) if count else None
        for number in range(1, count + 1):
            current = ahead
            ahead = read_page(pdf, number + 1, refused.get(number + 1), furniture, info) if number < count else None
            if current is not None:
                open_pages[number] = current
            kind = page_kind(number, info, kinds)
            if kind:
                kinds[number] = kind
                if current is not None:
                    note_progress(page=number, pages=count)  # the page read ahead was noted last: this one is worked on now
                    parse_page(parsers, kind, current, number, path, context, grids_by_parser)
            current = None
            if number > 1:
                open_pages.pop(number - 1, None)
                pdf.pages[number - 2].close()  # drop its characters and layout objects now, not at the end of the file
        open_pages.clear()
        if count:
            pdf.pages[count - 1].close()
    if not kinds:
        return []
    # every grid of the first parser, then of the second…: the order `choose` breaks exact ties in
    candidates = [grid for grids in grids_by_parser for grid in grids]
    chosen = [(part, losers if k == 0 else []) for grid, losers in choose(candidates, METHOD_PREFERENCE) for k, part in enumerate(split_forms(grid))]
    found = stitch(chosen, info)
    found += captions_without_table(found, info)
    return sorted(found, key=lambda t: (t.pages[0], t.top))


def find_pdf_tables(report: Report) -> list[Table]:
    """Given a loaded PDF report, return its tables, typed by build_table, with method and quality per table."""
    tables = []
    for index, found in enumerate(find_pdf_grids(report.path, report.pages, report.errors)):
        if found.no_table:
            tables.append(
                Table(index, found.caption, [], [], found.pages, found.method, found.quality, no_table=True, note=found.note)
            )
            continue
        tables.append(
            build_table(
                index,
                found.caption,
                found.header,
                found.rows,
                method=found.method,
                pages=found.pages,
                quality=found.quality,
                unit=found.unit,
                issuer=found.issuer,
            )
        )
    return tables
