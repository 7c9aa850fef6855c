"""pdfplumber's table finder on ruling lines: one grid per ruled table."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from extractors.tables.pdf.base import Grid, TableParser
from extractors.tables.pdf.cells import cell_texts


class PlumberLattice(TableParser):
    """pdfplumber's table finder on ruling lines (and rectangle edges); merged cells come back as None."""

    name = "pdfplumber-lattice"
    page_kind = "ruled"
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "intersection_tolerance": 3}

    def page_grids(self, path: Path, page: pdfplumber.page.Page, number: int, context: dict) -> list[Grid]:
        """Return one grid per ruled table pdfplumber finds on the page."""
        found = []
        for table in page.find_tables(self.settings):
            boxes = [[cell if cell is None else tuple(cell) for cell in row.cells] for row in table.rows]
            texts = cell_texts(page.chars, boxes)
            if not texts or max(len(r) for r in texts) < 2:
                continue
            # one row alone is kept only as the rest of a table cut by the page break (see stitch)
            extra = {"single_row": True} if len(texts) == 1 else {}
            found.append(Grid(self.name, number, tuple(table.bbox), texts, boxes, extra))
        return found
