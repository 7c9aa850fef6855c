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
        """Return camelot stream tables for the regions PlumberText found on the page (so the two compare like for like)."""
        import camelot

        found = []
        height = float(page.height)
        for grid in context.get("text_regions", []):
            x0, top, x1, bottom = grid.bbox
            area = f"{x0 - 1},{height - top + 1},{x1 + 1},{height - bottom - 1}"
            try:
                tables = camelot.read_pdf(str(path), pages=str(grid.page), flavor="stream", table_areas=[area], suppress_stdout=True)
            except (ValueError, IndexError, ZeroDivisionError) as exc:  # camelot fails on odd regions: no candidate
                log.debug("camelot stream failed on page %s: %s", grid.page, exc)
                continue
            for table in tables:
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
                found.append(Grid(self.name, grid.page, grid.bbox, rows, boxes, extra))
        return found
