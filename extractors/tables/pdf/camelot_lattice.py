"""camelot's lattice flavor: ruled tables with spans, converted to top-down grids."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from extractors.tables.pdf.base import Bbox, Grid, TableParser


def span_box(cells: list, i: int, j: int, height: float) -> Bbox:
    """Given camelot's cells, return the top-down box of the span that starts at (i, j) (borders tell its extent)."""
    last_col = j
    while last_col + 1 < len(cells[i]) and not cells[i][last_col + 1].left:
        last_col += 1
    last_row = i
    while last_row + 1 < len(cells) and not cells[last_row + 1][j].top:
        last_row += 1
    first, last = cells[i][j], cells[last_row][last_col]
    return (first.x1, height - first.y2, last.x2, height - last.y1)


class CamelotLattice(TableParser):
    """camelot's lattice flavor; span text is moved to the span's first cell, the rest become None."""

    name = "camelot-lattice"
    page_kind = "ruled"

    def page_grids(self, path: Path, page: pdfplumber.page.Page, number: int, context: dict) -> list[Grid]:
        """Return camelot's lattice tables on the page, converted to top-down boxes."""
        import camelot  # imported here: slow to import, and only ruled pages need it

        tables = camelot.read_pdf(str(path), pages=str(number), flavor="lattice", suppress_stdout=True)
        found = []
        height = float(page.height)
        for table in tables:
            cells: list[list[str | None]] = []
            boxes: list[list[Bbox | None]] = []
            grid_cells = table.cells
            for i, row in enumerate(grid_cells):
                cells.append([])
                boxes.append([])
                for j, cell in enumerate(row):
                    covered = not cell.top or not cell.left
                    cells[-1].append(None if covered else cell.text)
                    boxes[-1].append(None if covered else span_box(grid_cells, i, j, height))
            # camelot may leave span text in a covered cell: move it up/left to the span's owner.
            for i, row in enumerate(table.cells):
                for j, cell in enumerate(row):
                    if cells[i][j] is None and cell.text.strip():
                        oi, oj = i, j
                        while oi > 0 and cells[oi][oj] is None and not table.cells[oi][oj].top:
                            oi -= 1
                        while oj > 0 and cells[oi][oj] is None and not table.cells[oi][oj].left:
                            oj -= 1
                        if cells[oi][oj] is not None:
                            cells[oi][oj] = (cells[oi][oj] + "\n" + cell.text).strip("\n")
            x1, y1, x2, y2 = table._bbox
            report = table.parsing_report
            extra = {"camelot_accuracy": report.get("accuracy"), "camelot_whitespace": report.get("whitespace")}
            found.append(Grid(self.name, number, (x1, height - y2, x2, height - y1), cells, boxes, extra))
        return found
