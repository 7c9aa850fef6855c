"""What every PDF table method shares: the raw `Grid` one parser finds on a page, the `FoundTable` before
typing, and the `TableParser` base with the hooks the finder and the stitcher call."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

from extractors.tables.rows import RawRow

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber's top-down coordinates)


@dataclass
class Grid:
    """A raw table one parser found on one page: cell texts (None = covered by a span) and boxes."""

    method: str
    page: int
    bbox: Bbox
    cells: list[list[str | None]]
    boxes: list[list[Bbox | None]]
    extra: dict[str, Any] = field(default_factory=dict)  # the parser's own measures (camelot accuracy...)
    score: float = 0.0
    measures: dict[str, float] = field(default_factory=dict)
    continues_loosely: bool = False  # set from its parser's `continues_loosely`

    @property
    def width(self) -> int:
        """Return the number of columns."""
        return max((len(r) for r in self.cells), default=0)


@dataclass
class FoundTable:
    """A table before typing: caption, joined header, physical body rows, pages, method and quality."""

    caption: str | None
    header: list[str]
    rows: list[RawRow]
    pages: list[int]
    method: str
    quality: dict[str, Any]
    parts: list[Grid] = field(default_factory=list)
    top: float = 0.0  # where the table (or its caption) starts on its first page
    note: str | None = None
    no_table: bool = False
    issuer: str | None = None  # from the label lines under the caption (编制部门:…)
    unit: str | None = None  # the money unit of the whole table (单位:万元)


class TableParser(ABC):
    """One extraction method: given the PDF and one page it applies to, return raw grids.

    The finder calls `page_grids` page by page in page order and releases each page after, so a
    parser holds no page; what it carries over to the next page (a borderless table's last part)
    it keeps on itself, one instance per run.
    """

    name: str = ""
    page_kind: str = ""  # the candidate pages it runs on
    # A part found by this method continues the previous part found by it on the page before,
    # whatever its header (borderless tables have no ruling to compare).
    continues_loosely: bool = False
    # Grids of the page before, returned earlier, that the last page_grids call replaced (the finder drops them).
    withdrawn: tuple[Grid, ...] | list[Grid] = ()

    @abstractmethod
    def page_grids(self, path: Path, page: pdfplumber.page.Page, number: int, context: dict) -> list[Grid]:
        """Return the grids found on page `number` (1-based); `page` is its visible, de-duplicated pdfplumber page.

        `context` holds "furniture" (the report's running header keys), "info" (the summaries of
        the pages read so far: lines, height; see page.page_summary) and "open_pages" (this page and
        the one before, still open). A parser may also return grids of the page before: the few rows a
        page break left at its foot.
        """

    def share(self, grids: list[Grid], context: dict) -> None:
        """Hook: leave in `context` what later parsers may use of this parser's grids on the same page (nothing by default)."""


def real_cell_span(boxes: list[list[Bbox | None]], i: int, j: int) -> tuple[int, int]:
    """Given grid boxes, return how many rows and columns the real cell at (i, j) covers."""
    box = boxes[i][j]
    if box is None:
        return 0, 0
    rows = 1
    while i + rows < len(boxes) and j < len(boxes[i + rows]) and boxes[i + rows][j] is None and _row_top(boxes, i + rows) < box[3] - 1:
        rows += 1
    cols = 1
    while j + cols < len(boxes[i]) and boxes[i][j + cols] is None and _col_left(boxes, j + cols) < box[2] - 1:
        cols += 1
    return rows, cols


def _row_top(boxes: list[list[Bbox | None]], i: int) -> float:
    """Return the top of grid row i: the lowest top of its real cells."""
    tops = [b[1] for b in boxes[i] if b is not None]
    return min(tops) if tops else float("inf")


def _col_left(boxes: list[list[Bbox | None]], j: int) -> float:
    """Return the left edge of grid column j: the smallest x0 of its real cells."""
    lefts = [row[j][0] for row in boxes if j < len(row) and row[j] is not None]
    return min(lefts) if lefts else float("inf")


def column_edges(grid: Grid) -> list[float]:
    """Return the left edge of each column (from real cell boxes), for comparing parts of one table."""
    return [_col_left(grid.boxes, j) for j in range(grid.width)]
