"""PDF annex tables: candidate grids from several parsers, scored, the best kept, stitched over pages.

Given a PDF report (its path and the pdfplumber lines of each page), return typed tables:

1. `page.candidate_pages` finds the pages worth parsing, cheaply: ruled pages (enough ruling edges)
   and text-aligned pages (several lines split into columns by wide gaps).
2. Each parser (`PlumberLattice`, `CamelotLattice` for ruled pages; `PlumberText`,
   `CamelotStream` for borderless pages) returns raw `Grid`s per page; a cell covered by a
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

from pathlib import Path
from typing import Any

import pdfplumber

from extractors import patterns
from extractors.load_pdf import visible_page
from extractors.normalize import clean_line
from extractors.tables.captions import is_caption_text
from extractors.tables.pdf.base import FoundTable, Grid, TableParser
from extractors.tables.pdf.camelot_lattice import CamelotLattice
from extractors.tables.pdf.camelot_stream import CamelotStream
from extractors.tables.pdf.forms import split_forms
from extractors.tables.pdf.page import candidate_pages, is_furniture, page_info
from extractors.tables.pdf.plumber_lattice import PlumberLattice
from extractors.tables.pdf.plumber_text import PlumberText
from extractors.tables.pdf.quality import choose, grid_quality
from extractors.tables.pdf.stitch import stitch
from extractors.tables.rows import build_table
from pipeline.models import Page, Report, Table

PARSERS: tuple[type[TableParser], ...] = (PlumberLattice, CamelotLattice, PlumberText, CamelotStream)
METHOD_PREFERENCE = [p.name for p in PARSERS]


def captions_without_table(found: list[FoundTable], info: dict[int, dict]) -> list[FoundTable]:
    """Return `no_table` entries for numbered captions printed after a numbered table with no table under them.

    Only lines after the first table with a numbered caption count (the annex), so a numbered
    paragraph of the body is never taken for a caption.
    """
    numbered = [t for t in found if t.caption and patterns.TABLE_CAPTION_NUMBER.match(t.caption)]
    if not numbered:
        return []
    start = (numbered[0].pages[0], numbered[0].top)
    known = {t.caption for t in found}
    boxes = [(g.page, g.bbox) for t in found for g in t.parts]
    lost: list[FoundTable] = []
    for number in sorted(info):
        lines = [l for l in info[number]["lines"] if not is_furniture(l, info[number]["furniture"])]
        for k, line in enumerate(lines):
            text = clean_line(line.text)
            if (number, line.top) <= start or text in known or not patterns.TABLE_CAPTION_NUMBER.match(text) or not is_caption_text(text):
                continue
            if any(page == number and box[1] - 1 <= line.top <= box[3] + 1 for page, box in boxes):
                continue
            stray = [clean_line(l.text) for l in lines[k + 1 : k + 4] if not any(p == number and b[1] - 1 <= l.top <= b[3] + 1 for p, b in boxes)]
            note = "No table is printed under this caption"
            if stray:
                note += "; the text that follows it is not a table: " + " / ".join(f"«{t}»" for t in stray)
            lost.append(FoundTable(text, [], [], [number], "pdf-caption", {"entries": 0}, top=line.top, note=note, no_table=True))
    return lost


def find_pdf_grids(path: Path, pages: list[Page] | None = None) -> list[FoundTable]:
    """Given a PDF path (and its loaded pages, for furniture), return its tables before typing."""
    with pdfplumber.open(path) as pdf:
        pdf_pages = [visible_page(page) for page in pdf.pages]
        info = page_info(pdf_pages, pages or [])  # each page's lines, read once for every step below
        kinds = candidate_pages(pdf_pages, info)
        if not kinds:
            return []
        furniture = next(iter(info.values()))["furniture"] if info else set()
        context: dict[str, Any] = {"furniture": furniture, "lines": {n: page["lines"] for n, page in info.items()}}
        candidates: list[Grid] = []
        for parser_class in PARSERS:
            parser = parser_class()
            numbers = sorted(n for n, kind in kinds.items() if kind == parser.page_kind)
            if not numbers:
                continue
            grids = parser.grids(path, pdf_pages, numbers, context)
            parser.share(grids, context)
            for grid in grids:
                grid.continues_loosely = parser.continues_loosely
                grid.measures = grid_quality(grid, pdf_pages[grid.page - 1])
                grid.score = grid.measures["score"]
            candidates.extend(grids)
        chosen = [(part, losers if k == 0 else []) for grid, losers in choose(candidates, METHOD_PREFERENCE) for k, part in enumerate(split_forms(grid))]
        found = stitch(chosen, info)
        found += captions_without_table(found, info)
        return sorted(found, key=lambda t: (t.pages[0], t.top))


def find_pdf_tables(report: Report) -> list[Table]:
    """Given a loaded PDF report, return its tables, typed by build_table, with method and quality per table."""
    tables = []
    for index, found in enumerate(find_pdf_grids(report.path, report.pages)):
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
