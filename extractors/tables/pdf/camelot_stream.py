"""camelot's stream flavor on the regions the text parser found, so the two compare like for like."""

from __future__ import annotations

import logging
from pathlib import Path

import pdfplumber

from extractors import patterns
from extractors.tables.pdf.base import Bbox, Grid, TableParser

log = logging.getLogger(__name__)


class CamelotStream(TableParser):
    """camelot's stream flavor on the same regions; lines without a figure are joined to the row above."""

    name = "camelot-stream"
    page_kind = "text"

    def page_grids(self, path: Path, page: pdfplumber.page.Page, number: int, context: dict) -> list[Grid]:
        """Return camelot stream tables for the regions PlumberText found on the page (so the two compare like for like).

        camelot parses the whole page on every call, so all of the page's regions go into one call
        (camelot reads each area on its own); if that call fails, each region is read alone, so that
        one odd region costs only its own candidate.

        A single row a page break cut off from its table (a PlumberText fragment of one row) is not
        read: one row shows camelot no columns (the fragment takes those of the part it continues),
        and a one-line area may hold no text for camelot at all: its glyph boxes (playa) take the
        font's descent, which pdfminer's may not, so they sit lower than pdfplumber's box of the
        line, and camelot 2.0 raises a TypeError on an area with no text (camelot #88).
        """
        regions = [grid for grid in context.get("text_regions", []) if grid.page == number and len(grid.cells) > 1]
        if not regions:
            return []
        height = float(page.height)
        areas = [region_area(grid.bbox, height) for grid in regions]
        tables = read_stream(path, number, areas)
        if tables is not None and len(areas) > 1:
            by_area = {tuple(table._bbox): table for table in tables}
            if len(by_area) == len(tables) and set(by_area) <= {area_box(area) for area in areas}:
                return [self.grid(number, grid, by_area[area_box(area)]) for grid, area in zip(regions, areas) if area_box(area) in by_area]
            tables = None  # a table camelot placed elsewhere: read each region alone, as camelot then cannot mix them up
        found = []
        for grid, area in zip(regions, areas):
            alone = tables if len(areas) == 1 else read_stream(path, number, [area])
            found.extend(self.grid(number, grid, table) for table in alone or [])
        return found

    def grid(self, number: int, region: Grid, table) -> Grid:
        """Given the PlumberText region and camelot's table read in it, return the table as a Grid (lines without a figure joined to the row above)."""
        rows: list[list[str | None]] = []
        for values in table.data:
            values = [v for v in values]
            figure = any(patterns.NUMERIC_TEXT.match(v.strip()) for v in values if v.strip())
            if rows and not figure and any(v.strip() for v in values):
                rows[-1] = [((a or "") + "\n" + b).strip("\n") if b.strip() else a for a, b in zip(rows[-1], values)]
                continue
            rows.append(list(values))
        boxes: list[list[Bbox | None]] = [[None] * len(r) for r in rows]
        report = table.parsing_report
        extra = {"camelot_accuracy": report.get("accuracy"), "camelot_whitespace": report.get("whitespace")}
        return Grid(self.name, number, region.bbox, rows, boxes, extra)


def region_area(bbox: Bbox, height: float) -> str:
    """Given a region's top-down box on a page of this height, return camelot's table area string (PDF coordinates, a point of margin)."""
    x0, top, x1, bottom = bbox
    return f"{x0 - 1},{height - top + 1},{x1 + 1},{height - bottom - 1}"


def area_box(area: str) -> tuple[float, ...]:
    """Return the box camelot makes of a table area string (its tables' `_bbox`)."""
    from camelot.utils import bbox_from_str

    return tuple(bbox_from_str(area))


def read_stream(path: Path, number: int, areas: list[str]) -> list | None:
    """Return camelot's stream tables in these areas of page `number`, or None when camelot fails on them."""
    import camelot

    try:
        return list(camelot.read_pdf(str(path), pages=str(number), flavor="stream", table_areas=areas, suppress_stdout=True))
    except (ValueError, IndexError, ZeroDivisionError) as exc:  # camelot fails on odd regions: no candidate
        log.debug("camelot stream failed on page %s: %s", number, exc)
        return None
